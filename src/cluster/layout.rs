//! Where the cluster, its socket and its log live, and moving them where the `postgres` user
//! can reach them.

use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use tracing::warn;

use super::binaries::RunAs;
use super::{ClusterError, PORT, io_error};

const CLUSTER_FOLDER: &str = "postgres";
const SOCKET_FOLDER: &str = "run";
const LOG_FILE: &str = "postgres.log";
pub(super) const LOCATION_NOTE: &str = "CLUSTER-LOCATION";
const RELOCATION_ROOT: &str = "/var/lib/launch-control";
/// `sun_path` holds 108 bytes including the final NUL; the margin keeps clear of that edge.
const MAX_SOCKET_PATH: usize = 100;

/// Where the parts of one cluster live.
pub(super) struct Layout {
    /// The data folder the caller chose.
    pub(super) data_dir: PathBuf,
    /// The folder holding the cluster folder and the log: `data_dir`, unless relocated because
    /// the `postgres` user cannot reach `data_dir`.
    pub(super) home: PathBuf,
    pub(super) socket_dir: PathBuf,
}

impl Layout {
    pub(super) async fn choose(data_dir: PathBuf, run_as: &RunAs) -> Result<Self, ClusterError> {
        let home = choose_home(&data_dir, run_as).await?;
        let socket_dir = choose_socket_dir(&home, &data_dir);
        Ok(Self {
            data_dir,
            home,
            socket_dir,
        })
    }

    pub(super) fn cluster_dir(&self) -> PathBuf {
        self.home.join(CLUSTER_FOLDER)
    }

    pub(super) fn log_file(&self) -> PathBuf {
        self.home.join(LOG_FILE)
    }

    /// Every folder holding part of the cluster; nested or repeated when they coincide.
    pub(super) fn folders(&self) -> impl Iterator<Item = &Path> {
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

pub(super) fn is_cluster(dir: &Path) -> bool {
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

pub(super) fn create_private_dir(path: &Path, run_as: &RunAs) -> Result<(), ClusterError> {
    fs::DirBuilder::new()
        .mode(0o700)
        .create(path)
        .map_err(io_error("create folder", path))?;
    run_as.hand_over(path)
}

pub(super) fn remove_dir_if_exists(path: &Path) -> Result<(), ClusterError> {
    match fs::remove_dir_all(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => {
            Err(io_error("remove folder", path)(error))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
