//! The countdown's two figures in words: the calendar days to launch day
//! ("J-21") and the time left to the launch moment, each unit in the plural
//! its figure takes, and what each counts.

use chrono::{DateTime, Utc};
use fluent_templates::fluent_bundle::FluentValue;

use crate::domain::calendar::{Calendar, Stage, TimeLeft};
use crate::domain::verdict::Outcome;
use crate::i18n::Lang;

/// The time left, each unit as drawn: days as is, the others on two digits.
#[derive(Debug)]
pub struct Clock {
    pub days: ClockUnit,
    pub hours: ClockUnit,
    pub minutes: ClockUnit,
    pub seconds: ClockUnit,
    /// The same in words, for screen readers and the overview.
    pub text: String,
}

/// One unit of the clock: its figure and its name, in the plural the figure
/// takes ("1 jour", "2 jours"). It displays as its figure.
#[derive(Debug)]
pub struct ClockUnit {
    pub value: String,
    pub name: String,
    /// The name in the plural categories `one` and `other`, for the script
    /// that moves the figures between two renders.
    pub one: String,
    pub other: String,
}

impl ClockUnit {
    /// The unit `key` of the catalog (a message on `$n`) showing `n`, drawn as `value`.
    fn new(lang: Lang, key: &str, n: i64, value: String) -> ClockUnit {
        let name = |n: i64| lang.t_args(key, &[("n", n.into())]);
        ClockUnit {
            value,
            name: name(n),
            one: name(1),
            other: name(2),
        }
    }
}

impl std::fmt::Display for ClockUnit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.value)
    }
}

/// The big figure and what it counts: calendar days to launch day until
/// then ("J-21"), then the plan's day, which says whether the launch came
/// with a GO.
pub(super) fn days_figure(
    lang: Lang,
    calendar: &Calendar,
    now: DateTime<Utc>,
    outcome: Outcome,
) -> (String, String) {
    match calendar.stage(now) {
        Stage::BeforeKickoff { .. } | Stage::Preparing { .. } => {
            let days_left = calendar.days_to_launch(now);
            (
                lang.day(-days_left),
                lang.t_args("countdown-days-caption", &[("days", days_left.into())]),
            )
        }
        Stage::LaunchDay => (lang.t("countdown-d-day"), lang.t("countdown-launch-day")),
        Stage::Support { day } | Stage::Over { day } => {
            let caption = match outcome {
                Outcome::Launched { .. } => "countdown-support-caption",
                Outcome::Ahead | Outcome::Missed => "countdown-missed-caption",
            };
            (lang.day(day), lang.t(caption))
        }
    }
}

pub(super) fn clock(lang: Lang, left: TimeLeft) -> Clock {
    Clock {
        days: ClockUnit::new(
            lang,
            "countdown-unit-days",
            left.days,
            left.days.to_string(),
        ),
        hours: ClockUnit::new(
            lang,
            "countdown-unit-hours",
            left.hours,
            format!("{:02}", left.hours),
        ),
        minutes: ClockUnit::new(
            lang,
            "countdown-unit-minutes",
            left.minutes,
            format!("{:02}", left.minutes),
        ),
        seconds: ClockUnit::new(
            lang,
            "countdown-unit-seconds",
            left.seconds,
            format!("{:02}", left.seconds),
        ),
        text: time_left_text(lang, left),
    }
}

/// "to the launch moment, 10:00 Europe/Paris".
pub(super) fn left_caption(lang: Lang, calendar: &Calendar) -> String {
    let local = calendar.launch_at().with_timezone(&calendar.time_zone);
    lang.t_args(
        "countdown-left-caption",
        &[
            ("time", local.format("%H:%M").to_string().into()),
            ("zone", calendar.time_zone.name().into()),
        ],
    )
}

/// Both figures explained in one line, before launch day: "J-31 :
/// jours calendaires jusqu'au jour du lancement · 30 j 15 h 10 min jusqu'au
/// moment du lancement, 10:00 Europe/Paris".
pub fn figures_explained(lang: Lang, calendar: &Calendar, now: DateTime<Utc>) -> Option<String> {
    let left = calendar.time_to_launch(now)?;
    let days_left = calendar.days_to_launch(now);
    if days_left < 1 {
        return None;
    }
    let args: [(&'static str, FluentValue<'static>); 4] = [
        ("days", lang.day(-days_left).into()),
        (
            "days_caption",
            lang.t_args("countdown-days-caption", &[("days", days_left.into())])
                .into(),
        ),
        ("left", time_left_text(lang, left).into()),
        ("left_caption", left_caption(lang, calendar).into()),
    ];
    Some(lang.t_args("countdown-explain", &args))
}

/// "20 j 23 h 10 min" / "20 d 23 h 10 min": the time left to the minute.
pub fn time_left_text(lang: Lang, left: TimeLeft) -> String {
    lang.t_args(
        "countdown-time-left",
        &[
            ("days", left.days.into()),
            ("hours", left.hours.into()),
            ("minutes", left.minutes.into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime, TimeZone};

    fn left(days: i64, hours: i64) -> TimeLeft {
        TimeLeft {
            days,
            hours,
            minutes: 1,
            seconds: 2,
        }
    }

    fn said(unit: &ClockUnit) -> String {
        format!("{unit} {}", unit.name)
    }

    #[test]
    fn one_day_is_a_jour_and_two_days_are_jours_in_both_languages() {
        let fr = |days, hours| clock(Lang::Fr, left(days, hours));
        let en = |days, hours| clock(Lang::En, left(days, hours));
        assert_eq!(said(&fr(1, 1).days), "1 jour");
        assert_eq!(said(&fr(2, 2).days), "2 jours");
        assert_eq!(said(&fr(1, 1).hours), "01 heure");
        assert_eq!(said(&fr(2, 2).hours), "02 heures");
        assert_eq!(said(&en(1, 1).days), "1 day");
        assert_eq!(said(&en(2, 2).days), "2 days");
        assert_eq!(said(&en(1, 1).hours), "01 hour");
        assert_eq!(said(&en(2, 2).hours), "02 hours");
        assert_eq!(
            said(&en(0, 0).days),
            "0 days",
            "English counts zero as many"
        );
        assert_eq!(said(&fr(0, 0).days), "0 jour", "French counts zero as one");
        let minute = fr(3, 3);
        assert_eq!(
            (said(&minute.minutes), said(&minute.seconds)),
            ("01 minute".to_owned(), "02 secondes".to_owned())
        );
        assert_eq!(
            (minute.days.one.as_str(), minute.days.other.as_str()),
            ("jour", "jours")
        );
    }

    #[test]
    fn the_day_counts_of_the_catalogs_say_one_day_and_two_days() {
        let count = |lang: Lang, key, n: i64| lang.t_args(key, &[("days", n.into())]);
        assert_eq!(
            count(Lang::Fr, "countdown-days-left", 1),
            "Lancement dans 1 jour"
        );
        assert_eq!(
            count(Lang::Fr, "countdown-days-left", 2),
            "Lancement dans 2 jours"
        );
        assert_eq!(count(Lang::En, "countdown-days-left", 1), "Launch in 1 day");
        assert_eq!(
            count(Lang::En, "countdown-days-left", 2),
            "Launch in 2 days"
        );
        assert_eq!(
            count(Lang::Fr, "overview-kickoff-in", 1),
            "Démarrage dans 1 jour"
        );
        assert_eq!(
            count(Lang::En, "overview-kickoff-in", 2),
            "Kickoff in 2 days"
        );
        assert_eq!(
            count(Lang::Fr, "countdown-days-caption", 1),
            "jour calendaire jusqu'au jour du lancement"
        );
        assert_eq!(
            count(Lang::En, "countdown-days-caption", 2),
            "calendar days to launch day"
        );
    }

    /// A count of days or hours written straight after its figure, outside
    /// a plural variant, would say "1 jours" again.
    #[test]
    fn every_count_of_days_or_hours_in_the_catalogs_goes_through_a_plural_variant() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let mut counted = 0;
        for lang in Lang::ALL {
            for entry in std::fs::read_dir(root.join(lang.code())).unwrap() {
                let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                for line in source.lines() {
                    for word in [
                        "jours", "jour", "days", "day", "heures", "heure", "hours", "hour",
                    ] {
                        let counts = line.match_indices(&format!("}} {word}")).any(|(at, _)| {
                            let after = &line[at + 2 + word.len()..];
                            !after.starts_with(|c: char| c.is_alphanumeric())
                        });
                        if counts {
                            counted += 1;
                            let variant = line.trim_start().trim_start_matches('*');
                            assert!(variant.starts_with('['), "no plural in: {line}");
                        }
                    }
                }
            }
        }
        assert!(
            counted >= 8,
            "only {counted} counts found: the scan is broken"
        );
    }

    #[test]
    fn the_countdown_explains_its_two_figures() {
        let calendar = Calendar {
            kickoff: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            time_zone: chrono_tz::Europe::Paris,
            launch_day: 31,
            launch_time: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            horizon: 60,
        };
        // 26 November, 18:20 in Paris: J-31 by the calendar, 30 d 15 h 40 min by the clock.
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 17, 20, 0).unwrap();
        assert_eq!(
            figures_explained(Lang::Fr, &calendar, now).unwrap(),
            "J-31 : jours calendaires jusqu'au jour du lancement · 30 j 15 h 40 min \
             jusqu'au moment du lancement, 10:00 Europe/Paris"
        );
        assert_eq!(
            figures_explained(Lang::En, &calendar, now).unwrap(),
            "D-31: calendar days to launch day · 30 d 15 h 40 min \
             to the launch moment, 10:00 Europe/Paris"
        );
        let launch_morning = Utc.with_ymd_and_hms(2026, 12, 27, 7, 0, 0).unwrap();
        assert_eq!(figures_explained(Lang::Fr, &calendar, launch_morning), None);
    }
}
