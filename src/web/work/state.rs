//! The states a row of the queue can be in. Items and communication actions
//! have states of their own; where their names meet (in progress, done) one
//! filter and one count serve both, so `state=done` keeps whatever is done,
//! and `state=blocked` keeps no action, since no action is ever blocked.

use super::kind::Kind;
use crate::domain::communication::ActionState;
use crate::domain::item::ItemState;

/// An item's or an action's state, as the queue filters and counts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkState {
    /// Items only.
    Blocked,
    /// Items only.
    Todo,
    /// Actions only: an action's "to do".
    Planned,
    InProgress,
    Done,
    /// Actions only.
    Cancelled,
}

impl WorkState {
    /// Every state, in the order the page counts them: what needs someone
    /// first, what is over last.
    pub const ALL: [WorkState; 6] = [
        WorkState::Blocked,
        WorkState::Todo,
        WorkState::Planned,
        WorkState::InProgress,
        WorkState::Done,
        WorkState::Cancelled,
    ];

    /// The value in the query string: the item's or action's own.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkState::Blocked => "blocked",
            WorkState::Todo => "todo",
            WorkState::Planned => "planned",
            WorkState::InProgress => "in_progress",
            WorkState::Done => "done",
            WorkState::Cancelled => "cancelled",
        }
    }

    /// Reads the query string's value.
    pub fn parse(value: &str) -> Option<WorkState> {
        WorkState::ALL
            .into_iter()
            .find(|state| state.as_str() == value)
    }

    /// The state of an item in it.
    pub fn of_item(state: ItemState) -> WorkState {
        match state {
            ItemState::Blocked => WorkState::Blocked,
            ItemState::Todo => WorkState::Todo,
            ItemState::InProgress => WorkState::InProgress,
            ItemState::Done => WorkState::Done,
        }
    }

    /// The state of an action in it.
    pub fn of_action(state: ActionState) -> WorkState {
        match state {
            ActionState::Planned => WorkState::Planned,
            ActionState::InProgress => WorkState::InProgress,
            ActionState::Done => WorkState::Done,
            ActionState::Cancelled => WorkState::Cancelled,
        }
    }

    /// Whether rows of `kind` can be in it.
    pub fn holds(self, kind: Kind) -> bool {
        match self {
            WorkState::Blocked | WorkState::Todo => kind == Kind::Items,
            WorkState::Planned | WorkState::Cancelled => kind == Kind::Actions,
            WorkState::InProgress | WorkState::Done => true,
        }
    }

    /// The catalog key of its name: the item's where items have it.
    pub fn label_key(self) -> &'static str {
        match self {
            WorkState::Blocked => ItemState::Blocked.label_key(),
            WorkState::Todo => ItemState::Todo.label_key(),
            WorkState::Planned => ActionState::Planned.label_key(),
            WorkState::InProgress => ItemState::InProgress.label_key(),
            WorkState::Done => ItemState::Done.label_key(),
            WorkState::Cancelled => ActionState::Cancelled.label_key(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_or_an_action_is_filtered_by_its_own_state_name() {
        for state in [
            ItemState::Todo,
            ItemState::InProgress,
            ItemState::Done,
            ItemState::Blocked,
        ] {
            let work = WorkState::of_item(state);
            assert_eq!(work.as_str(), state.as_str());
            assert!(work.holds(Kind::Items));
        }
        for state in ActionState::ALL {
            let work = WorkState::of_action(state);
            assert_eq!(work.as_str(), state.as_str());
            assert!(work.holds(Kind::Actions));
        }
        for state in WorkState::ALL {
            assert_eq!(WorkState::parse(state.as_str()), Some(state));
        }
    }

    #[test]
    fn no_action_is_blocked_or_to_do_and_no_item_planned_or_cancelled() {
        let actions_only: Vec<WorkState> = WorkState::ALL
            .into_iter()
            .filter(|state| !state.holds(Kind::Items))
            .collect();
        let items_only: Vec<WorkState> = WorkState::ALL
            .into_iter()
            .filter(|state| !state.holds(Kind::Actions))
            .collect();
        assert_eq!(actions_only, [WorkState::Planned, WorkState::Cancelled]);
        assert_eq!(items_only, [WorkState::Blocked, WorkState::Todo]);
    }
}
