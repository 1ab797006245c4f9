//! `/work`: every checklist item and communication action of the plan in one
//! queue, filtered by kind, team, phase, state, assignee, lateness, due day
//! and text, most urgent first; `/work.csv` exports the same list. The
//! filters live in the URL, so a link can be shared; `/teams` links its
//! counts here.

mod entry;
mod export;
pub mod filter;
pub mod kind;
mod list;
pub mod state;

use axum::Router;
use axum::routing::get;
use chrono::Utc;
use uuid::Uuid;

use crate::db::plans::Plan;
use crate::db::work::{self, Facet};
use crate::error::Result;
use crate::state::AppState;
use entry::Entry;
use filter::WorkQuery;
use kind::Kind;
use state::WorkState;

/// The queue's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/work", get(list::list_work))
        .route("/work.csv", get(export::export_work))
}

/// The queue as a request asks for it: four statements whatever the plan's size.
struct Queue {
    /// The query with what the plan does not know dropped.
    query: WorkQuery,
    today: i64,
    teams: Vec<Facet>,
    phases: Vec<Facet>,
    /// How many rows of each state the other filters keep, for the states
    /// the kinds they keep can be in.
    counts: Vec<(WorkState, usize)>,
    /// The rows shown: those of the chosen state.
    entries: Vec<Entry>,
}

impl Queue {
    async fn load(state: &AppState, plan: &Plan, user: Uuid, raw: Option<&str>) -> Result<Queue> {
        let mut query = WorkQuery::parse(raw);
        let today = plan.calendar().today_day(Utc::now());
        let teams = work::teams(&state.db, plan.id).await?;
        let phases = work::phases(&state.db, plan.id).await?;
        let filter = query.resolve(&teams, &phases, user);
        let day = i32::try_from(today).unwrap_or(i32::MAX);
        let items = if query.admits(Kind::Items) {
            work::list(&state.db, plan.id, day, &filter).await?
        } else {
            Vec::new()
        };
        let actions = if query.admits(Kind::Actions) {
            work::actions(&state.db, plan.id, day, &filter).await?
        } else {
            Vec::new()
        };
        // The state is filtered here, not in SQL: the counts of the other
        // states are the page's links to them.
        let mut entries = entry::by_urgency(items, actions, today);
        let counts = WorkState::ALL
            .into_iter()
            .filter(|state| {
                Kind::ALL
                    .into_iter()
                    .any(|kind| query.admits(kind) && state.holds(kind))
            })
            .map(|state| (state, entries.iter().filter(|e| e.state() == state).count()))
            .collect();
        if let Some(chosen) = query.state {
            entries.retain(|entry| entry.state() == chosen);
        }
        Ok(Queue {
            query,
            today,
            teams,
            phases,
            counts,
            entries,
        })
    }
}
