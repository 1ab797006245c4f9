//! `/work`: every checklist item of the plan in one queue, filtered by team,
//! phase, state, assignee, lateness, due day and text, most urgent first;
//! `/work.csv` exports the same list. The filters live in the URL, so a
//! link can be shared; `/teams` links its counts here.

mod export;
pub mod filter;
mod list;

use axum::Router;
use axum::routing::get;
use chrono::Utc;
use uuid::Uuid;

use crate::db::items::Item;
use crate::db::plans::Plan;
use crate::db::work::{self, Facet};
use crate::domain::item::ItemState;
use crate::error::Result;
use crate::state::AppState;
use filter::WorkQuery;

/// The queue's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/work", get(list::list_work))
        .route("/work.csv", get(export::export_work))
}

/// Every state of the queue, in the order its counts are shown.
const STATES: [ItemState; 4] = [
    ItemState::Blocked,
    ItemState::Todo,
    ItemState::InProgress,
    ItemState::Done,
];

/// The queue as a request asks for it: three statements whatever the plan's size.
struct Queue {
    /// The query with what the plan does not know dropped.
    query: WorkQuery,
    today: i64,
    teams: Vec<Facet>,
    phases: Vec<Facet>,
    /// The items of every state the other filters keep, and how many.
    counts: [(ItemState, usize); 4],
    /// The items shown: those of the chosen state.
    items: Vec<Item>,
}

impl Queue {
    async fn load(state: &AppState, plan: &Plan, user: Uuid, raw: Option<&str>) -> Result<Queue> {
        let mut query = WorkQuery::parse(raw);
        let today = plan.calendar().today_day(Utc::now());
        let teams = work::teams(&state.db, plan.id).await?;
        let phases = work::phases(&state.db, plan.id).await?;
        let filter = query.resolve(&teams, &phases, user);
        let day = i32::try_from(today).unwrap_or(i32::MAX);
        // The state is filtered here, not in SQL: the counts of the other
        // states are the page's links to them.
        let mut items = work::list(&state.db, plan.id, day, &filter).await?;
        let counts = STATES.map(|state| (state, items.iter().filter(|i| i.state == state).count()));
        if let Some(chosen) = query.state {
            items.retain(|item| item.state == chosen);
        }
        Ok(Queue {
            query,
            today,
            teams,
            phases,
            counts,
            items,
        })
    }
}
