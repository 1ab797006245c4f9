//! `/activity`: every change of state, newest first, in sentences; and the
//! same sentences for an item's history.

pub mod line;
mod people;

pub use line::{EventLine, describe, time_value};

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::db::accounts;
use crate::db::events::{self, FeedFilter};
use crate::domain::change::{Reader, Subject};
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::form::Choice;
use crate::web::page::PageCtx;

/// Events on a page of the feed.
const PAGE_SIZE: i64 = 50;

/// `/activity`.
pub fn router() -> Router<AppState> {
    Router::new().route("/activity", get(show_activity))
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
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    Query(query): Query<FeedQuery>,
) -> Result<ActivityPage> {
    let calendar = plan.calendar();
    let reader = Reader::signed_in(user.role);
    // The subjects the feed can be narrowed to: those the reader may read.
    let subjects = Subject::ALL
        .into_iter()
        .filter(|subject| subject.audience().admits(reader));
    let filter = FeedFilter {
        reader,
        subject: subjects
            .clone()
            .find(|subject| subject.as_str() == query.kind),
        actor_id: Uuid::parse_str(&query.person).ok(),
        team_id: Uuid::parse_str(&query.team).ok(),
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
    let kinds = subjects.map(|subject| {
        let value = subject.as_str();
        (value.to_owned(), ctx.t(&format!("activity-kind-{value}")))
    });
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
