//! The verdict: GO only when every team says Go and no required item is open.

use scraper::Selector;

use super::{
    TEAMS, a_risk, finish_required_items, in_a_week, lead, open_poll, reopen_a_required_qa_item,
    verdict, vote,
};
use crate::helpers::{TestApp, assert_redirects_to, texts};

#[tokio::test]
async fn go_appears_only_when_every_team_says_go_or_conditional_go_and_no_required_item_is_open() {
    let app = TestApp::spawn().await;
    let admin = open_poll(&app).await;
    let mut leads = Vec::new();
    for team in TEAMS {
        leads.push(lead(&app, team).await);
    }
    for lead in &leads[..4] {
        assert_redirects_to(
            &vote(lead, &[("vote", "go"), ("comment", "")]).await,
            "/golive",
        );
    }

    let (result, holds) = verdict(&admin).await;
    assert_eq!(result, "SUSPENDU");
    assert_eq!(holds[0], "Pas encore de vote : Support");
    assert!(
        holds.iter().any(|hold| hold.starts_with(
            "2.1 Préparation de l'environnement de production : 5 éléments requis ouverts"
        )),
        "{holds:?}"
    );

    let risk = a_risk(&app).await.to_string();
    let conditional = vote(
        &leads[4],
        &[
            ("vote", "conditional_go"),
            ("comment", "FAQ incomplète"),
            ("accepted_risk", &risk),
        ],
    )
    .await;
    assert_redirects_to(&conditional, "/golive");
    let (result, holds) = verdict(&admin).await;
    assert_eq!(result, "SUSPENDU", "required items are still open");
    assert!(
        !holds
            .iter()
            .any(|hold| hold.starts_with("Pas encore de vote"))
    );

    finish_required_items(&app).await;
    assert_eq!(verdict(&admin).await, ("GO".to_owned(), vec![]));
    assert_eq!(
        texts(&admin.page("/").await, "#overview-golive .big"),
        ["GO"]
    );
    assert_eq!(
        texts(&admin.page("/countdown").await, "#countdown-golive .big"),
        ["GO"]
    );

    let no_go = vote(
        &leads[2],
        &[
            ("vote", "no_go"),
            ("comment", "Régression"),
            ("decide_again_on", &in_a_week()),
        ],
    )
    .await;
    assert_redirects_to(&no_go, "/golive");
    assert_eq!(
        verdict(&admin).await.0,
        "SUSPENDU",
        "a team that changes to No-Go holds the launch"
    );
}

#[tokio::test]
async fn a_required_item_reopened_after_go_turns_the_result_back_to_hold() {
    let app = TestApp::spawn().await;
    let admin = open_poll(&app).await;
    for team in TEAMS {
        let lead = lead(&app, team).await;
        assert_redirects_to(
            &vote(&lead, &[("vote", "go"), ("comment", "")]).await,
            "/golive",
        );
    }
    finish_required_items(&app).await;
    assert_eq!(verdict(&admin).await.0, "GO");
    let phase = reopen_a_required_qa_item(&app).await;
    let page = admin.page("/golive").await;
    assert_eq!(texts(&page, "#golive-verdict .verdict"), ["SUSPENDU"]);
    assert_eq!(
        texts(&page, "#golive-verdict .holds li"),
        ["2.3 Tests de pré-production : 1 élément requis ouvert"]
    );
    let link = Selector::parse("#golive-verdict .holds a").unwrap();
    assert_eq!(
        page.select(&link).next().unwrap().value().attr("href"),
        Some(format!("/phases/{phase}").as_str())
    );

    assert_redirects_to(
        &admin.submit("/golive", "/golive/close", &[]).await,
        "/golive",
    );
    let decision: String = sqlx::query_scalar("select decision from golive_polls")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(decision, "hold");
    assert_eq!(
        app.count("activity_events", "kind = 'golive.decided_hold'")
            .await,
        1
    );
}
