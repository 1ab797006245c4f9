//! Risks: scores (likelihood × impact), the bands of the heat map, statuses,
//! treatments, mitigation progress and overdue reviews.

pub mod form;

/// Why a risk form was refused; each maps to a translated message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RiskInvalid {
    Required,
    TooLong,
    ScoreOutOfRange,
    UnknownChoice,
    DayOutOfPlan,
}

impl RiskInvalid {
    /// The catalog key of the message shown beside the field.
    pub fn key(self) -> &'static str {
        match self {
            RiskInvalid::Required => "invalid-required",
            RiskInvalid::TooLong => "invalid-too-long",
            RiskInvalid::ScoreOutOfRange => "risk-invalid-score",
            RiskInvalid::UnknownChoice => "invalid-choice",
            RiskInvalid::DayOutOfPlan => "risk-invalid-day",
        }
    }
}

/// A likelihood or an impact: 1 (rare, negligible) to 5 (almost certain, severe).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Level(u8);

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Level; 5] = [Level(1), Level(2), Level(3), Level(4), Level(5)];

    /// Parses what was posted: a whole number from 1 to 5.
    pub fn parse(raw: &str) -> Result<Level, RiskInvalid> {
        match raw.trim() {
            "" => Err(RiskInvalid::Required),
            raw => raw
                .parse::<u8>()
                .ok()
                .and_then(Level::new)
                .ok_or(RiskInvalid::ScoreOutOfRange),
        }
    }

    /// The level `value`, if it is one (1 to 5).
    pub fn new(value: u8) -> Option<Level> {
        (1..=5).contains(&value).then_some(Level(value))
    }

    /// A level read back from the database, whose checks keep it in range.
    pub fn stored(value: i16) -> Option<Level> {
        u8::try_from(value).ok().and_then(Level::new)
    }

    /// 1 to 5.
    pub fn value(self) -> u8 {
        self.0
    }
}

/// A risk's score: its likelihood times its impact, 1 to 25.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Score {
    pub likelihood: Level,
    pub impact: Level,
}

impl Score {
    /// Likelihood × impact.
    pub fn value(self) -> u8 {
        self.likelihood.value() * self.impact.value()
    }

    /// Where the score falls on the heat map.
    pub fn band(self) -> Band {
        Band::of(self.value())
    }
}

/// The heat map's three bands, named in text as well as drawn in colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    /// 1 to 4.
    Low,
    /// 5 to 9.
    Medium,
    /// 10 to 25.
    High,
}

impl Band {
    /// Every band, lowest first.
    pub const ALL: [Band; 3] = [Band::Low, Band::Medium, Band::High];

    /// The band of a score from 1 to 25.
    pub fn of(score: u8) -> Band {
        match score {
            0..=4 => Band::Low,
            5..=9 => Band::Medium,
            _ => Band::High,
        }
    }

    /// The lowest and highest score of the band.
    pub fn range(self) -> (u8, u8) {
        match self {
            Band::Low => (1, 4),
            Band::Medium => (5, 9),
            Band::High => (10, 25),
        }
    }

    /// The CSS class suffix, stable across languages.
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Low => "low",
            Band::Medium => "medium",
            Band::High => "high",
        }
    }

    /// The catalog key of its name.
    pub fn label_key(self) -> String {
        format!("risk-band-{}", self.as_str())
    }
}

/// Where a risk stands. Read from the database as text: an unknown status is
/// a decoding error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum RiskStatus {
    Open,
    Mitigating,
    Accepted,
    Closed,
}

impl RiskStatus {
    /// Every status, in the order a risk usually goes through them.
    pub const ALL: [RiskStatus; 4] = [
        RiskStatus::Open,
        RiskStatus::Mitigating,
        RiskStatus::Accepted,
        RiskStatus::Closed,
    ];

    /// The value stored and posted.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskStatus::Open => "open",
            RiskStatus::Mitigating => "mitigating",
            RiskStatus::Accepted => "accepted",
            RiskStatus::Closed => "closed",
        }
    }

    /// Parses a posted value.
    pub fn parse(value: &str) -> Option<RiskStatus> {
        RiskStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
    }

    /// The catalog key of its label.
    pub fn label_key(self) -> String {
        format!("risk-status-{}", self.as_str())
    }
}

/// How the team answers a risk. Read from the database as text: an unknown
/// treatment is a decoding error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Treatment {
    Mitigate,
    Accept,
    Avoid,
    Transfer,
}

impl Treatment {
    /// Every treatment, the usual one first.
    pub const ALL: [Treatment; 4] = [
        Treatment::Mitigate,
        Treatment::Accept,
        Treatment::Avoid,
        Treatment::Transfer,
    ];

    /// The value stored and posted.
    pub fn as_str(self) -> &'static str {
        match self {
            Treatment::Mitigate => "mitigate",
            Treatment::Accept => "accept",
            Treatment::Avoid => "avoid",
            Treatment::Transfer => "transfer",
        }
    }

    /// Parses a posted value.
    pub fn parse(value: &str) -> Option<Treatment> {
        Treatment::ALL
            .into_iter()
            .find(|treatment| treatment.as_str() == value)
    }

    /// The catalog key of its label.
    pub fn label_key(self) -> String {
        format!("risk-treatment-{}", self.as_str())
    }
}

/// How far a risk's mitigation items are done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MitigationProgress {
    pub done: i64,
    pub total: i64,
}

impl MitigationProgress {
    /// The share done, 0 to 100 (0 without items: nothing mitigates it yet).
    pub fn percent(self) -> i64 {
        if self.total == 0 {
            0
        } else {
            self.done * 100 / self.total
        }
    }
}

/// Whether a risk's review is late: its review day has passed and it is not closed.
pub fn review_overdue(next_review_day: Option<i64>, status: RiskStatus, today: i64) -> bool {
    status != RiskStatus::Closed && next_review_day.is_some_and(|day| day < today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_whole_numbers_from_one_to_five() {
        assert_eq!(Level::parse(" 3 ").map(Level::value), Ok(3));
        for refused in ["0", "6", "abc", "2.5", "-1", "300"] {
            assert_eq!(
                Level::parse(refused),
                Err(RiskInvalid::ScoreOutOfRange),
                "{refused}"
            );
        }
        assert_eq!(Level::parse(""), Err(RiskInvalid::Required));
        assert_eq!(Level::stored(7), None);
    }

    #[test]
    fn a_score_is_likelihood_times_impact_and_falls_in_one_band() {
        let score = |l, i| Score {
            likelihood: Level::new(l).unwrap(),
            impact: Level::new(i).unwrap(),
        };
        assert_eq!(score(3, 4).value(), 12);
        assert_eq!(score(3, 4).band(), Band::High);
        assert_eq!(score(3, 3).band(), Band::Medium);
        assert_eq!(score(2, 2).band(), Band::Low);
        assert_eq!(score(5, 5).value(), 25);
        for value in 1..=25 {
            let band = Band::of(value);
            let (low, high) = band.range();
            assert!((low..=high).contains(&value), "{value} in {band:?}");
        }
    }

    #[test]
    fn mitigation_progress_is_the_share_of_items_done() {
        assert_eq!(MitigationProgress { done: 1, total: 3 }.percent(), 33);
        assert_eq!(MitigationProgress { done: 0, total: 0 }.percent(), 0);
        assert_eq!(MitigationProgress { done: 2, total: 2 }.percent(), 100);
    }

    #[test]
    fn a_review_is_overdue_once_its_day_has_passed_unless_the_risk_is_closed() {
        assert!(review_overdue(Some(10), RiskStatus::Open, 11));
        assert!(!review_overdue(Some(10), RiskStatus::Open, 10));
        assert!(!review_overdue(Some(10), RiskStatus::Closed, 20));
        assert!(!review_overdue(None, RiskStatus::Mitigating, 20));
    }

    #[test]
    fn statuses_and_treatments_read_back_what_they_write() {
        for status in RiskStatus::ALL {
            assert_eq!(RiskStatus::parse(status.as_str()), Some(status));
        }
        for treatment in Treatment::ALL {
            assert_eq!(Treatment::parse(treatment.as_str()), Some(treatment));
        }
        assert_eq!(RiskStatus::parse("lost"), None);
    }
}
