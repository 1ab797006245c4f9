//! What every handler can reach: the database, this instance's live updates
//! and its copy of the plan.

use sqlx::PgPool;

use crate::live::Hub;
use crate::plan_cache::PlanCache;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    /// This instance's live updates.
    pub live: Hub,
    /// The plan, its teams and its phases, kept current by the live updates.
    pub plans: PlanCache,
}

impl AppState {
    /// The state over `db`; starts listening for live updates.
    pub fn new(db: PgPool) -> AppState {
        let plans = PlanCache::new(db.clone());
        AppState {
            live: Hub::start(db.clone(), plans.clone()),
            plans,
            db,
        }
    }
}
