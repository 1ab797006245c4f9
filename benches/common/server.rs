//! A server run as a child process on a free loopback port, and what it uses.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a server may take to listen: the first start of a cluster and
/// the migrations included.
const START_TIMEOUT: Duration = Duration::from_secs(120);
/// `/proc/<pid>/stat` counts CPU time in USER_HZ ticks, 100 a second on Linux.
const TICKS_PER_SECOND: f64 = 100.0;

/// A running server; dropping it kills the process.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// Starts `command` with `BIND_ADDR` set to a free port and waits until
    /// it listens there.
    pub async fn spawn(mut command: Command) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let child = command
            .env("BIND_ADDR", format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start {command:?}: {error}"));
        let mut server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        server.wait_listening(port).await;
        server
    }

    /// What measures the process while the server is borrowed elsewhere.
    pub fn probe(&self) -> Probe {
        Probe(self.child.id())
    }

    async fn wait_listening(&mut self, port: u16) {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("the server ended ({status}) before it listened");
            }
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return;
            }
            assert!(
                started.elapsed() < START_TIMEOUT,
                "the server did not listen within {START_TIMEOUT:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a server process's memory and CPU time from `/proc`.
#[derive(Clone, Copy)]
pub struct Probe(u32);

/// What a process uses at one moment.
#[derive(Clone, Copy)]
pub struct Usage {
    /// Resident memory.
    pub rss_kib: u64,
    /// User and system CPU time since the process started.
    pub cpu_seconds: f64,
}

impl Probe {
    /// The process's usage now; zeros once it is gone.
    pub fn usage(self) -> Usage {
        let pid = self.0;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let rss_kib = status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|value| value.split_whitespace().next()?.parse().ok())
            .unwrap_or(0);
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // The command name in parentheses may hold spaces: count fields after it.
        // utime and stime are fields 14 and 15, the 12th and 13th after it.
        let ticks: u64 = stat
            .rsplit_once(')')
            .map(|(_, fields)| {
                fields
                    .split_whitespace()
                    .skip(11)
                    .take(2)
                    .filter_map(|field| field.parse::<u64>().ok())
                    .sum()
            })
            .unwrap_or(0);
        Usage {
            rss_kib,
            cpu_seconds: ticks as f64 / TICKS_PER_SECOND,
        }
    }
}
