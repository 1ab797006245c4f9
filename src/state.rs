//! What every handler can reach: the database and this instance's live updates.

use sqlx::PgPool;

use crate::live::Hub;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    /// This instance's live updates.
    pub live: Hub,
}

impl AppState {
    /// The state over `db`; starts listening for live updates.
    pub fn new(db: PgPool) -> AppState {
        AppState {
            live: Hub::start(db.clone()),
            db,
        }
    }
}
