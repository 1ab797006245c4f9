//! `GET /work.csv`: the work queue as the page filters it, with the columns
//! of the checklist's own export.

use axum::extract::{RawQuery, State};
use axum::response::Response;

use super::Queue;
use crate::auth::CurrentUser;
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::items::export::csv_response;
use crate::web::page::PageCtx;

pub(super) async fn export_work(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    RawQuery(raw): RawQuery,
) -> Result<Response> {
    let queue = Queue::load(&state, &plan, user.id, raw.as_deref()).await?;
    csv_response(ctx.lang, &queue.items, "work.csv")
}
