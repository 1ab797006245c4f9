//! Editing a phase's checklist (its team's lead and admins): add, edit,
//! reorder, assign (deleting is the trash's). `/items/{id}` also shows the
//! item's state, the moves its reader may make (the phase row's forms) and
//! its history.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::events;
use crate::db::items::{self, Item, MoveOutcome};
use crate::db::phases;
use crate::db::users::User;
use crate::domain::change::{Change, Commentable, Direction, ItemFields, ItemMove, Subject};
use crate::domain::item::{ItemDraft, ItemForm, ItemInvalid};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::activity::{EventLine, describe};
use crate::web::comments::{self, Draft, Thread};
use crate::web::extract::IdPath;
use crate::web::extract::{CurrentPlan, in_shown_plan};
use crate::web::form::FieldErrors;
use crate::web::items::view::{ItemRow, RowBuilder, RowFeedback};
use crate::web::page::PageCtx;
use crate::web::phases::{ItemEditor, assignee_choices, phase_page};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/items/{id}", get(show_item).post(update_item))
        .route("/items/{id}/move", post(move_item))
        .route("/phases/{id}/items", post(create_item))
}

#[derive(Template, WebTemplate)]
#[template(path = "items/show.html")]
struct ItemPage {
    ctx: PageCtx,
    item: Item,
    /// Its state, its facts and the moves this user may make.
    row: ItemRow,
    editor: ItemEditor,
    may_edit: bool,
    conflict: Option<String>,
    history: Vec<EventLine>,
    thread: Thread,
}

fn draft_fields(draft: &ItemDraft) -> ItemFields {
    ItemFields {
        title: draft.title.clone(),
        group: draft.group.clone(),
        due_day: draft.due_day,
        required: draft.required,
        assignee_id: draft.assignee_id,
        evidence_url: draft.evidence_url.clone(),
    }
}

fn item_fields(item: &Item) -> ItemFields {
    ItemFields {
        title: item.title.clone(),
        group: item.group_label.clone(),
        due_day: item.due_day,
        required: item.required,
        assignee_id: item.assignee_id,
        evidence_url: item.evidence_url.clone(),
    }
}

fn form_of(item: &Item) -> ItemForm {
    ItemForm {
        title: item.title.clone(),
        group: item.group_label.clone().unwrap_or_default(),
        due_day: item.due_day.to_string(),
        required: item.required.then(|| "on".to_owned()),
        assignee: item
            .assignee_id
            .map(|id| id.to_string())
            .unwrap_or_default(),
        evidence_url: item.evidence_url.clone().unwrap_or_default(),
        version: item.version,
    }
}

fn field_errors(ctx: &PageCtx, invalid: &[(&'static str, ItemInvalid)]) -> FieldErrors {
    let mut errors = FieldErrors::new(ctx.lang);
    for (field, why) in invalid {
        errors.add(field, why.key());
    }
    errors
}

/// Parses an item form against the plan's days and the team's members.
async fn parse_draft(
    state: &AppState,
    team_id: Uuid,
    form: &ItemForm,
) -> Result<std::result::Result<ItemDraft, Vec<(&'static str, ItemInvalid)>>> {
    let plan = state.plans.plan().await?;
    let members = items::assignable(&state.db, team_id).await?;
    let team: Vec<Uuid> = members.into_iter().map(|(id, _)| id).collect();
    Ok(form.parse(plan.horizon_days, &team))
}

async fn load(state: &AppState, id: Uuid) -> Result<Item> {
    in_shown_plan(items::find(&mut *state.db.acquire().await?, id).await?)
}

async fn item_page(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    item: Item,
    form: ItemForm,
    errors: Option<FieldErrors>,
    conflict: Option<String>,
) -> Result<ItemPage> {
    let may_edit = user.may_edit_items(item.team_id);
    let members = if may_edit {
        items::assignable(&state.db, item.team_id).await?
    } else {
        Vec::new()
    };
    let plan = state.plans.plan().await?;
    let calendar = plan.calendar();
    let history = events::history(&state.db, Subject::Item, item.id)
        .await?
        .iter()
        .map(|event| describe(ctx.lang, &calendar, event))
        .collect();
    let row = RowBuilder {
        lang: ctx.lang,
        calendar: &calendar,
        viewer: user,
        now: Utc::now(),
    }
    .row(item.clone());
    let thread = comments::thread(state, &ctx, user, Commentable::Item(item.id)).await?;
    Ok(ItemPage {
        row,
        thread,
        editor: ItemEditor {
            assignees: assignee_choices(&ctx, &members, &form.assignee),
            errors: errors.unwrap_or_else(|| FieldErrors::new(ctx.lang)),
            form,
        },
        may_edit,
        conflict,
        history,
        item,
        ctx,
    })
}

/// Someone changed the item first: a 409 with the item as it now is and
/// what this user attempted, nothing overwritten.
async fn conflict(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    id: Uuid,
    attempted_title: &str,
) -> Result<Response> {
    let current = load(state, id).await?;
    let attempted = ctx.lang.t_args(
        "item-conflict-edit",
        &[("title", attempted_title.to_owned().into())],
    );
    let form = form_of(&current);
    let page = item_page(state, ctx, user, current, form, None, Some(attempted)).await?;
    Ok((StatusCode::CONFLICT, page).into_response())
}

/// The item page again, read anew, after a refused state change posted from
/// it, with `feedback` beside its actions, answered with `status`.
pub(super) async fn refused_move(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    id: Uuid,
    feedback: RowFeedback,
    status: StatusCode,
) -> Result<Response> {
    let item = load(state, id).await?;
    let form = form_of(&item);
    let mut page = item_page(state, ctx, user, item, form, None, None).await?;
    page.row.feedback = feedback;
    Ok((status, page).into_response())
}

/// The item page again with a refused comment, for `web::comments`.
pub async fn comment_refused(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    id: Uuid,
    draft: Draft,
) -> Result<Response> {
    let item = load(state, id).await?;
    let form = form_of(&item);
    let mut page = item_page(state, ctx, user, item, form, None, None).await?;
    page.thread.redraw(draft);
    Ok(page.into_response())
}

async fn show_item(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
) -> Result<ItemPage> {
    let item = load(&state, id).await?;
    let form = form_of(&item);
    item_page(&state, ctx, &user, item, form, None, None).await
}

async fn update_item(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
    Form(form): Form<ItemForm>,
) -> Result<Response> {
    let item = load(&state, id).await?;
    allow(user.may_edit_items(item.team_id))?;
    let draft = match parse_draft(&state, item.team_id, &form).await? {
        Ok(draft) => draft,
        Err(invalid) => {
            let errors = field_errors(&ctx, &invalid);
            let page = item_page(&state, ctx, &user, item, form, Some(errors), None).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    if !items::update(&mut tx, item.id, form.version, &draft, user.id).await? {
        drop(tx);
        return conflict(&state, ctx, &user, item.id, &draft.title).await;
    }
    let updated = Change::ItemUpdated {
        item: item.id,
        before: item_fields(&item),
        after: draft_fields(&draft),
    };
    events::record(&mut tx, Some(item.plan_id), Some(user.id), &updated).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/items/{}", item.id)).into_response())
}

/// The version a destructive form was drawn from.
#[derive(Default, Deserialize)]
#[serde(default)]
struct VersionForm {
    version: i32,
    direction: String,
}

async fn move_item(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
    Form(form): Form<VersionForm>,
) -> Result<Response> {
    let item = load(&state, id).await?;
    allow(user.may_edit_items(item.team_id))?;
    let up = form.direction == "up";
    let mut tx = state.db.begin().await?;
    let outcome = items::move_item(&mut tx, item.id, form.version, up).await?;
    if outcome == MoveOutcome::Stale {
        drop(tx);
        return conflict(&state, ctx, &user, item.id, &item.title).await;
    }
    if outcome == MoveOutcome::Moved {
        let moved = Change::ItemMoved {
            item: item.id,
            after: ItemMove {
                title: item.title.clone(),
                direction: if up { Direction::Up } else { Direction::Down },
            },
        };
        events::record(&mut tx, Some(item.plan_id), Some(user.id), &moved).await?;
    }
    tx.commit().await?;
    let phase = format!("/phases/{}#item-{}", item.phase_id, item.id);
    Ok(Redirect::to(&phase).into_response())
}

async fn create_item(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(phase_id): IdPath,
    Form(form): Form<ItemForm>,
) -> Result<Response> {
    let phase = phases::find(&state.db, plan.id, phase_id)
        .await?
        .ok_or(AppError::NotFound)?;
    allow(user.may_edit_items(phase.team_id))?;
    let draft = match parse_draft(&state, phase.team_id, &form).await? {
        Ok(draft) => draft,
        Err(invalid) => {
            let errors = field_errors(&ctx, &invalid);
            let page = phase_page(
                &state,
                ctx,
                &user,
                phase_id,
                None,
                None,
                Some((form, errors)),
            )
            .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let id = items::insert(&mut tx, phase_id, &draft, None, Some(user.id)).await?;
    let created = Change::ItemCreated {
        item: id,
        after: draft_fields(&draft),
    };
    events::record(&mut tx, Some(plan.id), Some(user.id), &created).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/phases/{phase_id}#item-{id}")).into_response())
}
