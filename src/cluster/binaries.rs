//! Finding the PostgreSQL server binaries and running them, as the `postgres` user when root.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use nix::unistd::{Gid, Uid, User};

use super::{ClusterError, io_error};

const SERVER_BINARIES: [&str; 3] = ["initdb", "pg_ctl", "postgres"];

/// Finds the folder holding `initdb`, `pg_ctl` and `postgres`: all from one folder, as pg_ctl
/// runs the `postgres` found next to itself.
pub(super) fn find_server_binaries() -> Result<PathBuf, ClusterError> {
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

/// Who the PostgreSQL binaries run as.
pub(super) enum RunAs {
    CurrentUser,
    /// PostgreSQL refuses to run as root, so root runs it as the `postgres` system user.
    Postgres {
        uid: Uid,
        gid: Gid,
    },
}

impl RunAs {
    pub(super) fn detect() -> Result<Self, ClusterError> {
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

    pub(super) fn command(&self, program: &Path) -> Command {
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
    pub(super) fn shell_prefix(&self) -> &'static str {
        match self {
            Self::CurrentUser => "",
            Self::Postgres { .. } => "runuser -u postgres -- ",
        }
    }

    /// Gives `path` to the user running PostgreSQL.
    pub(super) fn hand_over(&self, path: &Path) -> Result<(), ClusterError> {
        if let Self::Postgres { uid, gid } = self {
            nix::unistd::chown(path, Some(*uid), Some(*gid))
                .map_err(|errno| io_error("give the postgres user", path)(errno.into()))?;
        }
        Ok(())
    }

    /// Whether the user running PostgreSQL can get into `dir`, which takes every parent folder
    /// being traversable for it too.
    pub(super) async fn can_enter(&self, dir: &Path) -> Result<bool, ClusterError> {
        let mut command = self.command(Path::new("test"));
        command.arg("-x").arg(dir);
        Ok(output_of(command).await?.status.success())
    }
}

pub(super) fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

pub(super) async fn output_of(command: Command) -> Result<Output, ClusterError> {
    let program = PathBuf::from(command.get_program());
    tokio::process::Command::from(command)
        .output()
        .await
        .map_err(|cause| ClusterError::Spawn { program, cause })
}

pub(super) fn check(output: &Output, what: &'static str) -> Result<(), ClusterError> {
    if output.status.success() {
        return Ok(());
    }
    Err(ClusterError::Failed {
        what,
        output: output_text(output),
    })
}

/// A failed program's output on one line, for an error message.
pub(super) fn output_text(output: &Output) -> String {
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
    use crate::cluster::tests::TempFolder;

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
}
