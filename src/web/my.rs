//! `/my`: the signed-in user's items across phases, late ones first.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use chrono::Utc;

use crate::auth::CurrentUser;
use crate::db::items;
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::items::view::{ItemRow, RowBuilder};
use crate::web::page::PageCtx;

/// `/my`.
pub fn router() -> Router<AppState> {
    Router::new().route("/my", get(show_my_items))
}

#[derive(Template, WebTemplate)]
#[template(path = "my.html")]
struct MyItemsPage {
    ctx: PageCtx,
    sections: Vec<Section>,
}

/// A table of the page: open items, then done ones.
struct Section {
    caption: String,
    rows: Vec<ItemRow>,
}

async fn show_my_items(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
) -> Result<MyItemsPage> {
    let calendar = plan.calendar();
    let builder = RowBuilder {
        lang: ctx.lang,
        calendar: &calendar,
        viewer: &user,
        now: Utc::now(),
    };
    let (mut open, done): (Vec<ItemRow>, Vec<ItemRow>) = items::list_assigned(&state.db, user.id)
        .await?
        .into_iter()
        .map(|item| builder.row(item))
        .partition(|row| row.state != "done");
    // Already by due day: a stable sort brings the late ones to the top.
    open.sort_by_key(|row| !row.late);
    let sections = [("my-open", open), ("my-done", done)]
        .into_iter()
        .filter(|(_, rows)| !rows.is_empty())
        .map(|(key, rows)| Section {
            caption: ctx.t(key),
            rows,
        })
        .collect();
    Ok(MyItemsPage { ctx, sections })
}
