//! Checklist items: their states and the rules on drift and lateness.

use serde::{Deserialize, Serialize};

/// Where a checklist item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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

    /// Parses the stored or posted value.
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
