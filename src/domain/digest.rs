//! The morning digest (issue 18): which open items need someone today.

use crate::domain::item::ItemState;

/// Why an item is in the digest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    Blocked,
    Late,
    DueToday,
}

impl Urgency {
    /// Every urgency, in the digest's order.
    pub const ALL: [Urgency; 3] = [Urgency::Blocked, Urgency::Late, Urgency::DueToday];

    /// The catalog key of its heading.
    pub fn heading_key(self) -> &'static str {
        match self {
            Urgency::Blocked => "mail-digest-blocked",
            Urgency::Late => "mail-digest-late",
            Urgency::DueToday => "mail-digest-today",
        }
    }
}

/// Why an item in `state`, due on plan day `due_day`, is in the digest of
/// plan day `today`, if it is: blocked first, then late, then due today.
pub fn urgency(state: ItemState, due_day: i32, today: i64) -> Option<Urgency> {
    let due = i64::from(due_day);
    match state {
        ItemState::Done => None,
        ItemState::Blocked => Some(Urgency::Blocked),
        _ if due < today => Some(Urgency::Late),
        _ if due == today => Some(Urgency::DueToday),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_item_is_late_before_today_due_today_on_it_and_absent_after() {
        for state in [ItemState::Todo, ItemState::InProgress] {
            assert_eq!(urgency(state, 9, 10), Some(Urgency::Late));
            assert_eq!(urgency(state, 10, 10), Some(Urgency::DueToday));
            assert_eq!(urgency(state, 11, 10), None);
        }
    }

    #[test]
    fn a_blocked_item_is_always_in_and_a_done_one_never() {
        for due in [5, 10, 20] {
            assert_eq!(urgency(ItemState::Blocked, due, 10), Some(Urgency::Blocked));
            assert_eq!(urgency(ItemState::Done, due, 10), None);
        }
    }
}
