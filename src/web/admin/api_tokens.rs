//! `/admin/tokens`: service tokens, with which a machine (a pipeline, a
//! support widget) uses the API for one team. An admin names one, picks its
//! team, scopes and lifetime; its secret is shown once; revoking stops it
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

use super::{parse_team, team_choices};
use crate::auth::session::Admin;
use crate::db::api_tokens::{self, NewToken, TokenRow};
use crate::db::{accounts, events};
use crate::domain::api_token::{Scope, TokenSecret};
use crate::domain::change::{Change, TokenFields};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::activity::line::{Moment, moment};
use crate::web::extract::{CurrentPlan, IdPath};
use crate::web::form::{Choice, FieldErrors};
use crate::web::page::{self, PageCtx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/tokens", get(list_tokens).post(create_token))
        .route("/admin/tokens/{id}/revoke", post(revoke_token))
}

/// The session key under which a new token's secret waits to be shown, once.
const NEW_SECRET: &str = "api_token_secret";
/// The lifetimes offered, in days; none: until revoked.
const LIFETIMES: [Option<i64>; 4] = [Some(30), Some(90), Some(365), None];
/// The longest name.
const NAME_MAX: usize = 80;

#[derive(Template, WebTemplate)]
#[template(path = "admin/tokens.html")]
struct TokensPage {
    ctx: PageCtx,
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

async fn list_tokens(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    _admin: Admin,
    ctx: PageCtx,
    session: Session,
) -> Result<TokensPage> {
    let secret = page::take_once(&session, NEW_SECRET).await?;
    let form = TokenForm {
        scopes: vec![Scope::ItemsWrite.as_str().to_owned()],
        lifetime: lifetime_value(Some(90)),
        ..TokenForm::default()
    };
    tokens_page(&state, &plan.calendar(), ctx, form, None, secret).await
}

async fn tokens_page(
    state: &AppState,
    calendar: &crate::domain::calendar::Calendar,
    ctx: PageCtx,
    form: TokenForm,
    errors: Option<FieldErrors>,
    secret: Option<String>,
) -> Result<TokensPage> {
    let lang = ctx.lang;
    let now = Utc::now();
    let teams = accounts::team_choices(&state.db).await?;
    let tokens = api_tokens::list_service(&state.db)
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
    let scopes = Scope::ALL
        .into_iter()
        .enumerate()
        .map(|(index, scope)| ScopeChoice {
            value: scope.as_str(),
            first: index == 0,
            checked: form.scopes.iter().any(|chosen| chosen == scope.as_str()),
        })
        .collect();
    Ok(TokensPage {
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

async fn create_token(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    Form(fields): Form<Vec<(String, String)>>,
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
    let team = match parse_team(&teams, &form.team) {
        Ok(Some(team)) => Some(team),
        _ => {
            errors.add("team", "invalid-choice");
            None
        }
    };
    let scopes: Option<Vec<Scope>> = form
        .scopes
        .iter()
        .map(|scope| Scope::parse(scope))
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
        let page = tokens_page(&state, &plan.calendar(), ctx, form, Some(errors), None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };

    let secret = TokenSecret::from_random(rand::random());
    let mut tx = state.db.begin().await?;
    let new = NewToken {
        name,
        team_id: Some(team_id),
        owner_id: None,
        scopes: &scopes,
        secret_hash: &secret.hash(),
        created_by: Some(admin.id),
        expires_at: lifetime.map(|days| Utc::now() + Duration::days(days)),
    };
    let id = api_tokens::create(&mut tx, &new).await?;
    let issued = Change::TokenIssued {
        token: id,
        after: TokenFields {
            name: name.to_owned(),
            team_id: Some(team_id),
            owner_id: None,
            scopes: scopes
                .iter()
                .map(|scope| scope.as_str().to_owned())
                .collect(),
        },
    };
    events::record(&mut tx, None, Some(admin.id), &issued).await?;
    tx.commit().await?;
    session
        .insert(NEW_SECRET, secret.expose().to_owned())
        .await?;
    page::flash(&session, ctx.t("admin-token-created")).await?;
    Ok(Redirect::to("/admin/tokens#new-token-secret").into_response())
}

async fn revoke_token(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
) -> Result<Redirect> {
    let mut tx = state.db.begin().await?;
    let token = api_tokens::find(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
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
        events::record(&mut tx, None, Some(admin.id), &revoked).await?;
    }
    tx.commit().await?;
    page::flash(&session, ctx.t("admin-token-revoked")).await?;
    Ok(Redirect::to("/admin/tokens"))
}
