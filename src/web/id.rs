//! Ids in routes and forms: a malformed one names nothing, like an unknown
//! one.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use uuid::Uuid;

use crate::error::{AppError, Result};

/// The id of a route's `{id}` (or `{phase_id}`): a malformed one is a 404,
/// like an unknown one, before any handler runs.
#[derive(Clone, Copy, Debug)]
pub struct IdPath(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<IdPath> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        parse_id(&raw).map(IdPath)
    }
}

/// An id typed into a form or a route; a malformed one names nothing: 404.
pub fn parse_id(raw: &str) -> Result<Uuid> {
    Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)
}
