//! An item as a row of a page: every label computed, and which controls the
//! viewer may use (the same answers the server enforces).

use chrono::{DateTime, Utc};

use crate::auth::policy::ItemScope;
use crate::db::items::Item;
use crate::db::users::User;
use crate::domain::calendar::Calendar;
use crate::domain::item::{ItemState, Timeliness, timeliness};
use crate::i18n::Lang;

/// A button that moves an item to another state.
#[derive(Debug)]
pub struct Transition {
    pub state: &'static str,
    pub label: String,
}

/// What the previous submission on this row left to say.
#[derive(Debug, Default)]
pub struct RowFeedback {
    /// Someone changed the item first: what this user tried, not applied.
    pub conflict: Option<String>,
    /// A move the item's state does not allow, refused with this message.
    pub refused: Option<String>,
    /// The reason field's message and value, when blocking was refused.
    pub reason_error: String,
    pub reason_value: String,
}

/// A checklist item, ready for a template.
#[derive(Debug)]
pub struct ItemRow {
    pub id: String,
    pub version: i32,
    pub phase_id: String,
    pub phase_label: String,
    pub group: Option<String>,
    /// Whether this row starts a new group (its heading is drawn before it).
    pub starts_group: bool,
    pub title: String,
    pub state: &'static str,
    pub state_label: String,
    pub blocked_reason: Option<String>,
    pub assignee: Option<String>,
    pub due: String,
    /// "late" or "+2 j", when the item is not on time.
    pub timing: Option<String>,
    pub late: bool,
    pub required: bool,
    pub evidence_url: Option<String>,
    pub last_change: Option<String>,
    pub may_tick: bool,
    pub may_edit: bool,
    pub transitions: Vec<Transition>,
    pub may_block: bool,
    pub feedback: RowFeedback,
}

/// Builds rows for `viewer`, today being `now`.
pub struct RowBuilder<'a> {
    pub lang: Lang,
    pub calendar: &'a Calendar,
    pub viewer: &'a User,
    pub now: DateTime<Utc>,
}

impl RowBuilder<'_> {
    /// The row of `item`.
    pub fn row(&self, item: Item) -> ItemRow {
        let lang = self.lang;
        let calendar = self.calendar;
        let state = item.state;
        let due_day = i64::from(item.due_day);
        let day_of = |at: DateTime<Utc>| calendar.day_of(calendar.today(at));
        let timing = timeliness(
            state,
            due_day,
            item.done_at.map(day_of),
            calendar.today_day(self.now),
        );
        let may_tick = self.viewer.may_tick(ItemScope::of(&item));
        let last_change = item.changed_at.map(|at| {
            let who = item
                .changed_by_name
                .clone()
                .unwrap_or_else(|| lang.t("someone"));
            format!("{who} · {}", lang.ago(self.now - at))
        });
        ItemRow {
            id: item.id.to_string(),
            version: item.version,
            phase_id: item.phase_id.to_string(),
            phase_label: format!("{} {}", item.phase_section, item.phase_name),
            group: item.group_label,
            starts_group: false,
            title: item.title,
            state: state.as_str(),
            state_label: lang.t(state.label_key()),
            blocked_reason: item.blocked_reason,
            assignee: item.assignee_name,
            due: lang.day_and_date(due_day, calendar.date_of(due_day)),
            late: timing == Timeliness::Late,
            timing: match timing {
                Timeliness::Late => Some(lang.t("item-late")),
                Timeliness::DoneLate(days) => {
                    Some(lang.t_args("item-drift", &[("days", days.into())]))
                }
                Timeliness::OnTime | Timeliness::DoneOnTime => None,
            },
            required: item.required,
            evidence_url: item.evidence_url,
            last_change,
            may_tick,
            may_edit: self.viewer.may_edit_items(item.team_id),
            transitions: if may_tick {
                transitions(lang, state)
            } else {
                Vec::new()
            },
            may_block: may_tick && state.moves().contains(&ItemState::Blocked),
            feedback: RowFeedback::default(),
        }
    }

    /// Rows in order, each group's first row marked.
    pub fn rows(&self, items: Vec<Item>) -> Vec<ItemRow> {
        let mut previous_group = None;
        items
            .into_iter()
            .map(|item| {
                let starts_group = item.group_label.is_some() && item.group_label != previous_group;
                previous_group = item.group_label.clone();
                ItemRow {
                    starts_group,
                    ..self.row(item)
                }
            })
            .collect()
    }
}

/// The buttons of the moves the domain allows from `state`; blocking has
/// its own form, with its reason.
fn transitions(lang: Lang, state: ItemState) -> Vec<Transition> {
    state
        .moves()
        .iter()
        .filter_map(|&target| {
            let key = match (state, target) {
                (_, ItemState::Done) => "item-action-done",
                (_, ItemState::InProgress) => "item-action-start",
                (ItemState::InProgress, ItemState::Todo) => "item-action-stop",
                // Lifting a block is not reopening finished work: the
                // button says which of the two it does.
                (ItemState::Blocked, ItemState::Todo) => "item-action-unblock",
                (_, ItemState::Todo) => "item-action-reopen",
                (_, ItemState::Blocked) => return None,
            };
            Some(Transition {
                state: target.as_str(),
                label: lang.t(key),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(lang: Lang, state: ItemState) -> Vec<String> {
        transitions(lang, state)
            .into_iter()
            .map(|transition| transition.label)
            .collect()
    }

    #[test]
    fn each_button_says_the_move_it_makes() {
        assert_eq!(
            labels(Lang::Fr, ItemState::Todo),
            ["Marquer terminé", "Commencer"]
        );
        assert_eq!(
            labels(Lang::Fr, ItemState::InProgress),
            ["Marquer terminé", "Remettre à faire"]
        );
        assert_eq!(labels(Lang::Fr, ItemState::Done), ["Rouvrir"]);
        assert_eq!(labels(Lang::Fr, ItemState::Blocked), ["Débloquer"]);
        assert_eq!(labels(Lang::En, ItemState::Todo), ["Mark done", "Start"]);
        assert_eq!(labels(Lang::En, ItemState::Blocked), ["Unblock"]);
    }

    #[test]
    fn no_button_reads_as_the_state_it_leads_to() {
        for lang in [Lang::Fr, Lang::En] {
            for state in [
                ItemState::Todo,
                ItemState::InProgress,
                ItemState::Done,
                ItemState::Blocked,
            ] {
                for transition in transitions(lang, state) {
                    let target = ItemState::parse(transition.state).expect("a state");
                    assert_ne!(transition.label, lang.t(target.label_key()));
                }
            }
        }
    }
}
