use launch_control::domain::role::Role;
use reqwest::StatusCode;
use uuid::Uuid;

use super::{ADOPTION, DEPLOYMENT, OUTAGE, cell_count, html, risk_id, scores, signed_in};
use crate::helpers::{TestApp, assert_redirects_to, texts};

#[tokio::test]
async fn a_review_changes_the_scores_and_stays_in_the_history() {
    let app = TestApp::spawn().await;
    let lead = signed_in(&app, Role::Lead, Some("devops")).await;
    let id = risk_id(&app, DEPLOYMENT).await;
    let page = format!("/risks/{id}");
    let review = |reason: &'static str| {
        [
            ("reason", reason),
            ("likelihood", "2"),
            ("impact", "4"),
            ("next_review_day", "J+20"),
            ("version", "1"),
        ]
    };

    let reviewed = lead
        .submit(
            &page,
            &format!("{page}/review"),
            &review("Tests de charge passés en staging"),
        )
        .await;
    let stale = lead
        .submit(&page, &format!("{page}/review"), &review("Revue en double"))
        .await;

    assert_redirects_to(&reviewed, &format!("{page}#reviews"));
    assert_eq!(scores(&app, id).await, (2, 4, 2));
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    assert!(texts(&html(stale).await, "[role=alert]")[0].contains("Revue en double"));
    assert_eq!(app.count("risk_reviews", "true").await, 1);
    let shown = lead.page(&page).await;
    let reviews = texts(&shown, "ol.reviews li");
    assert_eq!(reviews.len(), 1);
    assert!(
        reviews[0].contains("Test lead devops")
            && reviews[0].contains("2 × 4 = 8")
            && reviews[0].contains("Tests de charge passés"),
        "{}",
        reviews[0]
    );
    let history = texts(&shown, "#history li");
    assert!(
        history[0].contains("Test lead devops a revu le risque")
            && history[0].contains("Tests de charge passés"),
        "{}",
        history[0]
    );
    assert!(
        texts(&shown, "#risk-facts dd")
            .iter()
            .any(|fact| fact.starts_with("J+20"))
    );
    let register = lead.page("/risks").await;
    assert_eq!(cell_count(&register, 2, 4), ["1"]);
    assert!(cell_count(&register, 3, 4).is_empty());
}

#[tokio::test]
async fn ticking_a_mitigation_item_moves_the_risks_mitigation_progress() {
    let app = TestApp::spawn().await;
    let (item, version, phase, team): (Uuid, i32, Uuid, String) = sqlx::query_as(
        "select i.id, i.version, i.phase_id, t.key from risk_mitigation_items m
         join risks r on r.id = m.risk_id join checklist_items i on i.id = m.item_id
         join phases p on p.id = i.phase_id join teams t on t.id = p.team_id
         where r.title = $1 order by p.position, i.position limit 1",
    )
    .bind(ADOPTION)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let lead = signed_in(&app, Role::Lead, Some(&team)).await;
    let page = format!("/risks/{}", risk_id(&app, ADOPTION).await);
    assert_eq!(
        texts(&lead.page(&page).await, ".mitigation-progress"),
        ["0 % 0 sur 2 terminés"]
    );

    let version = version.to_string();
    let ticked = lead
        .submit(
            &format!("/phases/{phase}"),
            &format!("/items/{item}/state"),
            &[("state", "done"), ("version", &version)],
        )
        .await;

    assert_eq!(ticked.status(), StatusCode::SEE_OTHER);
    let shown = lead.page(&page).await;
    assert_eq!(
        texts(&shown, ".mitigation-progress"),
        ["50 % 1 sur 2 terminés"]
    );
    assert!(
        texts(&shown, "table.mitigation-items tbody tr")
            .iter()
            .any(|row| row.contains("Terminé"))
    );
}

#[tokio::test]
async fn an_owner_links_and_unlinks_items_and_one_item_may_serve_several_risks() {
    let app = TestApp::spawn().await;
    let lead = signed_in(&app, Role::Lead, Some("devops")).await;
    let id = risk_id(&app, OUTAGE).await;
    let page = format!("/risks/{id}");
    let item: Uuid = sqlx::query_scalar(
        "select m.item_id from risk_mitigation_items m join risks r on r.id = m.risk_id where r.title = $1 limit 1",
    )
    .bind(ADOPTION)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let item = item.to_string();

    let linked = lead
        .submit(&page, &format!("{page}/items"), &[("item", &item)])
        .await;
    assert_redirects_to(&linked, &format!("{page}#mitigation"));
    assert_eq!(
        texts(&lead.page(&page).await, "table.mitigation-items tbody tr").len(),
        5
    );
    assert_eq!(
        app.count("risk_mitigation_items", &format!("item_id = '{item}'"))
            .await,
        2,
        "the item serves both risks"
    );
    let garbage = lead
        .submit(&page, &format!("{page}/items"), &[("item", "not-an-item")])
        .await;
    assert_eq!(garbage.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unlinked = lead
        .submit(&page, &format!("{page}/items/unlink"), &[("item", &item)])
        .await;
    assert_redirects_to(&unlinked, &format!("{page}#mitigation"));

    assert_eq!(
        texts(&lead.page(&page).await, "table.mitigation-items tbody tr").len(),
        4
    );
    assert_eq!(
        app.count(
            "activity_events",
            "kind in ('risk.item_linked', 'risk.item_unlinked')"
        )
        .await,
        2
    );
}
