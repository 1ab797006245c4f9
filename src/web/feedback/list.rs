//! `/feedback`: the feedback list, with its filters, French full-text search,
//! pages and counts per status. Every signed-in user reads it; those who
//! triage also get the link to enter feedback themselves.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::routing::get;

use super::filter::ListQuery;
use super::{category_choices, rating_choices, status_choices};
use crate::auth::CurrentUser;
use crate::db::feedback_list::{self, Row};
use crate::domain::calendar::Calendar;
use crate::domain::feedback::{Category, Status};
use crate::error::Result;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::form::Choice;
use crate::web::page::PageCtx;
use crate::web::prose::excerpt;

/// Entries on one page of the list.
const PAGE_SIZE: i64 = 25;
/// Characters of a message the list shows.
const EXCERPT_CHARS: usize = 180;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/feedback", get(list_feedback))
}

#[derive(Template, WebTemplate)]
#[template(path = "feedback/list.html")]
struct ListPage {
    ctx: PageCtx,
    may_triage: bool,
    search: String,
    statuses: Vec<Choice>,
    categories: Vec<Choice>,
    ratings: Vec<Choice>,
    from_days: Vec<Choice>,
    to_days: Vec<Choice>,
    include_merged: bool,
    counts: Vec<StatusCount>,
    rows: Vec<ListRow>,
    summary: String,
    pager: Option<String>,
    previous: Option<String>,
    next: Option<String>,
    export: String,
}

/// A status with how many entries the filters leave in it; a link that
/// narrows the list to it.
struct StatusCount {
    href: String,
    label: String,
    count: i64,
    current: bool,
    status: &'static str,
}

/// A row of the list.
struct ListRow {
    href: String,
    day: String,
    excerpt: String,
    category: String,
    rating: String,
    status: &'static str,
    status_label: String,
    tags: Vec<String>,
    assignee: String,
    duplicates: Option<String>,
    merged: bool,
}

impl ListRow {
    fn new(lang: Lang, calendar: &Calendar, row: Row) -> ListRow {
        let status = row.status;
        let day = i64::from(row.day);
        ListRow {
            href: format!("/feedback/{}", row.id),
            day: lang.day_and_date(day, calendar.date_of(day)),
            excerpt: excerpt(&row.message, EXCERPT_CHARS),
            category: lang.t(row.category.label_key()),
            rating: lang.t_args("feedback-rating-out-of", &[("rating", row.rating.into())]),
            status: status.as_str(),
            status_label: lang.t(status.label_key()),
            tags: row.tags,
            assignee: row.assignee_name.unwrap_or_default(),
            duplicates: (row.duplicate_count > 0).then(|| {
                lang.t_args(
                    "feedback-duplicates",
                    &[("count", row.duplicate_count.into())],
                )
            }),
            merged: row.merged_into_id.is_some(),
        }
    }
}

/// The plan's days as choices of a period selector.
fn day_choices(lang: Lang, calendar: &Calendar, selected: Option<i32>) -> Vec<Choice> {
    std::iter::once(Choice {
        value: String::new(),
        label: lang.t("feedback-filter-any-day"),
        selected: selected.is_none(),
    })
    .chain((0..=calendar.horizon).map(|day| Choice {
        value: day.to_string(),
        label: lang.day_and_date(day, calendar.date_of(day)),
        selected: selected.map(i64::from) == Some(day),
    }))
    .collect()
}

async fn list_feedback(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    RawQuery(raw): RawQuery,
) -> Result<ListPage> {
    let query = ListQuery::parse(raw.as_deref());
    let filter = &query.filter;
    let calendar = plan.calendar();
    let lang = ctx.lang;
    let total = feedback_list::count(&state.db, plan.id, filter).await?;
    let pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
    let page = query.page.min(pages.max(1));
    let offset = (page - 1) * PAGE_SIZE;
    let rows = feedback_list::rows(&state.db, plan.id, filter, Some(PAGE_SIZE), offset).await?;
    let counts = feedback_list::count_by_status(&state.db, plan.id, filter)
        .await?
        .into_iter()
        .map(|(status, count)| StatusCount {
            href: format!(
                "/feedback{}",
                query.with_status(Some(status)).to_query(None)
            ),
            label: lang.t(status.label_key()),
            count,
            current: filter.status == Some(status),
            status: status.as_str(),
        })
        .collect();
    let link = |page: i64| format!("/feedback{}", query.to_query(Some(page)));
    Ok(ListPage {
        may_triage: user.may_triage_feedback(),
        search: filter.search.clone().unwrap_or_default(),
        statuses: status_choices(
            lang,
            "feedback-filter-any",
            filter.status.map_or("", Status::as_str),
        ),
        categories: category_choices(
            lang,
            "feedback-filter-any",
            filter.category.map_or("", Category::as_str),
        ),
        ratings: rating_choices(
            lang,
            "feedback-filter-any",
            &filter
                .rating
                .map(|r| r.value().to_string())
                .unwrap_or_default(),
        ),
        from_days: day_choices(lang, &calendar, filter.from_day),
        to_days: day_choices(lang, &calendar, filter.to_day),
        include_merged: filter.include_merged,
        counts,
        rows: rows
            .into_iter()
            .map(|row| ListRow::new(lang, &calendar, row))
            .collect(),
        summary: lang.t_args("feedback-list-summary", &[("count", total.into())]),
        pager: (pages > 1).then(|| {
            lang.t_args(
                "feedback-page-of",
                &[("page", page.into()), ("pages", pages.into())],
            )
        }),
        previous: (page > 1).then(|| link(page - 1)),
        next: (page < pages).then(|| link(page + 1)),
        export: format!("/feedback.csv{}", query.to_query(None)),
        ctx,
    })
}
