//! The server's own private PostgreSQL cluster, run from the system's PostgreSQL server binaries.
//!
//! Hand-written on purpose: no crate runs a cluster from the binaries the system already has
//! (`postgresql_embedded` and its kin download their own PostgreSQL builds, which fails here).
//!
//! For a data folder `DATA` (all paths canonical):
//! - `DATA/postgres` holds the cluster, created by `initdb` on first start;
//! - `DATA/run` holds the Unix socket, the only way in: the server listens on no TCP port;
//! - `DATA/postgres.log` is the server log.
//!
//! PostgreSQL refuses to run as root, so as root the binaries run as the `postgres` system user.
//! When that user cannot reach `DATA` (say under `/root`), the cluster lives in
//! `/var/lib/launch-control/<hash>` instead, and `DATA/CLUSTER-LOCATION` says so.
//!
//! Setup does a few quick blocking file-system calls inside async functions: it runs once at
//! startup, and only the slow steps (`initdb`, `pg_ctl`) are worth awaiting.

mod binaries;
mod initdb;
mod layout;
mod pg_ctl;
mod postmaster;
mod supervise;
#[cfg(test)]
mod tests;
mod throwaway;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use tracing::{info, warn};

use binaries::{RunAs, find_server_binaries, output_of};
use layout::{Layout, create_private_dir};

const PORT: u16 = 5432;

/// Why the private PostgreSQL cluster could not be started or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    /// No folder holds `initdb`, `pg_ctl` and `postgres`.
    #[error(
        "PostgreSQL server binaries not found: install the PostgreSQL server, e.g. `apt-get install postgresql`, or set DATABASE_URL."
    )]
    BinariesNotFound,
    /// Running as root, but there is no `postgres` user to run PostgreSQL as.
    #[error(
        "PostgreSQL refuses to run as root and there is no `postgres` system user to run it as: install the PostgreSQL server package, run as a normal user, or set DATABASE_URL."
    )]
    NoPostgresUser,
    /// A file-system operation failed.
    #[error("Could not {action} {}: {cause}.", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        cause: io::Error,
    },
    /// A program could not be run at all.
    #[error("Could not run {}: {cause}.", program.display())]
    Spawn { program: PathBuf, cause: io::Error },
    /// A PostgreSQL program ran and failed.
    #[error("`{what}` failed: {output}")]
    Failed { what: &'static str, output: String },
    /// `pg_ctl start` failed; the reason is in the server log.
    #[error("PostgreSQL did not start ({output}); see {} for why.", log.display())]
    StartFailed { output: String, log: PathBuf },
    /// A server already running on the cluster never became ready.
    #[error("The PostgreSQL server already running in {} did not become ready within a minute; see {} for why.", path.display(), log.display())]
    NotReady { path: PathBuf, log: PathBuf },
    /// The cluster folder holds something other than a cluster.
    #[error("{} is not empty but holds no PostgreSQL cluster: move it away so that a new cluster can be created there.", path.display())]
    NotACluster { path: PathBuf },
    /// As root, the cluster sits where the `postgres` user cannot reach it.
    #[error("The `postgres` user cannot reach the PostgreSQL cluster in {}: make its parent folders traversable (chmod o+x) or move the data folder.", path.display())]
    Unreachable { path: PathBuf },
}

/// The server's private PostgreSQL cluster, listening on a Unix socket only.
///
/// Dropping it stops the server too, so that a panicking test leaves nothing running.
pub struct Cluster {
    bin_dir: PathBuf,
    run_as: RunAs,
    layout: Layout,
    throwaway: bool,
    /// Whether this handle still has to stop the server; `stop` clears it so `Drop` does not
    /// stop the server a second time.
    running: bool,
    /// Whether this process started the server, rather than finding it running.
    started_here: bool,
}

impl Cluster {
    /// Starts the cluster kept in `data_dir` (e.g. `./data`), creating it with `initdb` on first
    /// use, or takes over its server if one is still running from an earlier process.
    pub async fn start(data_dir: &Path) -> Result<Cluster, ClusterError> {
        let (bin_dir, run_as) = (find_server_binaries()?, RunAs::detect()?);
        fs::create_dir_all(data_dir).map_err(io_error("create folder", data_dir))?;
        let mut cluster = Cluster::new(bin_dir, run_as, data_dir, false).await?;
        cluster.boot().await?;
        Ok(cluster)
    }

    /// Starts a throwaway cluster for tests in a fresh folder of the system temp folder, tuned
    /// for speed over durability.
    ///
    /// It is stopped and its folder removed by `stop`, by `Drop`, or at the latest once the
    /// calling process has ended, even if it was killed.
    pub async fn start_throwaway() -> Result<Cluster, ClusterError> {
        let (bin_dir, run_as) = (find_server_binaries()?, RunAs::detect()?);
        let name = format!(
            "lc-test-{}-{:08x}",
            std::process::id(),
            rand::random::<u32>()
        );
        let dir = std::env::temp_dir().join(name);
        create_private_dir(&dir, &run_as)?;
        let mut cluster = Cluster::new(bin_dir, run_as, &dir, true).await?;
        cluster.spawn_watchdog()?;
        cluster.boot().await?;
        Ok(cluster)
    }

    /// The URL of `database` on this cluster, for user `postgres` (trust authentication)
    /// through the Unix socket: `postgres://postgres@localhost:5432/{database}?host={socket dir}`.
    pub fn database_url(&self, database: &str) -> String {
        database_url(&self.layout.socket_dir, database)
    }

    /// Stops the server (fast shutdown: open sessions are ended) and waits until it is down.
    pub async fn stop(mut self) -> Result<(), ClusterError> {
        // Cleared before trying so that Drop does not try again should stopping fail.
        self.running = false;
        info!(cluster = %self.layout.cluster_dir().display(), "stopping PostgreSQL");
        let output = output_of(self.pg_ctl_stop()).await?;
        self.finish_stop(&output)
    }

    /// Stops the server if this process started it; one found running (the
    /// dashboard's, while a command-line tool borrows it) is left running.
    pub async fn release(mut self) -> Result<(), ClusterError> {
        if self.started_here {
            self.stop().await
        } else {
            self.running = false;
            Ok(())
        }
    }

    async fn new(
        bin_dir: PathBuf,
        run_as: RunAs,
        data_dir: &Path,
        throwaway: bool,
    ) -> Result<Self, ClusterError> {
        let data_dir = fs::canonicalize(data_dir).map_err(io_error("find folder", data_dir))?;
        let layout = Layout::choose(data_dir, &run_as).await?;
        Ok(Self {
            bin_dir,
            run_as,
            layout,
            throwaway,
            running: false,
            started_here: false,
        })
    }

    async fn boot(&mut self) -> Result<(), ClusterError> {
        self.prepare_log_file()?;
        self.ensure_initialized().await?;
        self.started_here = self.start_server().await?;
        self.running = true;
        Ok(())
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if !self.running {
            return;
        }
        info!(cluster = %self.layout.cluster_dir().display(), "stopping PostgreSQL as its handle is dropped");
        let result = self
            .pg_ctl_stop()
            .output()
            .map_err(|cause| ClusterError::Spawn {
                program: self.bin_dir.join("pg_ctl"),
                cause,
            })
            .and_then(|output| self.finish_stop(&output));
        if let Err(error) = result {
            warn!(%error, "could not stop PostgreSQL");
        }
    }
}

fn database_url(socket_dir: &Path, database: &str) -> String {
    format!(
        "postgres://postgres@localhost:{PORT}/{}?host={}",
        percent_encode(database),
        percent_encode(&socket_dir.to_string_lossy())
    )
}

/// Percent-encodes all but unreserved URL characters and `/`, so that names with spaces, `+`,
/// `%`, `?` or `#` come out of URL parsing unchanged.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                char::from(byte).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> ClusterError {
    move |cause| ClusterError::Io {
        action,
        path: path.to_path_buf(),
        cause,
    }
}
