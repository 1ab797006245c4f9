//! `/feedback/new`: the public form, no account needed; `/feedback/thanks`
//! after it. The form is the product's open door: a honeypot field, a
//! throttle per address and the body size limit keep it calm under abuse.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use sqlx::PgConnection;
use tower_sessions::Session;
use uuid::Uuid;

use super::{category_choices, limit, rating_choices, to_entry};
use crate::db::events;
use crate::db::feedback::{self, NewFeedback};
use crate::domain::account::{Email, Invalid};
use crate::domain::change::{Change, EntrySource, NewEntry};
use crate::domain::feedback::{Category, MESSAGE_MAX_CHARS, Message, Rating};
use crate::error::Result;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::form::{Choice, FieldErrors};
use crate::web::page::{self, PageCtx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/feedback/new",
            limit::throttled(post(create_feedback)).get(new_feedback_form),
        )
        .route("/feedback/thanks", get(show_thanks))
}

#[derive(Template, WebTemplate)]
#[template(path = "feedback/new.html")]
struct NewFeedbackPage {
    ctx: PageCtx,
    message: String,
    email: String,
    categories: Vec<Choice>,
    ratings: Vec<Choice>,
    errors: FieldErrors,
    max_chars: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "feedback/thanks.html")]
struct ThanksPage {
    ctx: PageCtx,
}

/// What the form posts. `website` is the honeypot: hidden from people,
/// filled by the robots that fill every field.
#[derive(Default, Deserialize)]
#[serde(default)]
struct FeedbackForm {
    message: String,
    category: String,
    rating: String,
    email: String,
    website: String,
}

fn form_page(ctx: PageCtx, form: FeedbackForm, errors: Option<FieldErrors>) -> NewFeedbackPage {
    let lang = ctx.lang;
    NewFeedbackPage {
        categories: category_choices(lang, "feedback-choose", &form.category),
        ratings: rating_choices(lang, "", &form.rating),
        message: form.message,
        email: form.email,
        errors: errors.unwrap_or_else(|| FieldErrors::new(lang)),
        max_chars: MESSAGE_MAX_CHARS,
        ctx,
    }
}

async fn new_feedback_form(ctx: PageCtx) -> NewFeedbackPage {
    form_page(ctx, FeedbackForm::default(), None)
}

async fn show_thanks(ctx: PageCtx) -> ThanksPage {
    ThanksPage { ctx }
}

/// A piece of feedback, parsed: from the form, or from the API.
pub(crate) struct Parsed {
    pub message: Message,
    pub category: Category,
    pub rating: Rating,
    pub email: Option<Email>,
}

/// Who entered a piece of feedback, for its row and its event.
pub(crate) struct Author<'a> {
    /// A user's id; the token's maker through the API.
    pub actor_id: Option<Uuid>,
    /// Someone who triages feedback, entering it on someone's behalf.
    pub by_support: bool,
    /// The API token it came through, by name.
    pub via: Option<&'a str>,
}

/// Stores `parsed` in plan `plan_id`, written in `locale`, with its event;
/// its id. The forms and the API both store here.
pub(crate) async fn store(
    conn: &mut PgConnection,
    plan_id: Uuid,
    parsed: &Parsed,
    locale: Lang,
    author: &Author<'_>,
) -> sqlx::Result<Uuid> {
    let id = feedback::insert(
        conn,
        NewFeedback {
            plan_id,
            message: &parsed.message,
            category: parsed.category,
            rating: parsed.rating,
            email: parsed.email.as_ref(),
            locale,
            by_support: author.by_support,
            created_by: author.actor_id,
        },
    )
    .await?;
    // The message and the address stay out of the activity feed, which
    // every signed-in user reads.
    let created = Change::FeedbackCreated {
        entry: id,
        after: NewEntry {
            category: parsed.category,
            rating: parsed.rating.value(),
            source: if author.by_support {
                EntrySource::Support
            } else {
                EntrySource::Public
            },
            via: author.via.map(str::to_owned),
        },
    };
    events::record(conn, Some(plan_id), author.actor_id, &created).await?;
    Ok(id)
}

fn parse(form: &FeedbackForm, errors: &mut FieldErrors) -> Option<Parsed> {
    let message = Message::parse(&form.message)
        .map_err(|invalid| match invalid {
            Invalid::TooLong => errors.add("message", "feedback-message-too-long"),
            other => errors.add("message", other.key()),
        })
        .ok();
    let category = Category::parse(&form.category);
    if category.is_none() {
        errors.add("category", "invalid-choice");
    }
    let rating = Rating::parse(&form.rating);
    if rating.is_none() {
        errors.add("rating", "feedback-rating-invalid");
    }
    let email = if form.email.trim().is_empty() {
        Some(None)
    } else {
        errors.check("email", Email::parse(&form.email)).map(Some)
    };
    Some(Parsed {
        message: message?,
        category: category?,
        rating: rating?,
        email: email?,
    })
}

async fn create_feedback(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    ctx: PageCtx,
    session: Session,
    Form(form): Form<FeedbackForm>,
) -> Result<Response> {
    // Robots are thanked like people, so they learn nothing.
    if !form.website.is_empty() {
        tracing::info!("feedback with its honeypot filled: dropped");
        return Ok(Redirect::to("/feedback/thanks").into_response());
    }
    let mut errors = FieldErrors::new(ctx.lang);
    let Some(parsed) = parse(&form, &mut errors) else {
        let page = form_page(ctx, form, Some(errors));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };

    let by_support = ctx
        .user
        .as_ref()
        .is_some_and(|user| user.may_triage_feedback());
    let author = Author {
        actor_id: ctx.user.as_ref().map(|user| user.id),
        by_support,
        via: None,
    };
    let mut tx = state.db.begin().await?;
    let id = store(&mut tx, plan.id, &parsed, ctx.lang, &author).await?;
    tx.commit().await?;
    if by_support {
        page::flash(&session, ctx.t("feedback-entered")).await?;
        return Ok(to_entry(id));
    }
    Ok(Redirect::to("/feedback/thanks").into_response())
}
