//! Who calls the API: the token in `Authorization: Bearer`, and nothing
//! else — the API sits outside the session layer, so a browser's cookie
//! opens nothing there, and needs no CSRF token since none is sent
//! without being written by hand.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use uuid::Uuid;

use crate::api::problem::ApiError;
use crate::db::api_tokens;
use crate::db::users::User;
use crate::domain::api_token::{Scope, TokenSecret};
use crate::state::AppState;

/// A live token's holder.
#[derive(Debug)]
pub struct ApiCaller {
    pub token_id: Uuid,
    pub token_name: String,
    pub grant: Grant,
    pub scopes: Vec<Scope>,
    /// Whose changes the token's are: a personal token's owner, a service
    /// token's maker.
    pub actor: Uuid,
}

/// What a token acts for.
#[derive(Debug)]
pub enum Grant {
    /// A service token: one team's items.
    Team(Uuid),
    /// A personal token: what its owner may do, no more.
    Person(User),
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let secret = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .and_then(|token| TokenSecret::parse(token.trim()))
            .ok_or(ApiError::Unauthorized)?;
        let token = api_tokens::authenticate(&state.db, &secret.hash())
            .await?
            .ok_or(ApiError::Unauthorized)?;
        let actor = token.holder.id;
        let grant = match token.team_id {
            Some(team) => Grant::Team(team),
            None => Grant::Person(token.holder),
        };
        Ok(ApiCaller {
            token_id: token.id,
            token_name: token.name,
            grant,
            scopes: token.scopes,
            actor,
        })
    }
}
