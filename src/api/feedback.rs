//! `POST /api/v1/feedback`: feedback sent by a machine holding
//! `feedback:write` — a support widget in the game — stored as the public
//! form stores it, its event naming the token.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::caller::ApiCaller;
use crate::api::problem::{ApiError, Problem};
use crate::auth::policy::allow;
use crate::domain::account::Email;
use crate::domain::api_token::Scope;
use crate::domain::feedback::{Category, Message, Rating};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::feedback::public::{Author, Parsed, store};

/// A piece of feedback.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FeedbackRequest {
    pub message: String,
    /// `bug`, `idea`, `question` or `praise`.
    pub category: String,
    /// 1 to 5.
    pub rating: i16,
    /// Where to answer, if the player wants an answer.
    #[serde(default)]
    pub email: Option<String>,
    /// `fr` or `en`: the language it is written in; `fr` unless given.
    #[serde(default)]
    pub language: Option<String>,
}

/// The feedback stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedbackCreated {
    pub id: Uuid,
}

/// Sends feedback, as the public form does.
#[utoipa::path(
    post,
    path = "/api/v1/feedback",
    tag = "feedback",
    request_body = FeedbackRequest,
    responses(
        (status = 201, description = "Stored", body = FeedbackCreated),
        (status = 401, description = "No live token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `feedback:write`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An invalid field", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["feedback:write"]))
)]
pub async fn create_feedback(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: Result<Json<FeedbackRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<FeedbackCreated>), ApiError> {
    allow(caller.may(Scope::FeedbackWrite))?;
    let Json(request) = body.map_err(|rejection| ApiError::Invalid {
        field: "body",
        detail: rejection.body_text(),
    })?;
    let invalid = |field, detail: &str| ApiError::Invalid {
        field,
        detail: detail.to_owned(),
    };
    let message = Message::parse(&request.message)
        .map_err(|error| invalid("message", &Lang::En.t(error.key())))?;
    let category = Category::parse(&request.category)
        .ok_or_else(|| invalid("category", "bug, idea, question or praise"))?;
    let rating = Rating::parse(&request.rating.to_string())
        .ok_or_else(|| invalid("rating", "from 1 to 5"))?;
    let email = match request.email.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(address) => Some(
            Email::parse(address).map_err(|error| invalid("email", &Lang::En.t(error.key())))?,
        ),
    };
    let locale = match request.language.as_deref() {
        None => Lang::Fr,
        Some(code) => Lang::parse(code).ok_or_else(|| invalid("language", "fr or en"))?,
    };
    let parsed = Parsed {
        message,
        category,
        rating,
        email,
    };
    let author = Author {
        actor_id: Some(caller.actor),
        by_support: false,
        via: Some(&caller.token_name),
    };
    let plan = state.plans.first().await?.plan.id;
    let mut tx = state.db.begin().await?;
    let id = store(&mut tx, plan, &parsed, locale, &author).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(FeedbackCreated { id })))
}
