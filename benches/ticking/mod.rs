//! Ticking items through the state form, as a browser posts it, and counting
//! afterwards what PostgreSQL stored.

use std::time::Duration;

use launch_control::domain::change::ChangeKind;
use reqwest::{Method, StatusCode};
use sqlx::PgPool;
use uuid::Uuid;

use crate::common::session::{Session, csrf_field};

/// Posts the state form of items as the bench user.
#[derive(Clone)]
pub struct Ticker {
    session: Session,
    csrf: String,
}

impl Ticker {
    /// Takes the session's form token from a page.
    pub async fn new(session: &Session) -> Ticker {
        Ticker {
            session: session.clone(),
            csrf: csrf_field(&session.page("/").await),
        }
    }

    /// Moves `item`, drawn at `version`, to `state`: 303 once stored.
    pub async fn tick(&self, item: Uuid, version: i32, state: &str) -> reqwest::Result<StatusCode> {
        let version = version.to_string();
        let form = [
            ("csrf", self.csrf.as_str()),
            ("version", &version),
            ("state", state),
        ];
        let answer = self
            .session
            .request(Method::POST, &format!("/items/{item}/state"))
            .form(&form)
            .send()
            .await?;
        let status = answer.status();
        // Read to the end, so that the connection serves the next tick.
        answer.bytes().await?;
        Ok(status)
    }
}

/// The id of the last event recorded so far.
pub async fn last_event(pool: &PgPool) -> i64 {
    sqlx::query_scalar("select coalesce(max(id), 0) from activity_events")
        .fetch_one(pool)
        .await
        .unwrap()
}

/// The ids of the state changes recorded after event `after`, in order.
pub async fn state_changes_after(pool: &PgPool, after: i64) -> Vec<i64> {
    sqlx::query_scalar("select id from activity_events where id > $1 and kind = $2 order by id")
        .bind(after)
        .bind(ChangeKind::ItemStateChanged.as_str())
        .fetch_all(pool)
        .await
        .unwrap()
}

/// The `share` percentile (0 to 1) of durations sorted in increasing order.
pub fn percentile(sorted: &[Duration], share: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (share * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// A duration in milliseconds, for the printed figures.
pub fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
