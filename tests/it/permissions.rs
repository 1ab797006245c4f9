//! PRODUCT.md's permission table, cell by cell, through HTTP: what a role may
//! do succeeds, the rest answers 403 and changes nothing.

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::Html;

use crate::helpers::{TestApp, Visitor, texts};

const DASHBOARDS: [&str; 3] = ["/", "/timeline", "/my"];

/// One visitor signed in per role, leads and members in DevOps.
async fn everyone(app: &TestApp) -> Vec<(Role, Visitor)> {
    let mut signed_in = Vec::new();
    for role in [Role::Viewer, Role::Member, Role::Lead, Role::Admin] {
        let visitor = app.visitor();
        let team = (role != Role::Admin && role != Role::Viewer).then_some("devops");
        app.login_as_in(&visitor, role, team).await;
        signed_in.push((role, visitor));
    }
    signed_in
}

#[tokio::test]
async fn every_role_reads_the_dashboards_and_the_public_does_not() {
    let app = TestApp::spawn().await;
    for (role, visitor) in everyone(&app).await {
        for path in DASHBOARDS {
            assert_eq!(
                visitor.get(path).await.status(),
                StatusCode::OK,
                "{role:?} {path}"
            );
        }
    }
    for path in DASHBOARDS {
        assert_eq!(
            app.visitor().get(path).await.status(),
            StatusCode::SEE_OTHER,
            "public {path}"
        );
    }
}

#[tokio::test]
async fn only_admins_reach_users_and_plan_settings_and_others_change_nothing() {
    let app = TestApp::spawn().await;
    let users_before = app.count("users", "true").await;
    for (role, visitor) in everyone(&app).await {
        let expected = if role == Role::Admin {
            StatusCode::OK
        } else {
            StatusCode::FORBIDDEN
        };
        for path in [
            "/admin/users",
            "/admin/plan",
            "/phases/new",
            "/admin/plans",
            "/admin/plans/import",
            "/admin/plans/copy",
            "/admin/webhooks",
            "/admin/tokens",
        ] {
            assert_eq!(
                visitor.get(path).await.status(),
                expected,
                "{role:?} GET {path}"
            );
        }
        if role == Role::Admin {
            continue;
        }
        let response = visitor
            .submit(
                "/timeline",
                "/admin/users",
                &[
                    ("email", "intruder@example.org"),
                    ("name", "I"),
                    ("role", "admin"),
                    ("team", ""),
                ],
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "{role:?} POST /admin/users"
        );
        let page = Html::parse_document(&response.text().await.unwrap());
        assert_eq!(
            texts(&page, "h1"),
            ["Accès refusé"],
            "the 403 page is in the user's language"
        );
    }
    assert_eq!(app.count("users", "true").await, users_before + 4);
    assert_eq!(
        app.count("users", "email = 'intruder@example.org'").await,
        0
    );
}

#[tokio::test]
async fn the_admin_links_are_shown_to_admins_only() {
    let app = TestApp::spawn().await;
    for (role, visitor) in everyone(&app).await {
        let links = texts(&visitor.page("/").await, ".mainnav a");
        assert_eq!(
            links.contains(&"Utilisateurs".to_owned()),
            role == Role::Admin,
            "{role:?}"
        );
    }
}

#[tokio::test]
async fn a_state_changing_request_without_or_with_a_wrong_csrf_token_is_refused() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Admin).await;
    let fields = [
        ("email", "new@example.org"),
        ("name", "New"),
        ("role", "viewer"),
        ("team", ""),
    ];

    let without = app.post_raw("/admin/users", &fields).await;
    let mut wrong = fields.to_vec();
    wrong.push(("csrf", "0000"));
    let with_wrong = app.post_raw("/admin/users", &wrong).await;

    assert_eq!(without.status(), StatusCode::FORBIDDEN);
    assert_eq!(with_wrong.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("users", "email = 'new@example.org'").await, 0);
}

#[tokio::test]
async fn every_page_carries_the_security_headers_and_the_cookie_its_flags() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Admin).await;
    for path in [
        "/login",
        "/",
        "/timeline",
        "/admin/users",
        "/nope",
        "/healthz",
        "/static/app.css",
    ] {
        let response = app.get(path).await;
        let headers = response.headers();
        for name in [
            "content-security-policy",
            "x-content-type-options",
            "referrer-policy",
            "x-frame-options",
        ] {
            assert!(headers.contains_key(name), "{path} lacks {name}");
        }
        assert!(
            headers["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'")
        );
    }
    let cookie = app.visitor().get("/login").await.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
}

#[tokio::test]
async fn an_oversized_form_gets_a_413_page() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Admin).await;
    let huge = "x".repeat(300 * 1024);

    let response = app
        .submit("/admin/users", "/admin/users", &[("name", &huge)])
        .await;

    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let page = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(texts(&page, "h1"), ["Envoi trop volumineux"]);
}

#[tokio::test]
async fn viewers_and_other_teams_neither_vote_nor_triage_and_change_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    assert_eq!(
        admin.submit("/golive", "/golive/open", &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    let feedback: uuid::Uuid = sqlx::query_scalar(
        "insert into feedback (plan_id, message, category, rating) select id, 'Le jeu plante', 'bug', 2 from plans returning id",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let entry = format!("/feedback/{feedback}");
    let viewer = app.visitor();
    app.login_as_in(&viewer, Role::Viewer, None).await;
    let devops_lead = app.visitor();
    app.login_as_in(&devops_lead, Role::Lead, Some("devops"))
        .await;

    for visitor in [&viewer, &devops_lead] {
        let triage = visitor
            .submit(
                &entry,
                &entry,
                &[("status", "acknowledged"), ("version", "1")],
            )
            .await;
        assert_eq!(triage.status(), StatusCode::FORBIDDEN, "triage");
        let tag = visitor
            .submit(&entry, &format!("{entry}/tags"), &[("tag", "crash")])
            .await;
        assert_eq!(tag.status(), StatusCode::FORBIDDEN, "tags");
    }
    let vote = viewer
        .submit("/golive", "/golive", &[("vote", "go"), ("comment", "")])
        .await;
    assert_eq!(
        vote.status(),
        StatusCode::FORBIDDEN,
        "a viewer does not vote"
    );

    assert_eq!(app.count("golive_votes", "true").await, 0);
    assert_eq!(app.count("feedback", "status = 'new'").await, 1);
    assert_eq!(app.count("feedback_tags", "true").await, 0);
}

#[tokio::test]
async fn a_phase_drawn_for_one_viewer_shows_another_only_the_buttons_they_may_use() {
    let app = TestApp::spawn().await;
    // Two members: neither edits items, only the DevOps one ticks 2.1's.
    let devops = app.visitor();
    app.login_as_in(&devops, Role::Member, Some("devops")).await;
    let qa = app.visitor();
    app.login_as_in(&qa, Role::Member, Some("qa")).await;
    let (item, phase) = crate::helpers::first_item_of_first_phase(&app).await;
    let path = format!("/phases/{phase}");
    let tick = format!("#done-{item}");

    // Reading commits nothing: the later pages find the first one's rows
    // held, and must draw their own where their buttons differ.
    let ticks = |page: &Html| texts(page, &tick).len();
    assert_eq!(ticks(&devops.page(&path).await), 1);
    assert_eq!(ticks(&qa.page(&path).await), 0);
    assert_eq!(ticks(&devops.page(&path).await), 1);
}
