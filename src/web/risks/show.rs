//! `/risks/{id}`: a risk, its mitigation items and their progress, its
//! reviews and history; for its owners, the forms that change it.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Utc;
use uuid::Uuid;

use super::editor::{ReviewEditor, RiskEditor, form_of};
use super::view::{RiskFacts, score_label};
use super::{editable_teams, load};
use crate::auth::CurrentUser;
use crate::db::risks::{self, Risk};
use crate::db::users::User;
use crate::db::{events, items};
use crate::domain::change::{Commentable, Subject};
use crate::domain::risk::form::{ReviewForm, RiskForm};
use crate::domain::risk::{Level, Score};
use crate::error::Result;
use crate::state::AppState;
use crate::web::activity::{EventLine, describe, time_value};
use crate::web::comments::{self, Draft, Thread};
use crate::web::extract::IdPath;
use crate::web::form::{Choice, FieldErrors};
use crate::web::page::PageCtx;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/risks/{id}", get(show_risk))
}

/// What a refused submission leaves to say on the page.
#[derive(Default)]
pub struct Refused {
    /// The edit form as typed, and why it was refused.
    pub edit: Option<(RiskForm, FieldErrors)>,
    /// The review form as typed, and why it was refused.
    pub review: Option<(ReviewForm, FieldErrors)>,
    /// Why the item to link was refused.
    pub link_error: Option<String>,
    /// Someone changed the risk first: what this user tried, not applied.
    pub conflict: Option<String>,
}

/// A checklist item that mitigates the risk.
pub struct ItemLine {
    pub id: String,
    pub href: String,
    pub title: String,
    pub phase: String,
    pub team: String,
    pub due: String,
    pub state: &'static str,
    pub state_label: String,
}

/// The items of one phase, as a group of the "link an item" select.
pub struct OptionGroup {
    pub label: String,
    pub options: Vec<Choice>,
}

/// A past review.
pub struct ReviewLine {
    pub when: String,
    /// `when` as a valid `<time>` value (RFC 3339, the plan's offset).
    pub datetime: String,
    pub who: String,
    pub reason: String,
    pub score: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "risks/show.html")]
pub struct RiskPage {
    ctx: PageCtx,
    id: String,
    facts: RiskFacts,
    items: Vec<ItemLine>,
    linkable: Vec<OptionGroup>,
    link_error: String,
    may_edit: bool,
    editor: RiskEditor,
    review: ReviewEditor,
    conflict: Option<String>,
    reviews: Vec<ReviewLine>,
    history: Vec<EventLine>,
    thread: Thread,
}

/// Draws the page of `risk` for `user`, with what a refused submission left.
pub async fn risk_page(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    risk: Risk,
    refused: Refused,
) -> Result<RiskPage> {
    let lang = ctx.lang;
    let plan = state.plans.plan().await?;
    let calendar = plan.calendar();
    let now = Utc::now();
    let may_edit = user.may_edit_risks(risk.owner_team_id);
    let linked = risks::mitigation_items(&state.db, risk.id).await?;
    let linkable = if may_edit {
        let mut groups: Vec<OptionGroup> = Vec::new();
        for item in items::list_for_plan(&state.db, plan.id).await? {
            if linked.iter().any(|line| line.id == item.id) {
                continue;
            }
            let label = format!("{} {}", item.phase_section, item.phase_name);
            let option = Choice {
                value: item.id.to_string(),
                label: item.title,
                selected: false,
            };
            match groups.last_mut() {
                Some(group) if group.label == label => group.options.push(option),
                _ => groups.push(OptionGroup {
                    label,
                    options: vec![option],
                }),
            }
        }
        groups
    } else {
        Vec::new()
    };
    let teams = if may_edit {
        editable_teams(state, user).await?
    } else {
        Vec::new()
    };
    let (form, errors) = refused.edit.map_or_else(
        || (form_of(&risk), None),
        |(form, errors)| (form, Some(errors)),
    );
    let (review_form, review_errors) = refused.review.map_or_else(
        || {
            let form = ReviewForm {
                likelihood: risk.likelihood.to_string(),
                impact: risk.impact.to_string(),
                version: risk.version,
                ..ReviewForm::default()
            };
            (form, None)
        },
        |(form, errors)| (form, Some(errors)),
    );
    let reviews = risks::reviews(&state.db, risk.id)
        .await?
        .into_iter()
        .map(|review| {
            let day = calendar.day_of(calendar.today(review.reviewed_at));
            let local = review.reviewed_at.with_timezone(&calendar.time_zone);
            let score = Level::stored(review.likelihood)
                .zip(Level::stored(review.impact))
                .map(|(likelihood, impact)| score_label(lang, Score { likelihood, impact }));
            ReviewLine {
                when: format!(
                    "{} · {}",
                    lang.day_and_date(day, calendar.date_of(day)),
                    local.format("%H:%M")
                ),
                datetime: time_value(&local),
                who: review.reviewer_name.unwrap_or_else(|| lang.t("someone")),
                reason: review.reason,
                score: score.unwrap_or_default(),
            }
        })
        .collect();
    let history = events::history(&state.db, Subject::Risk, risk.id)
        .await?
        .iter()
        .map(|event| describe(lang, &calendar, event))
        .collect();
    let items = linked
        .into_iter()
        .map(|item| {
            let state = item.state;
            let due = i64::from(item.due_day);
            ItemLine {
                id: item.id.to_string(),
                href: format!("/items/{}", item.id),
                title: item.title,
                phase: item.phase_section,
                team: item.team_name,
                due: lang.day_and_date(due, calendar.date_of(due)),
                state: state.as_str(),
                state_label: lang.t(state.label_key()),
            }
        })
        .collect();
    let thread = comments::thread(state, &ctx, user, Commentable::Risk(risk.id)).await?;
    Ok(RiskPage {
        thread,
        id: risk.id.to_string(),
        facts: RiskFacts::of(lang, &calendar, calendar.today_day(now), &risk),
        items,
        linkable,
        link_error: refused.link_error.unwrap_or_default(),
        may_edit,
        editor: RiskEditor::new(&ctx, &teams, form, errors),
        review: ReviewEditor::new(&ctx, review_form, review_errors),
        conflict: refused.conflict,
        reviews,
        history,
        ctx,
    })
}

async fn show_risk(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
) -> Result<RiskPage> {
    let risk = load(&state, id).await?;
    risk_page(&state, ctx, &user, risk, Refused::default()).await
}

/// The risk's page again with a refused comment, for `web::comments`.
pub async fn comment_refused(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    id: Uuid,
    draft: Draft,
) -> Result<Response> {
    let risk = load(state, id).await?;
    let mut page = risk_page(state, ctx, user, risk, Refused::default()).await?;
    page.thread.redraw(draft);
    Ok(page.into_response())
}
