//! Drift at the plan level (issue 20): when each phase will really end,
//! forecast from its open items — their due days and the pace at which the
//! phase has closed items so far — and by how much a late phase would move
//! the launch once its successors follow. A forecast only: nothing moves
//! without an admin.

use std::collections::BTreeMap;

use uuid::Uuid;

use crate::domain::schedule::{self, Link, Span};

/// What a phase's forecast starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pace {
    pub span: Span,
    /// Its items done, and still open.
    pub done: i64,
    pub open: i64,
    /// The latest due day among its open items.
    pub last_open_due: Option<i32>,
}

impl Pace {
    /// The day the phase is forecast to end, seen on day `today`: its own
    /// last day at the earliest; no sooner than its last open item falls
    /// due, nor than today while items are open; and once its days are over
    /// with items open, no sooner than its pace so far closes the rest
    /// (today counts as one day of work). Within its days the pace is not
    /// used: teams close many items on the last ones, and a pace taken on
    /// day 3 of 10 would cry wolf.
    pub fn forecast_end(self, today: i32) -> i32 {
        if self.open == 0 {
            return self.span.end;
        }
        let by_due = self.last_open_due.unwrap_or(self.span.end).max(today);
        let elapsed = i64::from(today - self.span.start);
        let by_pace = if today > self.span.end && self.done > 0 {
            // Rounded up; every term is positive here.
            let needed = (self.open * elapsed + self.done - 1) / self.done;
            i32::try_from(needed).map_or(i32::MAX, |needed| (today - 1).saturating_add(needed))
        } else {
            i32::MIN
        };
        self.span.end.max(by_due).max(by_pace)
    }
}

/// A phase forecast to end after its last day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Drift {
    pub phase: Uuid,
    /// Its forecast last day, and how many days after its planned one.
    pub forecast_end: i32,
    pub late: i32,
    /// The days launch would move once its successors follow (0: it has
    /// the slack to absorb it, or it is not a phase before launch).
    pub launch_moves: i32,
}

/// The late phases of a plan seen on day `today`, in the order of `paces`'
/// keys, each with its effect on `launch_day` through the links.
pub fn drifts(
    paces: &BTreeMap<Uuid, Pace>,
    links: &[Link],
    today: i32,
    launch_day: i32,
) -> Vec<Drift> {
    let spans: BTreeMap<Uuid, Span> = paces.iter().map(|(id, pace)| (*id, pace.span)).collect();
    let slack: BTreeMap<Uuid, i32> = schedule::slack(&spans, links, launch_day)
        .into_iter()
        .map(|slack| (slack.phase, slack.days))
        .collect();
    paces
        .iter()
        .filter_map(|(id, pace)| {
            let forecast_end = pace.forecast_end(today);
            let late = forecast_end - pace.span.end;
            if late <= 0 {
                return None;
            }
            // Only a phase that should end before launch can push it; its
            // slack (through its successors) absorbs that many days first.
            let launch_moves = if pace.span.end < launch_day {
                (late - slack[id].max(0)).max(0)
            } else {
                0
            };
            Some(Drift {
                phase: *id,
                forecast_end,
                late,
                launch_moves,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pace(start: i32, end: i32, done: i64, open: i64, last_open_due: Option<i32>) -> Pace {
        Pace {
            span: Span { start, end },
            done,
            open,
            last_open_due,
        }
    }

    #[test]
    fn a_phase_with_nothing_open_ends_on_its_last_day() {
        assert_eq!(pace(2, 6, 5, 0, None).forecast_end(20), 6);
    }

    #[test]
    fn an_open_item_ends_no_sooner_than_today_nor_its_due_day() {
        // Day 9, an item due on day 5 still open: today at the soonest.
        assert_eq!(pace(2, 6, 0, 1, Some(5)).forecast_end(9), 9);
        // An item due after the phase's end holds it until then.
        assert_eq!(pace(2, 6, 0, 1, Some(8)).forecast_end(3), 8);
        // Before it is due, nothing is late.
        assert_eq!(pace(2, 6, 0, 1, Some(6)).forecast_end(3), 6);
    }

    #[test]
    fn past_its_days_the_pace_so_far_closes_the_rest() {
        // Began on day 2; on day 10, eight days passed and 2 items closed:
        // one item every four days, so 3 open items need 12 days: 10 to 21.
        assert_eq!(pace(2, 8, 2, 3, Some(8)).forecast_end(10), 21);
        // Eight items in eight days: one a day, 2 open → days 10 and 11.
        assert_eq!(pace(2, 8, 8, 2, Some(8)).forecast_end(10), 11);
        // A fast pace never forecasts sooner than today.
        assert_eq!(pace(2, 8, 80, 1, Some(8)).forecast_end(10), 10);
        // Nothing done: no pace is known, today is the soonest.
        assert_eq!(pace(2, 8, 0, 9, Some(8)).forecast_end(10), 10);
    }

    #[test]
    fn within_its_days_the_pace_is_not_used() {
        // Day 4 of 2–8, one item of 10 closed: the due days alone count.
        assert_eq!(pace(2, 8, 1, 9, Some(8)).forecast_end(4), 8);
        assert_eq!(pace(2, 8, 1, 9, Some(8)).forecast_end(8), 8);
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn a_late_phase_moves_launch_by_what_its_slack_cannot_absorb() {
        // 1 (days 0–4) → 2 (5–8) → launch phase 3 (10–10); 4 (0–5) alone.
        let paces = BTreeMap::from([
            // Day 7: an item of phase 1 due on day 4 still open, none done
            // (no pace) → ends day 7 at the soonest.
            (id(1), pace(0, 4, 0, 1, Some(4))),
            (id(2), pace(5, 8, 0, 2, Some(8))),
            (id(3), pace(10, 10, 0, 1, Some(10))),
            // Ends on day 9 instead of 5: 4 days late, slack 5 (launch is day 10).
            (id(4), pace(0, 5, 0, 1, Some(9))),
        ]);
        let links = [
            Link {
                before: id(1),
                after: id(2),
                lag: 0,
            },
            Link {
                before: id(2),
                after: id(3),
                lag: 0,
            },
        ];
        let drifts = drifts(&paces, &links, 7, 10);
        assert_eq!(
            drifts,
            vec![
                // 1's slack: 2 must end by 9 so 2 may start on 6 → 1 by day 5:
                // one day of slack, 3 days late → launch moves by 2.
                Drift {
                    phase: id(1),
                    forecast_end: 7,
                    late: 3,
                    launch_moves: 2,
                },
                Drift {
                    phase: id(4),
                    forecast_end: 9,
                    late: 4,
                    launch_moves: 0,
                },
            ]
        );
    }

    #[test]
    fn a_phase_after_launch_never_moves_it() {
        let paces = BTreeMap::from([(id(1), pace(10, 20, 0, 1, Some(20)))]);
        let drifts = drifts(&paces, &[], 23, 10);
        assert_eq!(drifts.len(), 1);
        assert_eq!(drifts[0].late, 3);
        assert_eq!(drifts[0].launch_moves, 0);
    }
}
