//! `/api/v1` (issue 19): JSON for machines, opened by a bearer token
//! (`caller`), refused in `application/problem+json` (`problem`). Every
//! route is registered with its OpenAPI description (`utoipa_axum`), so
//! the document served at `/api/v1/openapi.json` cannot miss one.

pub mod caller;
mod feedback;
mod items;
mod limit;
mod plan;
pub mod problem;

use std::sync::LazyLock;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{any, get};
use utoipa::openapi::OpenApi as Document;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::problem::ApiError;
use crate::state::AppState;

pub use limit::BURST as RATE_BURST;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Launch Control API",
        version = "1",
        description = "The launch plan for machines: read items, change their state and evidence link with a token. Errors are application/problem+json."
    ),
    modifiers(&BearerToken),
    tags(
        (name = "plan", description = "The plan, its phases, risks, poll and communication actions"),
        (name = "items", description = "Checklist items"),
        (name = "feedback", description = "Feedback from the public, through a widget")
    )
)]
struct ApiDoc;

/// Tokens go in `Authorization: Bearer lct_...`.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, document: &mut Document) {
        document
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
    }
}

/// The API's routes, each with its description.
fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(plan::show_plan))
        .routes(routes!(plan::list_risks))
        .routes(routes!(plan::show_poll))
        .routes(routes!(plan::list_communications))
        .routes(routes!(items::list_items))
        .routes(routes!(items::show_item))
        .routes(routes!(items::change_item_state))
        .routes(routes!(feedback::create_feedback))
}

/// The OpenAPI document, drawn once.
static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    let (_, mut document) = api().split_for_parts();
    document.paths.paths.insert(
        "/api/v1/openapi.json".to_owned(),
        utoipa::openapi::path::PathItem::new(
            utoipa::openapi::HttpMethod::Get,
            utoipa::openapi::path::OperationBuilder::new()
                .summary(Some("This document"))
                .response(
                    "200",
                    utoipa::openapi::ResponseBuilder::new()
                        .description("The OpenAPI 3.1 document of this API"),
                ),
        ),
    );
    document.to_json().expect("the document is JSON")
});

/// `/api/v1`: the API's routes and its document.
pub fn router() -> Router<AppState> {
    let (routes, _) = api().split_for_parts();
    limit::per_token(routes)
        .route("/api/v1/openapi.json", get(document))
        // Past the API's routes, a problem too, not an empty 404.
        .route("/api/v1/{*rest}", any(|| async { ApiError::NotFound }))
}

async fn document() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        DOCUMENT.as_str(),
    )
}

/// The OpenAPI document, as served: `/api/docs` draws it for people.
pub fn document_json() -> &'static str {
    DOCUMENT.as_str()
}
