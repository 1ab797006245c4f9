//! `scripts/backup` against a real PostgreSQL laid out as in production: the
//! application's role owns its database and tables, the extension belongs
//! to the server's administrator. The restore runs as the application's
//! role; the check uses the same role and flags, and refuses a changed byte.

use std::process::{Command, Output};

use sqlx::PgPool;
use sqlx::postgres::PgConnectOptions;
use uuid::Uuid;

use crate::helpers::{ScratchDir, TestApp};

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/backup");

/// Runs `scripts/backup command file` with `env`.
fn backup(command: &str, file: &std::path::Path, env: &[(&str, String)]) -> Output {
    Command::new("bash")
        .arg(SCRIPT)
        .arg(command)
        .arg(file)
        .env_remove("DATABASE_URL")
        .envs(env.iter().map(|(name, value)| (*name, value.as_str())))
        .output()
        .expect("bash runs the script")
}

/// `options` as a libpq connection URL (sqlx's own carries its own settings).
fn libpq_url(options: &PgConnectOptions) -> String {
    let host = options.get_socket().map_or_else(
        || options.get_host().to_owned(),
        |socket| socket.display().to_string(),
    );
    format!(
        "postgresql://{}@/{}?host={host}&port={}",
        options.get_username(),
        options.get_database().unwrap_or("postgres"),
        options.get_port()
    )
}

fn succeeded(output: &Output) -> bool {
    if !output.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    }
    output.status.success()
}

/// Every table's rows in `db`, as "schema.table rows", sorted.
async fn rows(db: &PgPool) -> Vec<String> {
    let tables: Vec<String> = sqlx::query_scalar(
        "select schemaname || '.' || tablename from pg_tables
         where schemaname not in ('pg_catalog', 'information_schema') order by 1",
    )
    .fetch_all(db)
    .await
    .unwrap();
    let mut counted = Vec::new();
    for table in tables {
        let count: i64 = sqlx::query_scalar(&format!("select count(*) from {table}"))
            .fetch_one(db)
            .await
            .unwrap();
        counted.push(format!("{table} {count}"));
    }
    counted
}

#[tokio::test]
async fn a_backup_restores_whole_as_the_application_role_and_a_changed_byte_fails_its_check() {
    let app = TestApp::spawn().await;
    // Something in most tables besides the seed.
    app.create_user(
        "backup@example.org",
        "Backup",
        launch_control::domain::role::Role::Admin,
    )
    .await;
    let suffix = Uuid::new_v4().simple().to_string();
    let role = format!("lc_app_{}", &suffix[..12]);
    let (target, check) = (format!("lc_target_{suffix}"), format!("lc_check_{suffix}"));
    let admin = &app.db;
    sqlx::query(&format!("create role {role} login"))
        .execute(admin)
        .await
        .unwrap();
    // Each database is the application's; its extension is the administrator's.
    let as_admin = |database: &str| app.db_options.clone().database(database);
    for database in [&target, &check] {
        sqlx::query(&format!("create database {database} owner {role}"))
            .execute(admin)
            .await
            .unwrap();
        let db = PgPool::connect_with(as_admin(database)).await.unwrap();
        sqlx::query("create extension unaccent")
            .execute(&db)
            .await
            .unwrap();
        db.close().await;
    }
    let as_app = |database: &str| libpq_url(&as_admin(database).username(&role));
    let source = libpq_url(&app.db_options);
    let dir = ScratchDir::new();
    let file = dir.path().join("launch_control.dump");

    assert!(succeeded(&backup(
        "dump",
        &file,
        &[("DATABASE_URL", source)]
    )));
    assert!(dir.path().join("launch_control.dump.sha256").exists());
    assert!(succeeded(&backup(
        "verify",
        &file,
        &[("CHECK_URL", as_app(&check))]
    )));
    // Twice: onto the empty database, then over what the first put there.
    for _ in 0..2 {
        assert!(succeeded(&backup(
            "restore",
            &file,
            &[("DATABASE_URL", as_app(&target))]
        )));
    }
    let restored = PgPool::connect_with(as_admin(&target)).await.unwrap();
    let expected = rows(&app.db).await;
    assert!(
        expected.iter().any(|line| line == "public.users 1"),
        "{expected:?}"
    );
    assert_eq!(
        rows(&restored).await,
        expected,
        "every table and row is back"
    );
    let owner: String =
        sqlx::query_scalar("select tableowner from pg_tables where tablename = 'checklist_items'")
            .fetch_one(&restored)
            .await
            .unwrap();
    assert_eq!(owner, role, "the tables are the application's");
    restored.close().await;

    let mut bytes = std::fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&file, bytes).unwrap();
    let refused = backup("verify", &file, &[("CHECK_URL", as_app(&check))]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("does not match its checksum"));
    let refused = backup("restore", &file, &[("DATABASE_URL", as_app(&target))]);
    assert!(!refused.status.success(), "nor is it restored");

    for database in [&target, &check] {
        sqlx::query(&format!("drop database {database} with (force)"))
            .execute(admin)
            .await
            .unwrap();
    }
    sqlx::query(&format!("drop role {role}"))
        .execute(admin)
        .await
        .unwrap();
}
