//! Bursts against the binary, as the probes sent them: password
//! hashing stays bounded in memory, a refusal for want of a hasher says when
//! to come back, and no request is left waiting on the connection pool.

use std::process::Stdio;
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use launch_control::domain::role::Role;
use reqwest::StatusCode;
use sqlx::ConnectOptions;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::helpers::{PASSWORD, TestApp, Visitor, assert_redirects_to, csrf_token, new_client};

const BINARY: &str = env!("CARGO_BIN_EXE_launch-control");
const METRICS_TOKEN: &str = "a-scraper-token-for-bursts";
/// The bound on the server's memory under these bursts.
const MAX_PEAK_KIB: u64 = 300 * 1000 * 1000 / 1024;

/// Starts the binary on `app`'s database behind one trusted proxy, so that
/// `X-Forwarded-For` names each request's client; returns it and a visitor.
async fn start(app: &TestApp) -> (Child, Visitor) {
    let mut child = Command::new(BINARY)
        .env("DATABASE_URL", app.db_options.to_url_lossy().as_str())
        .env("BIND_ADDR", "127.0.0.1:0")
        .env("TRUSTED_PROXY_HOPS", "1")
        .env("METRICS_TOKEN", METRICS_TOKEN)
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the binary runs");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let ready = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some((_, rest)) = line.split_once("ready at http://") {
                return rest.split('"').next().unwrap().parse().unwrap();
            }
        }
        panic!("the server stopped before it was ready");
    });
    let address = ready.await.expect("the server starts within 30 s");
    // Read to the end, so the server never writes to a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    let visitor = Visitor {
        address,
        client: new_client(),
    };
    (child, visitor)
}

/// A figure of `/proc/<pid>/status`, in KiB: `VmHWM` is the peak resident
/// set, `VmRSS` the current one.
fn memory_kib(child: &Child, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id().unwrap())).unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|value| value.trim().strip_suffix("kB")?.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in {status}"))
}

/// A client address of its own for the `n`th request of a burst.
fn address(burst: u8, n: usize) -> String {
    format!("10.{burst}.{}.{}", n / 200, n % 200 + 1)
}

/// Posts `fields` to `action` as if from `client_address`: its status, and
/// whether it said when to come back.
async fn post_from(
    visitor: &Visitor,
    action: &str,
    client_address: String,
    fields: &[(&str, &str)],
) -> (StatusCode, bool) {
    let response = visitor
        .client
        .post(visitor.url(action))
        .header("x-forwarded-for", client_address)
        .form(fields)
        .send()
        .await
        .expect("the server answers");
    (
        response.status(),
        response.headers().contains_key("retry-after"),
    )
}

/// Every answer that is a 5xx is a 503 that says when to come back.
fn assert_no_5xx_but_busy(answers: &[(StatusCode, bool)], what: &str) {
    for (status, retry_after) in answers {
        assert!(
            !status.is_server_error()
                || (*status == StatusCode::SERVICE_UNAVAILABLE && *retry_after),
            "{what}: {status}, Retry-After: {retry_after}"
        );
    }
}

fn count(answers: &[(StatusCode, bool)], status: StatusCode) -> usize {
    answers.iter().filter(|(found, _)| *found == status).count()
}

/// The value of the pool gauge `name` in the exposition.
async fn pool_gauge(visitor: &Visitor, name: &str) -> i64 {
    let text = visitor
        .client
        .get(visitor.url("/metrics"))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or_else(|| panic!("no {name} in\n{text}"))
}

#[tokio::test]
async fn bursts_of_wrong_passwords_keep_the_server_under_300_mb_and_signed_in_pages_loading() {
    let app = TestApp::spawn().await;
    app.create_user("owner@example.org", "Owner", Role::Viewer)
        .await;
    app.create_user("reader@example.org", "Reader", Role::Viewer)
        .await;
    let (server, anonymous) = start(&app).await;
    let owner = Visitor {
        address: anonymous.address,
        client: new_client(),
    };
    let reader = Visitor {
        address: anonymous.address,
        client: new_client(),
    };
    assert_redirects_to(&owner.login("owner@example.org", PASSWORD).await, "/");
    assert_redirects_to(&reader.login("reader@example.org", PASSWORD).await, "/");
    let account_token = csrf_token(&owner.page("/account").await);
    let login_token = csrf_token(&anonymous.page("/login").await);
    let resident_before = memory_kib(&server, "VmRSS");

    let (owner, anonymous) = (&owner, &anonymous);
    let (account_token, login_token) = (account_token.as_str(), login_token.as_str());
    let guesses = (0..100).map(|n| async move {
        let fields = [
            ("current_password", "a wrong guess"),
            ("password", "sparkling otter juggles quietly"),
            ("password_confirmation", "sparkling otter juggles quietly"),
            ("csrf", account_token),
        ];
        post_from(owner, "/account/password", address(1, n), &fields).await
    });
    let logins = (0..200).map(|n| async move {
        let fields = [
            ("email", "owner@example.org"),
            ("password", "another wrong guess"),
            ("csrf", login_token),
        ];
        post_from(anonymous, "/login", address(2, n), &fields).await
    });
    let meanwhile = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let started = Instant::now();
        let status = reader.get("/timeline").await.status();
        (status, started.elapsed())
    };
    let (guesses, logins, (page, page_took)) =
        tokio::join!(join_all(guesses), join_all(logins), meanwhile);

    let peak = memory_kib(&server, "VmHWM");
    let resident_after = memory_kib(&server, "VmRSS");
    eprintln!(
        "RSS before the bursts {} MiB, peak {} MiB, after {} MiB; \
         /account/password: {} × 422, {} × 503; /login: {} × 401, {} × 503; \
         a signed-in page meanwhile in {page_took:?}",
        resident_before / 1024,
        peak / 1024,
        resident_after / 1024,
        count(&guesses, StatusCode::UNPROCESSABLE_ENTITY),
        count(&guesses, StatusCode::SERVICE_UNAVAILABLE),
        count(&logins, StatusCode::UNAUTHORIZED),
        count(&logins, StatusCode::SERVICE_UNAVAILABLE),
    );
    assert!(peak < MAX_PEAK_KIB, "peak RSS {peak} KiB");
    assert_eq!(page, StatusCode::OK, "a signed-in page loads meanwhile");
    assert_no_5xx_but_busy(&guesses, "/account/password");
    assert_no_5xx_but_busy(&logins, "/login");
    // On a loaded machine a burst may be all 503s; once it is over, the
    // server checks passwords again.
    let guess = [
        ("current_password", "a wrong guess"),
        ("password", "sparkling otter juggles quietly"),
        ("password_confirmation", "sparkling otter juggles quietly"),
        ("csrf", account_token),
    ];
    let (after, _) = post_from(owner, "/account/password", address(3, 1), &guess).await;
    assert_eq!(
        after,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a guess is checked"
    );
    let login = [
        ("email", "owner@example.org"),
        ("password", "another wrong guess"),
        ("csrf", login_token),
    ];
    let (after, _) = post_from(anonymous, "/login", address(3, 2), &login).await;
    assert_eq!(after, StatusCode::UNAUTHORIZED, "a sign-in is checked");
    assert_eq!(owner.get("/account").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn forty_parallel_correct_logins_sign_in_or_are_told_when_to_come_back() {
    let app = TestApp::spawn().await;
    let emails: Vec<String> = (0..40).map(|n| format!("member{n}@example.org")).collect();
    for email in &emails {
        app.create_user(email, "Member", Role::Member).await;
    }
    let (_server, watcher) = start(&app).await;
    let visitors: Vec<Visitor> = emails
        .iter()
        .map(|_| Visitor {
            address: watcher.address,
            client: new_client(),
        })
        .collect();
    let mut tokens = Vec::new();
    for visitor in &visitors {
        tokens.push(csrf_token(&visitor.page("/login").await));
    }

    let logins = visitors.iter().zip(&emails).zip(&tokens).enumerate().map(
        |(n, ((visitor, email), token))| {
            let fields = [
                ("email", email.as_str()),
                ("password", PASSWORD),
                ("csrf", token.as_str()),
            ];
            async move {
                let answer = post_from(visitor, "/login", address(3, n), &fields).await;
                (answer, visitor)
            }
        },
    );
    let answers = join_all(logins).await;

    let mut signed_in = 0;
    for ((status, retry_after), visitor) in answers {
        match status {
            StatusCode::SEE_OTHER => {
                signed_in += 1;
                assert_eq!(visitor.get("/my").await.status(), StatusCode::OK);
            }
            StatusCode::SERVICE_UNAVAILABLE => assert!(retry_after, "a 503 without Retry-After"),
            other => panic!("a correct login answered {other}"),
        }
    }
    eprintln!("{signed_in} of 40 parallel correct logins signed in at once");
    assert!(signed_in > 0);
    // Every connection the requests took went back to the pool (the live
    // updates' listener keeps one of its own).
    // Connections go back to the pool in the background: give them a moment.
    let mut gauges = (0, 0);
    for _ in 0..20 {
        gauges = (
            pool_gauge(&watcher, "db_pool_connections").await,
            pool_gauge(&watcher, "db_pool_idle_connections").await,
        );
        if gauges.1 == gauges.0 - 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (open, idle) = gauges;
    assert!(open <= 20, "{open} connections");
    assert_eq!(idle, open - 1, "{open} open, {idle} idle");
}
