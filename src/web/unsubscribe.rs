//! `/unsubscribe/{token}/{kind}`: the link at the foot of every e-mail and
//! in its `List-Unsubscribe` header. It stops that kind of e-mail for the
//! user whose token it carries, without signing in: a click shows a page
//! with one button, a mail client's one-click unsubscribe (RFC 8058) posts
//! straight to it. Notifications of that kind still reach the inbox.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Redirect;
use axum::routing::get;
use uuid::Uuid;

use crate::db::notifications;
use crate::domain::notification::{Delivery, NotificationKind};
use crate::error::{AppError, Result};
use crate::mail::unsubscribe::PREFIX;
use crate::state::AppState;
use crate::web::notifications as web_notifications;
use crate::web::page::PageCtx;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/unsubscribe/{token}/{kind}",
        get(show_choice).post(unsubscribe),
    )
}

/// Whose e-mails of which kind a link stops.
struct Target {
    user: Uuid,
    kind: NotificationKind,
}

/// The target of a link; 404 for a token or a kind that names nothing.
async fn target(state: &AppState, token: &str, kind: &str) -> Result<Target> {
    let token = Uuid::parse_str(token).map_err(|_| AppError::NotFound)?;
    let kind = NotificationKind::parse(kind).ok_or(AppError::NotFound)?;
    let user = notifications::unsubscriber(&state.db, token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Target { user, kind })
}

#[derive(Template, WebTemplate)]
#[template(path = "unsubscribe.html")]
struct UnsubscribePage {
    ctx: PageCtx,
    reason: String,
    /// Whether these e-mails are already stopped.
    stopped: bool,
    action: String,
}

async fn show_choice(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((token, kind)): Path<(String, String)>,
) -> Result<UnsubscribePage> {
    let target = target(&state, &token, &kind).await?;
    let stopped = notifications::choices(&state.db, target.user)
        .await?
        .into_iter()
        .any(|(kind, delivery)| kind == target.kind && delivery == Delivery::Inbox);
    Ok(UnsubscribePage {
        reason: ctx.t(&target.kind.reason_key()),
        stopped,
        action: format!("{PREFIX}{token}/{kind}"),
        ctx,
    })
}

async fn unsubscribe(
    State(state): State<AppState>,
    Path((token, kind)): Path<(String, String)>,
) -> Result<Redirect> {
    let target = target(&state, &token, &kind).await?;
    let mut tx = state.db.begin().await?;
    web_notifications::choose(&mut tx, target.user, &[(target.kind, Delivery::Inbox)]).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("{PREFIX}{token}/{kind}")))
}
