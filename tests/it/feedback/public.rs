use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::Html;

use super::{FORM, seed};
use crate::helpers::{TestApp, assert_redirects_to, csrf_token, texts};

fn fields<'a>(
    message: &'a str,
    category: &'a str,
    rating: &'a str,
    email: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("message", message),
        ("category", category),
        ("rating", rating),
        ("email", email),
    ]
}

#[tokio::test]
async fn the_public_form_stores_valid_feedback_and_thanks_the_sender() {
    let app = TestApp::spawn().await;
    let public = app.visitor();

    let sent = public
        .submit(
            FORM,
            FORM,
            &fields(
                "  Le jeu plante au chargement.  ",
                "bug",
                "2",
                "dana@example.org",
            ),
        )
        .await;

    assert_redirects_to(&sent, "/feedback/thanks");
    assert_eq!(
        texts(&public.page("/feedback/thanks").await, "h1"),
        ["Merci pour votre retour"]
    );
    let condition = "message = 'Le jeu plante au chargement.' and category = 'bug' and rating = 2
                     and email = 'dana@example.org' and locale = 'fr' and source = 'public' and status = 'new'";
    assert_eq!(app.count("feedback", condition).await, 1);
    assert_eq!(
        app.count(
            "activity_events",
            "kind = 'feedback.created' and actor_id is null"
        )
        .await,
        1,
        "the change of state is recorded"
    );
}

#[tokio::test]
async fn the_form_speaks_the_page_language_and_the_address_is_optional() {
    let app = TestApp::spawn().await;
    let public = app.visitor();
    let english = "/feedback/new?lang=en";

    let page = public.page(english).await;
    let sent = public
        .submit(
            english,
            FORM,
            &fields("Love the new maps!", "praise", "5", ""),
        )
        .await;

    assert_eq!(texts(&page, "label[for=message]"), ["Your message"]);
    assert_eq!(texts(&page, "h1"), ["Send feedback"]);
    assert_redirects_to(&sent, "/feedback/thanks");
    assert_eq!(
        app.count("feedback", "locale = 'en' and email is null and rating = 5")
            .await,
        1
    );
}

#[tokio::test]
async fn empty_oversized_or_malformed_feedback_is_refused_with_the_values_shown_again() {
    let app = TestApp::spawn().await;
    let public = app.visitor();
    let too_long = "é".repeat(5001);
    let cases = [
        (
            "message",
            fields("   ", "idea", "4", "dana@example.org"),
            "Ce champ est obligatoire.",
        ),
        (
            "message",
            fields(&too_long, "idea", "4", "dana@example.org"),
            "Votre message dépasse 5 000 caractères : raccourcissez-le.",
        ),
        (
            "rating",
            fields("Des cartes plus grandes", "idea", "9", "dana@example.org"),
            "Choisissez une note de 1 à 5.",
        ),
        (
            "category",
            fields(
                "Des cartes plus grandes",
                "complaint",
                "4",
                "dana@example.org",
            ),
            "Choisissez une valeur de la liste.",
        ),
        (
            "email",
            fields("Des cartes plus grandes", "idea", "4", "dana@@example"),
            "Cette adresse e-mail n'est pas valide.",
        ),
    ];

    for (field, sent, message) in cases {
        let response = public.submit(FORM, FORM, &sent).await;

        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}"
        );
        let page = Html::parse_document(&response.text().await.unwrap());
        assert_eq!(
            texts(&page, &format!("#{field}-error")),
            [message],
            "{field}"
        );
        let typed = |name: &str| {
            sent.iter()
                .find(|(n, _)| *n == name)
                .unwrap()
                .1
                .trim()
                .to_owned()
        };
        assert_eq!(
            texts(&page, "textarea#message"),
            [typed("message")],
            "{field}: the message is kept"
        );
        let email = scraper::Selector::parse("input#email").unwrap();
        let kept_email = page
            .select(&email)
            .next()
            .unwrap()
            .value()
            .attr("value")
            .unwrap();
        assert_eq!(kept_email, typed("email"), "{field}: the address is kept");
        if field != "category" {
            assert_eq!(
                texts(&page, "select#category option[selected]"),
                ["Idée"],
                "{field}"
            );
        }
        if field != "rating" {
            let checked = scraper::Selector::parse("input[name=rating][checked]").unwrap();
            let rating = page.select(&checked).next().unwrap().value().attr("value");
            assert_eq!(rating, Some("4"), "{field}: the rating is kept");
        }
    }
    assert_eq!(app.count("feedback", "true").await, 0, "nothing is stored");

    let longest = "é".repeat(5000);
    let accepted = public
        .submit(FORM, FORM, &fields(&longest, "idea", "4", ""))
        .await;
    assert_redirects_to(&accepted, "/feedback/thanks");
    assert_eq!(
        app.count("feedback", "char_length(message) = 5000").await,
        1
    );
}

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
