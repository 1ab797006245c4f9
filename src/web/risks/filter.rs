//! The register's filters, read from the query string
//! (`/risks?status=open&team=...&likelihood=3&impact=4`) and written back into
//! the heat map's links and the export's.

use uuid::Uuid;

use crate::db::risks::{Filter, Risk};
use crate::domain::risk::{Level, RiskStatus, Score};

/// Which statuses the register shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    /// Every risk but the closed ones: what a launch still has to face.
    #[default]
    Active,
    All,
    Only(RiskStatus),
}

impl StatusFilter {
    /// The value in the query string; the default has none.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusFilter::Active => "",
            StatusFilter::All => "all",
            StatusFilter::Only(status) => status.as_str(),
        }
    }

    fn parse(value: &str) -> StatusFilter {
        match value {
            "all" => StatusFilter::All,
            value => RiskStatus::parse(value).map_or(StatusFilter::Active, StatusFilter::Only),
        }
    }

    /// Every choice, the default first.
    pub fn all() -> Vec<StatusFilter> {
        std::iter::once(StatusFilter::Active)
            .chain(RiskStatus::ALL.map(StatusFilter::Only))
            .chain([StatusFilter::All])
            .collect()
    }
}

/// A register request. Unknown or malformed values are dropped rather than
/// refused: a filter is a view, not a change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RegisterQuery {
    pub status: StatusFilter,
    pub team: Option<Uuid>,
    /// The heat map cell chosen, when both levels are given.
    pub cell: Option<(Level, Level)>,
}

impl RegisterQuery {
    /// Reads a raw query string; the last value of a repeated name wins.
    pub fn parse(raw: Option<&str>) -> RegisterQuery {
        let mut query = RegisterQuery::default();
        let (mut likelihood, mut impact) = (None, None);
        for (name, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
            let value = value.trim();
            match name.as_ref() {
                "status" => query.status = StatusFilter::parse(value),
                "team" => query.team = Uuid::parse_str(value).ok(),
                "likelihood" => likelihood = Level::parse(value).ok(),
                "impact" => impact = Level::parse(value).ok(),
                _ => {}
            }
        }
        query.cell = likelihood.zip(impact);
        query
    }

    /// The query string, starting with `?` unless empty.
    pub fn to_query(self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if self.status != StatusFilter::Active {
            out.append_pair("status", self.status.as_str());
        }
        if let Some(team) = self.team {
            out.append_pair("team", &team.to_string());
        }
        if let Some((likelihood, impact)) = self.cell {
            out.append_pair("likelihood", &likelihood.value().to_string());
            out.append_pair("impact", &impact.value().to_string());
        }
        let query = out.finish();
        if query.is_empty() {
            query
        } else {
            format!("?{query}")
        }
    }

    /// The same filters on one heat map cell, or on none.
    pub fn with_cell(self, cell: Option<(Level, Level)>) -> RegisterQuery {
        RegisterQuery { cell, ..self }
    }

    /// Whether `risk` lies in the chosen cell (any risk, when none is chosen).
    pub fn in_cell(&self, risk: &Risk) -> bool {
        self.cell
            .is_none_or(|(likelihood, impact)| risk.score() == Score { likelihood, impact })
    }

    /// What the database filters on (the cell is picked among those risks).
    pub fn filter(&self) -> Filter {
        let statuses = match self.status {
            StatusFilter::Active => RiskStatus::ALL
                .into_iter()
                .filter(|status| *status != RiskStatus::Closed)
                .collect(),
            StatusFilter::All => Vec::new(),
            StatusFilter::Only(status) => vec![status],
        };
        Filter {
            statuses,
            team_id: self.team,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_back_from_the_links_they_write() {
        let team = Uuid::new_v4();
        let raw = format!("status=mitigating&team={team}&likelihood=3&impact=4");
        let query = RegisterQuery::parse(Some(&raw));
        assert_eq!(query.status, StatusFilter::Only(RiskStatus::Mitigating));
        assert_eq!(
            query.cell.map(|(l, i)| (l.value(), i.value())),
            Some((3, 4))
        );
        assert_eq!(query.to_query(), format!("?{raw}"));
        assert_eq!(
            RegisterQuery::parse(query.to_query().strip_prefix('?')),
            query
        );
    }

    #[test]
    fn malformed_filters_are_dropped_and_the_default_hides_closed_risks() {
        let query = RegisterQuery::parse(Some(
            "status=lost&team=x&likelihood=9&impact=2&likelihood=abc",
        ));
        assert_eq!(query, RegisterQuery::default());
        assert_eq!(query.to_query(), "");
        assert!(!query.filter().statuses.contains(&RiskStatus::Closed));
        let all = RegisterQuery::parse(Some("status=all"));
        assert!(all.filter().statuses.is_empty());
    }
}
