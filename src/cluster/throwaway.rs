//! The throwaway test cluster's watchdog, which cleans up after a process that is gone.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};

use super::binaries::shell_quote;
use super::{Cluster, ClusterError};

impl Cluster {
    /// Starts a detached shell that, once this process is gone, stops the server and removes
    /// its folders. Drop alone is not enough: statics are never dropped, and a test process
    /// may be killed outright. Its own process group keeps it clear of the terminal's Ctrl-C.
    pub(super) fn spawn_watchdog(&self) -> Result<(), ClusterError> {
        let folders: Vec<String> = self.layout.folders().map(shell_quote_path).collect();
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {prefix}{pg_ctl} stop -D {cluster} -m immediate; rm -rf {folders}",
            pid = std::process::id(),
            prefix = self.run_as.shell_prefix(),
            pg_ctl = shell_quote_path(&self.bin_dir.join("pg_ctl")),
            cluster = shell_quote_path(&self.layout.cluster_dir()),
            folders = folders.join(" "),
        );
        Command::new("sh")
            .arg("-c")
            .arg(script)
            .current_dir("/")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|cause| ClusterError::Spawn {
                program: "sh".into(),
                cause,
            })?;
        Ok(())
    }
}

fn shell_quote_path(path: &Path) -> String {
    shell_quote(&path.to_string_lossy())
}
