//! `/admin/users`: every account, and a form to add one. A new account has
//! no password: the admin passes on a one-time link where its owner sets it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use tower_sessions::Session;

use super::{hand_over, handed_over_message, parse_team, role_choices, team_choices};
use crate::auth::session::Admin;
use crate::db::accounts::{self, Account};
use crate::db::users::{self, NO_PASSWORD, NewUser};
use crate::db::{events, plans};
use crate::domain::account::AccountLink;
use crate::domain::account::{DisplayName, Email};
use crate::domain::change::{Change, NewAccount};
use crate::domain::role::Role;
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::LinkBase;
use crate::web::form::{Choice, FieldErrors};
use crate::web::page::{self, PageCtx};
use crate::web::shown_plan::ShownPlan;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/admin/users", get(list_users).post(create_user))
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/users.html")]
struct UsersPage {
    ctx: PageCtx,
    accounts: Vec<AccountRow>,
    email: String,
    display_name: String,
    roles: Vec<Choice>,
    teams: Vec<Choice>,
    errors: FieldErrors,
    /// Whether this server sends e-mail.
    mail: bool,
}

/// A row of the list.
struct AccountRow {
    href: String,
    name: String,
    email: String,
    role: String,
    team: String,
    disabled: bool,
}

/// What the "new account" form posts.
#[derive(Default, Deserialize)]
#[serde(default)]
struct NewAccountForm {
    email: String,
    name: String,
    role: String,
    team: String,
}

async fn list_users(
    State(state): State<AppState>,
    _admin: Admin,
    ctx: PageCtx,
) -> Result<UsersPage> {
    users_page(
        &state,
        ctx,
        NewAccountForm {
            role: "member".into(),
            ..Default::default()
        },
        None,
    )
    .await
}

async fn users_page(
    state: &AppState,
    ctx: PageCtx,
    form: NewAccountForm,
    errors: Option<FieldErrors>,
) -> Result<UsersPage> {
    let lang = ctx.lang;
    let teams = accounts::team_choices(&state.db).await?;
    let rows = accounts::list(&state.db)
        .await?
        .into_iter()
        .map(|account: Account| AccountRow {
            href: format!("/admin/users/{}", account.id),
            role: lang.t(account.role.label_key()),
            team: ctx.term(&account.team_name.unwrap_or_default()).to_owned(),
            disabled: account.disabled_at.is_some(),
            name: account.display_name,
            email: account.email,
        })
        .collect();
    Ok(UsersPage {
        accounts: rows,
        roles: role_choices(lang, &form.role),
        teams: team_choices(&ctx, &teams, &form.team),
        email: form.email,
        display_name: form.name,
        errors: errors.unwrap_or_else(|| FieldErrors::new(lang)),
        mail: state.mail,
        ctx,
    })
}

async fn create_user(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    LinkBase(base): LinkBase,
    ShownPlan(shown): ShownPlan,
    Form(form): Form<NewAccountForm>,
) -> Result<Response> {
    let teams = accounts::team_choices(&state.db).await?;
    let mut errors = FieldErrors::new(ctx.lang);
    let email = errors.check("email", Email::parse(&form.email));
    let name = errors.check("name", DisplayName::parse(&form.name));
    let role = Role::parse(&form.role);
    if role.is_none() {
        errors.add("role", "invalid-choice");
    }
    let team = parse_team(&teams, &form.team)
        .map_err(|()| errors.add("team", "invalid-choice"))
        .ok();
    let (Some(email), Some(name), Some(role), Some(team_id)) = (email, name, role, team) else {
        let page = users_page(&state, ctx, form, Some(errors)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };

    let mut tx = state.db.begin().await?;
    let new_user = NewUser {
        email: email.as_str(),
        display_name: name.as_str(),
        password_hash: NO_PASSWORD,
        role,
        team_id,
    };
    let Some(user_id) = users::insert(&mut tx, new_user).await? else {
        errors.add("email", "invalid-email-taken");
        let page = users_page(&state, ctx, form, Some(errors)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    // They belong to the plan they were made in.
    plans::add_member(&mut tx, shown, user_id).await?;
    let handed = hand_over(&state, &mut tx, user_id, admin.id, AccountLink::Welcome).await?;
    let created = Change::UserCreated {
        user: user_id,
        after: NewAccount {
            email: email.as_str().to_owned(),
            name: name.as_str().to_owned(),
            role,
            team_id,
            via: None,
        },
    };
    events::record(&mut tx, None, Some(admin.id), &created).await?;
    tx.commit().await?;
    let message = handed_over_message(
        &ctx,
        &base,
        handed,
        email.as_str(),
        ("admin-user-created", "admin-user-created-mailed"),
    );
    page::flash(&session, message).await?;
    Ok(Redirect::to(&format!("/admin/users/{user_id}")).into_response())
}
