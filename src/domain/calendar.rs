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

    /// Calendar days from today to launch day, as the team counts them ("J-21"):
    /// negative once launch day has passed.
    pub fn days_to_launch(&self, now: DateTime<Utc>) -> i64 {
        self.launch_day - self.today_day(now)
    }

    /// The exact time left to the launch moment; `None` once it has come.
    pub fn time_to_launch(&self, now: DateTime<Utc>) -> Option<TimeLeft> {
        TimeLeft::until(now, self.launch_at())
    }

    /// Where today falls among the plan's milestones.
    pub fn stage(&self, now: DateTime<Utc>) -> Stage {
        let today = self.today_day(now);
        match today {
            day if day < 0 => Stage::BeforeKickoff { days_left: -day },
            day if day < self.launch_day => Stage::Preparing {
                days_left: self.launch_day - day,
            },
            day if day == self.launch_day => Stage::LaunchDay,
            day if day <= self.horizon => Stage::Support { day },
            day => Stage::Over { day },
        }
    }
}

/// Where today falls among the plan's milestones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Before J0: the days left to kickoff.
    BeforeKickoff {
        days_left: i64,
    },
    /// Between kickoff and launch day: the days left to launch day.
    Preparing {
        days_left: i64,
    },
    LaunchDay,
    /// After launch day, up to the plan's horizon: today's J+n.
    Support {
        day: i64,
    },
    /// Past the horizon: today's J+n.
    Over {
        day: i64,
    },
}

/// Time left to an instant, split the way a countdown shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeLeft {
    pub days: i64,
    pub hours: i64,
    pub minutes: i64,
    pub seconds: i64,
}

impl TimeLeft {
    /// From `now` to `at`, whole seconds; `None` when `at` is not in the future.
    pub fn until(now: DateTime<Utc>, at: DateTime<Utc>) -> Option<TimeLeft> {
        let total = (at - now).num_seconds();
        (total > 0).then_some(TimeLeft {
            days: total / 86_400,
            hours: total % 86_400 / 3_600,
            minutes: total % 3_600 / 60,
            seconds: total % 60,
        })
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

    fn paris_at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Paris
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_new_day_starts_at_midnight_in_paris_while_utc_is_still_on_the_day_before() {
        let plan = calendar(date(2026, 11, 26));
        // Winter: Paris is UTC+1, so its midnight is 23:00 UTC.
        let before = Utc.with_ymd_and_hms(2026, 12, 6, 22, 59, 59).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 12, 6, 23, 0, 0).unwrap();
        assert_eq!(plan.today_day(before), 10);
        assert_eq!(plan.today_day(after), 11);
        assert_eq!(
            after.date_naive(),
            date(2026, 12, 6),
            "UTC is still on the 6th"
        );
        assert_eq!(plan.days_to_launch(before), 21);
        assert_eq!(plan.days_to_launch(after), 20);
    }

    #[test]
    fn after_the_spring_change_a_new_day_starts_an_hour_earlier_in_utc() {
        // Paris moves to UTC+2 on Sunday 29 March 2026 at 02:00.
        let plan = calendar(date(2026, 3, 20));
        let winter_eve = Utc.with_ymd_and_hms(2026, 3, 27, 23, 0, 0).unwrap();
        let summer_eve_before = Utc.with_ymd_and_hms(2026, 3, 29, 21, 59, 59).unwrap();
        let summer_midnight = Utc.with_ymd_and_hms(2026, 3, 29, 22, 0, 0).unwrap();
        assert_eq!(plan.today(winter_eve), date(2026, 3, 28));
        assert_eq!(plan.today_day(summer_eve_before), 9);
        assert_eq!(plan.today_day(summer_midnight), 10);
        assert_eq!(plan.days_to_launch(summer_midnight), 21);
    }

    #[test]
    fn after_the_autumn_change_a_new_day_starts_an_hour_later_in_utc() {
        // Paris moves back to UTC+1 on Sunday 25 October 2026 at 03:00.
        let plan = calendar(date(2026, 10, 20));
        assert_eq!(
            plan.today_day(Utc.with_ymd_and_hms(2026, 10, 24, 21, 59, 59).unwrap()),
            4
        );
        assert_eq!(
            plan.today_day(Utc.with_ymd_and_hms(2026, 10, 24, 22, 0, 0).unwrap()),
            5
        );
        assert_eq!(
            plan.today_day(Utc.with_ymd_and_hms(2026, 10, 25, 22, 30, 0).unwrap()),
            5
        );
        assert_eq!(
            plan.today_day(Utc.with_ymd_and_hms(2026, 10, 25, 23, 0, 0).unwrap()),
            6
        );
    }

    #[test]
    fn the_time_left_to_launch_counts_days_hours_minutes_and_seconds() {
        let plan = calendar(date(2026, 11, 26));
        let now = paris_at(2026, 12, 6, 8, 29) + chrono::Duration::seconds(15);
        assert_eq!(
            plan.time_to_launch(now),
            Some(TimeLeft {
                days: 21,
                hours: 1,
                minutes: 30,
                seconds: 45
            })
        );
        assert_eq!(
            plan.time_to_launch(plan.launch_at()),
            None,
            "the moment itself has come"
        );
        assert_eq!(
            plan.time_to_launch(plan.launch_at() + chrono::Duration::hours(1)),
            None
        );
    }

    #[test]
    fn the_time_left_across_the_spring_change_is_an_hour_short_of_whole_days() {
        // Kickoff on 1 March at 10:00 (UTC+1); launch on 1 April at 10:00 (UTC+2).
        let plan = calendar(date(2026, 3, 1));
        assert_eq!(
            plan.launch_at(),
            Utc.with_ymd_and_hms(2026, 4, 1, 8, 0, 0).unwrap()
        );
        let kickoff_morning = paris_at(2026, 3, 1, 10, 0);
        assert_eq!(
            plan.time_to_launch(kickoff_morning),
            Some(TimeLeft {
                days: 30,
                hours: 23,
                minutes: 0,
                seconds: 0
            })
        );
        assert_eq!(plan.days_to_launch(kickoff_morning), 31);
    }

    #[test]
    fn the_stage_follows_kickoff_launch_day_and_the_horizon() {
        let plan = calendar(date(2026, 11, 26));
        let on = |y, m, d| paris_at(y, m, d, 12, 0);
        assert_eq!(
            plan.stage(on(2026, 11, 20)),
            Stage::BeforeKickoff { days_left: 6 }
        );
        assert_eq!(
            plan.stage(on(2026, 11, 26)),
            Stage::Preparing { days_left: 31 }
        );
        assert_eq!(
            plan.stage(on(2026, 12, 26)),
            Stage::Preparing { days_left: 1 }
        );
        assert_eq!(plan.stage(on(2026, 12, 27)), Stage::LaunchDay);
        assert_eq!(plan.stage(on(2026, 12, 28)), Stage::Support { day: 32 });
        assert_eq!(plan.stage(on(2027, 1, 25)), Stage::Support { day: 60 });
        assert_eq!(plan.stage(on(2027, 1, 26)), Stage::Over { day: 61 });
    }

    proptest! {
        #[test]
        fn the_time_left_adds_up_to_the_seconds_to_launch(secs in 1_700_000_000i64..1_900_000_000) {
            let plan = calendar(date(2026, 6, 1));
            let now = DateTime::from_timestamp(secs, 0).unwrap();
            let total = (plan.launch_at() - now).num_seconds();
            match plan.time_to_launch(now) {
                Some(left) => {
                    prop_assert!((0..24).contains(&left.hours) && (0..60).contains(&left.minutes) && (0..60).contains(&left.seconds));
                    prop_assert_eq!(left.days * 86_400 + left.hours * 3_600 + left.minutes * 60 + left.seconds, total);
                }
                None => prop_assert!(total <= 0),
            }
        }

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
