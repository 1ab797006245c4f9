//! Starting and stopping the server with `pg_ctl`.

use std::fs;
use std::os::unix::process::CommandExt;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use tracing::info;

use super::binaries::{output_of, output_text, shell_quote};
use super::layout::{create_private_dir, remove_dir_if_exists};
use super::postmaster::{Postmaster, postmaster};
use super::{Cluster, ClusterError, PORT, io_error};

const START_TIMEOUT: Duration = Duration::from_secs(60);
const THROWAWAY_SETTINGS: &str =
    " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";

impl Cluster {
    /// pg_ctl appends to the log as the user running PostgreSQL, who may not be allowed to
    /// create files in the data folder.
    pub(super) fn prepare_log_file(&self) -> Result<(), ClusterError> {
        let log = self.layout.log_file();
        fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .map_err(io_error("create log file", &log))?;
        self.run_as.hand_over(&log)
    }

    /// Starts the server, or takes over the one already running; `true` when it started it.
    pub(super) async fn start_server(&self) -> Result<bool, ClusterError> {
        let cluster_dir = self.layout.cluster_dir();
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            match postmaster(&cluster_dir) {
                Postmaster::Absent => return self.pg_ctl_start().await.map(|()| true),
                Postmaster::Stale => {
                    info!("removing postmaster.pid left behind by a PostgreSQL that died");
                    let pid_file = cluster_dir.join("postmaster.pid");
                    fs::remove_file(&pid_file).map_err(io_error("remove", &pid_file))?;
                    return self.pg_ctl_start().await.map(|()| true);
                }
                Postmaster::Running { ready: true } => {
                    info!(cluster = %cluster_dir.display(), "taking over the PostgreSQL already running on this cluster");
                    return Ok(false);
                }
                Postmaster::Running { ready: false } if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Postmaster::Running { ready: false } => {
                    return Err(ClusterError::NotReady {
                        path: cluster_dir,
                        log: self.layout.log_file(),
                    });
                }
            }
        }
    }

    async fn pg_ctl_start(&self) -> Result<(), ClusterError> {
        // A server that died may have left its socket and socket lock file behind; the folder
        // belongs to this cluster alone, so start it afresh.
        let socket_dir = &self.layout.socket_dir;
        remove_dir_if_exists(socket_dir)?;
        create_private_dir(socket_dir, &self.run_as)?;
        let mut command = self.pg_ctl();
        command
            .arg("start")
            .arg("-D")
            .arg(self.layout.cluster_dir())
            .args(["-w", "-t", &START_TIMEOUT.as_secs().to_string()])
            .arg("-l")
            .arg(self.layout.log_file())
            .arg("-o")
            .arg(self.server_options());
        info!(cluster = %self.layout.cluster_dir().display(), "starting PostgreSQL");
        let started = Instant::now();
        let output = output_of(command).await?;
        if !output.status.success() {
            return Err(ClusterError::StartFailed {
                output: output_text(&output),
                log: self.layout.log_file(),
            });
        }
        info!(socket = %socket_dir.display(), took = ?started.elapsed(), "PostgreSQL started");
        Ok(())
    }

    /// The server's command-line options, as one string that pg_ctl hands to a shell.
    fn server_options(&self) -> String {
        // -k takes a list of folders; double quotes keep spaces and commas in ours.
        let socket_dir = self
            .layout
            .socket_dir
            .to_string_lossy()
            .replace('"', "\"\"");
        let mut options = format!(
            "-p {PORT} -c listen_addresses='' -k {}",
            shell_quote(&format!("\"{socket_dir}\""))
        );
        if self.throwaway {
            options.push_str(THROWAWAY_SETTINGS);
        }
        options
    }

    fn pg_ctl(&self) -> Command {
        let mut command = self.run_as.command(&self.bin_dir.join("pg_ctl"));
        // The terminal's Ctrl-C goes to the whole foreground process group; PostgreSQL must not
        // get it, as the server stops PostgreSQL itself once it has drained its requests.
        command.process_group(0);
        command
    }

    pub(super) fn pg_ctl_stop(&self) -> Command {
        let mut command = self.pg_ctl();
        command
            .arg("stop")
            .arg("-D")
            .arg(self.layout.cluster_dir())
            .args([
                "-m",
                "fast",
                "-w",
                "-t",
                &START_TIMEOUT.as_secs().to_string(),
            ]);
        command
    }

    pub(super) fn finish_stop(&self, output: &Output) -> Result<(), ClusterError> {
        // A server that is already gone is as good as stopped.
        let still_running = matches!(
            postmaster(&self.layout.cluster_dir()),
            Postmaster::Running { .. }
        );
        if !output.status.success() && still_running {
            return Err(ClusterError::Failed {
                what: "pg_ctl stop",
                output: output_text(output),
            });
        }
        info!("PostgreSQL stopped");
        if self.throwaway {
            for folder in self.layout.folders() {
                remove_dir_if_exists(folder)?;
            }
        }
        Ok(())
    }
}
