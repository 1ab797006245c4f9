//! The list: French full-text search, filters, counts and pages.

use launch_control::domain::role::Role;

use super::{seed, seed_on_day};
use crate::helpers::{TestApp, texts};

/// The messages the list shows for `query`.
async fn found(app: &TestApp, query: &str) -> Vec<String> {
    texts(
        &app.page(&format!("/feedback{query}")).await,
        "table.feedback tbody th a",
    )
}

#[tokio::test]
async fn searching_in_french_ignores_accents_and_word_endings() {
    let app = TestApp::spawn().await;
    for message in [
        "Le jeu plante souvent",
        "Gros problème de connexion",
        "Bravo pour le lancement",
    ] {
        seed(&app.db, message).await;
    }
    app.login_as(Role::Viewer).await;

    assert_eq!(
        found(&app, "?q=plant%C3%A9").await,
        ["Le jeu plante souvent"]
    );
    assert_eq!(
        found(&app, "?q=probleme+connexion").await,
        ["Gros problème de connexion"]
    );
    assert_eq!(
        found(&app, "?q=PROBLÈMES").await,
        ["Gros problème de connexion"]
    );
    assert!(found(&app, "?q=paiement").await.is_empty());
    assert_eq!(found(&app, "").await.len(), 3);
}

#[tokio::test]
async fn filters_narrow_the_list_and_counts_follow_them() {
    let app = TestApp::spawn().await;
    seed_on_day(&app.db, 33, "Crash au lancement", "bug", 1).await;
    seed_on_day(&app.db, 34, "Crash en jeu", "bug", 2).await;
    let planned = seed_on_day(&app.db, 40, "Mode sombre", "idea", 4).await;
    seed_on_day(&app.db, 45, "Merci !", "praise", 5).await;
    sqlx::query("update feedback set status = 'planned' where id = $1")
        .bind(planned)
        .execute(&app.db)
        .await
        .unwrap();
    app.login_as(Role::Viewer).await;

    assert_eq!(
        found(&app, "?category=bug").await,
        ["Crash en jeu", "Crash au lancement"]
    );
    assert_eq!(found(&app, "?rating=5").await, ["Merci !"]);
    assert_eq!(
        found(&app, "?from=34&to=40").await,
        ["Mode sombre", "Crash en jeu"]
    );
    assert_eq!(found(&app, "?status=planned").await, ["Mode sombre"]);
    assert_eq!(
        found(&app, "?status=bogus&rating=12").await.len(),
        4,
        "bad filters are dropped"
    );
    let page = app.page("/feedback?category=bug").await;
    assert_eq!(
        texts(&page, ".status-counts a"),
        [
            "Nouveau 2",
            "Pris en compte 0",
            "Planifié 0",
            "Résolu 0",
            "Clos 0"
        ]
    );
    assert_eq!(
        texts(&page, "select#from option[selected]"),
        ["N'importe quel jour"]
    );
    let day = texts(
        &app.page("/feedback?from=34").await,
        "select#from option[selected]",
    );
    assert!(day[0].starts_with("J+34 · "), "{day:?}");
}

#[tokio::test]
async fn the_list_is_paged_by_twenty_five() {
    let app = TestApp::spawn().await;
    for n in 0..30 {
        seed_on_day(
            &app.db,
            32 + n % 20,
            &format!("Retour numéro {n}"),
            "question",
            3,
        )
        .await;
    }
    app.login_as(Role::Viewer).await;

    let first = app.page("/feedback?category=question").await;
    let second = app.page("/feedback?category=question&page=2").await;

    assert_eq!(texts(&first, "table.feedback tbody tr").len(), 25);
    assert_eq!(texts(&second, "table.feedback tbody tr").len(), 5);
    assert_eq!(texts(&first, ".pager span"), ["Page 1 sur 2"]);
    let next = scraper::Selector::parse(".pager a[rel=next]").unwrap();
    let href = first
        .select(&next)
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap();
    assert_eq!(
        href, "/feedback?category=question&page=2",
        "the filters stay on"
    );
    assert_eq!(
        texts(
            &app.page("/feedback?page=99").await,
            "table.feedback tbody tr"
        )
        .len(),
        5
    );
}
