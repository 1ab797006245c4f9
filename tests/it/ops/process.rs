//! The binary as an orchestrator runs it: JSON logs, SIGTERM, the health check.

use std::net::SocketAddr;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use launch_control::domain::role::Role;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use reqwest::StatusCode;
use serde_json::Value;
use sqlx::ConnectOptions;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

use crate::helpers::{PASSWORD, TestApp, Visitor, assert_redirects_to, new_client};

const BINARY: &str = env!("CARGO_BIN_EXE_launch-control");

/// A free port of the loopback: bound, then let go for the binary to take.
async fn free_address() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap()
}

/// `launch-control` serving the test's database on a free port, logging JSON.
async fn start_server(app: &TestApp) -> (Child, Visitor) {
    let address = free_address().await;
    let child = Command::new(BINARY)
        .env("DATABASE_URL", app.db_options.to_url_lossy().as_str())
        .env("BIND_ADDR", address.to_string())
        .env("LOG_FORMAT", "json")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the binary runs");
    let visitor = Visitor {
        address,
        client: new_client(),
    };
    let started = Instant::now();
    while visitor
        .client
        .get(visitor.url("/healthz"))
        .send()
        .await
        .is_err()
    {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the server did not start"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (child, visitor)
}

/// Sends SIGTERM and waits for the process to end; its output, and how long it took.
async fn terminate(child: Child) -> (Output, Duration) {
    let pid = Pid::from_raw(child.id().expect("still running") as i32);
    kill(pid, Signal::SIGTERM).unwrap();
    let sent = Instant::now();
    let output = tokio::time::timeout(Duration::from_secs(40), child.wait_with_output())
        .await
        .expect("the server stops after SIGTERM")
        .unwrap();
    (output, sent.elapsed())
}

#[tokio::test]
async fn the_server_logs_a_json_line_per_request_with_its_id_route_status_latency_and_user() {
    let app = TestApp::spawn().await;
    let user_id = app
        .create_user("ops@example.org", "Operator", Role::Viewer)
        .await;
    let (server, visitor) = start_server(&app).await;

    assert_redirects_to(&visitor.login("ops@example.org", PASSWORD).await, "/");
    assert_eq!(visitor.get("/timeline").await.status(), StatusCode::OK);
    let (output, _) = terminate(server).await;

    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    let timeline = lines
        .iter()
        .find(|line| line["span"]["route"] == "/timeline" && line["status"] == 200)
        .unwrap_or_else(|| panic!("no line for /timeline in\n{stdout}"));
    assert_eq!(timeline["span"]["method"], "GET");
    assert_eq!(timeline["span"]["user_id"], user_id.to_string());
    assert_eq!(
        timeline["span"]["request_id"].as_str().map(str::len),
        Some(36)
    );
    assert!(timeline["latency_ms"].as_f64().is_some_and(|ms| ms > 0.0));
    let everything = format!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(!everything.contains(PASSWORD), "a password was logged");
}

#[tokio::test]
async fn sigterm_stops_the_server_within_seconds_even_with_a_request_stuck_mid_upload() {
    let app = TestApp::spawn().await;
    let (server, visitor) = start_server(&app).await;
    let mut stuck = TcpStream::connect(visitor.address).await.unwrap();
    stuck
        .write_all(
            b"POST /login HTTP/1.1\r\nHost: localhost\r\n\
              Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=",
        )
        .await
        .unwrap();
    // The head must reach the server before the signal, for the request to be under way.
    tokio::time::sleep(Duration::from_millis(300)).await;

    let (output, took) = terminate(server).await;

    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(took < Duration::from_secs(20), "stopping took {took:?}");
    drop(stuck);
}

/// Runs `launch-control healthcheck` with `BIND_ADDR` set to `address`.
async fn healthcheck(address: &str) -> Output {
    Command::new(BINARY)
        .arg("healthcheck")
        .env("BIND_ADDR", address)
        .output()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_healthcheck_command_passes_only_while_a_server_answers() {
    let app = TestApp::spawn().await;
    let nobody = free_address().await;

    let direct = healthcheck(&app.address.to_string()).await;
    let every_interface = healthcheck(&format!("0.0.0.0:{}", app.address.port())).await;
    let closed = healthcheck(&nobody.to_string()).await;

    assert!(
        direct.status.success(),
        "{}",
        String::from_utf8_lossy(&direct.stderr)
    );
    assert!(every_interface.status.success());
    assert!(!closed.status.success());
    assert!(String::from_utf8_lossy(&closed.stderr).contains("cannot reach"));
}

#[tokio::test]
async fn a_password_in_the_database_url_is_never_printed() {
    let secret = "Sup3r-Secret-Passw0rd";
    let urls = [
        format!("postgres://launch:{secret}@localhost/launch?host=/nonexistent/socket/dir"),
        format!("postgres://launch:{secret}@localhost:notaport/launch"),
    ];

    for url in urls {
        let output = Command::new(BINARY)
            .env("DATABASE_URL", &url)
            .env("BIND_ADDR", free_address().await.to_string())
            .env("RUST_LOG", "trace")
            .stdin(Stdio::null())
            .output()
            .await
            .unwrap();

        assert!(!output.status.success());
        let everything = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(everything.contains("PostgreSQL"), "{everything}");
        assert!(
            !everything.contains(secret),
            "the password was printed:\n{everything}"
        );
    }
}
