//! The plan's own words (team names, audiences) in the interface's language
//! where the plan translates them, as written where it does not.

use std::time::Duration;

use launch_control::domain::role::Role;
use launch_control::seed;

use crate::helpers::{TestApp, Visitor};
use crate::html_validity::in_lang;

async fn body(visitor: &Visitor, path: &str, lang: &str) -> String {
    let response = visitor.get(&in_lang(path, lang)).await;
    assert!(response.status().is_success(), "GET {path} in {lang}");
    response.text().await.unwrap()
}

#[tokio::test]
async fn team_names_and_audiences_read_in_english_where_the_seed_translates_them() {
    let app = TestApp::spawn().await;
    let viewer = app.visitor();
    app.login_as_in(&viewer, Role::Viewer, None).await;

    for (path, translated) in [
        ("/teams", &[("Développement", "Development")][..]),
        (
            "/timeline",
            &[
                ("Développement", "Development"),
                ("Grand public", "General public"),
            ],
        ),
        (
            "/communications",
            &[
                ("Grand public", "General public"),
                ("Abonnés Instagram", "Instagram followers"),
            ],
        ),
        (
            "/work?team=developpement",
            &[("Développement", "Development")],
        ),
    ] {
        let (en, fr) = (
            body(&viewer, path, "en").await,
            body(&viewer, path, "fr").await,
        );
        for (french, english) in translated {
            assert!(en.contains(english), "{path} in English says {english}");
            assert!(
                !en.contains(french),
                "{path} in English never says {french}"
            );
            assert!(fr.contains(french), "{path} in French says {french}");
            assert!(
                !fr.contains(english),
                "{path} in French never says {english}"
            );
        }
        // A name the plan does not translate is shown as written.
        assert!(
            en.contains("Marketing") && fr.contains("Marketing"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_translation_changed_in_the_database_reaches_the_pages() {
    let app = TestApp::spawn().await;
    let viewer = app.visitor();
    app.login_as_in(&viewer, Role::Viewer, None).await;
    assert!(body(&viewer, "/teams", "en").await.contains("Development"));

    sqlx::query("update plan_terms set translation = 'Engineering' where term = 'Développement'")
        .execute(&app.db)
        .await
        .unwrap();

    // Heard through PostgreSQL's notification, like any change to the plan.
    let mut seen = false;
    for _ in 0..40 {
        if body(&viewer, "/teams", "en").await.contains("Engineering") {
            seen = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(seen, "the new word shows within two seconds");
}

#[test]
fn a_plan_file_translating_into_a_language_without_a_catalog_is_refused() {
    let file = format!(
        "{}\n[translations.de]\n\"Médias\" = \"Medien\"\n",
        seed::LOOTOPIA
    );
    let refused = seed::parse(&file).expect_err("German has no catalog");
    assert!(
        format!("{refused:#}").contains("de"),
        "the error names the language: {refused:#}"
    );
    let lootopia = seed::parse(seed::LOOTOPIA).unwrap();
    assert_eq!(
        lootopia.translations[&launch_control::domain::lang::Lang::En]["Développement"],
        "Development"
    );
}
