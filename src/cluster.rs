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

use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use nix::unistd::{Gid, Uid, User};
use tracing::{info, warn};

const CLUSTER_FOLDER: &str = "postgres";
const STAGING_FOLDER: &str = "postgres.initdb";
const SOCKET_FOLDER: &str = "run";
const LOG_FILE: &str = "postgres.log";
const LOCATION_NOTE: &str = "CLUSTER-LOCATION";
const RELOCATION_ROOT: &str = "/var/lib/launch-control";
const SERVER_BINARIES: [&str; 3] = ["initdb", "pg_ctl", "postgres"];
const PORT: u16 = 5432;
/// `sun_path` holds 108 bytes including the final NUL; the margin keeps clear of that edge.
const MAX_SOCKET_PATH: usize = 100;
const START_TIMEOUT: Duration = Duration::from_secs(60);
const THROWAWAY_SETTINGS: &str =
    " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";

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

    /// pg_ctl appends to the log as the user running PostgreSQL, who may not be allowed to
    /// create files in the data folder.
    fn prepare_log_file(&self) -> Result<(), ClusterError> {
        let log = self.layout.log_file();
        fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .map_err(io_error("create log file", &log))?;
        self.run_as.hand_over(&log)
    }

    async fn ensure_initialized(&self) -> Result<(), ClusterError> {
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

    /// Starts the server, or takes over the one already running; `true` when it started it.
    async fn start_server(&self) -> Result<bool, ClusterError> {
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

    fn pg_ctl_stop(&self) -> Command {
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

    fn finish_stop(&self, output: &Output) -> Result<(), ClusterError> {
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

    /// Starts a detached shell that, once this process is gone, stops the server and removes
    /// its folders. Drop alone is not enough: statics are never dropped, and a test process
    /// may be killed outright. Its own process group keeps it clear of the terminal's Ctrl-C.
    fn spawn_watchdog(&self) -> Result<(), ClusterError> {
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

/// Who the PostgreSQL binaries run as.
enum RunAs {
    CurrentUser,
    /// PostgreSQL refuses to run as root, so root runs it as the `postgres` system user.
    Postgres {
        uid: Uid,
        gid: Gid,
    },
}

impl RunAs {
    fn detect() -> Result<Self, ClusterError> {
        if !nix::unistd::geteuid().is_root() {
            return Ok(Self::CurrentUser);
        }
        match User::from_name("postgres") {
            Ok(Some(user)) => Ok(Self::Postgres {
                uid: user.uid,
                gid: user.gid,
            }),
            _ => Err(ClusterError::NoPostgresUser),
        }
    }

    fn command(&self, program: &Path) -> Command {
        let mut command = match self {
            Self::CurrentUser => Command::new(program),
            Self::Postgres { .. } => {
                let mut command = Command::new("runuser");
                command.args(["-u", "postgres", "--"]).arg(program);
                command
            }
        };
        // The `postgres` user may not be allowed into our working directory.
        command.current_dir("/").stdin(Stdio::null());
        command
    }

    /// What `command` puts before the program, for a shell script.
    fn shell_prefix(&self) -> &'static str {
        match self {
            Self::CurrentUser => "",
            Self::Postgres { .. } => "runuser -u postgres -- ",
        }
    }

    /// Gives `path` to the user running PostgreSQL.
    fn hand_over(&self, path: &Path) -> Result<(), ClusterError> {
        if let Self::Postgres { uid, gid } = self {
            nix::unistd::chown(path, Some(*uid), Some(*gid))
                .map_err(|errno| io_error("give the postgres user", path)(errno.into()))?;
        }
        Ok(())
    }

    /// Whether the user running PostgreSQL can get into `dir`, which takes every parent folder
    /// being traversable for it too.
    async fn can_enter(&self, dir: &Path) -> Result<bool, ClusterError> {
        let mut command = self.command(Path::new("test"));
        command.arg("-x").arg(dir);
        Ok(output_of(command).await?.status.success())
    }
}

/// Where the parts of one cluster live.
struct Layout {
    /// The data folder the caller chose.
    data_dir: PathBuf,
    /// The folder holding the cluster folder and the log: `data_dir`, unless relocated because
    /// the `postgres` user cannot reach `data_dir`.
    home: PathBuf,
    socket_dir: PathBuf,
}

impl Layout {
    async fn choose(data_dir: PathBuf, run_as: &RunAs) -> Result<Self, ClusterError> {
        let home = choose_home(&data_dir, run_as).await?;
        let socket_dir = choose_socket_dir(&home, &data_dir);
        Ok(Self {
            data_dir,
            home,
            socket_dir,
        })
    }

    fn cluster_dir(&self) -> PathBuf {
        self.home.join(CLUSTER_FOLDER)
    }

    fn log_file(&self) -> PathBuf {
        self.home.join(LOG_FILE)
    }

    /// Every folder holding part of the cluster; nested or repeated when they coincide.
    fn folders(&self) -> impl Iterator<Item = &Path> {
        [&self.data_dir, &self.home, &self.socket_dir]
            .into_iter()
            .map(PathBuf::as_path)
    }
}

async fn choose_home(data_dir: &Path, run_as: &RunAs) -> Result<PathBuf, ClusterError> {
    if matches!(run_as, RunAs::CurrentUser) {
        return Ok(data_dir.to_path_buf());
    }
    let relocated = Path::new(RELOCATION_ROOT).join(short_hash(data_dir));
    // Once relocated, stay relocated, so that a later permission change does not hide the data.
    if is_cluster(&relocated.join(CLUSTER_FOLDER)) {
        return relocate(data_dir, &relocated);
    }
    if run_as.can_enter(data_dir).await? {
        return Ok(data_dir.to_path_buf());
    }
    let cluster_dir = data_dir.join(CLUSTER_FOLDER);
    if is_cluster(&cluster_dir) {
        return Err(ClusterError::Unreachable { path: cluster_dir });
    }
    relocate(data_dir, &relocated)
}

fn is_cluster(dir: &Path) -> bool {
    dir.join("PG_VERSION").is_file()
}

/// Makes `home` the home of the cluster of `data_dir`, reachable by the `postgres` user, and
/// leaves a note in `data_dir` so that a person can find the cluster.
fn relocate(data_dir: &Path, home: &Path) -> Result<PathBuf, ClusterError> {
    fs::create_dir_all(home).map_err(io_error("create folder", home))?;
    for folder in [Path::new(RELOCATION_ROOT), home] {
        fs::set_permissions(folder, fs::Permissions::from_mode(0o755))
            .map_err(io_error("open up", folder))?;
    }
    let home = fs::canonicalize(home).map_err(io_error("find folder", home))?;
    let note = data_dir.join(LOCATION_NOTE);
    warn!(
        "the postgres user cannot reach {}, so the PostgreSQL cluster lives in {} instead (noted in {})",
        data_dir.display(),
        home.display(),
        note.display()
    );
    let text = format!(
        "The PostgreSQL cluster of this data folder lives in {}:\nPostgreSQL runs as the `postgres` user, who cannot reach this folder.\n",
        home.display()
    );
    fs::write(&note, text).map_err(io_error("write", &note))?;
    Ok(home)
}

fn choose_socket_dir(home: &Path, data_dir: &Path) -> PathBuf {
    let preferred = home.join(SOCKET_FOLDER);
    let socket_path_len = preferred.as_os_str().len() + format!("/.s.PGSQL.{PORT}").len();
    if socket_path_len <= MAX_SOCKET_PATH {
        return preferred;
    }
    // A Unix socket path must fit in sun_path, which a deep data folder overflows, so the
    // socket goes to a short folder named after the data folder instead.
    PathBuf::from(format!("/tmp/lc-{}", short_hash(data_dir)))
}

/// A short name for `path`, by FNV-1a rather than std's hasher, whose output may change
/// between Rust releases: the names must stay the same across builds.
fn short_hash(path: &Path) -> String {
    let hash = path
        .as_os_str()
        .as_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
        });
    format!("{hash:016x}")
}

/// Finds the folder holding `initdb`, `pg_ctl` and `postgres`: all from one folder, as pg_ctl
/// runs the `postgres` found next to itself.
fn find_server_binaries() -> Result<PathBuf, ClusterError> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(std::iter::once_with(pg_config_bindir).flatten())
        .chain(
            std::iter::once_with(|| versioned_bin_dirs(Path::new("/usr/lib/postgresql"))).flatten(),
        )
        .find(|dir| {
            SERVER_BINARIES
                .iter()
                .all(|name| is_executable(&dir.join(name)))
        })
        .ok_or(ClusterError::BinariesNotFound)
}

fn pg_config_bindir() -> Option<PathBuf> {
    let output = Command::new("pg_config").arg("--bindir").output().ok()?;
    let bindir = String::from_utf8(output.stdout).ok()?;
    output
        .status
        .success()
        .then(|| PathBuf::from(bindir.trim()))
}

/// The `<version>/bin` folders under `root` (Debian's layout), newest version first.
fn versioned_bin_dirs(root: &Path) -> Vec<PathBuf> {
    let mut versions: Vec<(Vec<u32>, PathBuf)> = fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry
                .file_name()
                .to_str()?
                .split('.')
                .map(|part| part.parse().ok())
                .collect::<Option<_>>()?;
            Some((version, entry.path().join("bin")))
        })
        .collect();
    versions.sort_by(|a, b| b.0.cmp(&a.0));
    versions.into_iter().map(|(_, dir)| dir).collect()
}

fn is_executable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}

/// What `postmaster.pid` says about the server of a cluster.
enum Postmaster {
    Absent,
    /// Left behind by a server that died: its pid is gone, or taken by another process.
    Stale,
    Running {
        ready: bool,
    },
}

fn postmaster(cluster_dir: &Path) -> Postmaster {
    let Ok(contents) = fs::read_to_string(cluster_dir.join("postmaster.pid")) else {
        return Postmaster::Absent;
    };
    let mut lines = contents.lines();
    // A single-user server writes its pid negated.
    let pid = lines
        .next()
        .and_then(|line| line.trim().trim_start_matches('-').parse::<u32>().ok());
    match pid {
        Some(pid) if serves(pid, cluster_dir) => Postmaster::Running {
            // The eighth line is the server's status.
            ready: lines.nth(6).is_some_and(|status| status.trim() == "ready"),
        },
        _ => Postmaster::Stale,
    }
}

/// Whether process `pid` is a PostgreSQL server of `cluster_dir`, rather than an unrelated
/// process that reused the pid of a server that died. pg_ctl starts the server with
/// `-D <cluster_dir>`, and the server keeps that command line.
fn serves(pid: u32, cluster_dir: &Path) -> bool {
    let process = PathBuf::from(format!("/proc/{pid}"));
    let is_postgres =
        fs::read_to_string(process.join("comm")).is_ok_and(|comm| comm.trim_end() == "postgres");
    let Ok(cmdline) = fs::read(process.join("cmdline")) else {
        return false;
    };
    let args: Vec<&[u8]> = cmdline.split(|byte| *byte == 0).collect();
    is_postgres
        && args
            .windows(2)
            .any(|pair| pair[0] == b"-D" && pair[1] == cluster_dir.as_os_str().as_bytes())
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

fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

fn shell_quote_path(path: &Path) -> String {
    shell_quote(&path.to_string_lossy())
}

fn create_private_dir(path: &Path, run_as: &RunAs) -> Result<(), ClusterError> {
    fs::DirBuilder::new()
        .mode(0o700)
        .create(path)
        .map_err(io_error("create folder", path))?;
    run_as.hand_over(path)
}

fn remove_dir_if_exists(path: &Path) -> Result<(), ClusterError> {
    match fs::remove_dir_all(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => {
            Err(io_error("remove folder", path)(error))
        }
        _ => Ok(()),
    }
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> ClusterError {
    move |cause| ClusterError::Io {
        action,
        path: path.to_path_buf(),
        cause,
    }
}

async fn output_of(command: Command) -> Result<Output, ClusterError> {
    let program = PathBuf::from(command.get_program());
    tokio::process::Command::from(command)
        .output()
        .await
        .map_err(|cause| ClusterError::Spawn { program, cause })
}

fn check(output: &Output, what: &'static str) -> Result<(), ClusterError> {
    if output.status.success() {
        return Ok(());
    }
    Err(ClusterError::Failed {
        what,
        output: output_text(output),
    })
}

/// A failed program's output on one line, for an error message.
fn output_text(output: &Output) -> String {
    let text = [&output.stderr, &output.stdout]
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
        .join("\n");
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    if lines.is_empty() {
        return output.status.to_string();
    }
    lines.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::PgPool;
    use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

    /// A folder in the system temp folder, removed when dropped; its name has a space so that
    /// quoting gets tested too.
    struct TempFolder(PathBuf);

    impl TempFolder {
        fn new(label: &str) -> Self {
            let name = format!(
                "lc-test {label}-{}-{:08x}",
                std::process::id(),
                rand::random::<u32>()
            );
            Self(std::env::temp_dir().join(name))
        }
    }

    impl Drop for TempFolder {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    async fn pool(cluster: &Cluster) -> PgPool {
        PgPoolOptions::new()
            .max_connections(2)
            .connect(&cluster.database_url("postgres"))
            .await
            .expect("connect to the cluster")
    }

    async fn select_one(cluster: &Cluster) -> i32 {
        let pool = pool(cluster).await;
        let one = sqlx::query_scalar("select 1")
            .fetch_one(&pool)
            .await
            .expect("select 1");
        pool.close().await;
        one
    }

    async fn has_table(cluster: &Cluster, table: &str) -> bool {
        let pool = pool(cluster).await;
        let found: Option<String> = sqlx::query_scalar("select to_regclass($1)::text")
            .bind(table)
            .fetch_one(&pool)
            .await
            .expect("look up table");
        pool.close().await;
        found.is_some()
    }

    async fn create_table(cluster: &Cluster, table: &str) {
        let pool = pool(cluster).await;
        sqlx::query(&format!("create table {table} (id int)"))
            .execute(&pool)
            .await
            .expect("create table");
        pool.close().await;
    }

    #[tokio::test]
    async fn throwaway_cluster_answers_and_goes_away() {
        let cluster = Cluster::start_throwaway()
            .await
            .expect("start throwaway cluster");
        let folder = cluster.layout.data_dir.clone();
        assert_eq!(select_one(&cluster).await, 1);
        cluster.stop().await.expect("stop");
        assert!(
            !folder.exists(),
            "throwaway folder {} left behind",
            folder.display()
        );
    }

    #[tokio::test]
    async fn data_survives_a_restart() {
        let data = TempFolder::new("restart");
        // What an interrupted first start leaves behind must not get in the way.
        let leftover = data.0.join(STAGING_FOLDER);
        fs::create_dir_all(&leftover).unwrap();
        fs::write(leftover.join("PG_VERSION"), "15\n").unwrap();
        let cluster = Cluster::start(&data.0).await.expect("first start");
        create_table(&cluster, "kept").await;
        cluster.stop().await.expect("first stop");

        let cluster = Cluster::start(&data.0).await.expect("second start");
        assert!(has_table(&cluster, "kept").await);
        cluster.stop().await.expect("second stop");
    }

    #[tokio::test]
    async fn stale_pid_file_does_not_prevent_start() {
        let data = TempFolder::new("stale");
        let cluster = Cluster::start(&data.0).await.expect("first start");
        let pid_file = cluster.layout.cluster_dir().join("postmaster.pid");
        cluster.stop().await.expect("first stop");

        // A dead pid, then a live process that is not PostgreSQL (as after a pid reuse).
        for pid in [999_999, std::process::id()] {
            fs::write(&pid_file, format!("{pid}\n")).unwrap();
            let cluster = Cluster::start(&data.0)
                .await
                .expect("start over a stale pid file");
            assert_eq!(select_one(&cluster).await, 1);
            cluster.stop().await.expect("stop");
        }
    }

    #[tokio::test]
    async fn server_left_running_is_taken_over() {
        let data = TempFolder::new("takeover");
        let cluster = Cluster::start(&data.0).await.expect("first start");
        create_table(&cluster, "kept").await;
        // As if our process had been killed: its PostgreSQL lives on.
        std::mem::forget(cluster);

        let cluster = Cluster::start(&data.0).await.expect("start again");
        assert!(has_table(&cluster, "kept").await);
        cluster.stop().await.expect("stop");
    }

    #[tokio::test]
    async fn unreachable_data_folder_is_relocated_for_root() {
        let parent = TempFolder::new("locked");
        fs::create_dir(&parent.0).unwrap();
        // Like /root: nobody else may traverse it.
        fs::set_permissions(&parent.0, fs::Permissions::from_mode(0o700)).unwrap();
        let data_dir = parent.0.join("data");

        let cluster = Cluster::start(&data_dir).await.expect("start");
        let relocated = cluster.layout.home != cluster.layout.data_dir;
        let home = cluster.layout.home.clone();
        assert_eq!(select_one(&cluster).await, 1);
        cluster.stop().await.expect("stop");

        let is_root = nix::unistd::geteuid().is_root();
        assert_eq!(relocated, is_root);
        assert_eq!(data_dir.join(LOCATION_NOTE).is_file(), is_root);
        if relocated {
            fs::remove_dir_all(home).unwrap();
        }
    }

    #[test]
    fn database_url_is_understood_by_sqlx() {
        let socket_dir = Path::new("/tmp/a b+c%d/run");
        let options: PgConnectOptions = database_url(socket_dir, "my db").parse().unwrap();
        assert_eq!(options.get_socket(), Some(&socket_dir.to_path_buf()));
        assert_eq!(options.get_database(), Some("my db"));
        assert_eq!(options.get_username(), "postgres");
        assert_eq!(options.get_port(), PORT);
    }

    #[test]
    fn newest_version_comes_first() {
        let root = TempFolder::new("versions");
        for version in ["9.6", "16", "10", "notes"] {
            fs::create_dir_all(root.0.join(version)).unwrap();
        }
        let expected: Vec<PathBuf> = ["16", "10", "9.6"]
            .iter()
            .map(|v| root.0.join(v).join("bin"))
            .collect();
        assert_eq!(versioned_bin_dirs(&root.0), expected);
    }

    #[test]
    fn deep_data_folder_gets_a_short_socket_folder() {
        let deep = PathBuf::from(format!("/{}", "d".repeat(120)));
        let socket_dir = choose_socket_dir(&deep, &deep);
        assert!(socket_dir.starts_with("/tmp"));
        assert_eq!(
            choose_socket_dir(Path::new("/srv/data"), Path::new("/srv/data")),
            Path::new("/srv/data/run")
        );
    }
}
