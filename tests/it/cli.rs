use std::io::Write;
use std::process::{Command, Stdio};

use reqwest::StatusCode;
use sqlx::ConnectOptions;

use crate::helpers::{PASSWORD, TestApp, assert_redirects_to};

/// Runs `launch-control user create` on the test's database with `password` on stdin.
fn user_create(app: &TestApp, args: &[&str], password: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_launch-control"))
        .args(["user", "create"])
        .args(args)
        .env("DATABASE_URL", app.db_options.to_url_lossy().as_str())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn a_user_created_on_the_command_line_signs_in_through_the_form() {
    let app = TestApp::spawn().await;

    let output = user_create(
        &app,
        &[
            "--email",
            "a@example.org",
            "--name",
            "A",
            "--role",
            "admin",
            "--team",
            "DevOps",
        ],
        PASSWORD,
    );

    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (role, team): (String, String) = sqlx::query_as(
        "select u.role, t.key from users u join teams t on t.id = u.team_id where u.email = 'a@example.org'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((role.as_str(), team.as_str()), ("admin", "devops"));
    assert_redirects_to(&app.login("a@example.org", PASSWORD).await, "/");
    assert_eq!(app.get("/timeline").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_command_line_refuses_a_short_password_a_taken_email_and_an_unknown_team() {
    let app = TestApp::spawn().await;
    let args = ["--email", "a@example.org", "--name", "A", "--role", "lead"];

    let short = user_create(&app, &args, "short");
    let created = user_create(&app, &args, PASSWORD);
    let taken = user_create(&app, &args, PASSWORD);
    let unknown_team = user_create(
        &app,
        &[
            "--email",
            "b@example.org",
            "--name",
            "B",
            "--role",
            "lead",
            "--team",
            "Nope",
        ],
        PASSWORD,
    );

    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 12 characters"));
    assert!(created.status.success());
    assert!(!taken.status.success());
    assert!(String::from_utf8_lossy(&taken.stderr).contains("already exists"));
    assert!(!unknown_team.status.success());
    let users: i64 = sqlx::query_scalar("select count(*) from users")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(users, 1);
}
