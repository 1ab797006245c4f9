//! A page's data kept between requests while the database has not changed.
//!
//! A request knows PostgreSQL's snapshot of its start ([`Snapshot`], read in
//! the same statement as the signed-in user). If the data held for the page
//! was read just after that very snapshot was taken, nothing was committed
//! since, and the data is served as it is; otherwise the page reads it again. Any
//! commit moves the snapshot, whoever makes it (this instance, another one,
//! a hand edit), so there is nothing to announce and nothing to miss: a user
//! sent to a page after their change sees it, on any instance.
//!
//! Written here rather than taken from a caching crate (moka, cached): those
//! expire entries by time or size, and staleness is what this must not allow.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crate::db::snapshots::Snapshot;

/// How many entries are held at most: one per signed-in user, a few per
/// page, role and language.
const MOST: usize = 2048;

/// The held data of every page, each under its type and a key of the page's
/// choosing (what else its data depends on: the viewer's role, the day).
#[derive(Clone, Default)]
pub struct SnapshotCache {
    shelf: Arc<Mutex<Shelf>>,
}

impl SnapshotCache {
    /// The data of `key`, read by `read` unless held from `snapshot`, which
    /// must be taken before `read` runs: a commit during the read then moves
    /// the next request's snapshot past this one, so what was read is never
    /// kept under a snapshot it may not match.
    pub async fn get_or_read<V, E, F, Fut>(
        &self,
        snapshot: &Snapshot,
        key: String,
        read: F,
    ) -> Result<Arc<V>, E>
    where
        V: Any + Send + Sync,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        self.get_or_read_if(snapshot, key, |_| true, read).await
    }

    /// The same, holding what was kept only if it is also `current`: for
    /// data drawn with something the snapshot does not cover.
    pub async fn get_or_read_if<V, E, F, Fut>(
        &self,
        snapshot: &Snapshot,
        key: String,
        current: impl FnOnce(&V) -> bool,
        read: F,
    ) -> Result<Arc<V>, E>
    where
        V: Any + Send + Sync,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        let snapshot = &snapshot.0;
        let slot = (TypeId::of::<V>(), key);
        let held = self.shelf().find(&slot, snapshot);
        if let Some(value) = held
            .and_then(|value| value.downcast::<V>().ok())
            .filter(|value| current(value))
        {
            return Ok(value);
        }
        let value = Arc::new(read().await?);
        self.shelf().keep(slot, snapshot.clone(), value.clone());
        Ok(value)
    }

    fn shelf(&self) -> std::sync::MutexGuard<'_, Shelf> {
        self.shelf.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

type Slot = (TypeId, String);

#[derive(Default)]
struct Shelf {
    held: HashMap<Slot, (String, Arc<dyn Any + Send + Sync>)>,
}

impl Shelf {
    fn find(&self, slot: &Slot, snapshot: &str) -> Option<Arc<dyn Any + Send + Sync>> {
        self.held
            .get(slot)
            .filter(|(read_after, _)| read_after == snapshot)
            .map(|(_, value)| value.clone())
    }

    fn keep(&mut self, slot: Slot, snapshot: String, value: Arc<dyn Any + Send + Sync>) {
        if self.held.len() >= MOST && !self.held.contains_key(&slot) {
            self.held.clear();
        }
        self.held.insert(slot, (snapshot, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(key: &str) -> Slot {
        (TypeId::of::<u32>(), key.to_owned())
    }

    fn kept(shelf: &Shelf, key: &str, snapshot: &str) -> Option<u32> {
        shelf
            .find(&slot(key), snapshot)
            .and_then(|value| value.downcast::<u32>().ok())
            .map(|value| *value)
    }

    #[test]
    fn data_is_found_only_at_the_snapshot_it_was_read_after() {
        let mut shelf = Shelf::default();
        shelf.keep(slot("admin"), "10:12:10,11".into(), Arc::new(7_u32));
        assert_eq!(kept(&shelf, "admin", "10:12:10,11"), Some(7));
        assert_eq!(kept(&shelf, "admin", "10:12:10"), None, "11 committed");
        assert_eq!(kept(&shelf, "admin", "10:13:10,11"), None, "12 began");
        assert_eq!(kept(&shelf, "viewer", "10:12:10,11"), None);
    }

    #[test]
    fn data_read_again_replaces_what_was_held() {
        let mut shelf = Shelf::default();
        shelf.keep(slot("admin"), "1:2:".into(), Arc::new(1_u32));
        shelf.keep(slot("admin"), "2:3:".into(), Arc::new(2_u32));
        assert_eq!(kept(&shelf, "admin", "1:2:"), None);
        assert_eq!(kept(&shelf, "admin", "2:3:"), Some(2));
    }

    #[tokio::test]
    async fn data_no_longer_current_is_read_again() {
        let cache = SnapshotCache::default();
        let snapshot = Snapshot("1:2:".into());
        let read = |value: u32| async move { Ok::<_, ()>(value) };
        let first = cache.get_or_read(&snapshot, "k".into(), || read(1)).await;
        assert_eq!(first.map(|value| *value), Ok(1));
        let kept = cache
            .get_or_read_if(&snapshot, "k".into(), |value| *value == 1, || read(2))
            .await;
        assert_eq!(kept.map(|value| *value), Ok(1), "current: kept");
        let again = cache
            .get_or_read_if(&snapshot, "k".into(), |value| *value == 0, || read(3))
            .await;
        assert_eq!(again.map(|value| *value), Ok(3), "not current: read again");
    }

    #[test]
    fn the_shelf_never_holds_more_than_its_bound() {
        let mut shelf = Shelf::default();
        for n in 0..=MOST {
            shelf.keep(slot(&n.to_string()), "1:2:".into(), Arc::new(0_u32));
        }
        assert!(shelf.held.len() <= MOST);
        assert_eq!(kept(&shelf, &MOST.to_string(), "1:2:"), Some(0));
    }
}
