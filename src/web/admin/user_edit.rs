//! `/admin/users/{id}`: edit an account's name, role and team; disable or
//! enable it; give its owner a one-time link to set a new password.

use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use sqlx::PgConnection;
use tower_sessions::Session;
use uuid::Uuid;

use super::{hand_over, handed_over_message, parse_team, role_choices, team_choices};
use crate::auth::session::Admin;
use crate::auth::tokens::{self, Purpose};
use crate::db::accounts::{self, Account, AccountChange};
use crate::db::{events, plans};
use crate::domain::account::AccountLink;
use crate::domain::account::DisplayName;
use crate::domain::change::{Access, AccountFields, Change};
use crate::domain::role::Role;
use crate::error::{AppError, Result};
use crate::plan_cache::Plans;
use crate::state::AppState;
use crate::web::extract::LinkBase;
use crate::web::extract::{IdPath, parse_id};
use crate::web::form::{Choice, FieldErrors};
use crate::web::page::{self, PageCtx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/users/{id}", get(show_user).post(update_user))
        .route("/admin/users/{id}/disable", post(disable_user))
        .route("/admin/users/{id}/enable", post(enable_user))
        .route("/admin/users/{id}/reset", post(issue_reset_link))
        .route("/admin/users/{id}/plans", post(set_membership))
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/user.html")]
struct UserPage {
    ctx: PageCtx,
    account: Account,
    display_name: String,
    roles: Vec<Choice>,
    teams: Vec<Choice>,
    errors: FieldErrors,
    /// Set when someone else changed the account first: what this admin tried.
    conflict: Option<String>,
    is_self: bool,
    /// Every plan, and whether the account belongs to it.
    plans: Vec<PlanRow>,
}

/// A plan on the account's page.
struct PlanRow {
    id: Uuid,
    name: String,
    member: bool,
}

/// What the page is drawn from besides the account: the teams to choose
/// from and every plan.
struct Read {
    teams: Vec<(Uuid, String)>,
    plans: Arc<Plans>,
}

impl Read {
    async fn load(state: &AppState) -> Result<Read> {
        Ok(Read {
            teams: accounts::team_choices(&state.db).await?,
            plans: state.plans.all().await?,
        })
    }
}

/// What the edit form posts.
#[derive(Default, Deserialize)]
#[serde(default)]
struct EditForm {
    name: String,
    role: String,
    team: String,
    version: i32,
}

async fn load(conn: &mut PgConnection, id: Uuid) -> Result<Account> {
    accounts::find(conn, id).await?.ok_or(AppError::NotFound)
}

async fn show_user(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ctx: PageCtx,
    IdPath(id): IdPath,
) -> Result<UserPage> {
    let account = load(&mut *state.db.acquire().await?, id).await?;
    let read = Read::load(&state).await?;
    let form = EditForm {
        name: account.display_name.clone(),
        role: account.role.as_str().to_owned(),
        team: account.team_id.map(|id| id.to_string()).unwrap_or_default(),
        version: account.version,
    };
    Ok(user_page(ctx, admin.id, account, &read, &form, None, None))
}

/// The page, drawn from what the handler read: it asks the pool for nothing,
/// so a handler may draw it without a second connection.
fn user_page(
    ctx: PageCtx,
    admin_id: Uuid,
    account: Account,
    read: &Read,
    form: &EditForm,
    errors: Option<FieldErrors>,
    conflict: Option<String>,
) -> UserPage {
    UserPage {
        is_self: account.id == admin_id,
        roles: role_choices(ctx.lang, &form.role),
        teams: team_choices(&ctx, &read.teams, &form.team),
        plans: read
            .plans
            .all
            .iter()
            .map(|held| PlanRow {
                id: held.plan.id,
                name: held.plan.name.clone(),
                member: held.has_member(account.id),
            })
            .collect(),
        display_name: form.name.clone(),
        errors: errors.unwrap_or_else(|| FieldErrors::new(ctx.lang)),
        conflict,
        account,
        ctx,
    }
}

async fn update_user(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<EditForm>,
) -> Result<Response> {
    let read = Read::load(&state).await?;
    let mut tx = state.db.begin().await?;
    let before = load(&mut tx, id).await?;
    let mut errors = FieldErrors::new(ctx.lang);
    let name = errors.check("name", DisplayName::parse(&form.name));
    let role = Role::parse(&form.role).filter(|role| id != admin.id || *role == Role::Admin);
    if role.is_none() {
        errors.add(
            "role",
            if id == admin.id {
                "admin-own-role"
            } else {
                "invalid-choice"
            },
        );
    }
    let team = parse_team(&read.teams, &form.team)
        .map_err(|()| errors.add("team", "invalid-choice"))
        .ok();
    let (Some(name), Some(role), Some(team_id)) = (name, role, team) else {
        tx.rollback().await?;
        let page = user_page(ctx, admin.id, before, &read, &form, Some(errors), None);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let change = AccountChange {
        display_name: name.as_str(),
        role,
        team_id,
    };
    if !accounts::update(&mut tx, id, form.version, change).await? {
        tx.rollback().await?;
        let attempted = ctx.lang.t_args(
            "conflict-account",
            &[
                ("name", form.name.clone().into()),
                ("role", ctx.lang.t(role.label_key()).into()),
            ],
        );
        let current = EditForm {
            name: before.display_name.clone(),
            role: before.role.as_str().to_owned(),
            team: before.team_id.map(|id| id.to_string()).unwrap_or_default(),
            version: before.version,
        };
        let page = user_page(
            ctx,
            admin.id,
            before,
            &read,
            &current,
            None,
            Some(attempted),
        );
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    // A new role makes it a role change.
    let edited = Change::UserEdited {
        user: id,
        before: AccountFields {
            name: before.display_name.clone(),
            role: before.role,
            team_id: before.team_id,
        },
        after: AccountFields {
            name: name.as_str().to_owned(),
            role,
            team_id,
        },
    };
    events::record(&mut tx, None, Some(admin.id), &edited).await?;
    tx.commit().await?;
    page::flash(&session, ctx.t("admin-user-saved")).await?;
    Ok(Redirect::to(&format!("/admin/users/{id}")).into_response())
}

async fn disable_user(
    state: State<AppState>,
    admin: Admin,
    ctx: PageCtx,
    session: Session,
    id: IdPath,
) -> Result<Response> {
    set_disabled(state, admin, ctx, session, id, true).await
}

async fn enable_user(
    state: State<AppState>,
    admin: Admin,
    ctx: PageCtx,
    session: Session,
    id: IdPath,
) -> Result<Response> {
    set_disabled(state, admin, ctx, session, id, false).await
}

async fn set_disabled(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    disabled: bool,
) -> Result<Response> {
    // An admin who disables themselves could lock everyone out.
    if id == admin.id {
        page::flash(&session, ctx.t("admin-own-disable")).await?;
        return Ok(Redirect::to(&format!("/admin/users/{id}")).into_response());
    }
    let mut tx = state.db.begin().await?;
    let before = load(&mut tx, id).await?;
    accounts::set_disabled(&mut tx, id, disabled).await?;
    let access = Change::UserAccessChanged {
        user: id,
        before: Access {
            disabled: before.disabled_at.is_some(),
        },
        after: Access { disabled },
    };
    events::record(&mut tx, None, Some(admin.id), &access).await?;
    tx.commit().await?;
    let message = if disabled {
        "admin-user-disabled"
    } else {
        "admin-user-enabled"
    };
    page::flash(&session, ctx.t(message)).await?;
    Ok(Redirect::to(&format!("/admin/users/{id}")).into_response())
}

/// What a plan's button on the account's page posts.
#[derive(Deserialize)]
struct MembershipForm {
    plan: String,
    member: bool,
}

/// `/admin/users/{id}/plans`: makes the account a member of a plan, or no
/// longer one (admins read every plan whatever they belong to).
async fn set_membership(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<MembershipForm>,
) -> Result<Response> {
    let plan = parse_id(&form.plan)?;
    let name = state
        .plans
        .all()
        .await?
        .by_id(plan)
        .map(|held| held.plan.name.clone())
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    load(&mut tx, id).await?;
    let changed = if form.member {
        plans::add_member(&mut tx, plan, id).await?
    } else {
        plans::remove_member(&mut tx, plan, id).await?
    };
    if changed {
        let membership = Change::UserMembership {
            user: id,
            plan,
            member: form.member,
        };
        events::record(&mut tx, Some(plan), Some(admin.id), &membership).await?;
    }
    tx.commit().await?;
    let key = if form.member {
        "admin-user-joined-plan"
    } else {
        "admin-user-left-plan"
    };
    page::flash(&session, ctx.lang.t_args(key, &[("plan", name.into())])).await?;
    Ok(Redirect::to(&format!("/admin/users/{id}")).into_response())
}

async fn issue_reset_link(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    LinkBase(base): LinkBase,
    IdPath(id): IdPath,
) -> Result<Response> {
    let mut tx = state.db.begin().await?;
    let account = load(&mut tx, id).await?;
    tokens::revoke_for_user(&mut tx, Purpose::PasswordReset, id).await?;
    let handed = hand_over(&state, &mut tx, id, admin.id, AccountLink::Reset).await?;
    let issued = Change::PasswordResetIssued { user: id };
    events::record(&mut tx, None, Some(admin.id), &issued).await?;
    tx.commit().await?;
    let message = handed_over_message(
        &ctx,
        &base,
        handed,
        &account.email,
        ("admin-reset-link", "admin-link-mailed"),
    );
    page::flash(&session, message).await?;
    Ok(Redirect::to(&format!("/admin/users/{id}")).into_response())
}
