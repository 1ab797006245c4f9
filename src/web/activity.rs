//! `/activity`: every change of state, newest first, in sentences; and the
//! same sentences for an item's history.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use chrono::Utc;
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::db::accounts;
use crate::db::events::{self, Event, FeedFilter};
use crate::db::plans;
use crate::domain::calendar::Calendar;
use crate::domain::item::ItemState;
use crate::error::Result;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::form::Choice;
use crate::web::page::PageCtx;

/// Events on a page of the feed.
const PAGE_SIZE: i64 = 50;

/// `/activity`.
pub fn router() -> Router<AppState> {
    Router::new().route("/activity", get(show_activity))
}

/// An event as a line: when, and what happened in a sentence.
#[derive(Debug)]
pub struct EventLine {
    pub id: i64,
    pub when: String,
    pub text: String,
    pub detail: Option<String>,
    pub href: Option<String>,
}

fn field<'a>(value: &'a Option<Value>, name: &str) -> &'a str {
    value
        .as_ref()
        .and_then(|value| value.get(name))
        .and_then(Value::as_str)
        .unwrap_or("")
}

fn state_label(lang: Lang, state: &str) -> String {
    ItemState::parse(state).map_or_else(|| state.to_owned(), |state| lang.t(state.label_key()))
}

/// The sentence of `event` in `lang`, dated on the plan's calendar.
pub fn describe(lang: Lang, calendar: &Calendar, event: &Event) -> EventLine {
    let actor = event
        .actor_name
        .clone()
        .unwrap_or_else(|| lang.t("someone"));
    let title = field(&event.after, "title").to_owned();
    let title = if title.is_empty() {
        field(&event.before, "title").to_owned()
    } else {
        title
    };
    let key = format!("event-{}", event.kind.replace(['.', '_'], "-"));
    let text = match event.kind.as_str() {
        "item.state_changed" => lang.t_args(
            "event-item-state-changed",
            &[
                ("actor", actor.into()),
                ("title", title.into()),
                (
                    "from",
                    state_label(lang, field(&event.before, "state")).into(),
                ),
                ("to", state_label(lang, field(&event.after, "state")).into()),
            ],
        ),
        _ => {
            let sentence = lang.t_args(
                &key,
                &[("actor", actor.clone().into()), ("title", title.into())],
            );
            if sentence == key {
                format!("{actor} · {}", event.kind)
            } else {
                sentence
            }
        }
    };
    let day = calendar.day_of(calendar.today(event.created_at));
    let local = event.created_at.with_timezone(&calendar.time_zone);
    EventLine {
        id: event.id,
        when: format!(
            "{} · {}",
            lang.day_and_date(day, calendar.date_of(day)),
            local.format("%H:%M")
        ),
        text,
        detail: Some(field(&event.after, "reason").to_owned()).filter(|reason| !reason.is_empty()),
        href: match (event.subject_type.as_str(), event.subject_id) {
            ("item", Some(id)) if event.kind != "item.deleted" => Some(format!("/items/{id}")),
            ("risk", Some(id)) => Some(format!("/risks/{id}")),
            ("feedback", Some(id)) => Some(format!("/feedback/{id}")),
            ("communication", Some(id)) => Some(format!("/communications/{id}")),
            ("golive_poll", _) => Some("/golive".to_owned()),
            _ => None,
        },
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "activity.html")]
struct ActivityPage {
    ctx: PageCtx,
    lines: Vec<EventLine>,
    older: Option<String>,
    now: String,
    kinds: Vec<Choice>,
    teams: Vec<Choice>,
    people: Vec<Choice>,
}

/// The subjects the feed can be narrowed to; accounts for admins only.
const KINDS: [&str; 7] = [
    "item",
    "communication",
    "risk",
    "feedback",
    "golive_poll",
    "plan",
    "user",
];

#[derive(Default, Deserialize)]
#[serde(default)]
struct FeedQuery {
    before: Option<i64>,
    kind: String,
    team: String,
    person: String,
}

fn all_then(
    ctx: &PageCtx,
    options: impl Iterator<Item = (String, String)>,
    selected: &str,
) -> Vec<Choice> {
    std::iter::once((String::new(), ctx.t("activity-all")))
        .chain(options)
        .map(|(value, label)| Choice {
            selected: value == selected,
            value,
            label,
        })
        .collect()
}

async fn show_activity(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    Query(query): Query<FeedQuery>,
) -> Result<ActivityPage> {
    let plan = plans::current(&state.db).await?;
    let calendar = plan.calendar();
    let admin = user.may_administer();
    let filter = FeedFilter {
        subject_type: KINDS
            .iter()
            .find(|kind| **kind == query.kind && (admin || **kind != "user"))
            .map(|kind| (*kind).to_owned()),
        actor_id: Uuid::parse_str(&query.person).ok(),
        team_id: Uuid::parse_str(&query.team).ok(),
        include_accounts: admin,
    };
    let events = events::filtered_feed(&state.db, &filter, query.before, PAGE_SIZE).await?;
    let older = (events.len() as i64 == PAGE_SIZE)
        .then(|| events.last())
        .flatten()
        .map(|event| {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("before", &event.id.to_string())
                .append_pair("kind", &query.kind)
                .append_pair("team", &query.team)
                .append_pair("person", &query.person)
                .finish();
            format!("/activity?{query}")
        });
    let today = calendar.today_day(Utc::now());
    let kinds = KINDS
        .iter()
        .filter(|kind| admin || **kind != "user")
        .map(|kind| ((*kind).to_owned(), ctx.t(&format!("activity-kind-{kind}"))));
    let teams = accounts::team_choices(&state.db)
        .await?
        .into_iter()
        .map(|(id, name)| (id.to_string(), name));
    let people = accounts::list(&state.db)
        .await?
        .into_iter()
        .map(|account| (account.id.to_string(), account.display_name));
    Ok(ActivityPage {
        lines: events
            .iter()
            .map(|event| describe(ctx.lang, &calendar, event))
            .collect(),
        older,
        now: ctx.lang.day_and_date(today, calendar.date_of(today)),
        kinds: all_then(&ctx, kinds, &query.kind),
        teams: all_then(&ctx, teams, &query.team),
        people: all_then(&ctx, people, &query.person),
        ctx,
    })
}
