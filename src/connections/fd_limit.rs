//! The process's limit on open files, fitted to the connection cap: each
//! connection is a file descriptor, and many systems start processes with a
//! soft limit of 1,024.

use nix::sys::resource::{Resource, getrlimit, setrlimit};

use super::Limits;

/// Descriptors needed beyond the connections: the database pool, the
/// listener, files, and connections still closing at the cap.
const HEADROOM: u64 = 128;

/// Raises the soft limit on open files towards the hard one when the cap
/// needs more, and lowers the cap when even the hard limit is short, so that
/// `accept` never runs out of descriptors; logs what it did.
pub fn fit_open_file_limit(limits: Limits) -> Limits {
    let needed = u64::try_from(limits.max_connections)
        .unwrap_or(u64::MAX)
        .saturating_add(HEADROOM);
    let (soft, hard) = match getrlimit(Resource::RLIMIT_NOFILE) {
        Ok(limit) => limit,
        Err(error) => {
            tracing::warn!(%error, "cannot read the open-file limit; leaving it as it is");
            return limits;
        }
    };
    if soft >= needed {
        return limits;
    }
    let raised = needed.min(hard);
    let available = match setrlimit(Resource::RLIMIT_NOFILE, raised, hard) {
        Ok(()) if raised == soft => soft,
        Ok(()) => {
            tracing::info!(
                from = soft,
                to = raised,
                "raised the open-file limit for {} connections",
                limits.max_connections
            );
            raised
        }
        Err(error) => {
            tracing::warn!(%error, limit = soft, "cannot raise the open-file limit");
            soft
        }
    };
    if available >= needed {
        return limits;
    }
    let max_connections = usize::try_from(available.saturating_sub(HEADROOM))
        .unwrap_or(usize::MAX)
        .max(1);
    tracing::warn!(
        limit = available,
        "the open-file limit allows {max_connections} connections, not {}: raise its hard limit (ulimit -Hn, LimitNOFILE=) to allow more",
        limits.max_connections
    );
    Limits {
        max_connections,
        ..limits
    }
}
