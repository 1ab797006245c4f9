//! The public form under abuse: robots, floods and markup.

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::Html;

use super::{FORM, fields, seed};
use crate::helpers::{TestApp, assert_redirects_to, csrf_token, texts};

#[tokio::test]
async fn a_filled_honeypot_is_thanked_like_anyone_but_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let page = app.page(FORM).await;
    let honeypot = scraper::Selector::parse(
        ".hp[aria-hidden=true] input[name=website][tabindex='-1'][autocomplete=off]",
    )
    .unwrap();
    assert!(
        page.select(&honeypot).next().is_some(),
        "the honeypot is out of reach for people"
    );

    let mut sent = fields("Buy cheap watches", "idea", "5", "bot@example.org");
    sent.push(("website", "http://spam.example"));
    let response = app.submit(FORM, FORM, &sent).await;

    assert_redirects_to(&response, "/feedback/thanks");
    assert_eq!(app.count("feedback", "true").await, 0);
    assert_eq!(
        app.count("activity_events", "kind = 'feedback.created'")
            .await,
        0
    );
}

#[tokio::test]
async fn an_address_sending_too_fast_is_throttled_with_a_calm_page() {
    let app = TestApp::spawn().await;
    let token = csrf_token(&app.page(FORM).await);
    let mut sent = fields("Encore un message", "question", "3", "");
    sent.push(("csrf", &token));
    for attempt in 1..=10 {
        let response = app.post_raw(FORM, &sent).await;
        assert_redirects_to(&response, "/feedback/thanks");
        assert_eq!(app.count("feedback", "true").await, attempt);
    }

    let throttled = app.post_raw(FORM, &sent).await;

    assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(throttled.headers().contains_key("retry-after"));
    let page = Html::parse_document(&throttled.text().await.unwrap());
    assert_eq!(texts(&page, "h1"), ["Un instant, s'il vous plaît"]);
    assert_eq!(
        app.count("feedback", "true").await,
        10,
        "nothing more is stored"
    );
    assert_eq!(
        app.get(FORM).await.status(),
        StatusCode::OK,
        "reading the form is not throttled"
    );
    let other_app = TestApp::spawn().await;
    assert_redirects_to(
        &other_app
            .submit(FORM, FORM, &fields("Bonjour", "question", "3", ""))
            .await,
        "/feedback/thanks",
    );
}

#[tokio::test]
async fn markup_in_a_message_comes_back_escaped_everywhere() {
    let app = TestApp::spawn().await;
    let markup = r#"<script>alert("x")</script><img src=x onerror=alert(1)> & <b>gras</b>"#;
    let public = app.visitor();
    let redrawn = public
        .submit(FORM, FORM, &fields(markup, "bug", "0", ""))
        .await;
    assert_eq!(redrawn.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let redrawn = redrawn.text().await.unwrap();
    let id = seed(&app.db, markup).await;
    let other_id = seed(&app.db, "Un autre bug").await;
    app.login_as_in(&app, Role::Member, Some("support")).await;

    let list = app.get("/feedback").await.text().await.unwrap();
    let entry = app
        .get(&format!("/feedback/{id}"))
        .await
        .text()
        .await
        .unwrap();
    let other = app
        .get(&format!("/feedback/{other_id}"))
        .await
        .text()
        .await
        .unwrap();

    for (page, html) in [
        ("form", &redrawn),
        ("list", &list),
        ("entry", &entry),
        ("other", &other),
    ] {
        assert!(
            !html.contains("<script>alert") && !html.contains("<img src=x"),
            "{page} lets markup through"
        );
        assert!(!html.contains("<b>gras</b>"), "{page}");
    }
    let entry = Html::parse_document(&entry);
    assert_eq!(
        texts(&entry, ".feedback-message"),
        [markup.to_owned()],
        "the entry shows the markup as text"
    );
    let choices = texts(&Html::parse_document(&other), "select#into option");
    assert!(
        choices
            .iter()
            .any(|choice| choice.contains(r#"<script>alert("x")</script>"#)),
        "the merge choices show it as text: {choices:?}"
    );
    let rows = texts(&Html::parse_document(&list), "table.feedback th a");
    assert!(
        rows.iter().any(|row| row.starts_with("<script>")),
        "{rows:?}"
    );
    let form = Html::parse_document(&redrawn);
    assert_eq!(texts(&form, "textarea#message"), [markup.to_owned()]);
}
