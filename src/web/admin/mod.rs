//! `/admin/*`: pages only admins reach (the `Admin` extractor answers 403 to others).

pub mod plan;
pub mod plans;
pub mod user_edit;
pub mod users;
pub mod webhooks;

use axum::Router;
use uuid::Uuid;

use crate::auth::tokens::{self, Purpose};
use crate::db::deliveries;
use crate::domain::account::AccountLink;
use crate::domain::role::Role;
use crate::i18n::Lang;
use crate::public_url::PublicUrl;
use crate::state::AppState;
use crate::web::form::Choice;
use crate::web::page::PageCtx;

/// The admin pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(users::router())
        .merge(user_edit::router())
        .merge(plan::router())
        .merge(plans::router())
        .merge(webhooks::router())
}

/// The roles, the current one selected.
fn role_choices(lang: Lang, selected: &str) -> Vec<Choice> {
    [Role::Viewer, Role::Member, Role::Lead, Role::Admin]
        .iter()
        .map(|role| Choice {
            value: role.as_str().to_owned(),
            label: lang.t(role.label_key()),
            selected: role.as_str() == selected,
        })
        .collect()
}

/// "No team" then the plan's teams, the current one selected.
pub(crate) fn team_choices(ctx: &PageCtx, teams: &[(Uuid, String)], selected: &str) -> Vec<Choice> {
    std::iter::once(Choice {
        value: String::new(),
        label: ctx.t("team-none"),
        selected: selected.is_empty(),
    })
    .chain(teams.iter().map(|(id, name)| Choice {
        value: id.to_string(),
        label: ctx.term(name).to_owned(),
        selected: id.to_string() == selected,
    }))
    .collect()
}

/// A team chosen in a form: empty for none, else one of the plan's.
pub(crate) fn parse_team(teams: &[(Uuid, String)], raw: &str) -> Result<Option<Uuid>, ()> {
    if raw.is_empty() {
        return Ok(None);
    }
    let id = Uuid::parse_str(raw).map_err(drop)?;
    teams
        .iter()
        .any(|(team, _)| *team == id)
        .then_some(Some(id))
        .ok_or(())
}

/// Where a one-time password link went.
enum HandedOver {
    /// Queued for e-mail to its owner; its secret is made as it is sent.
    Mailed,
    /// Issued here: its secret, for the page to show once.
    ToPassOn(String),
}

/// Makes `link` for `user_id` at `admin_id`'s request: e-mailed to them when
/// the server sends e-mail, issued for the admin to pass on otherwise.
async fn hand_over(
    state: &AppState,
    conn: &mut sqlx::PgConnection,
    user_id: Uuid,
    admin_id: Uuid,
    link: AccountLink,
) -> sqlx::Result<HandedOver> {
    if state.mail {
        deliveries::queue_link(conn, user_id, link, admin_id).await?;
        return Ok(HandedOver::Mailed);
    }
    let expires_at = chrono::Utc::now() + link.lifetime();
    tokens::issue(
        conn,
        Purpose::PasswordReset,
        Some(user_id),
        Some(admin_id),
        expires_at,
    )
    .await
    .map(HandedOver::ToPassOn)
}

/// What the page says of a link handed over to `email`: `to_pass_on` with
/// the link, or `mailed`.
fn handed_over_message(
    ctx: &PageCtx,
    base: &PublicUrl,
    handed: HandedOver,
    email: &str,
    (to_pass_on, mailed): (&str, &str),
) -> String {
    match handed {
        HandedOver::Mailed => ctx
            .lang
            .t_args(mailed, &[("email", email.to_owned().into())]),
        HandedOver::ToPassOn(secret) => ctx
            .lang
            .t_args(to_pass_on, &[("link", reset_link(base, &secret).into())]),
    }
}

/// The `/reset` address of a password link's secret.
fn reset_link(base: &PublicUrl, secret: &str) -> String {
    base.link(&format!("/reset?token={secret}"))
}
