//! Running wrk (`apt-get install wrk`) and reading its summary.

use std::io::ErrorKind;
use std::process::Command;
use std::time::Duration;

/// Connections held open at once, as in issue 16's figures.
pub const CONNECTIONS: u32 = 64;

/// What one wrk run measured.
pub struct Figures {
    pub requests_per_second: f64,
    pub p99: Duration,
    /// Answers other than 2xx and 3xx, and connect, read, write and timeout errors.
    pub failures: u64,
}

/// Loads `url` from one thread over `CONNECTIONS` connections for `seconds`,
/// sending `cookie` when given.
pub fn run(url: &str, cookie: Option<&str>, seconds: u64) -> Figures {
    let mut command = Command::new("wrk");
    command
        .args(["-t1", &format!("-c{CONNECTIONS}"), &format!("-d{seconds}s")])
        .arg("--latency");
    if let Some(cookie) = cookie {
        command.args(["-H", &format!("Cookie: {cookie}")]);
    }
    let output = match command.arg(url).output() {
        Ok(output) => output,
        Err(error) if error.kind() == ErrorKind::NotFound => {
            panic!("wrk is not installed: install it (Debian: apt-get install wrk) and run again")
        }
        Err(error) => panic!("cannot run wrk: {error}"),
    };
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "wrk failed on {url}: {text}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    parse(&text).unwrap_or_else(|| panic!("cannot read wrk's summary:\n{text}"))
}

/// Reads `Requests/sec:`, the 99% line of `--latency`, and the failure lines.
fn parse(text: &str) -> Option<Figures> {
    let mut requests_per_second = None;
    let mut p99 = None;
    let mut failures = 0;
    for line in text.lines().map(str::trim) {
        if let Some(rate) = line.strip_prefix("Requests/sec:") {
            requests_per_second = rate.trim().parse().ok();
        } else if let Some(latency) = line.strip_prefix("99%") {
            p99 = duration(latency.trim());
        } else if let Some(count) = line.strip_prefix("Non-2xx or 3xx responses:") {
            failures += count.trim().parse::<u64>().ok()?;
        } else if let Some(errors) = line.strip_prefix("Socket errors:") {
            // "connect 0, read 0, write 0, timeout 0"
            for error in errors.split(',') {
                failures += error.split_whitespace().nth(1)?.parse::<u64>().ok()?;
            }
        }
    }
    Some(Figures {
        requests_per_second: requests_per_second?,
        p99: p99?,
        failures,
    })
}

/// wrk's durations: `812.00us`, `12.34ms`, `1.02s`, `2.00m`.
fn duration(text: &str) -> Option<Duration> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let value: f64 = text[..split].parse().ok()?;
    let seconds = match &text[split..] {
        "us" => value / 1e6,
        "ms" => value / 1e3,
        "s" => value,
        "m" => value * 60.0,
        _ => return None,
    };
    Some(Duration::from_secs_f64(seconds))
}
