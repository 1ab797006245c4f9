//! `/api/v1/items`: the items, filtered as `/work` filters them, a page at
//! a time; an item; and its state changed with its evidence link — a
//! pipeline marks "staging deployed" done with its run's URL.

use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::caller::ApiCaller;
use crate::api::problem::{ApiError, Problem};
use crate::auth::policy::{ItemScope, allow};
use crate::db::items::{self, Item};
use crate::db::work::{self, WorkFilter};
use crate::domain::api_token::Scope;
use crate::domain::item::{ItemState, StateChange, parse_evidence};
use crate::state::AppState;
use crate::web::items::state::store;

/// A checklist item.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemBody {
    pub id: Uuid,
    pub phase_id: Uuid,
    pub team_id: Uuid,
    pub title: String,
    pub state: ItemState,
    /// Why it is blocked.
    pub blocked_reason: Option<String>,
    /// The link to what shows it done.
    pub evidence_url: Option<String>,
    /// The plan day it is due (J+n).
    pub due_day: i32,
    /// Send it back with a change: a change made meanwhile answers 409.
    pub version: i32,
}

impl From<Item> for ItemBody {
    fn from(item: Item) -> ItemBody {
        ItemBody {
            id: item.id,
            phase_id: item.phase_id,
            team_id: item.team_id,
            title: item.title,
            state: item.state,
            blocked_reason: item.blocked_reason,
            evidence_url: item.evidence_url,
            due_day: item.due_day,
            version: item.version,
        }
    }
}

/// A change of an item's state.
#[derive(Debug, Deserialize, ToSchema)]
pub struct StateRequest {
    pub state: ItemState,
    /// The version read: the change applies only if nobody changed the item since.
    pub version: i32,
    /// Why it is blocked: required with `blocked`, ignored otherwise.
    #[serde(default)]
    pub reason: Option<String>,
    /// An http(s) link to what shows the change (a pipeline run); kept when absent.
    #[serde(default)]
    pub evidence_url: Option<String>,
}

/// A page of items, and the cursor of the next one.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemPage {
    pub items: Vec<ItemBody>,
    /// Send it as `cursor` for the next page; none after the last.
    pub next_cursor: Option<String>,
}

/// The filters of the item list, as `/work` offers them.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ItemQuery {
    /// A team's key, e.g. `devops`.
    pub team: Option<String>,
    /// A phase's id.
    pub phase: Option<Uuid>,
    /// Items assigned to this user.
    pub assignee: Option<Uuid>,
    /// `todo`, `in_progress`, `done` or `blocked`.
    pub state: Option<ItemState>,
    /// Items not done yet.
    pub open: bool,
    /// Open items past their due day.
    pub late: bool,
    pub blocked: bool,
    pub required: bool,
    /// Items per page, 1 to 200; 50 unless given.
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// The most items a page holds.
const PAGE_MAX: i64 = 200;
/// The items a page holds unless asked otherwise.
const PAGE_DEFAULT: i64 = 50;

/// The plan's items that the filters keep, in the plan's order, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/items",
    tag = "items",
    params(ItemQuery),
    responses(
        (status = 200, description = "A page of items", body = ItemPage),
        (status = 401, description = "No live token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `read`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown team, or a malformed cursor or limit", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate limit: again after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["read"]))
)]
pub async fn list_items(
    State(state): State<AppState>,
    caller: ApiCaller,
    query: Result<Query<ItemQuery>, QueryRejection>,
) -> Result<Json<ItemPage>, ApiError> {
    allow(caller.may(Scope::Read))?;
    let Query(query) = query.map_err(|rejection| ApiError::Invalid {
        field: "query",
        detail: rejection.body_text(),
    })?;
    let snapshot = state.plans.first().await?;
    let team_id = match &query.team {
        Some(key) => Some(
            snapshot
                .teams
                .iter()
                .find(|team| &team.key == key)
                .map(|team| team.id)
                .ok_or_else(|| ApiError::Invalid {
                    field: "team",
                    detail: format!("no team with the key {key:?}"),
                })?,
        ),
        None => None,
    };
    let limit = query.limit.unwrap_or(PAGE_DEFAULT);
    if !(1..=PAGE_MAX).contains(&limit) {
        return Err(ApiError::Invalid {
            field: "limit",
            detail: format!("from 1 to {PAGE_MAX}"),
        });
    }
    let after = query
        .cursor
        .as_deref()
        .map(|cursor| {
            Uuid::parse_str(cursor).map_err(|_| ApiError::Invalid {
                field: "cursor",
                detail: "not a cursor this API gave".to_owned(),
            })
        })
        .transpose()?;
    let filter = WorkFilter {
        team_id,
        phase_id: query.phase,
        assignee_id: query.assignee,
        required: query.required,
        open: query.open,
        late: query.late,
        blocked: query.blocked,
        ..WorkFilter::default()
    };
    let calendar = snapshot.plan.calendar();
    let today = i32::try_from(calendar.today_day(Utc::now())).unwrap_or(i32::MAX);
    // One more than asked says whether another page follows.
    let mut items = work::page(
        &state.db,
        snapshot.plan.id,
        today,
        &filter,
        query.state,
        after,
        limit + 1,
    )
    .await?;
    let more = items.len() as i64 > limit;
    items.truncate(usize::try_from(limit).unwrap_or(0));
    let next_cursor = more
        .then(|| items.last().map(|item| item.id.to_string()))
        .flatten();
    Ok(Json(ItemPage {
        items: items.into_iter().map(ItemBody::from).collect(),
        next_cursor,
    }))
}

/// The item id of the path: a malformed one names nothing, 404 like an
/// unknown one.
fn item_id(id: Result<Path<Uuid>, PathRejection>) -> Result<Uuid, ApiError> {
    id.map(|Path(id)| id).map_err(|_| ApiError::NotFound)
}

/// The plan the API serves.
async fn served_plan(state: &AppState) -> Result<Uuid, ApiError> {
    Ok(state.plans.first().await?.plan.id)
}

/// Item `id` of plan `plan_id`, or 404: an item of another plan than the
/// one served is not found here.
async fn find(conn: &mut PgConnection, plan_id: Uuid, id: Uuid) -> Result<Item, ApiError> {
    items::find(conn, id)
        .await?
        .filter(|item| item.plan_id == plan_id)
        .ok_or(ApiError::NotFound)
}

/// An item.
#[utoipa::path(
    get,
    path = "/api/v1/items/{id}",
    tag = "items",
    params(("id" = Uuid, Path, description = "The item's id")),
    responses(
        (status = 200, description = "The item", body = ItemBody),
        (status = 401, description = "No live token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `read`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such item", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate limit: again after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["read"]))
)]
pub async fn show_item(
    State(state): State<AppState>,
    caller: ApiCaller,
    id: Result<Path<Uuid>, PathRejection>,
) -> Result<Json<ItemBody>, ApiError> {
    allow(caller.may(Scope::Read))?;
    let id = item_id(id)?;
    let plan_id = served_plan(&state).await?;
    let mut conn = state.db.acquire().await?;
    Ok(Json(find(&mut conn, plan_id, id).await?.into()))
}

/// Changes an item's state, and its evidence link when one is sent.
#[utoipa::path(
    post,
    path = "/api/v1/items/{id}/state",
    tag = "items",
    params(("id" = Uuid, Path, description = "The item's id")),
    request_body = StateRequest,
    responses(
        (status = 200, description = "The item as changed", body = ItemBody),
        (status = 401, description = "No live token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the token's team, or no `items:write`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such item", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate limit: again after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed since the version sent", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An invalid field, or a move the item's state does not allow", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["items:write"]))
)]
pub async fn change_item_state(
    State(state): State<AppState>,
    caller: ApiCaller,
    id: Result<Path<Uuid>, PathRejection>,
    body: Result<Json<StateRequest>, JsonRejection>,
) -> Result<Json<ItemBody>, ApiError> {
    let id = item_id(id)?;
    let Json(request) = body.map_err(|rejection| ApiError::Invalid {
        field: "body",
        detail: rejection.body_text(),
    })?;
    // The plan before the connection: refilling the plan's copy takes a
    // connection of its own.
    let plan_id = served_plan(&state).await?;
    let mut conn = state.db.acquire().await?;
    let item = find(&mut conn, plan_id, id).await?.movable();
    allow(caller.may_tick(ItemScope::of_move(&item)))?;
    let invalid = |field, key: &str| ApiError::Invalid {
        field,
        detail: crate::i18n::Lang::En.t(key),
    };
    let change = StateChange::parse(
        request.state.as_str(),
        request.reason.as_deref().unwrap_or_default(),
    )
    .map_err(|invalid_state| invalid("reason", invalid_state.key()))?;
    let evidence_url = parse_evidence(request.evidence_url.as_deref().unwrap_or_default())
        .map_err(|invalid_link| invalid("evidence_url", invalid_link.key()))?;
    if request.version != item.version {
        return Err(ApiError::Conflict {
            current_version: item.version,
        });
    }
    item.state
        .check_move(change.state())
        .map_err(|refused| invalid("state", refused.key()))?;
    let moved = item.moved_through(
        change.state(),
        change.reason(),
        evidence_url.clone(),
        Some(caller.token_name.clone()),
    );
    let recorded = store(
        &mut conn,
        caller.actor,
        &item,
        &change,
        evidence_url.as_deref(),
        &moved,
    )
    .await?;
    let Some(recorded) = recorded else {
        let now = find(&mut conn, plan_id, id).await?;
        return Err(ApiError::Conflict {
            current_version: now.version,
        });
    };
    state.live.announce(recorded);
    Ok(Json(find(&mut conn, plan_id, id).await?.into()))
}
