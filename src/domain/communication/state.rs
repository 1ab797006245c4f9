//! Where a communication action stands, the moves it may make, when it is
//! late, and how it moves with the checklist item it may be tied to.

use serde::{Deserialize, Serialize};

use crate::domain::item::ItemState;

/// Where an action stands. Stored as its snake_case name, the spelling of
/// the column's check constraint; a stored value it does not name fails to
/// decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum ActionState {
    Planned,
    InProgress,
    Done,
    Cancelled,
}

/// A move the action's state does not offer (a cancelled action straight to done).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MoveNotOffered;

impl MoveNotOffered {
    /// The catalog key of the message shown on the action's row.
    pub fn key(self) -> &'static str {
        "communication-invalid-move"
    }
}

impl ActionState {
    /// Every state, in the order of an action's life.
    pub const ALL: [ActionState; 4] = [
        ActionState::Planned,
        ActionState::InProgress,
        ActionState::Done,
        ActionState::Cancelled,
    ];

    /// The value stored in the database and posted by the forms.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionState::Planned => "planned",
            ActionState::InProgress => "in_progress",
            ActionState::Done => "done",
            ActionState::Cancelled => "cancelled",
        }
    }

    /// Parses the posted value.
    pub fn parse(value: &str) -> Option<ActionState> {
        ActionState::ALL
            .into_iter()
            .find(|state| state.as_str() == value)
    }

    /// The catalog key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            ActionState::Planned => "communication-state-planned",
            ActionState::InProgress => "communication-state-in_progress",
            ActionState::Done => "communication-state-done",
            ActionState::Cancelled => "communication-state-cancelled",
        }
    }

    /// Whether the action is still to be carried out.
    pub fn is_open(self) -> bool {
        matches!(self, ActionState::Planned | ActionState::InProgress)
    }

    /// The states the page offers from this one, finishing first: an open
    /// action may be done, started or put back, and cancelled; a done or
    /// cancelled one only planned again.
    pub fn moves(self) -> &'static [ActionState] {
        use ActionState::*;
        match self {
            Planned => &[Done, InProgress, Cancelled],
            InProgress => &[Done, Planned, Cancelled],
            Done | Cancelled => &[Planned],
        }
    }

    /// Checks that an action in this state may move to `target` in one click.
    pub fn check_move(self, target: ActionState) -> Result<(), MoveNotOffered> {
        if self.moves().contains(&target) {
            Ok(())
        } else {
            Err(MoveNotOffered)
        }
    }
}

/// An action is late once its day has passed while it is still to be carried out.
pub fn is_late(state: ActionState, day: i64, today: i64) -> bool {
    state.is_open() && day < today
}

/// The state the checklist item tied to an action takes when the action
/// moves from `before` to `after`, if it must move: done with it, back to do
/// when the action leaves done. Anything else leaves the item where it is.
pub fn twin_item_state(
    before: ActionState,
    after: ActionState,
    item: ItemState,
) -> Option<ItemState> {
    let (was_done, is_done) = (before == ActionState::Done, after == ActionState::Done);
    match (was_done, is_done, item == ItemState::Done) {
        (false, true, false) => Some(ItemState::Done),
        (true, false, true) => Some(ItemState::Todo),
        _ => None,
    }
}

/// The state the action tied to a checklist item takes when the item moves
/// from `before` to `after`, if it must move: done with it, planned again
/// when the item leaves done.
pub fn twin_action_state(
    before: ItemState,
    after: ItemState,
    action: ActionState,
) -> Option<ActionState> {
    let (was_done, is_done) = (before == ItemState::Done, after == ItemState::Done);
    match (was_done, is_done, action == ActionState::Done) {
        (false, true, false) => Some(ActionState::Done),
        (true, false, true) => Some(ActionState::Planned),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_move_only_along_the_offered_paths() {
        use ActionState::*;
        let table = [
            (Planned, [false, true, true, true]),
            (InProgress, [true, false, true, true]),
            (Done, [true, false, false, false]),
            (Cancelled, [true, false, false, false]),
        ];
        for (from, row) in table {
            for (to, expected) in ActionState::ALL.into_iter().zip(row) {
                assert_eq!(from.check_move(to).is_ok(), expected, "{from:?} -> {to:?}");
            }
        }
    }

    #[test]
    fn an_open_action_is_late_the_day_after_its_own() {
        assert!(!is_late(ActionState::Planned, 22, 22));
        assert!(is_late(ActionState::Planned, 22, 25));
        assert!(is_late(ActionState::InProgress, 24, 25));
        assert!(!is_late(ActionState::Done, 22, 25));
        assert!(!is_late(ActionState::Cancelled, 22, 25));
    }

    #[test]
    fn twins_are_done_together_and_reopened_together() {
        use ActionState as A;
        use ItemState as I;
        assert_eq!(twin_item_state(A::Planned, A::Done, I::Todo), Some(I::Done));
        assert_eq!(twin_item_state(A::Planned, A::Done, I::Done), None);
        assert_eq!(twin_item_state(A::Done, A::Planned, I::Done), Some(I::Todo));
        assert_eq!(twin_item_state(A::Planned, A::Cancelled, I::Todo), None);
        assert_eq!(twin_item_state(A::Done, A::Done, I::Todo), None);
        assert_eq!(
            twin_action_state(I::Todo, I::Done, A::Planned),
            Some(A::Done)
        );
        assert_eq!(twin_action_state(I::Todo, I::Done, A::Done), None);
        assert_eq!(
            twin_action_state(I::Done, I::Blocked, A::Done),
            Some(A::Planned)
        );
        assert_eq!(twin_action_state(I::Todo, I::InProgress, A::Planned), None);
    }
}
