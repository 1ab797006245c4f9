//! Checklist items: their states and the rules on drift and lateness.

use serde::{Deserialize, Serialize};

/// Where a checklist item stands. Read from the database as text: a value
/// outside these four is a decoding error, never a default.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::Type, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum ItemState {
    Todo,
    InProgress,
    Done,
    Blocked,
}

impl ItemState {
    /// The value stored in the database and posted by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemState::Todo => "todo",
            ItemState::InProgress => "in_progress",
            ItemState::Done => "done",
            ItemState::Blocked => "blocked",
        }
    }

    /// The catalog key of its label.
    pub fn label_key(self) -> &'static str {
        match self {
            ItemState::Todo => "item-state-todo",
            ItemState::InProgress => "item-state-in_progress",
            ItemState::Done => "item-state-done",
            ItemState::Blocked => "item-state-blocked",
        }
    }

    /// The states an item may move to from this one, in the order the page
    /// offers them: finishing first, then starting, stopping or reopening;
    /// blocking (with its reason) from any state but blocked, since work found
    /// wanting after it was ticked is blocked too.
    pub fn moves(self) -> &'static [ItemState] {
        match self {
            ItemState::Todo => &[ItemState::Done, ItemState::InProgress, ItemState::Blocked],
            ItemState::InProgress => &[ItemState::Done, ItemState::Todo, ItemState::Blocked],
            ItemState::Done => &[ItemState::Todo, ItemState::Blocked],
            ItemState::Blocked => &[ItemState::Todo],
        }
    }

    /// Checks that an item in this state may move to `target`.
    pub fn check_move(self, target: ItemState) -> Result<(), ItemInvalid> {
        if self.moves().contains(&target) {
            Ok(())
        } else {
            Err(ItemInvalid::MoveNotOffered)
        }
    }

    /// Parses a posted value.
    pub fn parse(value: &str) -> Option<ItemState> {
        match value {
            "todo" => Some(ItemState::Todo),
            "in_progress" => Some(ItemState::InProgress),
            "done" => Some(ItemState::Done),
            "blocked" => Some(ItemState::Blocked),
            _ => None,
        }
    }
}

/// A requested change of state: a blocked item always carries its reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateChange {
    state: ItemState,
    reason: Option<String>,
}

/// Why an item form was refused; each maps to a translated message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemInvalid {
    UnknownState,
    /// A move the item's state does not allow (a done item straight to in progress).
    MoveNotOffered,
    ReasonRequired,
    TooLong,
    TitleRequired,
    DueDayOutOfPlan,
    EvidenceNotALink,
    AssigneeOutsideTeam,
    /// A line break, tab or other control character in a one-line field.
    ControlCharacters,
}

/// Whether `text` fits a one-line field: no control character, so no line
/// break or tab, which would break the lines of the calendar feed and CSV.
pub fn is_one_line(text: &str) -> bool {
    !text.contains(char::is_control)
}

impl ItemInvalid {
    /// The catalog key of the message shown beside the field.
    pub fn key(self) -> &'static str {
        match self {
            ItemInvalid::UnknownState => "item-invalid-state",
            ItemInvalid::MoveNotOffered => "item-invalid-move",
            ItemInvalid::ReasonRequired => "item-invalid-reason",
            ItemInvalid::TooLong => "invalid-too-long",
            ItemInvalid::TitleRequired => "invalid-required",
            ItemInvalid::DueDayOutOfPlan => "item-invalid-due-day",
            ItemInvalid::EvidenceNotALink => "item-invalid-evidence",
            ItemInvalid::AssigneeOutsideTeam => "invalid-choice",
            ItemInvalid::ControlCharacters => "invalid-control-characters",
        }
    }
}

impl StateChange {
    /// Parses the posted `state` and `reason`; the reason is kept only for `blocked`.
    pub fn parse(state: &str, reason: &str) -> Result<StateChange, ItemInvalid> {
        let state = ItemState::parse(state).ok_or(ItemInvalid::UnknownState)?;
        let reason = reason.trim();
        match state {
            ItemState::Blocked if reason.is_empty() => Err(ItemInvalid::ReasonRequired),
            ItemState::Blocked if reason.chars().count() > 500 => Err(ItemInvalid::TooLong),
            ItemState::Blocked => Ok(StateChange {
                state,
                reason: Some(reason.to_owned()),
            }),
            _ => Ok(StateChange {
                state,
                reason: None,
            }),
        }
    }

    /// The new state.
    pub fn state(&self) -> ItemState {
        self.state
    }

    /// The reason, for a blocked item.
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }
}

/// An item's details as a lead writes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemDraft {
    pub title: String,
    pub group: Option<String>,
    pub due_day: i32,
    pub required: bool,
    pub assignee_id: Option<uuid::Uuid>,
    pub evidence_url: Option<String>,
}

/// What an item form posts, as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ItemForm {
    pub title: String,
    pub group: String,
    pub due_day: String,
    pub required: Option<String>,
    pub assignee: String,
    pub evidence_url: String,
    pub version: i32,
}

impl ItemForm {
    /// Parses the form: a title, a due day within the plan (0 to `horizon`), an
    /// assignee among `team` (or none), an optional http(s) evidence link.
    /// Every invalid field is reported, by field name.
    pub fn parse(
        &self,
        horizon: i32,
        team: &[uuid::Uuid],
    ) -> Result<ItemDraft, Vec<(&'static str, ItemInvalid)>> {
        let mut errors = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            errors.push(("title", ItemInvalid::TitleRequired));
        } else if title.chars().count() > 300 {
            errors.push(("title", ItemInvalid::TooLong));
        } else if !is_one_line(title) {
            errors.push(("title", ItemInvalid::ControlCharacters));
        }
        let group = self.group.trim();
        if group.chars().count() > 100 {
            errors.push(("group", ItemInvalid::TooLong));
        } else if !is_one_line(group) {
            errors.push(("group", ItemInvalid::ControlCharacters));
        }
        let due_day = self
            .due_day
            .trim()
            .trim_start_matches(['J', 'D', '+'])
            .parse::<i32>()
            .ok();
        let due_day = due_day.filter(|day| (0..=horizon).contains(day));
        if due_day.is_none() {
            errors.push(("due_day", ItemInvalid::DueDayOutOfPlan));
        }
        let assignee = match self.assignee.trim() {
            "" => Some(None),
            raw => uuid::Uuid::parse_str(raw)
                .ok()
                .filter(|id| team.contains(id))
                .map(Some),
        };
        if assignee.is_none() {
            errors.push(("assignee", ItemInvalid::AssigneeOutsideTeam));
        }
        let evidence = parse_evidence(&self.evidence_url)
            .map_err(|invalid| errors.push(("evidence_url", invalid)))
            .ok();
        match (due_day, assignee, evidence) {
            (Some(due_day), Some(assignee_id), Some(evidence_url)) if errors.is_empty() => {
                Ok(ItemDraft {
                    title: title.to_owned(),
                    group: (!group.is_empty()).then(|| group.to_owned()),
                    due_day,
                    required: self.required.is_some(),
                    assignee_id,
                    evidence_url,
                })
            }
            _ => Err(errors),
        }
    }
}

/// An evidence link as typed: none when empty, else an http(s) address of
/// at most 500 characters without spaces.
pub fn parse_evidence(text: &str) -> Result<Option<String>, ItemInvalid> {
    let evidence = text.trim();
    if evidence.is_empty() {
        return Ok(None);
    }
    let link = (evidence.starts_with("https://") || evidence.starts_with("http://"))
        && evidence.len() <= 500
        && !evidence.contains(char::is_whitespace);
    if link {
        Ok(Some(evidence.to_owned()))
    } else {
        Err(ItemInvalid::EvidenceNotALink)
    }
}

/// How an item stands against its due day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timeliness {
    /// Not done, due day still ahead (or today).
    OnTime,
    /// Not done and past its due day.
    Late,
    /// Done on or before its due day.
    DoneOnTime,
    /// Done this many days after its due day.
    DoneLate(i64),
}

/// Compares an item's due day with today (open items) or with the day it was done.
pub fn timeliness(state: ItemState, due_day: i64, done_day: Option<i64>, today: i64) -> Timeliness {
    match (state, done_day) {
        (ItemState::Done, Some(done)) if done > due_day => Timeliness::DoneLate(done - due_day),
        (ItemState::Done, _) => Timeliness::DoneOnTime,
        _ if today > due_day => Timeliness::Late,
        _ => Timeliness::OnTime,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_move_only_along_the_offered_paths() {
        use ItemState::*;
        let allowed = |from: ItemState, to: ItemState| from.check_move(to).is_ok();
        let table = [
            (Todo, [false, true, true, true]),
            (InProgress, [true, false, true, true]),
            (Done, [true, false, false, true]),
            (Blocked, [true, false, false, false]),
        ];
        for (from, row) in table {
            for (to, expected) in [Todo, InProgress, Done, Blocked].into_iter().zip(row) {
                assert_eq!(allowed(from, to), expected, "{from:?} -> {to:?}");
            }
        }
        assert_eq!(
            Done.check_move(InProgress),
            Err(ItemInvalid::MoveNotOffered)
        );
    }

    #[test]
    fn an_item_done_two_days_after_its_due_day_drifts_by_two() {
        assert_eq!(
            timeliness(ItemState::Done, 10, Some(12), 20),
            Timeliness::DoneLate(2)
        );
        assert_eq!(
            timeliness(ItemState::Done, 10, Some(10), 20),
            Timeliness::DoneOnTime
        );
    }

    #[test]
    fn an_open_item_is_late_only_after_its_due_day() {
        assert_eq!(
            timeliness(ItemState::Todo, 10, None, 10),
            Timeliness::OnTime
        );
        assert_eq!(
            timeliness(ItemState::Blocked, 10, None, 11),
            Timeliness::Late
        );
    }

    #[test]
    fn a_blocked_item_needs_a_reason_and_others_drop_it() {
        assert_eq!(
            StateChange::parse("blocked", "  "),
            Err(ItemInvalid::ReasonRequired)
        );
        let blocked = StateChange::parse("blocked", " waiting for DNS ").unwrap();
        assert_eq!(blocked.reason(), Some("waiting for DNS"));
        assert_eq!(
            StateChange::parse("done", "stale reason").unwrap().reason(),
            None
        );
        assert_eq!(
            StateChange::parse("finished", ""),
            Err(ItemInvalid::UnknownState)
        );
    }

    #[test]
    fn an_item_form_reports_every_invalid_field() {
        let member = uuid::Uuid::new_v4();
        let form = ItemForm {
            title: " Run the load test ".into(),
            due_day: "J+12".into(),
            required: Some("on".into()),
            assignee: member.to_string(),
            evidence_url: "https://ci.example.org/run/1".into(),
            ..ItemForm::default()
        };
        let draft = form.parse(60, &[member]).unwrap();
        assert_eq!(
            (draft.title.as_str(), draft.due_day, draft.required),
            ("Run the load test", 12, true)
        );
        let bad = ItemForm {
            title: "".into(),
            due_day: "61".into(),
            assignee: uuid::Uuid::new_v4().to_string(),
            evidence_url: "javascript:alert(1)".into(),
            ..ItemForm::default()
        };
        let fields: Vec<&str> = bad
            .parse(60, &[member])
            .unwrap_err()
            .iter()
            .map(|(field, _)| *field)
            .collect();
        assert_eq!(fields, ["title", "due_day", "assignee", "evidence_url"]);
    }

    #[test]
    fn a_title_or_group_with_a_line_break_or_a_control_character_is_refused() {
        for title in [
            "Run\rthe load test",
            "Run\nit",
            "Run\0it",
            "Run\tit",
            "Run\u{85}it",
        ] {
            let form = ItemForm {
                title: title.into(),
                group: "Load\rtests".into(),
                due_day: "12".into(),
                ..ItemForm::default()
            };
            let invalid = form.parse(60, &[]).unwrap_err();
            assert_eq!(
                invalid,
                [
                    ("title", ItemInvalid::ControlCharacters),
                    ("group", ItemInvalid::ControlCharacters)
                ],
                "{title:?}"
            );
        }
    }

    #[test]
    fn states_round_trip_through_their_stored_names() {
        for state in [
            ItemState::Todo,
            ItemState::InProgress,
            ItemState::Done,
            ItemState::Blocked,
        ] {
            assert_eq!(ItemState::parse(state.as_str()), Some(state));
        }
        assert_eq!(ItemState::parse("finished"), None);
    }
}
