//! Votes: what a vote needs, who casts it, and the record of every vote.

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::{Html, Selector};

use super::{in_a_week, lead, open_poll, verdict, vote};
use crate::helpers::{TestApp, assert_redirects_to, texts};

#[tokio::test]
async fn a_no_go_without_a_reason_or_a_date_is_refused_beside_the_fields_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    open_poll(&app).await;
    let devops = lead(&app, "devops").await;

    let refused = vote(
        &devops,
        &[("vote", "no_go"), ("comment", " "), ("decide_again_on", "")],
    )
    .await;

    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&page, "#golive-ballot .field-error"),
        [
            "Indiquez la raison du No-Go.",
            "Indiquez la date à laquelle l'équipe décidera à nouveau."
        ]
    );
    let checked = Selector::parse("input[name=vote][checked]").unwrap();
    assert_eq!(
        page.select(&checked).next().unwrap().value().attr("value"),
        Some("no_go")
    );
    let without_date = vote(
        &devops,
        &[("vote", "no_go"), ("comment", "Tests de charge non faits")],
    )
    .await;
    assert_eq!(without_date.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let without_risk = vote(&devops, &[("vote", "conditional_go"), ("comment", "")]).await;
    assert_eq!(without_risk.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("golive_votes", "true").await, 0);
    assert_eq!(
        app.count("activity_events", "kind like 'golive.voted%'")
            .await,
        0
    );

    let week = in_a_week();
    let accepted = vote(
        &devops,
        &[
            ("vote", "no_go"),
            ("comment", "Tests de charge non faits"),
            ("decide_again_on", &week),
        ],
    )
    .await;
    assert_redirects_to(&accepted, "/golive");
    let (result, holds) = verdict(&devops).await;
    assert_eq!(result, "SUSPENDU");
    assert!(
        holds
            .iter()
            .any(|hold| hold.starts_with("DevOps : No-Go — Tests de charge non faits")),
        "{holds:?}"
    );
}

#[tokio::test]
async fn a_lead_changes_their_vote_while_open_and_the_record_keeps_every_vote() {
    let app = TestApp::spawn().await;
    let admin = open_poll(&app).await;
    let qa = lead(&app, "qa").await;

    assert_redirects_to(
        &vote(
            &qa,
            &[
                ("vote", "no_go"),
                ("comment", "Bugs bloquants"),
                ("decide_again_on", &in_a_week()),
            ],
        )
        .await,
        "/golive",
    );
    assert_redirects_to(
        &vote(&qa, &[("vote", "go"), ("comment", "Corrigés")]).await,
        "/golive",
    );

    let page = qa.page("/golive").await;
    assert_eq!(texts(&page, "#golive-teams tr.vote-go th"), ["QA"]);
    let history = texts(&page, "#golive-history li");
    assert_eq!(history.len(), 2);
    assert!(
        history[0].contains("QA · Go — Corrigés")
            && history[1].contains("QA · No-Go — Bugs bloquants"),
        "{history:?}"
    );
    assert_eq!(app.count("golive_votes", "true").await, 2);
    assert_eq!(
        app.count("activity_events", "kind = 'golive.voted_no_go'")
            .await,
        1
    );
    let before: serde_json::Value =
        sqlx::query_scalar("select before from activity_events where kind = 'golive.voted_go'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(before["vote"], "no_go");
    let feed = texts(&admin.page("/activity").await, "#activity-feed li");
    assert!(feed[0].contains("a voté Go pour QA"), "{}", feed[0]);

    assert_redirects_to(
        &admin.submit("/golive", "/golive/close", &[]).await,
        "/golive",
    );
    let late = vote(
        &qa,
        &[
            ("vote", "no_go"),
            ("comment", "Trop tard"),
            ("decide_again_on", &in_a_week()),
        ],
    )
    .await;
    assert_eq!(late.status(), StatusCode::CONFLICT, "no vote once closed");
    let page = Html::parse_document(&late.text().await.unwrap());
    assert_eq!(
        texts(&page, ".alert"),
        ["Le vote a été clos entre-temps : votre vote n'a pas été enregistré."]
    );
    assert!(texts(&page, "#golive-ballot").is_empty());
    assert_eq!(app.count("golive_votes", "true").await, 2);
}

#[tokio::test]
async fn a_vote_drawn_before_another_vote_of_the_team_is_refused_and_nothing_is_lost() {
    let app = TestApp::spawn().await;
    open_poll(&app).await;
    let (first, second) = (lead(&app, "devops").await, app.visitor());
    app.create_user_in(
        "second-lead@example.org",
        "Second lead",
        Role::Lead,
        Some("devops"),
    )
    .await;
    crate::helpers::assert_redirects_to(
        &second
            .login("second-lead@example.org", crate::helpers::PASSWORD)
            .await,
        "/",
    );
    let stale_page = second.page("/golive").await;
    assert_redirects_to(
        &vote(&first, &[("vote", "go"), ("comment", "")]).await,
        "/golive",
    );

    let token = crate::helpers::csrf_token(&stale_page);
    let stale = second
        .post_raw(
            "/golive",
            &[
                ("vote", "no_go"),
                ("comment", "Non"),
                ("decide_again_on", &in_a_week()),
                ("current", ""),
                ("csrf", &token),
            ],
        )
        .await;

    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let page = Html::parse_document(&stale.text().await.unwrap());
    assert!(texts(&page, "#golive-ballot .alert")[0].starts_with("Un autre vote a été enregistré"));
    assert_eq!(app.count("golive_votes", "vote = 'go'").await, 1);
    assert_eq!(app.count("golive_votes", "vote = 'no_go'").await, 0);
}

#[tokio::test]
async fn only_team_leads_vote_and_only_admins_open_and_close_the_poll() {
    let app = TestApp::spawn().await;
    let member = app.visitor();
    app.login_as_in(&member, Role::Member, Some("devops")).await;
    let lead = lead(&app, "qa").await;

    let early = lead.submit("/golive", "/golive/open", &[]).await;
    assert_eq!(early.status(), StatusCode::FORBIDDEN);
    assert!(
        texts(&lead.page("/golive").await, "#golive-ballot").is_empty(),
        "no form before the poll opens"
    );
    let admin = open_poll(&app).await;

    let admin_page = admin.page("/golive").await;
    assert_eq!(
        texts(&admin_page, "form[action='/golive/close'] button"),
        ["Clore le vote : décision SUSPENDU"]
    );
    assert!(
        texts(&admin_page, "#golive-ballot").is_empty(),
        "admins do not vote"
    );
    assert!(
        texts(&member.page("/golive").await, "form").len() == 1,
        "a member only has the logout form"
    );
    assert_eq!(
        texts(&lead.page("/golive").await, "#golive-ballot h2"),
        ["Votre vote · QA"]
    );
    for (who, action) in [
        (&member, "/golive"),
        (&admin, "/golive"),
        (&lead, "/golive/close"),
    ] {
        let response = who
            .submit("/golive", action, &[("vote", "go"), ("comment", "")])
            .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{action}");
    }
    let twice = admin.submit("/golive", "/golive/open", &[]).await;
    assert_redirects_to(&twice, "/golive");
    assert_eq!(
        texts(&admin.page("/golive").await, ".flash"),
        ["Un vote est déjà ouvert."]
    );
    assert_eq!(app.count("golive_votes", "true").await, 0);
    assert_eq!(app.count("golive_polls", "closed_at is null").await, 1);
    assert_eq!(
        app.count("activity_events", "kind = 'golive.opened'").await,
        1
    );
}
