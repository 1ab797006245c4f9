//! The few hashes that may run at once, each in a buffer that the next
//! holder of its permit reuses.

use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::Memory;
use crate::error::AppError;

/// The bytes one hash fills: argon2's m = 19 MiB.
const HASH_BYTES: u64 = 19 * 1024 * 1024;
/// Hashing may hold at most this fraction (one part in so many) of the
/// memory available at start.
const MEMORY_SHARE: u64 = 32;
/// Two hashes at a time, whatever the machine: one slow hash then does not
/// hold up every other sign-in.
const MIN_PERMITS: usize = 2;
/// Past four, hashes only share the same cores and memory.
const MAX_PERMITS: usize = 4;
/// How long a request waits for a hasher before it is answered 503.
const WAIT: Duration = Duration::from_secs(2);
/// When a client refused for want of a hasher is told to come back.
const RETRY_AFTER_SECONDS: u64 = 5;

/// Permits to hash, and the buffers of those who held one.
pub(super) struct Hashers {
    permits: Arc<Semaphore>,
    spare: Mutex<Vec<Memory>>,
    wait: Duration,
}

/// The process's hashers: memory is the process's, so the bound is too.
pub(super) fn global() -> &'static Hashers {
    static HASHERS: LazyLock<Hashers> = LazyLock::new(|| {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let permits = permits_for(available_memory(), cores);
        tracing::info!(permits, "password hashes run {permits} at a time");
        Hashers::new(permits, WAIT)
    });
    &HASHERS
}

/// As many hashes as cores, as memory allows (each at most one
/// [`MEMORY_SHARE`]th of what is available), within two to four.
fn permits_for(available_bytes: Option<u64>, cores: usize) -> usize {
    let by_memory = available_bytes.map_or(MIN_PERMITS, |bytes| {
        usize::try_from(bytes / MEMORY_SHARE / HASH_BYTES).unwrap_or(MAX_PERMITS)
    });
    by_memory.min(cores).clamp(MIN_PERMITS, MAX_PERMITS)
}

/// The memory this process may still take: the system's available memory,
/// or less under a cgroup (v2) limit, as in a container.
fn available_memory() -> Option<u64> {
    let system = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| mem_available(&text));
    let cgroup = match (
        std::fs::read_to_string("/sys/fs/cgroup/memory.max"),
        std::fs::read_to_string("/sys/fs/cgroup/memory.current"),
    ) {
        (Ok(max), Ok(current)) => cgroup_room(&max, &current),
        _ => None,
    };
    match (system, cgroup) {
        (Some(system), Some(cgroup)) => Some(system.min(cgroup)),
        (system, cgroup) => system.or(cgroup),
    }
}

/// `MemAvailable` of `/proc/meminfo`, in bytes.
fn mem_available(meminfo: &str) -> Option<u64> {
    let line = meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemAvailable:"))?;
    let kib: u64 = line.trim().strip_suffix("kB")?.trim().parse().ok()?;
    Some(kib * 1024)
}

/// What a cgroup's `memory.max` leaves above `memory.current`; `max` means
/// no limit.
fn cgroup_room(max: &str, current: &str) -> Option<u64> {
    let max: u64 = max.trim().parse().ok()?;
    let current: u64 = current.trim().parse().ok()?;
    Some(max.saturating_sub(current))
}

impl Hashers {
    fn new(permits: usize, wait: Duration) -> Hashers {
        Hashers {
            permits: Arc::new(Semaphore::new(permits)),
            spare: Mutex::new(Vec::with_capacity(permits)),
            wait,
        }
    }

    /// A permit to hash, once one is free; [`AppError::Busy`] if none
    /// frees up within the wait.
    pub(super) async fn turn(&'static self) -> Result<Permit, AppError> {
        let permit = tokio::time::timeout(self.wait, Arc::clone(&self.permits).acquire_owned())
            .await
            .map_err(|_| AppError::Busy {
                retry_after_seconds: RETRY_AFTER_SECONDS,
            })?
            .map_err(anyhow::Error::from)?;
        Ok(Permit {
            permit,
            hashers: self,
        })
    }

    fn take(&self) -> Memory {
        self.spare
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop()
            .unwrap_or_default()
    }

    fn give_back(&self, memory: Memory) {
        self.spare
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(memory);
    }
}

/// One of the few permits to hash.
pub(super) struct Permit {
    permit: OwnedSemaphorePermit,
    hashers: &'static Hashers,
}

impl Permit {
    /// Runs `work` on a blocking thread with a buffer to hash in. The permit
    /// goes with the work: a request given up on does not free it before its
    /// hash is done.
    pub(super) async fn run<T: Send + 'static>(
        self,
        work: impl FnOnce(&mut Memory) -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let done = tokio::task::spawn_blocking(move || {
            let mut memory = self.hashers.take();
            let done = work(&mut memory);
            self.hashers.give_back(memory);
            drop(self.permit);
            done
        });
        Ok(done.await.map_err(anyhow::Error::from)?)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use argon2::Block;

    use super::*;

    const GIB: u64 = 1024 * 1024 * 1024;

    fn hashers(permits: usize) -> &'static Hashers {
        Box::leak(Box::new(Hashers::new(permits, Duration::from_millis(100))))
    }

    #[test]
    fn there_are_as_many_hashers_as_cores_and_memory_allow_within_two_to_four() {
        assert_eq!(permits_for(Some(64 * GIB), 16), 4, "never more than four");
        assert_eq!(permits_for(Some(64 * GIB), 3), 3, "no more than cores");
        assert_eq!(permits_for(Some(64 * GIB), 1), 2, "never fewer than two");
        assert_eq!(
            permits_for(Some(3 * 32 * HASH_BYTES), 8),
            3,
            "a 32nd of memory each"
        );
        assert_eq!(permits_for(Some(3 * 32 * HASH_BYTES - 1), 8), 2);
        assert_eq!(permits_for(None, 8), 2, "memory unknown: the fewest");
    }

    #[test]
    fn the_available_memory_is_read_from_meminfo_and_a_cgroup_limit() {
        let meminfo = "MemTotal:       24683520 kB\nMemFree:        15885312 kB\n\
                       MemAvailable:   23403520 kB\nBuffers:          123 kB\n";
        assert_eq!(mem_available(meminfo), Some(23_403_520 * 1024));
        assert_eq!(mem_available("MemTotal: 1 kB\n"), None);
        assert_eq!(
            cgroup_room("1073741824\n", "73741824\n"),
            Some(1_000_000_000)
        );
        assert_eq!(cgroup_room("max\n", "73741824\n"), None, "no limit");
        assert_eq!(cgroup_room("100\n", "200\n"), Some(0));
    }

    #[tokio::test]
    async fn a_hash_waits_for_a_free_hasher_then_gives_up_as_busy() {
        let hashers = hashers(1);
        let (release, released) = mpsc::channel::<()>();
        let held = hashers.turn().await.unwrap();
        let first = tokio::spawn(held.run(move |_| released.recv().is_ok()));

        let refused = hashers.turn().await.map(drop);

        assert!(
            matches!(
                refused,
                Err(AppError::Busy {
                    retry_after_seconds: RETRY_AFTER_SECONDS
                })
            ),
            "{refused:?}"
        );
        release.send(()).unwrap();
        assert!(first.await.unwrap().unwrap());
        hashers.turn().await.expect("free again");
    }

    #[tokio::test]
    async fn as_many_hashes_as_permits_run_together() {
        let hashers = hashers(2);
        let (release, released) = mpsc::channel::<()>();
        let held = hashers.turn().await.unwrap();
        let first = tokio::spawn(held.run(move |_| released.recv().is_ok()));

        hashers.turn().await.expect("a second permit");

        release.send(()).unwrap();
        assert!(first.await.unwrap().unwrap());
    }

    #[tokio::test]
    async fn each_hash_reuses_the_buffer_of_the_one_before() {
        let hashers = hashers(2);
        let grow = |memory: &mut Memory| {
            memory.resize(64, Block::default());
            memory.as_ptr() as usize
        };

        let first = hashers.turn().await.unwrap().run(grow).await.unwrap();
        let second = hashers.turn().await.unwrap().run(grow).await.unwrap();

        assert_eq!(first, second);
        assert_eq!(hashers.spare.lock().unwrap().len(), 1);
    }
}
