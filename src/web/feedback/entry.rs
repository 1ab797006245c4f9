//! `/feedback/{id}`: one entry, its tags, internal notes (its comments) and
//! duplicates, and for those who triage the forms that change it (handled in
//! `triage`, `tags`, `merge` and `web::comments`, which draw this page again
//! when a change is refused).

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use uuid::Uuid;

use super::status_choices;
use crate::auth::CurrentUser;
use crate::db::feedback::{self, Entry};
use crate::db::feedback_choices::{self, ItemOption, Pick};
use crate::db::feedback_tags;
use crate::db::users::User;
use crate::domain::calendar::Calendar;
use crate::domain::change::Commentable;
use crate::error::Result;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::comments::{self, Draft, Thread};
use crate::web::extract::{IdPath, in_shown_plan};
use crate::web::form::{Choice, FieldErrors};
use crate::web::page::PageCtx;
use crate::web::prose::excerpt;

/// Characters of a message the lists of duplicates and candidates show.
const SHORT_EXCERPT: usize = 90;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/feedback/{id}", get(show_feedback))
}

#[derive(Template, WebTemplate)]
#[template(path = "feedback/entry.html")]
pub(super) struct EntryPage {
    ctx: PageCtx,
    may_triage: bool,
    entry: Entry,
    sent: String,
    category: String,
    rating: String,
    status_label: String,
    source: String,
    merged_into: Option<String>,
    duplicates: Vec<Linked>,
    duplicates_label: Option<String>,
    tags: Vec<TagView>,
    /// The internal notes.
    thread: Thread,
    statuses: Vec<Choice>,
    assignees: Vec<Choice>,
    risks: Vec<Choice>,
    items: Vec<ItemGroup>,
    no_item: bool,
    candidates: Vec<Choice>,
    /// The version the triage form is drawn from.
    version: i32,
    tag: String,
    errors: FieldErrors,
    /// Set when someone else changed the entry first: what this user tried.
    conflict: Option<String>,
}

/// Another entry, linked.
pub(super) struct Linked {
    href: String,
    text: String,
    day: String,
}

/// A tag, with the accessible name of the button that removes it.
pub(super) struct TagView {
    name: String,
    remove_label: String,
}

/// Checklist items of one phase, for the item selector.
pub(super) struct ItemGroup {
    label: String,
    choices: Vec<Choice>,
}

/// The triage form's values, as posted or as stored.
#[derive(Clone, Debug, Default)]
pub(super) struct TriageValues {
    pub status: String,
    pub assignee: String,
    pub risk: String,
    pub item: String,
}

impl TriageValues {
    /// What the entry holds now.
    pub fn of(entry: &Entry) -> TriageValues {
        let id = |id: Option<Uuid>| id.map(|id| id.to_string()).unwrap_or_default();
        TriageValues {
            status: entry.status.as_str().to_owned(),
            assignee: id(entry.assignee_id),
            risk: id(entry.risk_id),
            item: id(entry.item_id),
        }
    }
}

/// How a refused change draws the page again: with the values the user
/// typed, their errors, or the conflict they ran into.
#[derive(Default)]
pub(super) struct Redraw {
    pub triage: Option<TriageValues>,
    pub tag: String,
    pub errors: Option<FieldErrors>,
    pub conflict: Option<String>,
}

/// Loads an entry, or answers 404.
pub(super) async fn load(state: &AppState, id: Uuid) -> Result<Entry> {
    in_shown_plan(feedback::find(&mut *state.db.acquire().await?, id).await?)
}

/// The entry's page again with a refused note, for `web::comments`.
pub async fn comment_refused(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    id: Uuid,
    draft: Draft,
) -> Result<Response> {
    let entry = load(state, id).await?;
    let mut page = entry_page(state, ctx, user, entry, Redraw::default()).await?;
    page.thread.redraw(draft);
    Ok(page.into_response())
}

async fn show_feedback(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
) -> Result<EntryPage> {
    let entry = load(&state, id).await?;
    entry_page(&state, ctx, &user, entry, Redraw::default()).await
}

fn picks(lang: Lang, options: Vec<Pick>, blank: &str, selected: &str) -> Vec<Choice> {
    std::iter::once(Choice {
        value: String::new(),
        label: lang.t(blank),
        selected: selected.is_empty(),
    })
    .chain(options.into_iter().map(|option| Choice {
        selected: option.id.to_string() == selected,
        value: option.id.to_string(),
        label: option.label,
    }))
    .collect()
}

fn item_groups(items: Vec<ItemOption>, selected: &str) -> Vec<ItemGroup> {
    let mut groups: Vec<ItemGroup> = Vec::new();
    for item in items {
        let choice = Choice {
            selected: item.id.to_string() == selected,
            value: item.id.to_string(),
            label: item.label,
        };
        match groups.last_mut() {
            Some(group) if group.label == item.phase => group.choices.push(choice),
            _ => groups.push(ItemGroup {
                label: item.phase,
                choices: vec![choice],
            }),
        }
    }
    groups
}

fn day_of(lang: Lang, calendar: &Calendar, at: chrono::DateTime<chrono::Utc>) -> String {
    let day = calendar.day_of(at.with_timezone(&calendar.time_zone).date_naive());
    lang.day_and_date(day, calendar.date_of(day))
}

/// The entry's page for `user`, drawn again as `redraw` says.
pub(super) async fn entry_page(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    entry: Entry,
    redraw: Redraw,
) -> Result<EntryPage> {
    let lang = ctx.lang;
    let may_triage = user.may_triage_feedback();
    let calendar = state.plans.plan().await?.calendar();
    let values = redraw.triage.unwrap_or_else(|| TriageValues::of(&entry));
    let duplicates = feedback::duplicates_of(&state.db, entry.id).await?;
    let thread = comments::thread(state, &ctx, user, Commentable::Feedback(entry.id)).await?;
    let (assignees, risks, items, candidates) = if may_triage {
        let candidates = if entry.merged_into_id.is_none() {
            feedback_choices::merge_candidates(&state.db, entry.id).await?
        } else {
            Vec::new()
        };
        (
            feedback_choices::assignees(&state.db).await?,
            feedback_choices::risks(&state.db, entry.plan_id).await?,
            feedback_choices::items(&state.db, entry.plan_id).await?,
            candidates,
        )
    } else {
        Default::default()
    };
    Ok(EntryPage {
        may_triage,
        sent: day_of(lang, &calendar, entry.created_at),
        category: lang.t(entry.category.label_key()),
        rating: lang.t_args("feedback-rating-out-of", &[("rating", entry.rating.into())]),
        status_label: lang.t(entry.status.label_key()),
        source: lang.t(if entry.by_support {
            "feedback-source-support"
        } else {
            "feedback-source-public"
        }),
        merged_into: entry.merged_into_id.map(|id| format!("/feedback/{id}")),
        duplicates_label: (entry.duplicate_count > 0).then(|| {
            lang.t_args(
                "feedback-duplicates",
                &[("count", entry.duplicate_count.into())],
            )
        }),
        duplicates: duplicates
            .into_iter()
            .map(|duplicate| Linked {
                href: format!("/feedback/{}", duplicate.id),
                text: excerpt(&duplicate.message, SHORT_EXCERPT),
                day: day_of(lang, &calendar, duplicate.created_at),
            })
            .collect(),
        tags: feedback_tags::tags(&state.db, entry.id)
            .await?
            .into_iter()
            .map(|name| TagView {
                remove_label: lang.t_args("feedback-tag-remove", &[("tag", name.clone().into())]),
                name,
            })
            .collect(),
        thread,
        statuses: status_choices(lang, "", &values.status),
        assignees: picks(lang, assignees, "feedback-unassigned", &values.assignee),
        risks: picks(lang, risks, "feedback-no-risk", &values.risk),
        items: item_groups(items, &values.item),
        no_item: values.item.is_empty(),
        candidates: candidates
            .into_iter()
            .map(|candidate| Choice {
                selected: false,
                label: format!(
                    "{} · {}",
                    day_of(lang, &calendar, candidate.created_at),
                    excerpt(&candidate.message, SHORT_EXCERPT)
                ),
                value: candidate.id.to_string(),
            })
            .collect(),
        version: entry.version,
        tag: redraw.tag,
        errors: redraw.errors.unwrap_or_else(|| FieldErrors::new(lang)),
        conflict: redraw.conflict,
        entry,
        ctx,
    })
}
