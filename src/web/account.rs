//! `/account`: a user's own language, password, notifications, the link to
//! their own calendar, and "log out everywhere".

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tower_sessions::Session;

use crate::auth::throttle::{self, ClientAddress};
use crate::auth::tokens::{self, Purpose};
use crate::auth::{CurrentUser, password};
use crate::db::events;
use crate::db::{notifications, users};
use crate::domain::account::NewPassword;
use crate::domain::change::{Change, Language, LoginAttempt};
use crate::domain::notification::{Delivery, NotificationKind};
use crate::error::Result;
use crate::i18n::{self, Lang};
use crate::public_url::PublicUrl;
use crate::state::AppState;
use crate::web::extract::LinkBase;
use crate::web::form::{Choice, FieldErrors};
use crate::web::notifications as web_notifications;
use crate::web::page::{self, PageCtx};

/// `/account` and its forms.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(show_account))
        .route("/account/language", post(update_language))
        .route("/account/password", post(update_password))
        .route("/account/sessions", post(end_all_sessions))
        .route("/account/notifications", post(choose_deliveries))
        .route("/account/calendar", post(issue_calendar_link))
        .route("/account/calendar/revoke", post(revoke_calendar_link))
}

/// How one kind of notification reaches the user: a select of the form.
struct DeliveryChoice {
    name: String,
    label: String,
    options: Vec<Choice>,
}

#[derive(Template, WebTemplate)]
#[template(path = "account.html")]
struct AccountPage {
    ctx: PageCtx,
    languages: Vec<Choice>,
    errors: FieldErrors,
    deliveries: Vec<DeliveryChoice>,
    /// Whether this server sends e-mail.
    mail: bool,
    /// The address of the user's own calendar feed, while a link is live.
    calendar: Option<String>,
}

/// The field of the notifications form that says how `kind` is delivered.
fn delivery_field(kind: NotificationKind) -> String {
    format!("notify_{}", kind.as_str())
}

async fn account_page(
    state: &AppState,
    base: &PublicUrl,
    ctx: PageCtx,
    errors: FieldErrors,
) -> Result<AccountPage> {
    let calendar = match &ctx.user {
        Some(user) => {
            let mut conn = state.db.acquire().await?;
            tokens::newest_live(&mut conn, Purpose::MyCalendar, Some(user.id))
                .await?
                .and_then(|link| link.secret)
                .map(|secret| base.link(&format!("/my.ics?token={secret}")))
        }
        None => None,
    };
    let chosen = match &ctx.user {
        Some(user) => notifications::choices(&state.db, user.id).await?,
        None => Vec::new(),
    };
    let role = ctx.user.as_ref().map(|user| user.role);
    let deliveries = chosen
        .into_iter()
        .filter(|(kind, _)| role.is_some_and(|role| kind.concerns(role)))
        .map(|(kind, delivery)| DeliveryChoice {
            name: delivery_field(kind),
            label: ctx.t(&kind.reason_key()),
            options: Delivery::ALL
                .into_iter()
                .map(|option| Choice {
                    value: option.as_str().into(),
                    label: ctx.t(option.label_key()),
                    selected: option == delivery,
                })
                .collect(),
        })
        .collect();
    let languages = Lang::ALL
        .iter()
        .map(|lang| Choice {
            value: lang.code().into(),
            label: lang.native_name().into(),
            selected: *lang == ctx.lang,
        })
        .collect();
    Ok(AccountPage {
        ctx,
        languages,
        errors,
        deliveries,
        mail: state.mail,
        calendar,
    })
}

/// Makes a new link to the user's own calendar, the live one stopped: a
/// link passed on by mistake is replaced.
async fn issue_calendar_link(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
) -> Result<Redirect> {
    let mut tx = state.db.begin().await?;
    let revoked = tokens::revoke_for_user(&mut tx, Purpose::MyCalendar, user.id).await?;
    tokens::issue_revocable(&mut tx, Purpose::MyCalendar, Some(user.id), user.id).await?;
    let issued = Change::MyCalendarLinkIssued {
        user: user.id,
        revoked,
    };
    events::record(&mut tx, None, Some(user.id), &issued).await?;
    tx.commit().await?;
    page::flash(&session, ctx.t("account-calendar-issued")).await?;
    Ok(Redirect::to("/account#calendar"))
}

/// Stops the link to the user's own calendar.
async fn revoke_calendar_link(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
) -> Result<Redirect> {
    let mut tx = state.db.begin().await?;
    let revoked = tokens::revoke_for_user(&mut tx, Purpose::MyCalendar, user.id).await?;
    if revoked > 0 {
        let change = Change::MyCalendarLinkRevoked {
            user: user.id,
            revoked,
        };
        events::record(&mut tx, None, Some(user.id), &change).await?;
    }
    tx.commit().await?;
    page::flash(&session, ctx.t("account-calendar-revoked")).await?;
    Ok(Redirect::to("/account#calendar"))
}

async fn show_account(
    State(state): State<AppState>,
    _user: CurrentUser,
    ctx: PageCtx,
    LinkBase(base): LinkBase,
) -> Result<AccountPage> {
    let errors = FieldErrors::new(ctx.lang);
    account_page(&state, &base, ctx, errors).await
}

/// Stores how the user wants each kind of notification delivered; a field
/// missing or naming no delivery leaves its kind as it was.
async fn choose_deliveries(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Redirect> {
    let choices: Vec<(NotificationKind, Delivery)> = NotificationKind::ALL
        .iter()
        .filter(|kind| kind.concerns(user.role))
        .filter_map(|kind| {
            let delivery = Delivery::parse(form.get(&delivery_field(*kind))?)?;
            Some((*kind, delivery))
        })
        .collect();
    let mut tx = state.db.begin().await?;
    web_notifications::choose(&mut tx, user.id, &choices).await?;
    tx.commit().await?;
    page::flash(&session, ctx.t("account-saved")).await?;
    Ok(Redirect::to("/account#notifications"))
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct LanguageForm {
    language: String,
}

async fn update_language(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    session: Session,
    Form(form): Form<LanguageForm>,
) -> Result<Redirect> {
    let lang = Lang::parse(&form.language).unwrap_or_default();
    let mut tx = state.db.begin().await?;
    users::set_locale(&mut tx, user.id, lang).await?;
    let changed = Change::LanguageChanged {
        user: user.id,
        after: Language { language: lang },
    };
    events::record(&mut tx, None, Some(user.id), &changed).await?;
    tx.commit().await?;
    session.insert(i18n::SESSION_KEY, lang).await?;
    page::flash(&session, lang.t("account-saved")).await?;
    Ok(Redirect::to("/account"))
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct PasswordForm {
    current_password: String,
    password: String,
    password_confirmation: String,
}

async fn update_password(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    ClientAddress(address): ClientAddress,
    LinkBase(base): LinkBase,
    Form(form): Form<PasswordForm>,
) -> Result<Response> {
    let mut errors = FieldErrors::new(ctx.lang);
    // Throttled and recorded as a sign-in is: a stolen session must not
    // become a way to guess the password.
    let turn = password::turn().await?;
    let stored = users::password_hash(&state.db, user.id).await?;
    let current = form.current_password.clone();
    let checked = throttle::check(&state.db, &user.email, address, turn, stored, current).await?;
    let Some(checked) = checked else {
        errors.add("current_password", "account-password-throttled");
        let page = account_page(&state, &base, ctx, errors).await?;
        return Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    throttle::settle(&mut tx, &checked).await?;
    if !checked.matched {
        let failed = Change::LoginFailed {
            after: LoginAttempt {
                email: user.email.clone(),
            },
        };
        events::record(&mut tx, None, Some(user.id), &failed).await?;
        errors.add("current_password", "account-wrong-password");
    }
    tx.commit().await?;
    let context = [user.email.as_str(), user.display_name.as_str()];
    let new_password = errors.check(
        "password",
        NewPassword::parse(&form.password, &form.password_confirmation, &context),
    );
    let (true, Some(new_password)) = (checked.matched, new_password) else {
        let page = account_page(&state, &base, ctx, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let hash = password::hash_in_turn(new_password.expose().to_owned()).await?;
    let mut tx = state.db.begin().await?;
    users::set_password(&mut tx, user.id, &hash).await?;
    let changed = Change::PasswordChanged { user: user.id };
    events::record(&mut tx, None, Some(user.id), &changed).await?;
    tx.commit().await?;
    // Every other session ended with the change; this one signs in afresh.
    crate::auth::session::sign_in(&session, user.id, Some(ctx.lang)).await?;
    page::flash(&session, ctx.t("account-password-changed")).await?;
    Ok(Redirect::to("/account").into_response())
}

async fn end_all_sessions(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    session: Session,
) -> Result<Redirect> {
    let mut tx = state.db.begin().await?;
    users::end_sessions(&mut tx, user.id).await?;
    let ended = Change::LoggedOutEverywhere { user: user.id };
    events::record(&mut tx, None, Some(user.id), &ended).await?;
    tx.commit().await?;
    session.flush().await?;
    Ok(Redirect::to("/login"))
}
