//! `/timeline.ics?token=…`: the plan as an iCalendar feed calendar apps
//! subscribe to: each phase as an all-day event over its days, the launch at
//! its moment, and the communication actions on their day. UIDs are the rows'
//! ids, so a moved kickoff moves the events instead of duplicating them. The
//! token is revocable (`/screens`); without a live one the feed is a 404.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use icalendar::{Component, Event, EventLike, EventStatus};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::tokens::{self, Purpose};
use crate::db::accounts;
use crate::db::communications::{self, Communication};
use crate::db::items::{self, Item};
use crate::db::phases::{self, Phase};
use crate::db::plans::Plan;
use crate::domain::calendar::Calendar;
use crate::domain::communication::ActionState;
use crate::error::{AppError, Result};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;

/// `/timeline.ics`, and `/my.ics`, each person's own.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/timeline.ics", get(calendar_feed))
        .route("/my.ics", get(my_calendar_feed))
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct FeedQuery {
    token: String,
}

async fn calendar_feed(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    Extension(lang): Extension<Lang>,
    Query(query): Query<FeedQuery>,
) -> Result<Response> {
    let mut conn = state.db.acquire().await?;
    tokens::open(&mut conn, Purpose::Calendar, &query.token)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(conn);
    let phases = phases::list(&state.db, plan.id).await?;
    let actions = communications::list(&state.db, plan.id).await?;
    Ok(calendar_response(feed(lang, &plan, &phases, &actions)))
}

/// `/my.ics?token=…`: the plan's calendar with the due days of the items
/// of the link's owner and of their team. Each person's link is their own
/// (`/account`), revocable; a disabled account's feed is a 404 like a
/// revoked link's.
async fn my_calendar_feed(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    Extension(lang): Extension<Lang>,
    Query(query): Query<FeedQuery>,
) -> Result<Response> {
    let mut conn = state.db.acquire().await?;
    let token = tokens::open(&mut conn, Purpose::MyCalendar, &query.token)
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = match token.user_id {
        Some(id) => accounts::find(&mut conn, id).await?,
        None => None,
    };
    let owner = owner
        .filter(|account| account.disabled_at.is_none())
        .ok_or(AppError::NotFound)?;
    drop(conn);
    let phases = phases::list(&state.db, plan.id).await?;
    let actions = communications::list(&state.db, plan.id).await?;
    let items = items::for_person(&state.db, owner.id).await?;
    let mut ics = feed(lang, &plan, &phases, &actions);
    let calendar = plan.calendar();
    for item in &items {
        ics.push(item_event(lang, &calendar, item, owner.id));
    }
    Ok(calendar_response(ics))
}

/// An item on its due day; assigned to the reader, it says so.
fn item_event(lang: Lang, calendar: &Calendar, item: &Item, reader: Uuid) -> Event {
    let day = i64::from(item.due_day);
    let whose = if item.assignee_id == Some(reader) {
        lang.t("ics-item-mine")
    } else {
        lang.t("ics-item-team")
    };
    Event::new()
        .uid(&format!("item-{}@launch-control", item.id))
        .summary(&text(&format!("{} · {}", item.phase_section, item.title)))
        .description(&text(&format!(
            "{whose} · {}",
            lang.t(item.state.label_key())
        )))
        .starts(calendar.date_of(day))
        .ends(calendar.date_of(day + 1))
        .done()
}

/// `ics` as a calendar app fetches it.
fn calendar_response(ics: icalendar::Calendar) -> Response {
    let body = ics.to_string();
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "inline; filename=\"launch.ics\"",
            ),
            // Calendar apps poll; the address is the secret, never sent onwards.
            (header::CACHE_CONTROL, "private, max-age=300"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        body,
    )
        .into_response()
}

/// The plan's calendar, in `lang`.
fn feed(
    lang: Lang,
    plan: &Plan,
    phases: &[Phase],
    actions: &[Communication],
) -> icalendar::Calendar {
    let calendar = plan.calendar();
    let mut ics = icalendar::Calendar::new();
    ics.name(&escaped(&plan.name))
        .timezone(calendar.time_zone.name());
    for phase in phases {
        ics.push(phase_event(lang, &calendar, phase));
    }
    ics.push(launch_event(lang, plan, &calendar));
    for action in actions {
        ics.push(action_event(lang, &calendar, action));
    }
    ics.done()
}

fn phase_event(lang: Lang, calendar: &Calendar, phase: &Phase) -> Event {
    let (start, end) = phase.days();
    let progress = phase.progress();
    Event::new()
        .uid(&format!("phase-{}@launch-control", phase.id))
        .summary(&text(&format!("{} {}", phase.section, phase.name)))
        .description(&text(&lang.t_args(
            "ics-phase-description",
            &[
                ("team", phase.team_name.clone().into()),
                ("days", lang.day_span(start, end).into()),
                ("done", progress.done.into()),
                ("total", progress.total.into()),
            ],
        )))
        .starts(calendar.date_of(start))
        // An all-day event ends on the day after its last (RFC 5545, 3.6.1).
        .ends(calendar.date_of(end + 1))
        .done()
}

fn launch_event(lang: Lang, plan: &Plan, calendar: &Calendar) -> Event {
    let at = calendar.launch_at();
    let local = at.with_timezone(&calendar.time_zone);
    Event::new()
        .uid(&format!("launch-{}@launch-control", plan.id))
        .summary(&text(
            &lang.t_args("ics-launch", &[("plan", plan.name.clone().into())]),
        ))
        .description(&text(&lang.t_args(
            "ics-launch-description",
            &[
                ("day", lang.day(calendar.launch_day).into()),
                ("time", local.format("%H:%M").to_string().into()),
                ("zone", calendar.time_zone.name().into()),
            ],
        )))
        .starts(at)
        .done()
}

fn action_event(lang: Lang, calendar: &Calendar, action: &Communication) -> Event {
    let day = i64::from(action.day);
    let mut event = Event::new();
    event
        .uid(&format!("communication-{}@launch-control", action.id))
        .summary(&text(&format!(
            "{} · {}",
            lang.t(action.channel.label_key()),
            action.title
        )))
        .description(&text(&format!(
            "{} · {}",
            action.audience, action.team_name
        )))
        .starts(calendar.date_of(day))
        .ends(calendar.date_of(day + 1));
    if action.state == ActionState::Cancelled {
        event.status(EventStatus::Cancelled);
    }
    event.done()
}

/// `value` as an iCalendar TEXT value may hold it (RFC 5545, 3.3.11): line
/// breaks as LF, which the crate writes as `\n`, and no other control
/// character but tabs. A bare CR would end the content line early, and the
/// crate escapes only backslashes, commas, semicolons and LF.
fn text(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// `value` escaped by hand, for the properties the crate writes raw: the
/// calendar's `NAME` and `X-WR-CALNAME`, which it does not know as TEXT.
fn escaped(value: &str) -> String {
    text(value)
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_text_keeps_line_breaks_as_lf_and_drops_other_control_characters() {
        assert_eq!(text("a\rb\r\nc\nd\te\0f\u{1b}g"), "a\nb\nc\nd\tefg");
    }

    #[test]
    fn the_calendar_name_is_escaped_as_the_crate_escapes_summaries() {
        let mut named = icalendar::Calendar::new();
        named.name(&escaped("Lancement; v2, \\ final\rJ-0"));
        let mut event = Event::new();
        event.summary(&text("Lancement; v2, \\ final\rJ-0"));
        named.push(event.done());

        let written = named.to_string();

        assert!(written.contains("\r\nNAME:Lancement\\; v2\\, \\\\ final\\nJ-0\r\n"));
        assert!(written.contains("\r\nSUMMARY:Lancement\\; v2\\, \\\\ final\\nJ-0\r\n"));
    }
}
