//! The cap on open connections, and which connection a newcomer replaces
//! once it is reached: the oldest one still waiting for its first request.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::sync::oneshot;

/// How often, at most, reaching the cap is logged: under a flood of
/// connections it would otherwise be every accept.
const WARN_EVERY: Duration = Duration::from_secs(60);

/// The open connections, counted against the cap.
pub(super) struct Slots {
    max: usize,
    state: Mutex<State>,
}

struct State {
    open: usize,
    next_id: u64,
    /// The connections that have not sent a whole request head yet, oldest
    /// first, each with the means to close it.
    waiting: BTreeMap<u64, oneshot::Sender<()>>,
    warned_at: Option<Instant>,
}

/// One open connection's place; freed when dropped.
pub(super) struct Slot {
    id: u64,
    slots: Arc<Slots>,
    started: AtomicBool,
}

impl Slots {
    pub(super) fn new(max: usize) -> Slots {
        Slots {
            max,
            state: Mutex::new(State {
                open: 0,
                next_id: 0,
                waiting: BTreeMap::new(),
                warned_at: None,
            }),
        }
    }

    /// A place for a new connection, and what says it is to close to make
    /// room for a later one; `None` when the cap is reached and every open
    /// connection has a request under way.
    ///
    /// At the cap, the oldest waiting connection is told to close and the
    /// newcomer is let in at once, so the count may pass the cap by the
    /// connections still closing (a few, for a moment).
    pub(super) fn admit(self: &Arc<Self>) -> Option<(Arc<Slot>, oneshot::Receiver<()>)> {
        let mut state = self.lock();
        if state.open >= self.max {
            let oldest = state.waiting.pop_first();
            let now = Instant::now();
            if state
                .warned_at
                .is_none_or(|at| now.duration_since(at) >= WARN_EVERY)
            {
                state.warned_at = Some(now);
                tracing::warn!(
                    max = self.max,
                    "the connection cap is reached: new connections replace idle ones, or are closed when none is idle"
                );
            }
            let _ = oldest?.1.send(());
        }
        state.open += 1;
        let id = state.next_id;
        state.next_id += 1;
        let (close, closing) = oneshot::channel();
        state.waiting.insert(id, close);
        let slot = Slot {
            id,
            slots: Arc::clone(self),
            started: AtomicBool::new(false),
        };
        Some((Arc::new(slot), closing))
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state stays consistent across a panic: every update is one step.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Slot {
    /// The connection sent a whole request head: it is no longer replaced by
    /// newcomers. Its closing channel is dropped, which the connection's task
    /// must read as "never", not as "now".
    pub(super) fn started(&self) {
        if !self.started.swap(true, Ordering::Relaxed) {
            self.slots.lock().waiting.remove(&self.id);
        }
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut state = self.slots.lock();
        state.open -= 1;
        state.waiting.remove(&self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_the_cap_a_newcomer_replaces_the_oldest_connection_without_a_request() {
        let slots = Arc::new(Slots::new(2));
        let (first, mut first_closing) = slots.admit().unwrap();
        let (second, mut second_closing) = slots.admit().unwrap();
        second.started();

        let third = slots.admit();

        assert!(third.is_some());
        assert_eq!(first_closing.try_recv(), Ok(()));
        assert!(second_closing.try_recv().is_err(), "a started one stays");
        drop(first);
        assert_eq!(slots.lock().open, 2);
        drop((second, third));
        assert_eq!(slots.lock().open, 0);
    }

    #[test]
    fn at_the_cap_with_every_connection_busy_a_newcomer_is_refused() {
        let slots = Arc::new(Slots::new(1));
        let (busy, _closing) = slots.admit().unwrap();
        busy.started();

        assert!(slots.admit().is_none());
        assert_eq!(slots.lock().open, 1);
    }
}
