//! What every handler can reach: the database, this instance's live updates,
//! its copy of the plan and the pages' data held while nothing changes.

use sqlx::PgPool;

use crate::fan_out;
use crate::live::Hub;
use crate::plan_cache::PlanCache;
use crate::snapshot_cache::SnapshotCache;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    /// This instance's live updates.
    pub live: Hub,
    /// The plan, its teams and its phases, kept current by the live updates.
    pub plans: PlanCache,
    /// Pages' data, kept while the database has not changed.
    pub snapshots: SnapshotCache,
}

impl AppState {
    /// The state over `db`; starts listening for live updates, and fanning
    /// out the changes heard into notifications.
    pub fn new(db: PgPool) -> AppState {
        let plans = PlanCache::new(db.clone());
        let live = Hub::start(db.clone(), plans.clone());
        tokio::spawn(fan_out::run(db.clone(), live.subscribe()));
        AppState {
            live,
            plans,
            snapshots: SnapshotCache::default(),
            db,
        }
    }
}
