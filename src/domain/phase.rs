//! A phase's progress and its state on the timeline.

use uuid::Uuid;

/// Counts of a phase's items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: i64,
    pub total: i64,
    pub required_done: i64,
    pub required_total: i64,
}

impl Progress {
    /// Share of all items done, 0–100.
    pub fn percent(&self) -> i64 {
        if self.total == 0 {
            100
        } else {
            self.done * 100 / self.total
        }
    }

    /// A phase's gate is open when every required item is done.
    pub fn gate_open(&self) -> bool {
        self.required_done == self.required_total
    }
}

/// The part of the plan a phase belongs to; the timeline groups phases by it.
/// Stored as text: an unknown stage is a decoding error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum PhaseStage {
    Deployment,
    Launch,
}

impl PhaseStage {
    /// The catalog key of its label.
    pub fn label_key(self) -> &'static str {
        match self {
            PhaseStage::Deployment => "stage-deployment",
            PhaseStage::Launch => "stage-launch",
        }
    }
}

/// Where a phase stands on the timeline today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseState {
    Upcoming,
    Active,
    Done,
    /// Past its end day with items still open.
    Late,
}

impl PhaseState {
    /// The phase's state from its days, today and its progress.
    pub fn of(start_day: i64, end_day: i64, today: i64, progress: Progress) -> PhaseState {
        if progress.total > 0 && progress.done == progress.total {
            PhaseState::Done
        } else if today > end_day {
            PhaseState::Late
        } else if today >= start_day {
            PhaseState::Active
        } else {
            PhaseState::Upcoming
        }
    }

    /// The catalog key of its label.
    pub fn label_key(self) -> &'static str {
        match self {
            PhaseState::Upcoming => "phase-state-upcoming",
            PhaseState::Active => "phase-state-active",
            PhaseState::Done => "phase-state-done",
            PhaseState::Late => "phase-state-late",
        }
    }

    /// Stable name, used as CSS class.
    pub fn as_str(self) -> &'static str {
        match self {
            PhaseState::Upcoming => "upcoming",
            PhaseState::Active => "active",
            PhaseState::Done => "done",
            PhaseState::Late => "late",
        }
    }
}

/// The plan's phases in the order `order` lists them, with `phase` moved
/// just after `after` (first when `None`, where it is when `after` is not
/// another of them).
pub fn placed_after(order: &[Uuid], phase: Uuid, after: Option<Uuid>) -> Vec<Uuid> {
    if after == Some(phase) || after.is_some_and(|after| !order.contains(&after)) {
        return order.to_vec();
    }
    let mut placed: Vec<Uuid> = order.iter().copied().filter(|id| *id != phase).collect();
    let at = after.map_or(0, |after| {
        placed
            .iter()
            .position(|id| *id == after)
            .map_or(0, |i| i + 1)
    });
    placed.insert(at, phase);
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(done: i64, total: i64) -> Progress {
        Progress {
            done,
            total,
            required_done: done,
            required_total: total,
        }
    }

    #[test]
    fn a_phase_past_its_end_with_open_items_is_late() {
        assert_eq!(PhaseState::of(1, 5, 6, progress(2, 5)), PhaseState::Late);
        assert_eq!(PhaseState::of(1, 5, 6, progress(5, 5)), PhaseState::Done);
        assert_eq!(PhaseState::of(1, 5, 5, progress(2, 5)), PhaseState::Active);
        assert_eq!(
            PhaseState::of(6, 10, 5, progress(0, 5)),
            PhaseState::Upcoming
        );
    }

    #[test]
    fn the_gate_opens_when_every_required_item_is_done() {
        let open = Progress {
            done: 3,
            total: 5,
            required_done: 3,
            required_total: 3,
        };
        let shut = Progress {
            done: 4,
            total: 5,
            required_done: 2,
            required_total: 3,
        };
        assert!(open.gate_open());
        assert!(!shut.gate_open());
    }

    #[test]
    fn a_phase_is_placed_after_the_one_chosen() {
        let [a, b, c, d] = [1, 2, 3, 4].map(Uuid::from_u128);
        let order = [a, b, c, d];
        assert_eq!(placed_after(&order, d, Some(a)), [a, d, b, c]);
        assert_eq!(placed_after(&order, a, Some(c)), [b, c, a, d]);
        assert_eq!(placed_after(&order, c, None), [c, a, b, d]);
        assert_eq!(placed_after(&order, b, Some(a)), order);
        // A phase new to the plan joins it.
        let e = Uuid::from_u128(5);
        assert_eq!(placed_after(&order, e, Some(d)), [a, b, c, d, e]);
        // After itself or a stranger: unchanged.
        assert_eq!(placed_after(&order, b, Some(b)), order);
        assert_eq!(placed_after(&order, b, Some(e)), order);
    }
}
