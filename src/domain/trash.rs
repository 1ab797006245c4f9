//! The trash's rule: what is deleted stays restorable for a while, then goes.

use chrono::{DateTime, Duration, Utc};

/// How many days something stays in the trash, restorable, before it is purged.
pub const RETENTION_DAYS: i64 = 30;

/// What went to the trash before this moment is due for purging at `now`.
pub fn purge_cutoff(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::days(RETENTION_DAYS)
}

/// The whole days left, rounded up, before what went to the trash at
/// `deleted_at` is purged: 30 just after, 1 on its last day, 0 once due.
pub fn days_left(deleted_at: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    const DAY: i64 = 86_400;
    let left = (deleted_at + Duration::days(RETENTION_DAYS) - now).num_seconds();
    if left <= 0 { 0 } else { (left + DAY - 1) / DAY }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn what_went_to_the_trash_is_purged_after_thirty_days() {
        let now = at("2025-03-31T12:00:00Z");
        assert_eq!(purge_cutoff(now), at("2025-03-01T12:00:00Z"));
        let just_kept = at("2025-03-01T12:00:00Z");
        let just_due = at("2025-03-01T11:59:59Z");
        assert!(just_kept >= purge_cutoff(now) && just_due < purge_cutoff(now));
    }

    #[test]
    fn the_days_left_count_down_from_thirty_to_zero() {
        let deleted = at("2025-03-01T12:00:00Z");
        assert_eq!(days_left(deleted, deleted), 30);
        assert_eq!(days_left(deleted, at("2025-03-01T12:00:01Z")), 30);
        assert_eq!(days_left(deleted, at("2025-03-02T12:00:00Z")), 29);
        assert_eq!(days_left(deleted, at("2025-03-31T11:59:59Z")), 1);
        assert_eq!(days_left(deleted, at("2025-03-31T12:00:00Z")), 0);
        assert_eq!(days_left(deleted, at("2025-04-30T12:00:00Z")), 0);
    }
}
