//! The plan's settings as an admin writes them: name, description, kickoff,
//! launch and time zone.

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;

/// Time zones offered first in the settings form; any IANA name is accepted.
pub const COMMON_TIME_ZONES: [&str; 16] = [
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/Zurich",
    "Europe/Luxembourg",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Lisbon",
    "America/Toronto",
    "America/New_York",
    "America/Los_Angeles",
    "America/Martinique",
    "Indian/Reunion",
    "Africa/Dakar",
    "Asia/Tokyo",
    "UTC",
];

/// The longest description the plan keeps (the column's check says the same).
pub const DESCRIPTION_MAX_CHARS: usize = 4000;

/// Why a setting was refused; each maps to a translated message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingsInvalid {
    Required,
    TooLong,
    Date,
    LaunchDay,
    Time,
    TimeZone,
}

impl SettingsInvalid {
    /// The catalog key of the message shown beside the field.
    pub fn key(self) -> &'static str {
        match self {
            SettingsInvalid::Required => "invalid-required",
            SettingsInvalid::TooLong => "invalid-too-long",
            SettingsInvalid::Date => "plan-invalid-date",
            SettingsInvalid::LaunchDay => "plan-invalid-launch-day",
            SettingsInvalid::Time => "plan-invalid-time",
            SettingsInvalid::TimeZone => "plan-invalid-time-zone",
        }
    }
}

/// The settings form, as typed.
#[derive(Clone, Copy, Debug)]
pub struct SettingsInput<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub kickoff_date: &'a str,
    pub launch_day: &'a str,
    pub launch_time: &'a str,
    pub time_zone: &'a str,
}

/// Valid settings: a launch day inside the plan, a known time zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanSettings {
    pub name: String,
    /// Plain text: paragraphs and "- " bullets, lines ending in `\n`.
    pub description: String,
    pub kickoff: NaiveDate,
    pub launch_day: i32,
    pub launch_time: NaiveTime,
    pub time_zone: Tz,
}

impl PlanSettings {
    /// Parses the form, the launch day within 1..=`horizon` (written `31`,
    /// `J+31` or `D+31`). Every invalid field is reported, by name.
    pub fn parse(
        input: SettingsInput<'_>,
        horizon: i32,
    ) -> Result<PlanSettings, Vec<(&'static str, SettingsInvalid)>> {
        let mut errors = Vec::new();
        let name = input.name.trim();
        match name.chars().count() {
            0 => errors.push(("name", SettingsInvalid::Required)),
            1..=100 => {}
            _ => errors.push(("name", SettingsInvalid::TooLong)),
        }
        // Browsers post a textarea's line breaks as CRLF.
        let description = input.description.replace("\r\n", "\n").trim().to_owned();
        if description.chars().count() > DESCRIPTION_MAX_CHARS {
            errors.push(("description", SettingsInvalid::TooLong));
        }
        let kickoff = NaiveDate::parse_from_str(input.kickoff_date.trim(), "%Y-%m-%d")
            .map_err(|_| errors.push(("kickoff_date", SettingsInvalid::Date)))
            .ok();
        let launch_day = input
            .launch_day
            .trim()
            .trim_start_matches(['J', 'j', 'D', 'd'])
            .trim_start_matches('+')
            .parse::<i32>()
            .ok()
            .filter(|day| (1..=horizon).contains(day));
        if launch_day.is_none() {
            errors.push(("launch_day", SettingsInvalid::LaunchDay));
        }
        let time = input.launch_time.trim();
        let launch_time = NaiveTime::parse_from_str(time, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M:%S"))
            .map_err(|_| errors.push(("launch_time", SettingsInvalid::Time)))
            .ok();
        let time_zone = input
            .time_zone
            .trim()
            .parse::<Tz>()
            .map_err(|_| errors.push(("time_zone", SettingsInvalid::TimeZone)))
            .ok();
        match (kickoff, launch_day, launch_time, time_zone) {
            (Some(kickoff), Some(launch_day), Some(launch_time), Some(time_zone))
                if errors.is_empty() =>
            {
                Ok(PlanSettings {
                    name: name.to_owned(),
                    description,
                    kickoff,
                    launch_day,
                    launch_time,
                    time_zone,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> SettingsInput<'static> {
        SettingsInput {
            name: " Lancement de Lootopia ",
            description: "Objectifs :\r\n- Déployer\r\n- Lancer\r\n",
            kickoff_date: "2026-11-26",
            launch_day: "J+31",
            launch_time: "10:00",
            time_zone: "Europe/Paris",
        }
    }

    #[test]
    fn settings_as_typed_become_a_date_a_day_a_time_and_a_zone() {
        let settings = PlanSettings::parse(input(), 60).unwrap();
        assert_eq!(settings.name, "Lancement de Lootopia");
        assert_eq!(settings.description, "Objectifs :\n- Déployer\n- Lancer");
        assert_eq!(
            settings.kickoff,
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
        );
        assert_eq!(settings.launch_day, 31);
        assert_eq!(
            settings.launch_time,
            NaiveTime::from_hms_opt(10, 0, 0).unwrap()
        );
        assert_eq!(settings.time_zone, chrono_tz::Europe::Paris);
        let seconds = SettingsInput {
            launch_time: "09:30:00",
            launch_day: "45",
            ..input()
        };
        assert_eq!(PlanSettings::parse(seconds, 60).unwrap().launch_day, 45);
    }

    #[test]
    fn every_invalid_setting_is_reported_beside_its_field() {
        let long = "x".repeat(DESCRIPTION_MAX_CHARS + 1);
        let bad = SettingsInput {
            name: " ",
            description: &long,
            kickoff_date: "26/11/2026",
            launch_day: "61",
            launch_time: "25:00",
            time_zone: "Europe/Atlantis",
        };
        let fields: Vec<&str> = PlanSettings::parse(bad, 60)
            .unwrap_err()
            .into_iter()
            .map(|(field, _)| field)
            .collect();
        assert_eq!(
            fields,
            [
                "name",
                "description",
                "kickoff_date",
                "launch_day",
                "launch_time",
                "time_zone"
            ]
        );
        let day_zero = SettingsInput {
            launch_day: "0",
            ..input()
        };
        assert!(PlanSettings::parse(day_zero, 60).is_err());
    }

    #[test]
    fn every_common_time_zone_is_a_known_iana_name() {
        for zone in COMMON_TIME_ZONES {
            assert!(zone.parse::<Tz>().is_ok(), "{zone}");
        }
    }
}
