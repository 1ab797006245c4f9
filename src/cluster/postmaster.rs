//! Reading `postmaster.pid` to tell a running server from one that died.

use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// What `postmaster.pid` says about the server of a cluster.
pub(super) enum Postmaster {
    Absent,
    /// Left behind by a server that died: its pid is gone, or taken by another process.
    Stale,
    Running {
        ready: bool,
    },
}

pub(super) fn postmaster(cluster_dir: &Path) -> Postmaster {
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
