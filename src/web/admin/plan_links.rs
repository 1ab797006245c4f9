//! The plan's secret links: the countdown's kiosk (a wall screen) and the
//! calendar feed (a subscription). An admin issues one (the previous one then
//! stops working) or revokes it; the secret is shown once, in the flash.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use tower_sessions::Session;

use super::absolute_link;
use crate::auth::session::Admin;
use crate::auth::tokens::{self, Purpose};
use crate::db::events;
use crate::domain::calendar::Calendar;
use crate::domain::change::{Change, LiveLink};
use crate::error::{AppError, Result};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::page::{self, PageCtx};
use crate::web::standing::moment;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/plan/links/{kind}", post(issue_link))
        .route("/admin/plan/links/{kind}/revoke", post(revoke_link))
}

/// Which link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LinkKind {
    Kiosk,
    Calendar,
}

impl LinkKind {
    const ALL: [LinkKind; 2] = [LinkKind::Kiosk, LinkKind::Calendar];

    fn parse(raw: &str) -> Option<LinkKind> {
        LinkKind::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }

    /// Its name in paths and catalog keys.
    fn as_str(self) -> &'static str {
        match self {
            LinkKind::Kiosk => "kiosk",
            LinkKind::Calendar => "calendar",
        }
    }

    /// The link as the plan's changes name it (never with its secret).
    fn live_link(self) -> LiveLink {
        match self {
            LinkKind::Kiosk => LiveLink::Kiosk,
            LinkKind::Calendar => LiveLink::Calendar,
        }
    }

    fn purpose(self) -> Purpose {
        match self {
            LinkKind::Kiosk => Purpose::Kiosk,
            LinkKind::Calendar => Purpose::Calendar,
        }
    }

    /// The address the secret opens.
    fn path(self, secret: &str) -> String {
        match self {
            LinkKind::Kiosk => format!("/kiosk/{secret}"),
            LinkKind::Calendar => format!("/timeline.ics?token={secret}"),
        }
    }
}

/// A link as the settings page shows it.
pub(super) struct LinkRow {
    pub kind: &'static str,
    pub title: String,
    pub help: String,
    /// Since when the live link works, or that there is none.
    pub status: String,
    pub live: bool,
}

/// Both links and whether each lives.
pub(super) async fn rows(
    state: &AppState,
    lang: Lang,
    calendar: &Calendar,
) -> Result<Vec<LinkRow>> {
    let mut conn = state.db.acquire().await?;
    let mut rows = Vec::new();
    for kind in LinkKind::ALL {
        let since = tokens::live_since(&mut conn, kind.purpose()).await?;
        let name = kind.as_str();
        rows.push(LinkRow {
            kind: name,
            title: lang.t(&format!("plan-link-{name}")),
            help: lang.t(&format!("plan-link-{name}-help")),
            status: match since {
                Some(at) => lang.t_args(
                    "plan-link-live",
                    &[("since", moment(lang, calendar, at).into())],
                ),
                None => lang.t("plan-link-none"),
            },
            live: since.is_some(),
        });
    }
    Ok(rows)
}

async fn issue_link(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    headers: HeaderMap,
    Path(kind): Path<String>,
) -> Result<Response> {
    let kind = LinkKind::parse(&kind).ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    let revoked = tokens::revoke_all(&mut tx, kind.purpose()).await?;
    let secret = tokens::issue_revocable(&mut tx, kind.purpose(), admin.id).await?;
    let issued = Change::LinkIssued {
        plan: plan.id,
        link: kind.live_link(),
        revoked,
    };
    events::record(&mut tx, Some(plan.id), Some(admin.id), &issued).await?;
    tx.commit().await?;
    let link = absolute_link(&headers, &kind.path(&secret));
    let message = ctx.lang.t_args(
        &format!("plan-link-{}-issued", kind.as_str()),
        &[("link", link.into())],
    );
    page::flash(&session, message).await?;
    Ok(Redirect::to("/admin/plan#links").into_response())
}

async fn revoke_link(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    Path(kind): Path<String>,
) -> Result<Response> {
    let kind = LinkKind::parse(&kind).ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    let revoked = tokens::revoke_all(&mut tx, kind.purpose()).await?;
    if revoked > 0 {
        let change = Change::LinkRevoked {
            plan: plan.id,
            link: kind.live_link(),
            revoked,
        };
        events::record(&mut tx, Some(plan.id), Some(admin.id), &change).await?;
    }
    tx.commit().await?;
    page::flash(
        &session,
        ctx.t(&format!("plan-link-{}-revoked", kind.as_str())),
    )
    .await?;
    Ok(Redirect::to("/admin/plan#links").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys built from the link's kind, which the catalog scan cannot see
    /// (its events are checked with every other change, in `activity`).
    #[test]
    fn every_link_text_reads_in_every_language() {
        for kind in LinkKind::ALL {
            let name = kind.as_str();
            let keys = ["", "-help", "-issued", "-revoked"]
                .map(|suffix| format!("plan-link-{name}{suffix}"));
            for key in keys {
                for lang in Lang::ALL {
                    let text = lang.t_args(&key, &[("actor", "A".into()), ("link", "L".into())]);
                    assert_ne!(text, key, "{key} missing in {}", lang.code());
                }
            }
            assert_eq!(LinkKind::parse(name), Some(kind));
        }
    }
}
