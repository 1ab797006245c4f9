//! The version of what each live page shows: the id of the latest event
//! that concerns it, kept in memory from the events this instance hears. A
//! page that re-fetches itself after a change learns "nothing you show
//! changed" without a query or a render, and a browser only re-fetches
//! after a change its page follows.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use uuid::Uuid;

use crate::db::events::LiveEvent;
use crate::domain::change::Subject;

/// What a live page shows, as far as changes go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// A phase's checklist: its items, and the plan (days, teams, phases).
    Phase(Uuid),
    /// The countdown and the wall screen: readiness (items), the poll, the
    /// plan and the communication actions.
    Countdown,
    /// The overview: everything it sums up, never accounts.
    Overview,
}

/// One kind of change a scope follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Follow {
    subject: Subject,
    /// Only the items of this phase (and items whose phase is unknown).
    phase: Option<Uuid>,
}

impl Scope {
    fn follows(self) -> Vec<Follow> {
        let any = |subject| Follow {
            subject,
            phase: None,
        };
        match self {
            Scope::Phase(phase) => vec![
                Follow {
                    subject: Subject::Item,
                    phase: Some(phase),
                },
                any(Subject::Plan),
            ],
            Scope::Countdown => [
                Subject::Item,
                Subject::Poll,
                Subject::Plan,
                Subject::Communication,
            ]
            .map(any)
            .to_vec(),
            Scope::Overview => Subject::ALL
                .into_iter()
                .filter(|subject| subject.of_the_plan())
                .map(any)
                .collect(),
        }
    }

    /// Whether `event` may change what the scope shows. A subject this
    /// version does not know may change anything.
    pub fn concerned_by(self, event: &LiveEvent) -> bool {
        let Some(subject) = Subject::parse(&event.subject_type) else {
            return true;
        };
        self.follows().into_iter().any(|follow| {
            follow.subject == subject
                && follow
                    .phase
                    .is_none_or(|phase| event.phase_id.is_none_or(|of| of == phase))
        })
    }

    /// The same rule for the page's script (`static/js/app.js`), as the
    /// value of its regions' `data-live`: `subject` or `subject@phase`.
    pub fn attribute(self) -> String {
        self.follows()
            .into_iter()
            .map(|follow| match follow.phase {
                Some(phase) => format!("{}@{phase}", follow.subject.as_str()),
                None => follow.subject.as_str().to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// How many events the instance remembers by id, to tell whether it heard
/// the one a browser re-fetches for.
const REMEMBERED: usize = 4096;

/// What the events this instance heard concern, counted in the order heard.
/// Counting rather than taking event ids keeps a version moving when a
/// transaction that began first commits last (a lower id heard after a
/// higher one). The counts are this instance's own: its epoch, drawn at
/// start, sets them apart from another instance's or an earlier run's.
#[derive(Debug)]
pub struct Versions {
    epoch: u64,
    held: RwLock<Held>,
}

#[derive(Debug, Default)]
struct Held {
    heard: u64,
    /// When something changed that may concern any page: listening began
    /// (again), or an event of a subject this version does not know came.
    everything: u64,
    by_subject: HashMap<Subject, u64>,
    by_phase: HashMap<Uuid, u64>,
    /// Item changes whose phase is unknown: they concern every phase.
    unphased_items: u64,
    /// The event id listening first began after: older ones count as heard.
    started_after: Option<i64>,
    recent: VecDeque<i64>,
}

/// The version of what a scope shows on this instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Version {
    epoch: u64,
    count: u64,
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:x}.{}", self.epoch, self.count)
    }
}

impl Default for Versions {
    fn default() -> Versions {
        Versions {
            epoch: rand::random(),
            held: RwLock::default(),
        }
    }
}

impl Versions {
    /// Notes that listening starts after the event `id`: what was committed
    /// before, or meanwhile, was not heard one by one.
    pub fn start_at(&self, id: i64) {
        let mut held = self.write();
        held.heard += 1;
        held.everything = held.heard;
        held.started_after.get_or_insert(id);
    }

    /// Notes a heard event, before it goes out to the streams: a page
    /// fetched because of it is never answered "unchanged" by this instance.
    pub fn note(&self, event: &LiveEvent) {
        let mut held = self.write();
        held.heard += 1;
        let count = held.heard;
        if held.recent.len() == REMEMBERED {
            held.recent.pop_front();
        }
        held.recent.push_back(event.id);
        let Some(subject) = Subject::parse(&event.subject_type) else {
            held.everything = count;
            return;
        };
        held.by_subject.insert(subject, count);
        if subject == Subject::Item {
            match event.phase_id {
                Some(phase) => {
                    held.by_phase.insert(phase, count);
                }
                None => held.unphased_items = count,
            }
        }
    }

    /// Whether this instance heard the event `id` (or listened only after it).
    pub fn heard(&self, id: i64) -> bool {
        let held = self.read();
        held.started_after.is_some_and(|start| id <= start)
            || held.recent.contains(&id)
            || (held.recent.len() == REMEMBERED
                && held.recent.front().is_some_and(|&oldest| id < oldest))
    }

    /// The version of what `scope` shows.
    pub fn of(&self, scope: Scope) -> Version {
        let held = self.read();
        let count = scope
            .follows()
            .into_iter()
            .map(|follow| match follow.phase {
                Some(phase) => held
                    .by_phase
                    .get(&phase)
                    .copied()
                    .unwrap_or_default()
                    .max(held.unphased_items),
                None => held
                    .by_subject
                    .get(&follow.subject)
                    .copied()
                    .unwrap_or_default(),
            })
            .fold(held.everything, u64::max);
        Version {
            epoch: self.epoch,
            count,
        }
    }

    // A panic while holding the lock leaves counts that are still valid.
    fn read(&self) -> RwLockReadGuard<'_, Held> {
        self.held.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Held> {
        self.held.write().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: i64, subject: Subject, phase_id: Option<Uuid>) -> LiveEvent {
        LiveEvent {
            id,
            kind: "some_change".to_owned(),
            subject_type: subject.as_str().to_owned(),
            subject_id: Some(Uuid::new_v4()),
            phase_id,
        }
    }

    fn scopes(phase: Uuid) -> [Scope; 3] {
        [Scope::Phase(phase), Scope::Countdown, Scope::Overview]
    }

    #[test]
    fn a_scopes_version_moves_exactly_with_the_events_that_concern_it() {
        let (phase, other_phase) = (Uuid::new_v4(), Uuid::new_v4());
        for subject in Subject::ALL {
            for phase_id in [None, Some(phase), Some(other_phase)] {
                let event = event(101, subject, phase_id.filter(|_| subject == Subject::Item));
                for scope in scopes(phase) {
                    let versions = Versions::default();
                    versions.start_at(100);
                    let before = versions.of(scope);
                    versions.note(&event);
                    let moved = versions.of(scope) != before;
                    assert_eq!(moved, scope.concerned_by(&event), "{scope:?} and {event:?}");
                }
            }
        }
    }

    #[test]
    fn an_event_committed_late_still_moves_the_version() {
        let versions = Versions::default();
        versions.start_at(10);
        versions.note(&event(12, Subject::Poll, None));
        let drawn = versions.of(Scope::Countdown);
        versions.note(&event(11, Subject::Poll, None));
        assert_ne!(versions.of(Scope::Countdown), drawn);
    }

    #[test]
    fn what_each_page_follows() {
        let phase = Uuid::new_v4();
        let of_phase = |phase_id| event(1, Subject::Item, phase_id);
        assert!(Scope::Phase(phase).concerned_by(&of_phase(Some(phase))));
        assert!(!Scope::Phase(phase).concerned_by(&of_phase(Some(Uuid::new_v4()))));
        assert!(Scope::Phase(phase).concerned_by(&of_phase(None)));
        assert!(!Scope::Phase(phase).concerned_by(&event(1, Subject::Feedback, None)));
        assert!(!Scope::Countdown.concerned_by(&event(1, Subject::Risk, None)));
        assert!(Scope::Countdown.concerned_by(&event(1, Subject::Poll, None)));
        assert!(!Scope::Overview.concerned_by(&event(1, Subject::User, None)));
        assert!(Scope::Overview.concerned_by(&event(1, Subject::Feedback, None)));
        assert_eq!(
            Scope::Phase(phase).attribute(),
            format!("item@{phase} plan")
        );
        assert_eq!(
            Scope::Countdown.attribute(),
            "item golive_poll plan communication"
        );
    }

    #[test]
    fn versions_differ_between_instances_and_move_when_listening_starts_again() {
        let (one, other) = (Versions::default(), Versions::default());
        one.start_at(42);
        other.start_at(42);
        assert_ne!(one.of(Scope::Overview), other.of(Scope::Overview));
        let before = one.of(Scope::Overview);
        one.start_at(50);
        assert_ne!(
            one.of(Scope::Overview),
            before,
            "what came meanwhile was not heard"
        );
    }

    #[test]
    fn an_instance_knows_which_events_it_heard() {
        let versions = Versions::default();
        assert!(!versions.heard(1), "not listening yet");
        versions.start_at(42);
        versions.note(&event(44, Subject::Item, None));
        assert!(versions.heard(42));
        assert!(versions.heard(44));
        assert!(!versions.heard(43), "committed, not heard yet");
        assert!(!versions.heard(45));
    }

    #[test]
    fn an_unknown_subject_moves_every_version() {
        let versions = Versions::default();
        versions.start_at(1);
        let mut unknown = event(7, Subject::Item, None);
        unknown.subject_type = "from_a_newer_version".to_owned();
        assert!(Scope::Countdown.concerned_by(&unknown));
        let every = scopes(Uuid::new_v4());
        let before = every.map(|scope| versions.of(scope));
        versions.note(&unknown);
        for (scope, before) in every.into_iter().zip(before) {
            assert_ne!(versions.of(scope), before);
        }
    }
}
