//! Slow and idle clients: the header deadline, and the connection cap that
//! keeps the health probe answering.

use std::time::{Duration, Instant};

use launch_control::connections::{HEADER_READ_TIMEOUT, MAX_CONNECTIONS};
use nix::sys::resource::{Resource, getrlimit, setrlimit};
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::TestApp;

const README: &str = include_str!("../../../README.md");

/// Raises this process's soft limit on open files to `needed`: the test
/// holds both ends of its connections, beside the other tests'.
fn raise_own_file_limit(needed: u64) {
    let (soft, hard) = getrlimit(Resource::RLIMIT_NOFILE).unwrap();
    assert!(
        hard >= needed,
        "this test needs {needed} open files; the hard limit is {hard}"
    );
    if soft < needed {
        setrlimit(Resource::RLIMIT_NOFILE, needed, hard).unwrap();
    }
}

#[tokio::test]
async fn a_connection_that_sends_half_a_header_is_closed_within_the_documented_timeout() {
    let documented = format!(
        "| `HEADER_READ_TIMEOUT_SECS` | `{}` |",
        HEADER_READ_TIMEOUT.as_secs()
    );
    assert!(README.contains(&documented), "the README says {documented}");
    let app = TestApp::spawn().await;
    let mut stream = TcpStream::connect(app.address).await.unwrap();

    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: loc")
        .await
        .unwrap();
    let sent_at = Instant::now();
    let mut answer = Vec::new();
    let closed = tokio::time::timeout(
        HEADER_READ_TIMEOUT + Duration::from_secs(2),
        stream.read_to_end(&mut answer),
    )
    .await;

    assert!(
        closed.is_ok(),
        "still open {:?} after half a header",
        sent_at.elapsed()
    );
    assert!(
        sent_at.elapsed() + Duration::from_secs(1) >= HEADER_READ_TIMEOUT,
        "closed after {:?}, before the timeout",
        sent_at.elapsed()
    );
}

#[tokio::test]
async fn health_answers_within_a_second_while_1100_idle_or_trickling_connections_are_open() {
    let documented = format!("| `MAX_CONNECTIONS` | `{MAX_CONNECTIONS}` |");
    assert!(README.contains(&documented), "the README says {documented}");
    raise_own_file_limit(4096);
    let app = TestApp::spawn().await;
    let mut crowd = Vec::new();
    for n in 0..1100 {
        let mut stream = TcpStream::connect(app.address).await.unwrap();
        if n % 2 == 0 {
            // A trickler: the head of a request that never ends.
            stream.write_all(b"GET / HTTP/1.1\r\n").await.unwrap();
        }
        crowd.push(stream);
    }

    let asked_at = Instant::now();
    let health = tokio::time::timeout(Duration::from_secs(1), app.get("/healthz")).await;

    let health = health.unwrap_or_else(|_| {
        panic!(
            "/healthz did not answer within {:?} beside {} connections",
            asked_at.elapsed(),
            crowd.len()
        )
    });
    assert_eq!(health.status(), StatusCode::OK);
}
