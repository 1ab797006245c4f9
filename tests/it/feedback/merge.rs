//! Merging duplicates: the count moves to the original, the link stays.

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use uuid::Uuid;

use super::seed;
use crate::helpers::{TestApp, assert_redirects_to, texts};

#[tokio::test]
async fn merging_moves_the_count_and_keeps_the_link() {
    let app = TestApp::spawn().await;
    let first = seed(&app.db, "Connexion impossible").await;
    let second = seed(&app.db, "Je ne peux pas me connecter").await;
    let original = seed(&app.db, "Erreur de connexion au démarrage").await;
    app.login_as_in(&app, Role::Lead, Some("support")).await;
    let merge = |id: Uuid, into: Uuid| {
        let app = &app;
        async move {
            let version: i32 = sqlx::query_scalar("select version from feedback where id = $1")
                .bind(id)
                .fetch_one(&app.db)
                .await
                .unwrap();
            let page = format!("/feedback/{id}");
            let fields = [("into", into.to_string()), ("version", version.to_string())];
            let fields: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
            app.submit(&page, &format!("{page}/merge"), &fields).await
        }
    };

    assert_redirects_to(&merge(first, second).await, &format!("/feedback/{second}"));
    assert_redirects_to(
        &merge(second, original).await,
        &format!("/feedback/{original}"),
    );

    let row = |id: Uuid| {
        let db = app.db.clone();
        async move {
            sqlx::query_as::<_, (Option<Uuid>, i32)>(
                "select merged_into_id, duplicate_count from feedback where id = $1",
            )
            .bind(id)
            .fetch_one(&db)
            .await
            .unwrap()
        }
    };
    assert_eq!(
        row(original).await,
        (None, 2),
        "the original counts both duplicates"
    );
    assert_eq!(row(second).await, (Some(original), 0));
    assert_eq!(
        row(first).await,
        (Some(original), 0),
        "links never lead to a merged entry"
    );
    assert_eq!(
        app.count("activity_events", "kind = 'feedback.merged'")
            .await,
        2
    );
    let entry = app.page(&format!("/feedback/{original}")).await;
    assert_eq!(texts(&entry, ".duplicate-count"), ["+2 doublons"]);
    assert_eq!(texts(&entry, ".duplicates-list a").len(), 2);
    let duplicate = app.page(&format!("/feedback/{first}")).await;
    let link = scraper::Selector::parse(".notice a").unwrap();
    let href = duplicate
        .select(&link)
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap();
    assert_eq!(href, format!("/feedback/{original}"));
    assert_eq!(
        texts(&app.page("/feedback").await, "table.feedback tbody tr").len(),
        1,
        "duplicates are hidden"
    );
    assert_eq!(
        texts(
            &app.page("/feedback?merged=1").await,
            "table.feedback tbody tr"
        )
        .len(),
        3
    );

    let into_merged = merge(original, first).await;
    assert_eq!(
        into_merged.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "never into a merged entry"
    );
    assert_eq!(row(original).await, (None, 2));
}
