//! Live updates under load: 200 browsers with `/events` open on one server
//! (the release binary, as deployed), a burst of committed changes, and the
//! server's memory meanwhile. Run with `cargo bench --bench live_streams`.
//! Everything runs on loopback against a throwaway PostgreSQL.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use launch_control::cluster::Cluster;
use launch_control::db::events;
use launch_control::db::users::{self, NewUser};
use launch_control::domain::change::{Change, PollTitle};
use launch_control::domain::role::Role;
use launch_control::{auth::password, db, seed};

const STREAMS: usize = 200;
const EVENTS: usize = 500;
const PASSWORD: &str = "correct horse battery staple";

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

#[tokio::main]
async fn main() {
    let cluster = Cluster::start_throwaway()
        .await
        .expect("a throwaway PostgreSQL starts");
    let url = cluster.database_url("postgres");
    let pool = db::connect(&url).await.unwrap();
    db::migrate(&pool).await.unwrap();
    seed::seed_if_empty(&pool, chrono::Utc::now())
        .await
        .unwrap();
    let hash = password::hash(PASSWORD).unwrap();
    let new_user = NewUser {
        email: "bench@example.org",
        display_name: "Bench",
        password_hash: &hash,
        role: Role::Viewer,
        team_id: None,
    };
    users::insert(&mut pool.acquire().await.unwrap(), new_user)
        .await
        .unwrap();

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let server = Server(
        Command::new(env!("CARGO_BIN_EXE_launch-control"))
            .env("DATABASE_URL", &url)
            .env("BIND_ADDR", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("the server starts"),
    );
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let login_page = loop {
        if let Ok(response) = client.get(format!("{base}/login")).send().await {
            break response.text().await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let token = login_page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let form = [
        ("csrf", token.as_str()),
        ("email", "bench@example.org"),
        ("password", PASSWORD),
    ];
    assert_eq!(
        client
            .post(format!("{base}/login"))
            .form(&form)
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
    let idle_rss = rss_kib(server.0.id());

    let mut readers = Vec::new();
    for _ in 0..STREAMS {
        let mut response = client.get(format!("{base}/events")).send().await.unwrap();
        readers.push(tokio::spawn(async move {
            let mut received = 0;
            let mut pending = String::new();
            while received < EVENTS {
                match response.chunk().await {
                    Ok(Some(chunk)) => {
                        pending.push_str(&String::from_utf8_lossy(&chunk));
                        // Count whole lines only; a chunk may end mid-line.
                        let complete = pending.rfind('\n').map_or(0, |end| end + 1);
                        received += pending[..complete]
                            .lines()
                            .filter(|line| line.starts_with("id:"))
                            .count();
                        pending.drain(..complete);
                    }
                    _ => break,
                }
            }
            (received, Instant::now())
        }));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let open_rss = rss_kib(server.0.id());

    let started = Instant::now();
    for n in 0..EVENTS {
        let mut tx = pool.begin().await.unwrap();
        // Any change every signed-in reader may see will do.
        let change = Change::PollOpened {
            poll: uuid::Uuid::new_v4(),
            after: PollTitle {
                title: format!("bench {n}"),
            },
        };
        events::record(&mut tx, None, None, &change).await.unwrap();
        tx.commit().await.unwrap();
    }
    let committed = started.elapsed();
    let peak_rss = rss_kib(server.0.id());
    let mut delivered = 0;
    let mut last = started;
    for reader in readers {
        let (received, at) = reader.await.unwrap();
        delivered += received;
        last = last.max(at);
    }
    let elapsed = last - started;
    println!(
        "streams: {STREAMS}, events committed: {EVENTS} in {:.2} s",
        committed.as_secs_f64()
    );
    println!(
        "deliveries: {delivered} of {} in {:.2} s",
        STREAMS * EVENTS,
        elapsed.as_secs_f64()
    );
    println!(
        "rate: {:.0} events/s to every stream, {:.0} deliveries/s",
        EVENTS as f64 / elapsed.as_secs_f64(),
        delivered as f64 / elapsed.as_secs_f64()
    );
    println!(
        "server RSS: {idle_rss} KiB idle, {open_rss} KiB with {STREAMS} streams open, {peak_rss} KiB after the burst"
    );
    drop(server);
    cluster.stop().await.unwrap();
}
