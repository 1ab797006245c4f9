//! Deleting an item or an action: `GET …/delete` is the confirmation (the
//! page that asks, whose form posts the deletion), `POST …/delete` puts it
//! in the trash and goes back to where it was listed.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

use super::retention;
use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::communications::{self, Communication};
use crate::db::events;
use crate::db::items::{self, Item};
use crate::db::trash;
use crate::domain::change::Change;
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::{IdPath, in_shown_plan};
use crate::web::page::{self, PageCtx};

/// The question asked before a deletion. Its `[data-confirm-content]`
/// section is what `confirm.js` shows in a dialog on the page of the link.
#[derive(Template, WebTemplate)]
#[template(path = "trash/confirm.html")]
pub(super) struct ConfirmPage {
    ctx: PageCtx,
    /// The page the breadcrumb leads back to, and its name.
    back: (String, String),
    question: String,
    consequence: String,
    /// Where the confirmation posts.
    action: String,
    cancel: String,
    version: i32,
    conflict: Option<String>,
}

/// The version the confirmation was drawn from.
#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct VersionForm {
    version: i32,
}

async fn load_item(state: &AppState, id: Uuid) -> Result<Item> {
    in_shown_plan(items::find(&mut *state.db.acquire().await?, id).await?)
}

async fn load_action(state: &AppState, id: Uuid) -> Result<Communication> {
    in_shown_plan(communications::find(&mut *state.db.acquire().await?, id).await?)
}

fn item_question(ctx: PageCtx, item: &Item, conflict: Option<String>) -> ConfirmPage {
    let phase = format!("{} {}", item.phase_section, item.phase_name);
    ConfirmPage {
        question: ctx.lang.t_args(
            "trash-delete-item-question",
            &[("title", item.title.clone().into())],
        ),
        consequence: ctx.lang.t_args(
            "trash-delete-item-consequence",
            &[
                ("days", retention(ctx.lang).into()),
                ("phase", phase.clone().into()),
            ],
        ),
        back: (format!("/phases/{}", item.phase_id), phase),
        action: format!("/items/{}/delete", item.id),
        cancel: format!("/items/{}", item.id),
        version: item.version,
        conflict,
        ctx,
    }
}

fn action_question(ctx: PageCtx, action: &Communication, conflict: Option<String>) -> ConfirmPage {
    ConfirmPage {
        question: ctx.lang.t_args(
            "trash-delete-action-question",
            &[("title", action.title.clone().into())],
        ),
        consequence: ctx.lang.t_args(
            "trash-delete-action-consequence",
            &[("days", retention(ctx.lang).into())],
        ),
        back: ("/communications".to_owned(), ctx.t("nav-communications")),
        action: format!("/communications/{}/delete", action.id),
        cancel: format!("/communications/{}", action.id),
        version: action.version,
        conflict,
        ctx,
    }
}

/// What a refused deletion says: the thing changed since the question was asked.
fn conflict(ctx: &PageCtx, title: &str) -> Option<String> {
    Some(
        ctx.lang
            .t_args("trash-conflict", &[("title", title.to_owned().into())]),
    )
}

pub(super) async fn confirm_item_delete(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
) -> Result<ConfirmPage> {
    let item = load_item(&state, id).await?;
    allow(user.may_edit_items(item.team_id))?;
    Ok(item_question(ctx, &item, None))
}

pub(super) async fn delete_item(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<VersionForm>,
) -> Result<Response> {
    let item = load_item(&state, id).await?;
    allow(user.may_edit_items(item.team_id))?;
    let mut tx = state.db.begin().await?;
    let Some(before) = trash::trash_item(&mut tx, item.id, form.version, user.id).await? else {
        drop(tx);
        // Asked again about the item as it now is (a 404 if it went meanwhile).
        let current = load_item(&state, id).await?;
        let refused = conflict(&ctx, &current.title);
        let page = item_question(ctx, &current, refused);
        return Ok((StatusCode::CONFLICT, page).into_response());
    };
    let title = before.title.clone();
    let deleted = Change::ItemDeleted {
        item: item.id,
        before,
    };
    let to = format!("/phases/{}", item.phase_id);
    let done = Trashed {
        plan_id: item.plan_id,
        message: "trash-item-deleted",
        title,
        to: &to,
    };
    done.record(tx, user.id, &deleted, &ctx, &session).await
}

pub(super) async fn confirm_action_delete(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
) -> Result<ConfirmPage> {
    let action = load_action(&state, id).await?;
    allow(user.may_edit_items(action.team_id))?;
    Ok(action_question(ctx, &action, None))
}

pub(super) async fn delete_action(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<VersionForm>,
) -> Result<Response> {
    let action = load_action(&state, id).await?;
    allow(user.may_edit_items(action.team_id))?;
    let mut tx = state.db.begin().await?;
    let Some(before) = trash::trash_action(&mut tx, action.id, form.version, user.id).await? else {
        drop(tx);
        let current = load_action(&state, id).await?;
        let refused = conflict(&ctx, &current.title);
        let page = action_question(ctx, &current, refused);
        return Ok((StatusCode::CONFLICT, page).into_response());
    };
    let title = before.title.clone();
    let deleted = Change::CommunicationDeleted {
        action: action.id,
        before,
    };
    let done = Trashed {
        plan_id: action.plan_id,
        message: "trash-action-deleted",
        title,
        to: "/communications",
    };
    done.record(tx, user.id, &deleted, &ctx, &session).await
}

/// A deletion made: its event, then a flash that says where it went, and
/// the way back to where the thing was listed.
struct Trashed<'a> {
    plan_id: Uuid,
    /// The flash's catalog key.
    message: &'static str,
    title: String,
    to: &'a str,
}

impl Trashed<'_> {
    async fn record(
        self,
        mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
        actor: Uuid,
        change: &Change,
        ctx: &PageCtx,
        session: &Session,
    ) -> Result<Response> {
        events::record(&mut tx, Some(self.plan_id), Some(actor), change).await?;
        tx.commit().await?;
        let trashed = ctx.lang.t_args(
            self.message,
            &[
                ("title", self.title.into()),
                ("days", retention(ctx.lang).into()),
            ],
        );
        page::flash(session, trashed).await?;
        Ok(Redirect::to(self.to).into_response())
    }
}
