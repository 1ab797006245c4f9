//! Creating the cluster with `initdb` on first start.

use std::fs;
use std::path::Path;
use std::time::Instant;

use tracing::info;

use super::binaries::{check, output_of};
use super::layout::{create_private_dir, is_cluster, remove_dir_if_exists};
use super::{Cluster, ClusterError, io_error};

pub(super) const STAGING_FOLDER: &str = "postgres.initdb";

impl Cluster {
    pub(super) async fn ensure_initialized(&self) -> Result<(), ClusterError> {
        let cluster_dir = self.layout.cluster_dir();
        if is_cluster(&cluster_dir) {
            return Ok(());
        }
        if fs::read_dir(&cluster_dir).is_ok_and(|mut entries| entries.next().is_some()) {
            return Err(ClusterError::NotACluster { path: cluster_dir });
        }
        // initdb fills a sibling folder that is renamed into place only once complete, so an
        // interrupted first start leaves no half cluster, just a leftover the next start redoes.
        let staging = self.layout.home.join(STAGING_FOLDER);
        info!(cluster = %cluster_dir.display(), "creating PostgreSQL cluster (initdb)");
        let started = Instant::now();
        if let Err(error) = self.initdb(&staging, "C.UTF-8").await {
            info!(%error, "initdb with locale C.UTF-8 failed, retrying with locale C");
            self.initdb(&staging, "C").await?;
        }
        fs::rename(&staging, &cluster_dir).map_err(io_error("move into place", &staging))?;
        info!(took = ?started.elapsed(), "PostgreSQL cluster created");
        Ok(())
    }

    async fn initdb(&self, staging: &Path, locale: &str) -> Result<(), ClusterError> {
        remove_dir_if_exists(staging)?;
        create_private_dir(staging, &self.run_as)?;
        let mut command = self.run_as.command(&self.bin_dir.join("initdb"));
        command
            .arg("-D")
            .arg(staging)
            .args(["-U", "postgres", "--auth=trust", "-E", "UTF8"])
            .arg(format!("--locale={locale}"));
        if self.throwaway {
            // A throwaway cluster need not survive a power cut; skipping the fsync saves time.
            command.arg("--no-sync");
        }
        let output = output_of(command).await?;
        check(&output, "initdb")
    }
}
