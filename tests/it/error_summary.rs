//! A form the server refuses is drawn again with an error summary at its top
//! that lists every message shown beside a field, each a link to a field of
//! the page.

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::{Html, Selector};

use crate::helpers::TestApp;

/// A refused form: what it is, its page, where it posts, what it sends.
type Case<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, &'a str)]);

/// Checks the summary of the refused `page` and says how many links it has.
fn check_summary(page: &Html, what: &str) -> usize {
    let summary = Selector::parse("form [data-error-summary]").unwrap();
    let summaries: Vec<_> = page.select(&summary).collect();
    assert_eq!(summaries.len(), 1, "{what}: one summary, inside the form");
    let form = summaries[0]
        .ancestors()
        .filter_map(scraper::ElementRef::wrap)
        .find(|element| element.value().name() == "form")
        .expect("the summary sits in a form");
    let first = form
        .children()
        .filter_map(scraper::ElementRef::wrap)
        .next()
        .expect("the form has content");
    assert!(
        first.value().attr("data-error-summary").is_some(),
        "{what}: the summary comes first in the form"
    );
    assert_eq!(
        summaries[0].value().attr("tabindex"),
        Some("-1"),
        "{what}: focusable by script"
    );
    let links: Vec<String> = summaries[0]
        .select(&Selector::parse("a").unwrap())
        .map(|link| link.value().attr("href").unwrap_or_default().to_owned())
        .collect();
    assert!(!links.is_empty(), "{what}: the summary lists the problems");
    for href in &links {
        let id = href.strip_prefix('#').expect("a link within the page");
        let target = Selector::parse(&format!("[id='{id}']")).unwrap();
        assert_eq!(
            page.select(&target).count(),
            1,
            "{what}: {href} is a field of the page"
        );
    }
    let messages = form
        .select(&Selector::parse(".field-error").unwrap())
        .count();
    assert_eq!(
        links.len(),
        messages,
        "{what}: every message beside a field is listed"
    );
    links.len()
}

#[tokio::test]
async fn every_refused_form_starts_with_a_summary_linking_to_each_field_in_error() {
    let app = TestApp::spawn().await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let phase: uuid::Uuid = sqlx::query_scalar("select id from phases where section = '2.1'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let phase_page = format!("/phases/{phase}");
    let cases: [Case; 5] = [
        ("risk", "/risks/new", "/risks", &[("title", " ")]),
        (
            "item",
            &phase_page,
            &format!("/phases/{phase}/items"),
            &[("title", " ")],
        ),
        ("plan", "/admin/plan", "/admin/plan", &[("name", " ")]),
        (
            "password",
            "/account",
            "/account/password",
            &[
                ("current_password", "wrong"),
                ("password", "x"),
                ("password_confirmation", "y"),
            ],
        ),
        (
            "communication",
            "/communications/new",
            "/communications",
            &[("title", " ")],
        ),
    ];
    for (what, page, action, fields) in cases {
        let refused = admin.submit(page, action, fields).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{what}");
        let body = Html::parse_document(&refused.text().await.unwrap());
        check_summary(&body, what);
    }

    let public = app.visitor();
    let refused = public
        .submit("/feedback/new", "/feedback/new", &[("message", " ")])
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = Html::parse_document(&refused.text().await.unwrap());
    assert!(check_summary(&body, "feedback") >= 1);
    assert!(
        body.html().contains("Il y a un problème"),
        "the summary's heading, in French"
    );
}
