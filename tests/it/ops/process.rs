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
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

use crate::helpers::{PASSWORD, TestApp, Visitor, assert_redirects_to, new_client};

const BINARY: &str = env!("CARGO_BIN_EXE_launch-control");

/// An address of the loopback where nothing answers: its port is bound but
/// never listened on, so no other test can take it while this one holds it.
fn closed_address() -> (tokio::net::TcpSocket, SocketAddr) {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let address = socket.local_addr().unwrap();
    (socket, address)
}

/// How long a test waits for the server to start or to log a line: a bound
/// on a stuck server, not a measure of speed.
const LOG_DEADLINE: Duration = Duration::from_secs(30);

/// `launch-control` running on the test's database, and its log lines.
struct Server {
    child: Child,
    lines: tokio::sync::mpsc::UnboundedReceiver<String>,
    seen: Vec<String>,
}

impl Server {
    /// Starts the binary on a port of its own choosing (`127.0.0.1:0`),
    /// logging JSON lines with the given `RUST_LOG` filter (the default
    /// without one), and waits until it says where it listens.
    async fn start(app: &TestApp, log_filter: Option<&str>) -> (Server, Visitor) {
        Server::start_with(app, log_filter, &[]).await
    }

    /// The same with the settings `env` besides.
    async fn start_with(
        app: &TestApp,
        log_filter: Option<&str>,
        env: &[(&str, &str)],
    ) -> (Server, Visitor) {
        let mut command = Command::new(BINARY);
        command.envs(env.iter().copied());
        match log_filter {
            Some(filter) => command.env("RUST_LOG", filter),
            None => command.env_remove("RUST_LOG"),
        };
        let mut child = command
            .env("DATABASE_URL", app.db_options.to_url_lossy().as_str())
            .env("BIND_ADDR", "127.0.0.1:0")
            .env("LOG_FORMAT", "json")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the binary runs");
        let (sender, lines) = tokio::sync::mpsc::unbounded_channel();
        let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();
        // Read to the end, so the server never writes to a full or closed pipe.
        tokio::spawn(async move {
            while let Ok(Some(line)) = stdout.next_line().await {
                let _ = sender.send(line);
            }
        });
        let mut server = Server {
            child,
            lines,
            seen: Vec::new(),
        };
        let ready = server
            .wait_for_line(|line| line.contains("Launch Control is ready at"))
            .await;
        let address = ready
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|address| address.parse().ok())
            .unwrap_or_else(|| panic!("no address in {ready}"));
        let visitor = Visitor {
            address,
            client: new_client(),
        };
        (server, visitor)
    }

    /// Waits for the first log line that `matches`, and returns it.
    async fn wait_for_line(&mut self, matches: impl Fn(&str) -> bool) -> String {
        let found = tokio::time::timeout(LOG_DEADLINE, async {
            while let Some(line) = self.lines.recv().await {
                self.seen.push(line.clone());
                if matches(&line) {
                    return line;
                }
            }
            panic!("the server stopped; it logged:\n{}", self.seen.join("\n"));
        });
        found.await.unwrap_or_else(|_| {
            panic!(
                "no such line within {LOG_DEADLINE:?}; the server logged:\n{}",
                self.seen.join("\n")
            )
        })
    }

    /// Sends SIGTERM and waits for the process to end: whether it stopped
    /// cleanly, everything it logged, its standard error, and how long it took.
    async fn terminate(mut self) -> (bool, String, String, Duration) {
        let pid = Pid::from_raw(self.child.id().expect("still running") as i32);
        kill(pid, Signal::SIGTERM).unwrap();
        let sent = Instant::now();
        let output = tokio::time::timeout(Duration::from_secs(40), self.child.wait_with_output())
            .await
            .expect("the server stops after SIGTERM")
            .unwrap();
        let took = sent.elapsed();
        // The reader ends with the process's standard output.
        while let Some(line) = self.lines.recv().await {
            self.seen.push(line);
        }
        (
            output.status.success(),
            self.seen.join("\n"),
            String::from_utf8_lossy(&output.stderr).into_owned(),
            took,
        )
    }
}

#[tokio::test]
async fn the_server_logs_a_json_line_per_request_with_its_id_route_status_latency_and_user() {
    let app = TestApp::spawn().await;
    let user_id = app
        .create_user("ops@example.org", "Operator", Role::Viewer)
        .await;
    let (server, visitor) = Server::start(&app, None).await;

    assert_redirects_to(&visitor.login("ops@example.org", PASSWORD).await, "/");
    assert_eq!(visitor.get("/timeline").await.status(), StatusCode::OK);
    let (_, stdout, stderr, _) = server.terminate().await;

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
    let everything = format!("{stdout}{stderr}");
    assert!(!everything.contains(PASSWORD), "a password was logged");
}

#[tokio::test]
async fn sigterm_stops_the_server_within_seconds_even_with_a_request_stuck_mid_upload() {
    let app = TestApp::spawn().await;
    // The server logs when it starts on a request: the sign that the head arrived.
    let (mut server, visitor) =
        Server::start(&app, Some("info,tower_http::trace::on_request=debug")).await;
    let mut stuck = TcpStream::connect(visitor.address).await.unwrap();
    stuck
        .write_all(
            b"POST /login HTTP/1.1\r\nHost: localhost\r\n\
              Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=",
        )
        .await
        .unwrap();
    // The head must reach the server before the signal, for the request to be under way.
    server
        .wait_for_line(|line| {
            line.contains("started processing request") && line.contains("/login")
        })
        .await;

    let (stopped_cleanly, _, stderr, took) = server.terminate().await;

    assert!(stopped_cleanly, "{stderr}");
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
    let (_held, nobody) = closed_address();

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
            .env("BIND_ADDR", "127.0.0.1:0")
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

#[tokio::test]
async fn without_an_admin_the_setup_link_is_logged_on_the_public_address() {
    let app = TestApp::spawn().await;
    let (server, _) =
        Server::start_with(&app, None, &[("PUBLIC_URL", "https://launch.example.org/")]).await;
    let setup = server
        .seen
        .iter()
        .find(|line| line.contains("no administrator yet"))
        .expect("the setup link is logged before the server is ready");
    assert!(
        setup.contains("open https://launch.example.org/setup?token="),
        "{setup}"
    );
}
