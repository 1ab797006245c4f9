//! Phases linked finish-to-start (issue 20): what moves when a phase's days
//! change, which link would close a cycle, and the critical path — the
//! chain of phases that sets the end of the plan — with each phase's slack.
//! Pure functions over days, so the preview, the change and the timeline
//! compute the same thing.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use uuid::Uuid;

/// A phase's days, first and last (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: i32,
    pub end: i32,
}

impl Span {
    /// The span moved by `days`.
    pub fn shifted(self, days: i32) -> Span {
        Span {
            start: self.start + days,
            end: self.end + days,
        }
    }
}

/// `after` starts no sooner than `lag` days after `before` ends: on day
/// `before.end + 1 + lag` at the earliest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    pub before: Uuid,
    pub after: Uuid,
    pub lag: i32,
}

impl Link {
    /// The first day `after` may start when `before` spans `span`.
    fn earliest_start(self, span: Span) -> i32 {
        span.end + 1 + self.lag
    }
}

/// A phase that moves with a change, and by how many days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shift {
    pub phase: Uuid,
    pub by: i32,
}

/// The phases `link` would make its own predecessors: the path from its
/// `after` back to its `before` through `links`, when adding it would close
/// a cycle (a phase linked to itself is one).
pub fn cycle_through(links: &[Link], link: Link) -> Option<Vec<Uuid>> {
    if link.before == link.after {
        return Some(vec![link.before]);
    }
    // Breadth first from `after` along the links: reaching `before` means
    // `before` already follows `after`.
    let mut came_from: BTreeMap<Uuid, Uuid> = BTreeMap::new();
    let mut queue = VecDeque::from([link.after]);
    let mut seen = BTreeSet::from([link.after]);
    while let Some(phase) = queue.pop_front() {
        for next in links.iter().filter(|l| l.before == phase).map(|l| l.after) {
            if !seen.insert(next) {
                continue;
            }
            came_from.insert(next, phase);
            if next == link.before {
                let mut path = vec![next];
                let mut at = next;
                while let Some(previous) = came_from.get(&at) {
                    path.push(*previous);
                    at = *previous;
                }
                path.reverse();
                return Some(path);
            }
            queue.push_back(next);
        }
    }
    None
}

/// What else moves when phase `changed` takes `span`: every successor is
/// placed again from its predecessors — one that started as soon as a
/// predecessor allowed stays that close (it follows earlier as well as
/// later), one with room to spare moves only when it would start too soon.
/// A successor keeps its length. In the order of the links, each phase once.
pub fn reschedule(
    spans: &BTreeMap<Uuid, Span>,
    links: &[Link],
    changed: Uuid,
    span: Span,
) -> Vec<Shift> {
    let mut placed = spans.clone();
    placed.insert(changed, span);
    let mut shifts: BTreeMap<Uuid, i32> = BTreeMap::new();
    let mut queue = VecDeque::from([changed]);
    while let Some(phase) = queue.pop_front() {
        for successor in links.iter().filter(|l| l.before == phase).map(|l| l.after) {
            let Some(old) = spans.get(&successor).copied() else {
                continue;
            };
            let predecessors: Vec<&Link> = links.iter().filter(|l| l.after == successor).collect();
            let tight = predecessors.iter().any(|l| {
                spans
                    .get(&l.before)
                    .is_some_and(|before| l.earliest_start(*before) == old.start)
            });
            let earliest = predecessors
                .iter()
                .filter_map(|l| {
                    placed
                        .get(&l.before)
                        .map(|before| l.earliest_start(*before))
                })
                .max()
                .unwrap_or(old.start);
            let start = if tight {
                earliest
            } else {
                earliest.max(old.start)
            };
            let by = start - old.start;
            let now = placed.get(&successor).copied().unwrap_or(old);
            if now.start == start {
                continue;
            }
            placed.insert(successor, old.shifted(by));
            shifts.insert(successor, by);
            queue.push_back(successor);
        }
    }
    // Each phase reached once, in the order it was first moved.
    let mut order: Vec<Uuid> = Vec::new();
    let mut walk = VecDeque::from([changed]);
    let mut seen = BTreeSet::from([changed]);
    while let Some(phase) = walk.pop_front() {
        for next in links.iter().filter(|l| l.before == phase).map(|l| l.after) {
            if seen.insert(next) {
                if shifts.get(&next).is_some_and(|by| *by != 0) {
                    order.push(next);
                }
                walk.push_back(next);
            }
        }
    }
    order
        .into_iter()
        .map(|phase| Shift {
            phase,
            by: shifts[&phase],
        })
        .collect()
}

/// How much a phase may slip without moving the day that matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slack {
    pub phase: Uuid,
    /// Days it may end later without moving that day; negative when it
    /// already ends after it.
    pub days: i32,
}

impl Slack {
    /// Whether it is on the critical path: no day to spare.
    pub fn critical(self) -> bool {
        self.days <= 0
    }
}

/// Each phase's slack: the days between its end and the latest end its
/// successors allow, the phases without one measured against `finish` (the
/// launch day: the support period that follows it sets nothing). The
/// phases with none form the critical path.
pub fn slack(spans: &BTreeMap<Uuid, Span>, links: &[Link], finish: i32) -> Vec<Slack> {
    // The latest end of each phase, from the successors back: repeated
    // until nothing changes, which on an acyclic plan takes at most as many
    // rounds as phases.
    let mut latest: BTreeMap<Uuid, i32> = spans.keys().map(|id| (*id, finish)).collect();
    for _ in 0..spans.len() {
        let mut changed = false;
        for link in links {
            let (Some(after), Some(after_latest)) =
                (spans.get(&link.after), latest.get(&link.after).copied())
            else {
                continue;
            };
            let length = after.end - after.start;
            let latest_start = after_latest - length;
            let bound = latest_start - 1 - link.lag;
            if let Some(before_latest) = latest.get_mut(&link.before)
                && bound < *before_latest
            {
                *before_latest = bound;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    spans
        .iter()
        .map(|(id, span)| Slack {
            phase: *id,
            days: latest[id] - span.end,
        })
        .collect()
}

/// The phases on the critical path to `finish` (the launch day): no slack,
/// and not after it (the support period follows the launch; it sets nothing).
pub fn critical(spans: &BTreeMap<Uuid, Span>, links: &[Link], finish: i32) -> BTreeSet<Uuid> {
    slack(spans, links, finish)
        .into_iter()
        .filter(|slack| slack.critical() && spans[&slack.phase].start <= finish)
        .map(|slack| slack.phase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn span(start: i32, end: i32) -> Span {
        Span { start, end }
    }

    fn link(before: u128, after: u128, lag: i32) -> Link {
        Link {
            before: id(before),
            after: id(after),
            lag,
        }
    }

    /// 2.3 (J+9..J+15) → 2.4 (J+16..J+19) → 2.5 (J+20..J+24); 2.2 (J+5..J+12)
    /// → 2.4 with room; 2.6 (J+10..J+14) alone.
    fn plan() -> (BTreeMap<Uuid, Span>, Vec<Link>) {
        let spans = BTreeMap::from([
            (id(22), span(5, 12)),
            (id(23), span(9, 15)),
            (id(24), span(16, 19)),
            (id(25), span(20, 24)),
            (id(26), span(10, 14)),
        ]);
        let links = vec![link(23, 24, 0), link(24, 25, 0), link(22, 24, 0)];
        (spans, links)
    }

    #[test]
    fn ending_later_moves_the_tight_successors_by_the_same_days() {
        let (spans, links) = plan();
        assert_eq!(
            reschedule(&spans, &links, id(23), span(9, 17)),
            [
                Shift {
                    phase: id(24),
                    by: 2
                },
                Shift {
                    phase: id(25),
                    by: 2
                }
            ]
        );
    }

    #[test]
    fn ending_earlier_brings_tight_successors_back_but_not_before_another_predecessor() {
        let (spans, links) = plan();
        assert_eq!(
            reschedule(&spans, &links, id(23), span(9, 11)),
            [
                // 2.2 ends on J+12: 2.4 may not start before J+13.
                Shift {
                    phase: id(24),
                    by: -3
                },
                Shift {
                    phase: id(25),
                    by: -3
                }
            ]
        );
    }

    #[test]
    fn a_successor_with_room_moves_only_when_it_would_start_too_soon() {
        let (spans, links) = plan();
        // 2.2 ending on J+14 still leaves 2.4 (J+16) room; on J+17 it does not.
        assert_eq!(reschedule(&spans, &links, id(22), span(5, 14)), []);
        assert_eq!(
            reschedule(&spans, &links, id(22), span(5, 17)),
            [
                Shift {
                    phase: id(24),
                    by: 2
                },
                Shift {
                    phase: id(25),
                    by: 2
                }
            ]
        );
        assert_eq!(
            reschedule(&spans, &links, id(26), span(12, 16)),
            [],
            "unlinked"
        );
    }

    #[test]
    fn a_lag_keeps_its_days_between_the_phases() {
        let spans = BTreeMap::from([(id(1), span(0, 4)), (id(2), span(8, 9))]);
        let links = vec![link(1, 2, 3)];
        assert_eq!(
            reschedule(&spans, &links, id(1), span(0, 6)),
            [Shift {
                phase: id(2),
                by: 2
            }]
        );
    }

    #[test]
    fn a_link_closing_a_cycle_is_found_with_its_path() {
        let (_, links) = plan();
        assert_eq!(
            cycle_through(&links, link(25, 23, 0)),
            Some(vec![id(23), id(24), id(25)])
        );
        assert_eq!(cycle_through(&links, link(24, 24, 0)), Some(vec![id(24)]));
        assert_eq!(cycle_through(&links, link(25, 26, 0)), None);
        assert_eq!(
            cycle_through(&links, link(23, 25, 1)),
            None,
            "a shortcut is no cycle"
        );
    }

    #[test]
    fn the_critical_path_is_the_chain_with_no_slack() {
        let (spans, links) = plan();
        let slack: BTreeMap<Uuid, i32> = slack(&spans, &links, 24)
            .into_iter()
            .map(|slack| (slack.phase, slack.days))
            .collect();
        assert_eq!(slack[&id(23)], 0);
        assert_eq!(slack[&id(24)], 0);
        assert_eq!(slack[&id(25)], 0);
        assert_eq!(slack[&id(22)], 3, "2.2 may end on J+15 before 2.4 moves");
        assert_eq!(slack[&id(26)], 10, "alone, against the plan's last day");
        let critical: Vec<Uuid> = super::slack(&spans, &links, 24)
            .into_iter()
            .filter(|slack| slack.critical())
            .map(|slack| slack.phase)
            .collect();
        assert_eq!(critical, [id(23), id(24), id(25)]);
        let mut after_launch = spans.clone();
        after_launch.insert(id(30), span(25, 40));
        assert_eq!(
            super::critical(&after_launch, &links, 24),
            BTreeSet::from([id(23), id(24), id(25)]),
            "a phase after the day that matters is not on its path"
        );
        let earlier: BTreeMap<Uuid, i32> = super::slack(&spans, &links, 22)
            .into_iter()
            .map(|slack| (slack.phase, slack.days))
            .collect();
        assert_eq!(
            earlier[&id(25)],
            -2,
            "ends two days after the day that matters"
        );
        assert_eq!(earlier[&id(23)], -2, "and drags its predecessors with it");
    }
}
