//! The risk register through HTTP: the register and its heat map, and every
//! change to a risk (form, review, mitigation items) with its permissions.

mod editing;
mod register;
mod review_and_mitigation;

use launch_control::domain::role::Role;
use scraper::Html;
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, texts};

/// The seeded risks of section 5, highest score first.
pub const DEPLOYMENT: &str = "Problèmes techniques lors du déploiement";
pub const OUTAGE: &str = "Indisponibilité du serveur";
pub const ADOPTION: &str = "Manque d'utilisateurs";

/// The id of the risk titled `title`.
pub async fn risk_id(app: &TestApp, title: &str) -> Uuid {
    sqlx::query_scalar("select id from risks where title = $1")
        .bind(title)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// A risk's likelihood, impact and version, as stored.
pub async fn scores(app: &TestApp, id: Uuid) -> (i16, i16, i32) {
    sqlx::query_as("select likelihood, impact, version from risks where id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// The count written in the heat map cell of `likelihood` × `impact` (none for an empty cell).
pub fn cell_count(page: &Html, likelihood: u8, impact: u8) -> Vec<String> {
    texts(
        page,
        &format!(
            r#"svg.heatmap a.cell[href="/risks?likelihood={likelihood}&impact={impact}"] text.count"#
        ),
    )
}

/// The body of a response, parsed.
pub async fn html(response: reqwest::Response) -> Html {
    Html::parse_document(&response.text().await.unwrap())
}

/// Another browser, signed in as a new user of `role` in `team`.
pub async fn signed_in(app: &TestApp, role: Role, team: Option<&str>) -> Visitor {
    let visitor = app.visitor();
    app.login_as_in(&visitor, role, team).await;
    visitor
}
