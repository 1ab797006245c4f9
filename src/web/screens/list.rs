//! The list of screens and the calendar link, with the form to add a screen.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::check_keeper;
use crate::auth::CurrentUser;
use crate::auth::tokens::{self, Purpose};
use crate::db::kiosk_screens;
use crate::db::plans::Plan;
use crate::domain::calendar::Calendar;
use crate::error::Result;
use crate::i18n::Lang;
use crate::public_url::PublicUrl;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::extract::LinkBase;
use crate::web::form::FieldErrors;
use crate::web::page::PageCtx;
use crate::web::standing::moment;

#[derive(Template, WebTemplate)]
#[template(path = "screens/list.html")]
pub(super) struct ScreensPage {
    ctx: PageCtx,
    screens: Vec<ScreenRow>,
    /// The calendar feed's live link, if there is one.
    calendar: Option<LinkRow>,
    /// The new screen's name as typed, re-drawn with its error.
    new_name: String,
    errors: FieldErrors,
}

/// A live screen.
struct ScreenRow {
    id: Uuid,
    name: String,
    link: LinkRow,
}

/// A live link as the page shows it.
struct LinkRow {
    /// The address, absent for a link issued before links were kept readable.
    address: Option<String>,
    /// "Créé J+3 · dim. 29 nov. · 10:02".
    created: String,
    /// "Vu il y a 3 min", or never opened.
    seen: String,
}

impl LinkRow {
    fn new(
        lang: Lang,
        calendar: &Calendar,
        address: Option<String>,
        created_at: DateTime<Utc>,
        last_seen_at: Option<DateTime<Utc>>,
    ) -> LinkRow {
        LinkRow {
            address,
            created: lang.t_args(
                "screens-created",
                &[("when", moment(lang, calendar, created_at).into())],
            ),
            seen: match last_seen_at {
                Some(at) => {
                    lang.t_args("screens-seen", &[("ago", lang.ago(Utc::now() - at).into())])
                }
                None => lang.t("screens-never-seen"),
            },
        }
    }
}

pub(super) async fn list_screens(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    LinkBase(base): LinkBase,
) -> Result<ScreensPage> {
    check_keeper(&state, &user).await?;
    let errors = FieldErrors::new(ctx.lang);
    page(&state, ctx, &plan, &base, String::new(), errors).await
}

/// The page, with the new screen's form as typed.
pub(super) async fn page(
    state: &AppState,
    ctx: PageCtx,
    plan: &Plan,
    base: &PublicUrl,
    new_name: String,
    errors: FieldErrors,
) -> Result<ScreensPage> {
    let (lang, calendar) = (ctx.lang, plan.calendar());
    let mut conn = state.db.acquire().await?;
    let screens = kiosk_screens::list_live(&mut conn, plan.id)
        .await?
        .into_iter()
        .map(|screen| ScreenRow {
            id: screen.id,
            link: LinkRow::new(
                lang,
                &calendar,
                screen
                    .secret
                    .map(|secret| base.link(&format!("/kiosk/{secret}"))),
                screen.created_at,
                screen.last_seen_at,
            ),
            name: screen.name,
        })
        .collect();
    let calendar_link = tokens::newest_live(&mut conn, Purpose::Calendar, None)
        .await?
        .map(|link| {
            let address = link
                .secret
                .map(|secret| base.link(&format!("/timeline.ics?token={secret}")));
            LinkRow::new(lang, &calendar, address, link.created_at, link.last_seen_at)
        });
    Ok(ScreensPage {
        ctx,
        screens,
        calendar: calendar_link,
        new_name,
        errors,
    })
}
