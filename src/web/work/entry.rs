//! A row of the queue, a checklist item or a communication action, and the
//! order of urgency both share.

use super::kind::Kind;
use super::state::WorkState;
use crate::db::communications::Communication;
use crate::db::items::Item;
use crate::domain::communication::is_late;
use crate::domain::item::{ItemState, Timeliness, timeliness};

/// One row of the queue.
pub(super) enum Entry {
    Item(Item),
    Action(Communication),
}

impl Entry {
    pub(super) fn kind(&self) -> Kind {
        match self {
            Entry::Item(_) => Kind::Items,
            Entry::Action(_) => Kind::Actions,
        }
    }

    pub(super) fn state(&self) -> WorkState {
        match self {
            Entry::Item(item) => WorkState::of_item(item.state),
            Entry::Action(action) => WorkState::of_action(action.state),
        }
    }

    /// The item's due day, the action's day.
    pub(super) fn day(&self) -> i64 {
        match self {
            Entry::Item(item) => i64::from(item.due_day),
            Entry::Action(action) => i64::from(action.day),
        }
    }

    /// Still to be done after its day: a blocked item too, a cancelled action never.
    pub(super) fn is_late(&self, today: i64) -> bool {
        match self {
            Entry::Item(item) => {
                timeliness(item.state, self.day(), None, today) == Timeliness::Late
            }
            Entry::Action(action) => is_late(action.state, self.day(), today),
        }
    }

    /// Its rank in the queue, most urgent first: blocked, late, open by
    /// day, then what is over (done, cancelled) by day.
    fn urgency(&self, today: i64) -> (u8, i64) {
        let over = match self {
            Entry::Item(item) => item.state == ItemState::Done,
            Entry::Action(action) => !action.state.is_open(),
        };
        let rank = if self.state() == WorkState::Blocked {
            0
        } else if self.is_late(today) {
            1
        } else if over {
            3
        } else {
            2
        };
        (rank, self.day())
    }
}

/// `items` and `actions` in one queue, most urgent first. The sort is
/// stable: items keep the order they came in (their phase's, then their
/// own) and come before actions of the same rank and day.
pub(super) fn by_urgency(items: Vec<Item>, actions: Vec<Communication>, today: i64) -> Vec<Entry> {
    let mut entries: Vec<Entry> = items
        .into_iter()
        .map(Entry::Item)
        .chain(actions.into_iter().map(Entry::Action))
        .collect();
    entries.sort_by_key(|entry| entry.urgency(today));
    entries
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;
    use crate::domain::communication::{ActionState, Channel};

    const TODAY: i64 = 10;

    fn item(title: &str, state: ItemState, due_day: i32) -> Item {
        Item {
            id: Uuid::new_v4(),
            plan_id: Uuid::nil(),
            phase_id: Uuid::nil(),
            phase_section: "2.1".to_owned(),
            phase_name: "Infrastructure".to_owned(),
            team_id: Uuid::nil(),
            group_label: None,
            title: title.to_owned(),
            state,
            blocked_reason: None,
            assignee_id: None,
            assignee_name: None,
            due_day,
            required: true,
            evidence_url: None,
            done_at: None,
            changed_by_name: None,
            changed_at: None,
            position: 0,
            version: 1,
            has_twin: false,
        }
    }

    fn action(title: &str, state: ActionState, day: i32) -> Communication {
        Communication {
            id: Uuid::new_v4(),
            plan_id: Uuid::nil(),
            channel: Channel::Newsletter,
            title: title.to_owned(),
            audience: String::new(),
            day,
            team_id: Uuid::nil(),
            team_name: "Marketing".to_owned(),
            team_colour: String::new(),
            owner_id: None,
            owner_name: None,
            state,
            version: 1,
            item_id: None,
            item_title: None,
        }
    }

    fn titles(entries: &[Entry]) -> Vec<&str> {
        entries
            .iter()
            .map(|entry| match entry {
                Entry::Item(item) => item.title.as_str(),
                Entry::Action(action) => action.title.as_str(),
            })
            .collect()
    }

    #[test]
    fn actions_take_their_place_among_items_by_urgency() {
        let items = vec![
            item("blocked", ItemState::Blocked, 14),
            item("late item", ItemState::Todo, 8),
            item("item due J+12", ItemState::InProgress, 12),
            item("done item", ItemState::Done, 3),
        ];
        let actions = vec![
            action("late action", ActionState::Planned, 5),
            action("cancelled action", ActionState::Cancelled, 2),
            action("action due J+11", ActionState::InProgress, 11),
            action("action due J+12", ActionState::Planned, 12),
            action("done action", ActionState::Done, 4),
        ];

        let queue = by_urgency(items, actions, TODAY);

        assert_eq!(
            titles(&queue),
            [
                "blocked",
                "late action",
                "late item",
                "action due J+11",
                "item due J+12",
                "action due J+12",
                "cancelled action",
                "done item",
                "done action",
            ]
        );
    }

    #[test]
    fn a_cancelled_or_done_action_is_never_late() {
        for (state, late) in [
            (ActionState::Planned, true),
            (ActionState::InProgress, true),
            (ActionState::Done, false),
            (ActionState::Cancelled, false),
        ] {
            let entry = Entry::Action(action("x", state, 3));
            assert_eq!(entry.is_late(TODAY), late, "{state:?}");
            assert_eq!(entry.kind(), Kind::Actions);
        }
        let blocked = Entry::Item(item("x", ItemState::Blocked, 3));
        assert!(blocked.is_late(TODAY));
    }
}
