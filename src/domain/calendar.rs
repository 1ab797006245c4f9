//! The plan's calendar: day J+n is the kickoff date plus n days, in the plan's time zone.

use chrono::{DateTime, NaiveDate, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// When the plan starts and ends, and where its days are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Calendar {
    pub kickoff: NaiveDate,
    pub time_zone: Tz,
    pub launch_day: i64,
    pub launch_time: NaiveTime,
    pub horizon: i64,
}

impl Calendar {
    /// The date of day J+n (n may be negative: before kickoff).
    pub fn date_of(&self, day: i64) -> NaiveDate {
        self.kickoff + chrono::Duration::days(day)
    }

    /// The J+n number of a date.
    pub fn day_of(&self, date: NaiveDate) -> i64 {
        (date - self.kickoff).num_days()
    }

    /// The calendar date at `now` in the plan's time zone.
    pub fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.time_zone).date_naive()
    }

    /// Today's J+n.
    pub fn today_day(&self, now: DateTime<Utc>) -> i64 {
        self.day_of(self.today(now))
    }

    /// The launch moment, in UTC. A launch time that falls in a daylight-saving
    /// gap (it does not exist on the wall clock) is read with the offset of the
    /// instant it names in UTC.
    pub fn launch_at(&self) -> DateTime<Utc> {
        let local = self.date_of(self.launch_day).and_time(self.launch_time);
        match self.time_zone.from_local_datetime(&local).earliest() {
            Some(at) => at.with_timezone(&Utc),
            None => {
                let offset = self.time_zone.offset_from_utc_datetime(&local).fix();
                Utc.from_utc_datetime(&(local - offset))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn calendar(kickoff: NaiveDate) -> Calendar {
        Calendar {
            kickoff,
            time_zone: chrono_tz::Europe::Paris,
            launch_day: 31,
            launch_time: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            horizon: 60,
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn day_twelve_of_a_kickoff_on_november_26_is_december_8() {
        let plan = calendar(date(2026, 11, 26));
        assert_eq!(plan.date_of(12), date(2026, 12, 8));
        assert_eq!(plan.date_of(0), date(2026, 11, 26));
        assert_eq!(plan.date_of(-1), date(2026, 11, 25));
        assert_eq!(plan.day_of(date(2026, 12, 27)), 31);
    }

    #[test]
    fn today_is_counted_in_the_plan_time_zone_not_in_utc() {
        let plan = calendar(date(2026, 11, 26));
        let late_evening_utc = Utc.with_ymd_and_hms(2026, 12, 7, 23, 30, 0).unwrap();
        assert_eq!(plan.today(late_evening_utc), date(2026, 12, 8));
        assert_eq!(plan.today_day(late_evening_utc), 12);
    }

    #[test]
    fn the_launch_moment_is_launch_day_at_launch_time_in_paris() {
        let plan = calendar(date(2026, 11, 26));
        assert_eq!(
            plan.launch_at(),
            Utc.with_ymd_and_hms(2026, 12, 27, 9, 0, 0).unwrap()
        );
    }

    proptest! {
        #[test]
        fn day_of_undoes_date_of(offset in -400i64..400, day in -1000i64..1000) {
            let plan = calendar(date(2026, 1, 1) + chrono::Duration::days(offset));
            prop_assert_eq!(plan.day_of(plan.date_of(day)), day);
        }

        #[test]
        fn consecutive_days_are_consecutive_dates(day in -1000i64..1000) {
            let plan = calendar(date(2026, 3, 29));
            prop_assert_eq!(plan.date_of(day + 1), plan.date_of(day).succ_opt().unwrap());
        }

        #[test]
        fn today_day_matches_the_local_date(secs in 1_700_000_000i64..1_900_000_000) {
            let plan = calendar(date(2026, 6, 1));
            let now = DateTime::from_timestamp(secs, 0).unwrap();
            let local = now.with_timezone(&chrono_tz::Europe::Paris).date_naive();
            prop_assert_eq!(plan.date_of(plan.today_day(now)), local);
        }
    }
}
