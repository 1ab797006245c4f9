//! `/notifications`: a user's inbox — mentions, assignments, their team's
//! items blocked, the poll opened, a No-Go cast, feedback assigned to them
//! (`domain::notification`) — read and marked read.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Redirect;
use axum::routing::{get, post};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::db::events;
use crate::db::notifications::{self, Notification};
use crate::domain::change::{Change, ChosenDeliveries, ChosenDelivery, MarkedRead};
use crate::domain::notification::{Delivery, NotificationKind};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::activity::line::{EventLine, describe};
use crate::web::extract::CurrentPlan;
use crate::web::page::PageCtx;

/// The most notifications the inbox shows.
const SHOWN: i64 = 100;

/// `/notifications` and its forms.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(show_inbox))
        .route("/notifications/{id}/read", post(mark_read))
        .route("/notifications/read", post(mark_all_read))
}

/// A notification as the inbox shows it.
struct Line {
    id: i64,
    reason: String,
    unread: bool,
    event: EventLine,
}

#[derive(Template, WebTemplate)]
#[template(path = "notifications.html")]
struct InboxPage {
    ctx: PageCtx,
    lines: Vec<Line>,
    unread: usize,
    summary: String,
}

async fn show_inbox(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
) -> Result<InboxPage> {
    let calendar = plan.calendar();
    let lines: Vec<Line> = notifications::inbox(&state.db, user.id, SHOWN)
        .await?
        .into_iter()
        .map(
            |Notification {
                 id,
                 kind,
                 read_at,
                 event,
             }| Line {
                id,
                reason: ctx.t(&kind.reason_key()),
                unread: read_at.is_none(),
                event: describe(ctx.lang, &calendar, &event),
            },
        )
        .collect();
    let unread = lines.iter().filter(|line| line.unread).count();
    let summary = ctx
        .lang
        .t_args("notifications-unread", &[("count", unread.into())]);
    Ok(InboxPage {
        ctx,
        lines,
        unread,
        summary,
    })
}

async fn mark_read(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<String>,
) -> Result<Redirect> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    let marked = notifications::mark_read(&mut tx, user.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if marked {
        record(&mut tx, user.id, 1).await?;
    }
    tx.commit().await?;
    Ok(Redirect::to("/notifications"))
}

async fn mark_all_read(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Redirect> {
    let mut tx = state.db.begin().await?;
    let count = notifications::mark_all_read(&mut tx, user.id).await?;
    if count > 0 {
        record(&mut tx, user.id, count).await?;
    }
    tx.commit().await?;
    Ok(Redirect::to("/notifications"))
}

/// Stores how `user` wants these kinds delivered, recording the change if
/// there is one, in the caller's transaction.
pub async fn choose(
    conn: &mut PgConnection,
    user: Uuid,
    choices: &[(NotificationKind, Delivery)],
) -> Result<()> {
    let changed = notifications::choose(conn, user, choices).await?;
    if changed.is_empty() {
        return Ok(());
    }
    let chosen = Change::NotificationsChosen {
        user,
        after: ChosenDeliveries {
            choices: changed
                .into_iter()
                .map(|(kind, delivery)| ChosenDelivery {
                    kind: kind.as_str().to_owned(),
                    delivery: delivery.as_str().to_owned(),
                })
                .collect(),
        },
    };
    events::record(conn, None, Some(user), &chosen).await?;
    Ok(())
}

async fn record(conn: &mut PgConnection, user: Uuid, count: i64) -> Result<()> {
    let read = Change::NotificationsRead {
        user,
        after: MarkedRead { count },
    };
    events::record(conn, None, Some(user), &read).await?;
    notifications::announce(conn, &[user]).await?;
    Ok(())
}
