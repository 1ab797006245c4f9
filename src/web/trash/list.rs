//! `/trash`: the plan's deleted items and actions, where they were, who
//! deleted them, when, and how long they stay restorable.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::retention;
use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::trash;
use crate::db::users::User;
use crate::domain::calendar::Calendar;
use crate::domain::trash::days_left;
use crate::error::Result;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::page::PageCtx;

#[derive(Template, WebTemplate)]
#[template(path = "trash/list.html")]
pub(super) struct TrashPage {
    ctx: PageCtx,
    intro: String,
    items: Vec<TrashRow>,
    actions: Vec<TrashRow>,
}

/// One deleted thing, as a row of the trash.
pub(super) struct TrashRow {
    title: String,
    /// Where it was: its phase (with a link), or its channel and team.
    place: String,
    place_href: Option<String>,
    deleted_by: String,
    deleted_on: String,
    days_left: String,
    /// Where its restore form posts, if this user may restore it.
    restore: Option<String>,
    restore_label: String,
}

/// What a row says of a deletion at `at` by `by`, seen at `now`.
struct Deletion {
    by: String,
    on: String,
    days_left: String,
}

impl Deletion {
    fn new(
        lang: Lang,
        calendar: &Calendar,
        by: Option<&str>,
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Deletion {
        let day = calendar.day_of(calendar.today(at));
        let local = at.with_timezone(&calendar.time_zone);
        Deletion {
            by: by.map_or_else(|| lang.t("someone"), str::to_owned),
            on: format!(
                "{} · {}",
                lang.day_and_date(day, calendar.date_of(day)),
                local.format("%H:%M")
            ),
            days_left: lang.t_args("trash-days", &[("n", days_left(at, now).into())]),
        }
    }
}

fn restore_label(lang: Lang, title: &str) -> String {
    lang.t_args("trash-restore-label", &[("title", title.to_owned().into())])
}

fn may_restore(user: &User, team_id: Uuid, href: String) -> Option<String> {
    user.may_edit_items(team_id).then_some(href)
}

pub(super) async fn show_trash(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
) -> Result<TrashPage> {
    allow(user.may_see_trash())?;
    let now = Utc::now();
    let calendar = plan.calendar();
    let lang = ctx.lang;
    let items = trash::items(&state.db, plan.id, now)
        .await?
        .into_iter()
        .map(|item| {
            let deletion = Deletion::new(
                lang,
                &calendar,
                item.deleted_by_name.as_deref(),
                item.deleted_at,
                now,
            );
            TrashRow {
                place: format!("{} {}", item.phase_section, item.phase_name),
                place_href: Some(format!("/phases/{}", item.phase_id)),
                restore: may_restore(
                    &user,
                    item.team_id,
                    format!("/trash/items/{}/restore", item.id),
                ),
                restore_label: restore_label(lang, &item.title),
                title: item.title,
                deleted_by: deletion.by,
                deleted_on: deletion.on,
                days_left: deletion.days_left,
            }
        })
        .collect();
    let actions = trash::actions(&state.db, plan.id, now)
        .await?
        .into_iter()
        .map(|action| {
            let deletion = Deletion::new(
                lang,
                &calendar,
                action.deleted_by_name.as_deref(),
                action.deleted_at,
                now,
            );
            TrashRow {
                place: format!(
                    "{} · {} · {}",
                    lang.t(&format!("channel-{}", action.channel.as_str())),
                    lang.day(action.day.into()),
                    action.team_name
                ),
                place_href: None,
                restore: may_restore(
                    &user,
                    action.team_id,
                    format!("/trash/communications/{}/restore", action.id),
                ),
                restore_label: restore_label(lang, &action.title),
                title: action.title,
                deleted_by: deletion.by,
                deleted_on: deletion.on,
                days_left: deletion.days_left,
            }
        })
        .collect();
    Ok(TrashPage {
        intro: lang.t_args("trash-intro", &[("days", retention(lang).into())]),
        items,
        actions,
        ctx,
    })
}
