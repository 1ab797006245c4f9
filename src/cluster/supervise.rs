//! Keeping the private PostgreSQL up: a server that dies (killed, crashed,
//! stopped behind the dashboard's back) is started again, so that pages come
//! back without restarting the dashboard.

use std::convert::Infallible;
use std::time::Duration;

use tokio::time::MissedTickBehavior;
use tracing::{info, warn};

use super::Cluster;
use super::postmaster::{Postmaster, postmaster};

/// How often the server is looked for: a `postmaster.pid` read and a look
/// in `/proc`, cheap enough to do every second.
const CHECK_EVERY: Duration = Duration::from_secs(1);

impl Cluster {
    /// Starts the server again whenever it is found gone; never returns, so
    /// it runs beside the dashboard until dropped. After a crash the start
    /// may fail while the dead server's processes exit; it is tried again at
    /// the next check.
    pub async fn keep_running(&self) -> Infallible {
        let mut every = tokio::time::interval(CHECK_EVERY);
        every.set_missed_tick_behavior(MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            if matches!(
                postmaster(&self.layout.cluster_dir()),
                Postmaster::Running { .. }
            ) {
                continue;
            }
            warn!(cluster = %self.layout.cluster_dir().display(), "PostgreSQL is gone: starting it again");
            match self.start_server().await {
                Ok(_) => info!("PostgreSQL runs again"),
                Err(error) => {
                    warn!(%error, "cannot start PostgreSQL again; trying again in a second");
                }
            }
        }
    }
}
