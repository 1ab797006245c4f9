//! The public form: what it stores, in which language, and what it refuses.

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::Html;

use super::{FORM, fields};
use crate::helpers::{TestApp, assert_redirects_to, texts};

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
async fn support_enters_feedback_heard_elsewhere_and_lands_on_its_page() {
    let app = TestApp::spawn().await;
    let me = app.login_as_in(&app, Role::Member, Some("support")).await;

    let sent = app
        .submit(
            FORM,
            FORM,
            &fields("Appel : la carte ne charge pas", "bug", "2", ""),
        )
        .await;

    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    let entry = sent.headers()["location"].to_str().unwrap().to_owned();
    assert!(entry.starts_with("/feedback/"), "{entry}");
    let page = app.page(&entry).await;
    assert_eq!(texts(&page, ".flash"), ["Retour enregistré."]);
    let condition = format!("source = 'support' and created_by = '{me}'");
    assert_eq!(app.count("feedback", &condition).await, 1);
}
