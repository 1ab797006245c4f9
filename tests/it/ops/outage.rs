use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use launch_control::cluster::Cluster;
use launch_control::domain::role::Role;
use launch_control::{db, seed};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use reqwest::StatusCode;
use sqlx::postgres::PgPoolOptions;
use sqlx::{ConnectOptions, Connection};
use uuid::Uuid;

use super::add_user;
use crate::helpers::{
    PASSWORD, ScratchDir, Visitor, assert_redirects_to, fresh_database, new_client,
    seeded_private_cluster, serve,
};

/// Polls `path` until it answers `status`; returns how long that took.
async fn wait_for(visitor: &Visitor, path: &str, status: StatusCode, limit: Duration) -> Duration {
    let started = Instant::now();
    loop {
        if visitor.get(path).await.status() == status {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < limit,
            "{path} did not answer {status} within {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The pid `postmaster.pid` names in the cluster folder `data_dir`, if any.
fn postmaster_pid(data_dir: &str) -> Option<i32> {
    let pid_file = std::fs::read_to_string(Path::new(data_dir).join("postmaster.pid")).ok()?;
    pid_file.lines().next()?.trim().parse().ok()
}

#[tokio::test]
async fn pages_and_readyz_answer_503_while_the_database_is_down_and_recover_when_it_returns() {
    let (dir, cluster, pool) = seeded_private_cluster("postgres").await;
    add_user(&pool, "ops@example.org", Role::Viewer).await;
    let address = serve(pool).await;
    let signed_in = Visitor {
        address,
        client: new_client(),
    };
    assert_redirects_to(&signed_in.login("ops@example.org", PASSWORD).await, "/");
    assert_eq!(signed_in.get("/").await.status(), StatusCode::OK);

    cluster.stop().await.unwrap();
    let stopped_at = Instant::now();
    let readyz = signed_in.get("/readyz").await;
    let page = signed_in.get("/").await;
    let anonymous = Visitor {
        address,
        client: new_client(),
    };
    let login = anonymous.get("/login").await;
    let healthz = signed_in.get("/healthz").await;
    let outage_answers_took = stopped_at.elapsed();

    assert_eq!(readyz.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        page.text().await.unwrap().contains("<html"),
        "the 503 is a page"
    );
    // An anonymous page stores nothing: with the CSRF key read before the
    // outage, the login form is still drawn.
    assert_eq!(login.status(), StatusCode::OK);
    assert!(
        login.text().await.unwrap().contains("<html"),
        "the login form is a page"
    );
    assert_eq!(healthz.status(), StatusCode::OK);
    assert!(
        outage_answers_took < Duration::from_secs(15),
        "the answers took {outage_answers_took:?}"
    );

    let cluster = Cluster::start(dir.path())
        .await
        .expect("PostgreSQL starts again");
    wait_for(
        &signed_in,
        "/readyz",
        StatusCode::OK,
        Duration::from_secs(15),
    )
    .await;
    assert_eq!(signed_in.get("/").await.status(), StatusCode::OK);
    assert_eq!(anonymous.get("/login").await.status(), StatusCode::OK);
    cluster.stop().await.unwrap();
}

#[tokio::test]
async fn a_killed_private_postgresql_is_back_within_ten_seconds_without_restarting_the_server() {
    let dir = ScratchDir::new();
    let cluster = Arc::new(
        Cluster::start(dir.path())
            .await
            .expect("a private PostgreSQL starts"),
    );
    let supervisor = tokio::spawn({
        let cluster = Arc::clone(&cluster);
        async move { cluster.keep_running().await }
    });
    let pool = db::connect(&cluster.database_url("postgres"))
        .await
        .unwrap();
    db::migrate(&pool).await.unwrap();
    seed::seed_if_empty(&pool, chrono::Utc::now())
        .await
        .unwrap();
    add_user(&pool, "ops@example.org", Role::Viewer).await;
    let data_dir: String = sqlx::query_scalar("show data_directory")
        .fetch_one(&pool)
        .await
        .unwrap();
    let signed_in = Visitor {
        address: serve(pool).await,
        client: new_client(),
    };
    assert_redirects_to(&signed_in.login("ops@example.org", PASSWORD).await, "/");
    let postmaster = postmaster_pid(&data_dir).expect("PostgreSQL runs");

    kill(Pid::from_raw(postmaster), Signal::SIGKILL).unwrap();
    let killed_at = Instant::now();
    // A new server, not a backend of the dead one that has yet to exit.
    loop {
        let restarted = postmaster_pid(&data_dir).is_some_and(|pid| pid != postmaster);
        if restarted && signed_in.get("/").await.status() == StatusCode::OK {
            break;
        }
        assert!(
            killed_at.elapsed() < Duration::from_secs(10),
            "PostgreSQL is not back 10 s after it was killed"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    assert_eq!(signed_in.get("/readyz").await.status(), StatusCode::OK);
    supervisor.abort();
    let _ = supervisor.await;
    let cluster = Arc::try_unwrap(cluster).unwrap_or_else(|_| panic!("the supervisor is gone"));
    cluster.stop().await.unwrap();
}

#[tokio::test]
async fn two_instances_starting_at_once_migrate_and_seed_the_database_exactly_once() {
    let (copy, options) = fresh_database().await;
    let admin = options.database("postgres");
    let name = format!("lc_ops_{}", Uuid::new_v4().simple());
    let mut conn = admin.connect().await.unwrap();
    for statement in [
        format!("drop database {copy}"),
        format!("create database {name}"),
    ] {
        sqlx::query(&statement).execute(&mut conn).await.unwrap();
    }
    let fresh = admin.clone().database(&name);
    let start_instance = || {
        let options = fresh.clone();
        tokio::spawn(async move {
            let pool = PgPoolOptions::new()
                .max_connections(2)
                .connect_with(options)
                .await?;
            db::migrate(&pool).await?;
            let seeded = seed::seed_if_empty(&pool, chrono::Utc::now()).await?;
            pool.close().await;
            anyhow::Ok(seeded)
        })
    };

    let (first, second) = tokio::join!(start_instance(), start_instance());

    let seeded = [first.unwrap().unwrap(), second.unwrap().unwrap()];
    assert_eq!(
        seeded.iter().filter(|seeded| **seeded).count(),
        1,
        "{seeded:?}"
    );
    let mut check = fresh.connect().await.unwrap();
    let plans: i64 = sqlx::query_scalar("select count(*) from plans")
        .fetch_one(&mut check)
        .await
        .unwrap();
    let applied: i64 = sqlx::query_scalar("select count(*) from _sqlx_migrations where success")
        .fetch_one(&mut check)
        .await
        .unwrap();
    check.close().await.unwrap();
    let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .unwrap()
        .count();
    assert_eq!(plans, 1);
    assert_eq!(applied, migrations as i64);
    sqlx::query(&format!("drop database {name} with (force)"))
        .execute(&mut conn)
        .await
        .unwrap();
}
