//! The plan a request's pages show (issue 21): the one its session chose
//! with the switcher, if its user may read it, else the first they may
//! read. Someone signed out is shown the installation's first plan (the
//! public feedback form, the sign-in page). An archived plan is read only:
//! a form that would change it is refused (403) before its handler runs.

use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::Method;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

use crate::auth::session::CurrentUser;
use crate::db::users::User;
use crate::error::AppError;
use crate::plan_cache::{self, PlanSnapshot, Plans};
use crate::state::AppState;
use crate::web::id::parse_id;

/// The session's key for the plan chosen with the switcher.
pub const CHOSEN_PLAN: &str = "chosen_plan";

/// The id of the plan the request's pages show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShownPlan(pub Uuid);

/// Notes the plan shown to the request's user, once they are known, and
/// refuses a change to it if it is archived. A user who may read no plan is
/// shown none: its pages answer 403.
pub async fn choose(
    State(state): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let chosen = match session.get::<Uuid>(CHOSEN_PLAN).await {
        Ok(chosen) => chosen,
        Err(error) => return AppError::from(error).into_response(),
    };
    // No plan yet while the setup page runs: nothing is shown.
    let plans = state.plans.all().await.ok();
    let user = request
        .extensions()
        .get::<CurrentUser>()
        .map(|user| &user.0);
    let plan = plans
        .as_deref()
        .and_then(|plans| shown(plans, user, chosen));
    if plan.is_some_and(|plan| plan.plan.archived)
        && changes_the_plan(request.method(), request.uri().path())
    {
        return AppError::Archived.into_response();
    }
    let id = plan.map(|plan| plan.plan.id);
    if let Some(id) = id {
        request.extensions_mut().insert(ShownPlan(id));
    }
    plan_cache::showing(id, next.run(request)).await
}

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/plan/shown", post(show_plan))
}

/// What the switcher posts.
#[derive(Deserialize)]
struct ShowForm {
    plan: String,
}

/// Shows the chosen plan from now on in this session: one the user may not
/// read is not found.
async fn show_plan(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    session: Session,
    Form(form): Form<ShowForm>,
) -> Result<Redirect, AppError> {
    let id = parse_id(&form.plan)?;
    let plans = state.plans.all().await?;
    let plan = plans.by_id(id).filter(|plan| user.may_read_plan(plan));
    let plan = plan.ok_or(AppError::NotFound)?;
    session.insert(CHOSEN_PLAN, plan.plan.id).await?;
    Ok(Redirect::to("/"))
}

/// Whether a `method` request to `path` may change the plan shown: every
/// form but those about one's own account, the installation's users, tokens,
/// webhooks and plans, and which plan is shown.
fn changes_the_plan(method: &Method, path: &str) -> bool {
    const ELSEWHERE: [&str; 11] = [
        "/account",
        "/admin/plans",
        "/admin/tokens",
        "/admin/users",
        "/admin/webhooks",
        "/login",
        "/logout",
        "/notifications",
        "/plan/shown",
        "/reset",
        "/setup",
    ];
    let elsewhere = ELSEWHERE.iter().any(|prefix| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    });
    !method.is_safe() && !elsewhere
}

/// The plan shown to `user` who chose `chosen`.
pub fn shown<'a>(
    plans: &'a Plans,
    user: Option<&User>,
    chosen: Option<Uuid>,
) -> Option<&'a Arc<PlanSnapshot>> {
    let Some(user) = user else {
        return plans.all.first();
    };
    let mut readable = readable_by(plans, user);
    let first = readable.next();
    chosen
        .and_then(|chosen| plans.by_id(chosen))
        .filter(|plan| user.may_read_plan(plan))
        .or(first)
}

/// The plans `user` may read, the first created first.
pub fn readable_by<'a>(
    plans: &'a Plans,
    user: &User,
) -> impl Iterator<Item = &'a Arc<PlanSnapshot>> {
    plans.all.iter().filter(|plan| user.may_read_plan(plan))
}

impl<S: Send + Sync> FromRequestParts<S> for ShownPlan {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<ShownPlan, AppError> {
        parts
            .extensions
            .get::<ShownPlan>()
            .copied()
            .ok_or(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_forms_about_the_plan_change_it() {
        for path in [
            "/items/1/state",
            "/admin/plan",
            "/phases/new",
            "/risks",
            "/feedback/1",
        ] {
            assert!(changes_the_plan(&Method::POST, path), "{path}");
            assert!(!changes_the_plan(&Method::GET, path), "{path}");
        }
        for path in [
            "/admin/plans/copy",
            "/account/password",
            "/plan/shown",
            "/logout",
        ] {
            assert!(!changes_the_plan(&Method::POST, path), "{path}");
        }
        assert!(
            changes_the_plan(&Method::POST, "/accounting"),
            "a prefix is a whole segment"
        );
    }
}
