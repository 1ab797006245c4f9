//! `/api/docs`: the API's OpenAPI document drawn as a page, so that people
//! can browse it without a tool. Drawn on the server from the very document
//! the API serves (no script, no third-party viewer): its operations, their
//! parameters, body, answers and the scopes they need. The descriptions are
//! the document's own, written in English in the code.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::routing::get;
use serde_json::Value;

use crate::state::AppState;
use crate::web::page::PageCtx;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/api/docs", get(show_docs))
}

#[derive(Template, WebTemplate)]
#[template(path = "api_docs.html")]
struct DocsPage {
    ctx: PageCtx,
    operations: Vec<Operation>,
}

/// One operation of the document.
struct Operation {
    /// An id for its heading's anchor.
    anchor: String,
    method: String,
    path: String,
    summary: String,
    parameters: Vec<Parameter>,
    /// The schema of its body, if it takes one.
    body: Option<String>,
    responses: Vec<(String, String)>,
    scopes: String,
}

/// A parameter of an operation.
struct Parameter {
    name: String,
    place: String,
    required: bool,
    description: String,
}

async fn show_docs(ctx: PageCtx) -> DocsPage {
    let document: Value = serde_json::from_str(crate::api::document_json()).unwrap_or(Value::Null);
    DocsPage {
        operations: operations(&document),
        ctx,
    }
}

/// The document's operations, in the order of its paths.
fn operations(document: &Value) -> Vec<Operation> {
    let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
    let Some(paths) = document["paths"].as_object() else {
        return Vec::new();
    };
    paths
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .into_iter()
                .flatten()
                .map(move |(method, operation)| (path, method, operation))
        })
        .map(|(path, method, operation)| Operation {
            anchor: format!(
                "{method}{}",
                path.replace(['/', '{', '}', '.'], "-")
                    .trim_end_matches('-')
            ),
            method: method.to_uppercase(),
            path: path.clone(),
            summary: text(&operation["summary"]),
            parameters: operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|parameter| Parameter {
                    name: text(&parameter["name"]),
                    place: text(&parameter["in"]),
                    required: parameter["required"].as_bool().unwrap_or(false),
                    description: text(&parameter["description"]),
                })
                .collect(),
            body: operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                .as_str()
                .map(|reference| reference.rsplit('/').next().unwrap_or(reference).to_owned()),
            responses: operation["responses"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(status, response)| (status.clone(), text(&response["description"])))
                .collect(),
            scopes: operation["security"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|requirement| requirement["bearer"].as_array())
                .flatten()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_of_the_served_document_is_drawn_with_its_scopes() {
        let document: Value = serde_json::from_str(crate::api::document_json()).unwrap();
        let operations = operations(&document);
        let tick = operations
            .iter()
            .find(|operation| operation.path == "/api/v1/items/{id}/state")
            .expect("the state change is drawn");
        assert_eq!(tick.method, "POST");
        assert_eq!(tick.scopes, "items:write");
        assert_eq!(tick.body.as_deref(), Some("StateRequest"));
        assert!(tick.responses.iter().any(|(status, _)| status == "409"));
        assert_eq!(tick.anchor, "post-api-v1-items--id--state");
        let listed = operations
            .iter()
            .find(|operation| operation.path == "/api/v1/items")
            .unwrap();
        assert!(
            listed
                .parameters
                .iter()
                .any(|parameter| parameter.name == "cursor")
        );
        let count: usize = document["paths"]
            .as_object()
            .unwrap()
            .values()
            .map(|item| item.as_object().unwrap().len())
            .sum();
        assert_eq!(operations.len(), count, "none left out");
    }
}
