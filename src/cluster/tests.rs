//! Tests that start real PostgreSQL clusters through the public API.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::initdb::STAGING_FOLDER;
use super::layout::LOCATION_NOTE;
use super::{Cluster, PORT, database_url};

/// A folder in the system temp folder, removed when dropped; its name has a space so that
/// quoting gets tested too.
pub(super) struct TempFolder(pub(super) PathBuf);

impl TempFolder {
    pub(super) fn new(label: &str) -> Self {
        let name = format!(
            "lc-test {label}-{}-{:08x}",
            std::process::id(),
            rand::random::<u32>()
        );
        Self(std::env::temp_dir().join(name))
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

async fn pool(cluster: &Cluster) -> PgPool {
    PgPoolOptions::new()
        .max_connections(2)
        .connect(&cluster.database_url("postgres"))
        .await
        .expect("connect to the cluster")
}

async fn select_one(cluster: &Cluster) -> i32 {
    let pool = pool(cluster).await;
    let one = sqlx::query_scalar("select 1")
        .fetch_one(&pool)
        .await
        .expect("select 1");
    pool.close().await;
    one
}

async fn has_table(cluster: &Cluster, table: &str) -> bool {
    let pool = pool(cluster).await;
    let found: Option<String> = sqlx::query_scalar("select to_regclass($1)::text")
        .bind(table)
        .fetch_one(&pool)
        .await
        .expect("look up table");
    pool.close().await;
    found.is_some()
}

async fn create_table(cluster: &Cluster, table: &str) {
    let pool = pool(cluster).await;
    sqlx::query(&format!("create table {table} (id int)"))
        .execute(&pool)
        .await
        .expect("create table");
    pool.close().await;
}

#[tokio::test]
async fn throwaway_cluster_answers_and_goes_away() {
    let cluster = Cluster::start_throwaway()
        .await
        .expect("start throwaway cluster");
    let folder = cluster.layout.data_dir.clone();
    assert_eq!(select_one(&cluster).await, 1);
    cluster.stop().await.expect("stop");
    assert!(
        !folder.exists(),
        "throwaway folder {} left behind",
        folder.display()
    );
}

#[tokio::test]
async fn data_survives_a_restart() {
    let data = TempFolder::new("restart");
    // What an interrupted first start leaves behind must not get in the way.
    let leftover = data.0.join(STAGING_FOLDER);
    fs::create_dir_all(&leftover).unwrap();
    fs::write(leftover.join("PG_VERSION"), "15\n").unwrap();
    let cluster = Cluster::start(&data.0).await.expect("first start");
    create_table(&cluster, "kept").await;
    cluster.stop().await.expect("first stop");

    let cluster = Cluster::start(&data.0).await.expect("second start");
    assert!(has_table(&cluster, "kept").await);
    cluster.stop().await.expect("second stop");
}

#[tokio::test]
async fn stale_pid_file_does_not_prevent_start() {
    let data = TempFolder::new("stale");
    let cluster = Cluster::start(&data.0).await.expect("first start");
    let pid_file = cluster.layout.cluster_dir().join("postmaster.pid");
    cluster.stop().await.expect("first stop");

    // A dead pid, then a live process that is not PostgreSQL (as after a pid reuse).
    for pid in [999_999, std::process::id()] {
        fs::write(&pid_file, format!("{pid}\n")).unwrap();
        let cluster = Cluster::start(&data.0)
            .await
            .expect("start over a stale pid file");
        assert_eq!(select_one(&cluster).await, 1);
        cluster.stop().await.expect("stop");
    }
}

#[tokio::test]
async fn server_left_running_is_taken_over() {
    let data = TempFolder::new("takeover");
    let cluster = Cluster::start(&data.0).await.expect("first start");
    create_table(&cluster, "kept").await;
    // As if our process had been killed: its PostgreSQL lives on.
    std::mem::forget(cluster);

    let cluster = Cluster::start(&data.0).await.expect("start again");
    assert!(has_table(&cluster, "kept").await);
    cluster.stop().await.expect("stop");
}

#[tokio::test]
async fn unreachable_data_folder_is_relocated_for_root() {
    let parent = TempFolder::new("locked");
    fs::create_dir(&parent.0).unwrap();
    // Like /root: nobody else may traverse it.
    fs::set_permissions(&parent.0, fs::Permissions::from_mode(0o700)).unwrap();
    let data_dir = parent.0.join("data");

    let cluster = Cluster::start(&data_dir).await.expect("start");
    let relocated = cluster.layout.home != cluster.layout.data_dir;
    let home = cluster.layout.home.clone();
    assert_eq!(select_one(&cluster).await, 1);
    cluster.stop().await.expect("stop");

    let is_root = nix::unistd::geteuid().is_root();
    assert_eq!(relocated, is_root);
    assert_eq!(data_dir.join(LOCATION_NOTE).is_file(), is_root);
    if relocated {
        fs::remove_dir_all(home).unwrap();
    }
}

#[test]
fn database_url_is_understood_by_sqlx() {
    let socket_dir = Path::new("/tmp/a b+c%d/run");
    let options: PgConnectOptions = database_url(socket_dir, "my db").parse().unwrap();
    assert_eq!(options.get_socket(), Some(&socket_dir.to_path_buf()));
    assert_eq!(options.get_database(), Some("my db"));
    assert_eq!(options.get_username(), "postgres");
    assert_eq!(options.get_port(), PORT);
}
