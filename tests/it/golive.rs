//! The Go / No-Go poll: who votes, what a vote needs, and when the launch is GO.

use chrono::{Duration, Utc};
use chrono_tz::Europe::Paris;
use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::{Html, Selector};
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, assert_redirects_to, texts};

/// Every team of the seeded plan, in its order.
const TEAMS: [&str; 5] = ["devops", "developpement", "qa", "marketing", "support"];

/// A signed-in admin who has opened the poll.
async fn open_poll(app: &TestApp) -> Visitor {
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    assert_redirects_to(
        &admin.submit("/golive", "/golive/open", &[]).await,
        "/golive",
    );
    admin
}

/// The lead of the team with this key, signed in.
async fn lead(app: &TestApp, team: &str) -> Visitor {
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some(team)).await;
    lead
}

/// Posts a vote from the page's form (its CSRF token and the vote it was drawn from).
async fn vote(visitor: &Visitor, fields: &[(&str, &str)]) -> reqwest::Response {
    let page = visitor.page("/golive").await;
    let current = Selector::parse("input[name=current]").unwrap();
    let drawn_from = page
        .select(&current)
        .next()
        .and_then(|input| input.value().attr("value"))
        .unwrap_or_default()
        .to_owned();
    let mut fields = fields.to_vec();
    fields.push(("current", &drawn_from));
    visitor.submit("/golive", "/golive", &fields).await
}

fn in_a_week() -> String {
    (Utc::now().with_timezone(&Paris).date_naive() + Duration::days(7))
        .format("%Y-%m-%d")
        .to_string()
}

async fn a_risk(app: &TestApp) -> Uuid {
    sqlx::query_scalar("select id from risks order by title limit 1")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Arranges every required item done, straight in the database.
async fn finish_required_items(app: &TestApp) {
    sqlx::query("update checklist_items set state = 'done', done_at = now(), version = version + 1 where required")
        .execute(&app.db)
        .await
        .unwrap();
}

async fn verdict(visitor: &Visitor) -> (String, Vec<String>) {
    let page = visitor.page("/golive").await;
    (
        texts(&page, "#golive-verdict .verdict").join(""),
        texts(&page, "#golive-verdict .holds li"),
    )
}

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
    assert_eq!(result, "HOLD");
    assert!(
        holds
            .iter()
            .any(|hold| hold.starts_with("DevOps : No-Go — Tests de charge non faits")),
        "{holds:?}"
    );
}

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
    assert_eq!(result, "HOLD");
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
    assert_eq!(result, "HOLD", "required items are still open");
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
        "HOLD",
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
    let (item, phase, version): (Uuid, Uuid, i32) = sqlx::query_as(
        "select i.id, i.phase_id, i.version from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.3' and i.required order by i.position limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let qa = app.visitor();
    app.login_as_in(&qa, Role::Member, Some("qa")).await;

    let reopened = qa
        .submit(
            &format!("/phases/{phase}"),
            &format!("/items/{item}/state"),
            &[("state", "todo"), ("version", &version.to_string())],
        )
        .await;

    assert_eq!(reopened.status(), StatusCode::SEE_OTHER);
    let page = admin.page("/golive").await;
    assert_eq!(texts(&page, "#golive-verdict .verdict"), ["HOLD"]);
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
        ["Clore le vote : décision HOLD"]
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
    assert_eq!(app.count("golive_votes", "true").await, 0);
    assert_eq!(app.count("golive_polls", "closed_at is null").await, 1);
    assert_eq!(
        app.count("activity_events", "kind = 'golive.opened'").await,
        1
    );
}
