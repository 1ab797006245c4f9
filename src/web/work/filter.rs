//! The work queue's filters, read from the query string
//! (`/work?team=devops&state=blocked&assignee=me`) and written back into the
//! links of the page: the state counts, the export, the reset.

use uuid::Uuid;

use super::kind::Kind;
use super::state::WorkState;
use crate::db::work::{Facet, WorkFilter};

/// Whose items (and actions) the queue shows: assigned to, or owned by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssigneeFilter {
    /// The signed-in user's.
    Me,
    /// Items nobody is assigned to, actions nobody owns.
    Nobody,
}

impl AssigneeFilter {
    /// The value in the query string.
    pub fn value(self) -> &'static str {
        match self {
            AssigneeFilter::Me => "me",
            AssigneeFilter::Nobody => "none",
        }
    }

    fn parse(value: &str) -> Option<AssigneeFilter> {
        match value {
            "me" => Some(AssigneeFilter::Me),
            "none" => Some(AssigneeFilter::Nobody),
            _ => None,
        }
    }
}

/// The farthest `due_within` looks ahead: beyond it, every plan is covered.
const MAX_DAYS_AHEAD: u16 = 366;

/// A request of the queue. Unknown or malformed values are dropped rather
/// than refused: a filter is a view, not a change, and a shared link from an
/// older page must still open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkQuery {
    /// A team's key.
    pub team: Option<String>,
    /// A phase's section.
    pub phase: Option<String>,
    /// Items or actions only.
    pub kind: Option<Kind>,
    pub state: Option<WorkState>,
    pub assignee: Option<AssigneeFilter>,
    /// Required items only: no action is required.
    pub required: bool,
    /// Items not done yet (todo, in progress or blocked), actions neither
    /// done nor cancelled.
    pub open: bool,
    pub late: bool,
    /// Blocked items only: no action is blocked.
    pub blocked: bool,
    pub due_within: Option<u16>,
    pub text: Option<String>,
}

impl WorkQuery {
    /// Reads a raw query string; the last value of a repeated name wins.
    pub fn parse(raw: Option<&str>) -> WorkQuery {
        let mut query = WorkQuery::default();
        for (name, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
            let value = value.trim();
            let given = (!value.is_empty()).then(|| value.to_owned());
            match name.as_ref() {
                "team" => query.team = given.map(|key| key.to_lowercase()),
                "phase" => query.phase = given,
                "kind" => query.kind = Kind::parse(value),
                "state" => query.state = WorkState::parse(value),
                "assignee" => query.assignee = AssigneeFilter::parse(value),
                "required" => query.required = flag(value),
                "open" => query.open = flag(value),
                "late" => query.late = flag(value),
                "blocked" => query.blocked = flag(value),
                "due_within" => {
                    query.due_within = value
                        .parse::<u16>()
                        .ok()
                        .map(|days| days.min(MAX_DAYS_AHEAD));
                }
                "q" => query.text = given,
                _ => {}
            }
        }
        query
    }

    /// Drops a team or phase the plan does not have, and gives the filter of
    /// the query the database runs, for `user`.
    pub fn resolve(&mut self, teams: &[Facet], phases: &[Facet], user: Uuid) -> WorkFilter {
        let team_id = find(teams, &mut self.team);
        let phase_id = find(phases, &mut self.phase);
        WorkFilter {
            team_id,
            phase_id,
            assignee_id: (self.assignee == Some(AssigneeFilter::Me)).then_some(user),
            unassigned: self.assignee == Some(AssigneeFilter::Nobody),
            required: self.required,
            open: self.open,
            late: self.late,
            blocked: self.blocked,
            due_within: self.due_within.map(i32::from),
            text: self.text.clone(),
        }
    }

    /// The query string without its `?`, empty when nothing is filtered.
    pub fn encoded(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if let Some(team) = &self.team {
            out.append_pair("team", team);
        }
        if let Some(phase) = &self.phase {
            out.append_pair("phase", phase);
        }
        if let Some(kind) = self.kind {
            out.append_pair("kind", kind.value());
        }
        if let Some(state) = self.state {
            out.append_pair("state", state.as_str());
        }
        if let Some(assignee) = self.assignee {
            out.append_pair("assignee", assignee.value());
        }
        for (name, on) in [
            ("required", self.required),
            ("open", self.open),
            ("late", self.late),
            ("blocked", self.blocked),
        ] {
            if on {
                out.append_pair(name, "1");
            }
        }
        if let Some(days) = self.due_within {
            out.append_pair("due_within", &days.to_string());
        }
        if let Some(text) = &self.text {
            out.append_pair("q", text);
        }
        out.finish()
    }

    /// `path` with these filters.
    pub fn on(&self, path: &str) -> String {
        match self.encoded() {
            query if query.is_empty() => path.to_owned(),
            query => format!("{path}?{query}"),
        }
    }

    /// The same filters with another state (or none).
    pub fn with_state(&self, state: Option<WorkState>) -> WorkQuery {
        WorkQuery {
            state,
            ..self.clone()
        }
    }

    /// Whether rows of `kind` may pass the other filters: no action is
    /// required or blocked. The state is left out, so that the counts of
    /// the other states stay links to them.
    pub fn admits(&self, kind: Kind) -> bool {
        self.kind.is_none_or(|chosen| chosen == kind)
            && (kind == Kind::Items || !(self.required || self.blocked))
    }
}

/// A checkbox's value: `1`, `on` (what a browser sends) or `true`.
fn flag(value: &str) -> bool {
    matches!(value, "1" | "on" | "true")
}

/// The id of the facet `key` names; an unknown key is dropped.
fn find(facets: &[Facet], key: &mut Option<String>) -> Option<Uuid> {
    let id = key.as_deref().and_then(|wanted| {
        facets
            .iter()
            .find(|facet| facet.key.eq_ignore_ascii_case(wanted))
            .map(|facet| facet.id)
    });
    if id.is_none() {
        *key = None;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_back_from_the_links_they_write() {
        let raw = "team=devops&phase=2.1&kind=items&state=blocked&assignee=me&required=1&open=1&late=1&blocked=1&due_within=7&q=azure";
        let query = WorkQuery::parse(Some(raw));
        assert_eq!(query.team.as_deref(), Some("devops"));
        assert_eq!(query.kind, Some(Kind::Items));
        assert_eq!(query.state, Some(WorkState::Blocked));
        assert_eq!(query.assignee, Some(AssigneeFilter::Me));
        assert!(query.required && query.open && query.late && query.blocked);
        assert_eq!(query.due_within, Some(7));
        assert_eq!(query.on("/work.csv"), format!("/work.csv?{raw}"));
        assert_eq!(WorkQuery::parse(Some(&query.encoded())), query);
    }

    #[test]
    fn malformed_filters_are_dropped() {
        let query = WorkQuery::parse(Some(
            "state=lost&kind=risks&due_within=soon&assignee=bob&late=maybe&q=+",
        ));
        assert_eq!(query, WorkQuery::default());
        assert_eq!(query.on("/work"), "/work");
        assert_eq!(WorkQuery::parse(Some("due_within=-3")).due_within, None);
        assert_eq!(
            WorkQuery::parse(Some("due_within=99999")).due_within,
            None,
            "beyond a u16: ignored"
        );
        assert_eq!(
            WorkQuery::parse(Some("due_within=9000")).due_within,
            Some(MAX_DAYS_AHEAD)
        );
    }

    #[test]
    fn actions_pass_unless_items_alone_or_required_or_blocked_ones_are_asked_for() {
        let admitted = |raw: &str| {
            let query = WorkQuery::parse(Some(raw));
            Kind::ALL.map(|kind| query.admits(kind))
        };
        assert_eq!(admitted(""), [true, true]);
        assert_eq!(admitted("late=1&open=1&due_within=7"), [true, true]);
        assert_eq!(
            admitted("state=blocked"),
            [true, true],
            "counted, then left out"
        );
        assert_eq!(admitted("kind=items"), [true, false]);
        assert_eq!(admitted("kind=actions"), [false, true]);
        assert_eq!(admitted("required=1"), [true, false]);
        assert_eq!(admitted("blocked=1"), [true, false]);
        assert_eq!(admitted("kind=actions&blocked=1"), [false, false]);
    }

    #[test]
    fn a_team_the_plan_does_not_have_is_dropped() {
        let devops = Facet {
            id: Uuid::new_v4(),
            key: "devops".to_owned(),
            name: "DevOps".to_owned(),
        };
        let mut query = WorkQuery::parse(Some("team=DevOps"));
        let filter = query.resolve(std::slice::from_ref(&devops), &[], Uuid::nil());
        assert_eq!(filter.team_id, Some(devops.id));
        let mut unknown = WorkQuery::parse(Some("team=legal&phase=9.9"));
        let filter = unknown.resolve(&[devops], &[], Uuid::nil());
        assert_eq!((filter.team_id, filter.phase_id), (None, None));
        assert_eq!(unknown, WorkQuery::default());
    }
}
