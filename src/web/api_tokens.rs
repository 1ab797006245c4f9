//! API tokens, made and revoked on two pages that work alike:
//! `/admin/tokens`, the service tokens with which a machine (a pipeline, a
//! support widget) uses the API for one team; `/account/tokens`, a user's
//! personal tokens, which may do what the user may, or less. A token gets a
//! name, scopes and a lifetime; its secret is shown once; revoking stops it
//! at once.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::{Duration, Utc};
use tower_sessions::Session;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::auth::session::Admin;
use crate::db::api_tokens::{self, NewToken, TokenRow};
use crate::db::users::User;
use crate::db::{accounts, events};
use crate::domain::api_token::{Scope, TokenSecret};
use crate::domain::calendar::Calendar;
use crate::domain::change::{Change, TokenFields};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::activity::line::{Moment, moment};
use crate::web::admin::{parse_team, team_choices};
use crate::web::extract::{CurrentPlan, IdPath};
use crate::web::form::{Choice, FieldErrors};
use crate::web::page::{self, PageCtx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/tokens", get(list_service).post(create_service))
        .route("/admin/tokens/{id}/revoke", post(revoke_service))
        .route("/account/tokens", get(list_personal).post(create_personal))
        .route("/account/tokens/{id}/revoke", post(revoke_personal))
}

/// The session key under which a new token's secret waits to be shown, once.
const NEW_SECRET: &str = "api_token_secret";
/// The lifetimes offered, in days; none: until revoked.
const LIFETIMES: [Option<i64>; 4] = [Some(30), Some(90), Some(365), None];
/// The longest name.
const NAME_MAX: usize = 80;

/// Whose tokens a page shows and makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holder {
    /// Service tokens, each for a team (admins).
    Service,
    /// This user's own tokens.
    Person(Uuid),
}

impl Holder {
    /// The page's address.
    fn path(self) -> &'static str {
        match self {
            Holder::Service => "/admin/tokens",
            Holder::Person(_) => "/account/tokens",
        }
    }

    /// The owner stored with the tokens.
    fn owner(self) -> Option<Uuid> {
        match self {
            Holder::Service => None,
            Holder::Person(user) => Some(user),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "api_tokens.html")]
struct TokensPage {
    ctx: PageCtx,
    /// `/admin/tokens` or `/account/tokens`.
    path: &'static str,
    service: bool,
    tokens: Vec<TokenLine>,
    token_name: String,
    teams: Vec<Choice>,
    scopes: Vec<ScopeChoice>,
    lifetimes: Vec<Choice>,
    errors: FieldErrors,
    /// The secret of a token just made: shown this once.
    secret: Option<String>,
}

/// A row of the list.
struct TokenLine {
    id: Uuid,
    name: String,
    team: String,
    scopes: String,
    created: Moment,
    created_by: String,
    expires: Option<Moment>,
    last_used: Option<Moment>,
    /// Live, revoked or expired, in words.
    state: String,
    live: bool,
}

/// A scope as a checkbox.
struct ScopeChoice {
    value: &'static str,
    /// The first carries the group's id, for the error summary's link.
    first: bool,
    checked: bool,
}

/// What the "new token" form posts: `scope` once per scope checked.
#[derive(Default)]
struct TokenForm {
    name: String,
    team: String,
    scopes: Vec<String>,
    lifetime: String,
}

impl TokenForm {
    fn read(fields: Vec<(String, String)>) -> TokenForm {
        let mut form = TokenForm::default();
        for (name, value) in fields {
            match name.as_str() {
                "name" => form.name = value,
                "team" => form.team = value,
                "scope" => form.scopes.push(value),
                "lifetime" => form.lifetime = value,
                _ => {}
            }
        }
        form
    }
}

/// A lifetime as the form spells it: days, or `never`.
fn lifetime_value(days: Option<i64>) -> String {
    days.map_or_else(|| "never".to_owned(), |days| days.to_string())
}

/// What a token made by `user` on `holder`'s page may do at most: any
/// scope for a service token (an admin's), and for a personal one those
/// whose actions its owner may take at all.
fn offered(holder: Holder, user: &User) -> Vec<Scope> {
    Scope::ALL
        .into_iter()
        .filter(|scope| match (holder, scope) {
            (Holder::Service, _) | (_, Scope::Read) => true,
            (Holder::Person(_), Scope::ItemsWrite) => user.may_tick_some_item(),
            (Holder::Person(_), Scope::FeedbackWrite) => user.may_triage_feedback(),
        })
        .collect()
}

async fn list_service(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
) -> Result<TokensPage> {
    list(
        &state,
        &plan.calendar(),
        Holder::Service,
        &admin,
        ctx,
        &session,
    )
    .await
}

async fn list_personal(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
) -> Result<TokensPage> {
    let holder = Holder::Person(user.id);
    list(&state, &plan.calendar(), holder, &user, ctx, &session).await
}

async fn list(
    state: &AppState,
    calendar: &Calendar,
    holder: Holder,
    user: &User,
    ctx: PageCtx,
    session: &Session,
) -> Result<TokensPage> {
    let secret = page::take_once(session, NEW_SECRET).await?;
    let form = TokenForm {
        scopes: vec![Scope::Read.as_str().to_owned()],
        lifetime: lifetime_value(Some(90)),
        ..TokenForm::default()
    };
    tokens_page(state, calendar, holder, user, ctx, form, None, secret).await
}

#[allow(clippy::too_many_arguments)]
async fn tokens_page(
    state: &AppState,
    calendar: &Calendar,
    holder: Holder,
    user: &User,
    ctx: PageCtx,
    form: TokenForm,
    errors: Option<FieldErrors>,
    secret: Option<String>,
) -> Result<TokensPage> {
    let lang = ctx.lang;
    let now = Utc::now();
    let teams = accounts::team_choices(&state.db).await?;
    let tokens = api_tokens::list(&state.db, holder.owner())
        .await?
        .into_iter()
        .map(|token: TokenRow| {
            let expired = token.expires_at.is_some_and(|at| at <= now);
            let (state_key, live) = match (token.revoked_at, expired) {
                (Some(_), _) => ("token-revoked", false),
                (None, true) => ("token-expired", false),
                (None, false) => ("token-live", true),
            };
            TokenLine {
                id: token.id,
                team: ctx.term(&token.team_name.unwrap_or_default()).to_owned(),
                scopes: token.scopes.join(", "),
                created: moment(lang, calendar, token.created_at),
                created_by: token.created_by_name.unwrap_or_default(),
                expires: token.expires_at.map(|at| moment(lang, calendar, at)),
                last_used: token.last_used_at.map(|at| moment(lang, calendar, at)),
                state: ctx.t(state_key),
                live,
                name: token.name,
            }
        })
        .collect();
    let lifetimes = LIFETIMES
        .into_iter()
        .map(|days| Choice {
            value: lifetime_value(days),
            label: match days {
                Some(days) => lang.t_args("token-lifetime-days", &[("days", days.into())]),
                None => ctx.t("token-lifetime-never"),
            },
            selected: lifetime_value(days) == form.lifetime,
        })
        .collect();
    let scopes = offered(holder, user)
        .into_iter()
        .enumerate()
        .map(|(index, scope)| ScopeChoice {
            value: scope.as_str(),
            first: index == 0,
            checked: form.scopes.iter().any(|chosen| chosen == scope.as_str()),
        })
        .collect();
    Ok(TokensPage {
        path: holder.path(),
        service: holder == Holder::Service,
        tokens,
        teams: team_choices(&ctx, &teams, &form.team)
            .into_iter()
            .filter(|choice| !choice.value.is_empty())
            .collect(),
        scopes,
        lifetimes,
        token_name: form.name,
        errors: errors.unwrap_or_else(|| FieldErrors::new(lang)),
        secret,
        ctx,
    })
}

async fn create_service(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response> {
    let calendar = plan.calendar();
    create(
        &state,
        &calendar,
        Holder::Service,
        &admin,
        ctx,
        &session,
        fields,
    )
    .await
}

async fn create_personal(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response> {
    let calendar = plan.calendar();
    let holder = Holder::Person(user.id);
    create(&state, &calendar, holder, &user, ctx, &session, fields).await
}

async fn create(
    state: &AppState,
    calendar: &Calendar,
    holder: Holder,
    user: &User,
    ctx: PageCtx,
    session: &Session,
    fields: Vec<(String, String)>,
) -> Result<Response> {
    let form = TokenForm::read(fields);
    let teams = accounts::team_choices(&state.db).await?;
    let mut errors = FieldErrors::new(ctx.lang);
    let name = form.name.trim();
    if name.is_empty() {
        errors.add("name", "invalid-required");
    } else if name.chars().count() > NAME_MAX || name.contains(char::is_control) {
        errors.add("name", "invalid-too-long");
    }
    let team = match (holder, parse_team(&teams, &form.team)) {
        (Holder::Person(_), _) => Some(None),
        (Holder::Service, Ok(Some(team))) => Some(Some(team)),
        (Holder::Service, _) => {
            errors.add("team", "invalid-choice");
            None
        }
    };
    let allowed = offered(holder, user);
    let scopes: Option<Vec<Scope>> = form
        .scopes
        .iter()
        .map(|scope| Scope::parse(scope).filter(|scope| allowed.contains(scope)))
        .collect();
    let scopes = scopes.filter(|scopes| !scopes.is_empty());
    if scopes.is_none() {
        errors.add("scopes", "token-scopes-none");
    }
    let lifetime = LIFETIMES
        .into_iter()
        .find(|days| lifetime_value(*days) == form.lifetime);
    if lifetime.is_none() {
        errors.add("lifetime", "invalid-choice");
    }
    let (Some(team_id), Some(scopes), Some(lifetime), true) =
        (team, scopes, lifetime, errors.is_empty())
    else {
        let page =
            tokens_page(state, calendar, holder, user, ctx, form, Some(errors), None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };

    let secret = TokenSecret::from_random(rand::random());
    let mut tx = state.db.begin().await?;
    let new = NewToken {
        name,
        team_id,
        owner_id: holder.owner(),
        scopes: &scopes,
        secret_hash: &secret.hash(),
        created_by: Some(user.id),
        expires_at: lifetime.map(|days| Utc::now() + Duration::days(days)),
    };
    let id = api_tokens::create(&mut tx, &new).await?;
    let issued = Change::TokenIssued {
        token: id,
        after: TokenFields {
            name: name.to_owned(),
            team_id,
            owner_id: holder.owner(),
            scopes: scopes
                .iter()
                .map(|scope| scope.as_str().to_owned())
                .collect(),
        },
    };
    events::record(&mut tx, None, Some(user.id), &issued).await?;
    tx.commit().await?;
    session
        .insert(NEW_SECRET, secret.expose().to_owned())
        .await?;
    page::flash(session, ctx.t("admin-token-created")).await?;
    Ok(Redirect::to(&format!("{}#new-token-secret", holder.path())).into_response())
}

async fn revoke_service(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
) -> Result<Redirect> {
    revoke(&state, Holder::Service, &admin, ctx, &session, id).await
}

async fn revoke_personal(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
) -> Result<Redirect> {
    revoke(&state, Holder::Person(user.id), &user, ctx, &session, id).await
}

async fn revoke(
    state: &AppState,
    holder: Holder,
    user: &User,
    ctx: PageCtx,
    session: &Session,
    id: Uuid,
) -> Result<Redirect> {
    let mut tx = state.db.begin().await?;
    let token = api_tokens::find(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // The admin page revokes service tokens; a user's page, their own.
    allow(token.owner_id == holder.owner())?;
    // Revoked already (by another admin, or a second click): nothing to do.
    if api_tokens::revoke(&mut tx, id).await? {
        let revoked = Change::TokenRevoked {
            token: id,
            before: TokenFields {
                name: token.name,
                team_id: token.team_id,
                owner_id: token.owner_id,
                scopes: token.scopes,
            },
        };
        events::record(&mut tx, None, Some(user.id), &revoked).await?;
    }
    tx.commit().await?;
    page::flash(session, ctx.t("admin-token-revoked")).await?;
    Ok(Redirect::to(holder.path()))
}
