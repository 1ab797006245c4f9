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
use tower_sessions::Session;

use super::{category_choices, limit, rating_choices, to_entry};
use crate::db::events;
use crate::db::feedback::{self, NewFeedback};
use crate::domain::account::{Email, Invalid};
use crate::domain::change::{Change, EntrySource, NewEntry};
use crate::domain::feedback::{Category, MESSAGE_MAX_CHARS, Message, Rating};
use crate::error::Result;
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

/// The form's values, parsed; `None` with a message per invalid field.
struct Parsed {
    message: Message,
    category: Category,
    rating: Rating,
    email: Option<Email>,
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
    let actor_id = ctx.user.as_ref().map(|user| user.id);
    let mut tx = state.db.begin().await?;
    let id = feedback::insert(
        &mut tx,
        NewFeedback {
            plan_id: plan.id,
            message: &parsed.message,
            category: parsed.category,
            rating: parsed.rating,
            email: parsed.email.as_ref(),
            locale: ctx.lang,
            by_support,
            created_by: actor_id,
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
            source: if by_support {
                EntrySource::Support
            } else {
                EntrySource::Public
            },
        },
    };
    events::record(&mut tx, Some(plan.id), actor_id, &created).await?;
    tx.commit().await?;
    if by_support {
        page::flash(&session, ctx.t("feedback-entered")).await?;
        return Ok(to_entry(id));
    }
    Ok(Redirect::to("/feedback/thanks").into_response())
}
