//! `/api/v1` (issue 19) through HTTP with real tokens: a service token
//! scoped to DevOps `items:write` ticks DevOps items with evidence and
//! nothing else; the OpenAPI document validates against the OpenAPI 3.1
//! schema; cookies and CSRF-less form posts open nothing they should not.

use chrono::{Duration, Utc};
use launch_control::db::api_tokens::{self, NewToken};
use launch_control::domain::api_token::{Scope, TokenSecret};
use launch_control::domain::role::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, texts};

/// A DevOps service token made by `admin`; its secret.
async fn service_token(
    app: &TestApp,
    admin: Uuid,
    scopes: &[Scope],
    expires_at: Option<chrono::DateTime<Utc>>,
) -> (Uuid, String) {
    let secret = TokenSecret::from_random(rand::random());
    let team = app.team_id("devops").await;
    let mut conn = app.db.acquire().await.unwrap();
    let id = api_tokens::create(
        &mut conn,
        &NewToken {
            name: "CI — DevOps",
            team_id: Some(team),
            owner_id: None,
            scopes,
            secret_hash: &secret.hash(),
            created_by: Some(admin),
            expires_at,
        },
    )
    .await
    .unwrap();
    (id, secret.expose().to_owned())
}

/// The first item of `team`'s first phase.
async fn item_of(app: &TestApp, team: &str) -> Uuid {
    sqlx::query_scalar(
        "select i.id from checklist_items i join phases p on p.id = i.phase_id
         join teams t on t.id = p.team_id where t.key = $1
         order by p.position, i.position limit 1",
    )
    .bind(team)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// Posts `body` to the item's state with `token`, if any.
async fn tick(app: &TestApp, token: Option<&str>, item: Uuid, body: Value) -> reqwest::Response {
    let request = app
        .client
        .post(app.url(&format!("/api/v1/items/{item}/state")))
        .json(&body);
    let request = match token {
        Some(token) => request.bearer_auth(token),
        None => request,
    };
    request.send().await.unwrap()
}

/// A refusal's status, with its problem document's.
async fn problem(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json",
        "{status}"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], status.as_u16());
    (status, body)
}

#[tokio::test]
async fn a_devops_service_token_ticks_devops_items_with_evidence_and_nothing_else() {
    let app = TestApp::spawn().await;
    let admin = app
        .create_user("admin@example.org", "Ada Admin", Role::Admin)
        .await;
    let (_, token) = service_token(&app, admin, &[Scope::ItemsWrite], None).await;
    let devops = item_of(&app, "devops").await;
    let run = "https://github.com/lootopia/app/actions/runs/42";

    let ticked = tick(
        &app,
        Some(&token),
        devops,
        json!({ "state": "done", "version": 1, "evidence_url": run }),
    )
    .await;
    assert_eq!(ticked.status(), StatusCode::OK);
    let item: Value = ticked.json().await.unwrap();
    assert_eq!(item["state"], "done");
    assert_eq!(item["evidence_url"], run);
    assert_eq!(item["version"], 2);
    let event: (Uuid, Value) = sqlx::query_as(
        "select actor_id, after from activity_events where kind = 'item.state_changed'
         and subject_id = $1",
    )
    .bind(devops)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(event.0, admin, "the token's maker");
    assert_eq!(event.1["via"], "CI — DevOps", "the token");
    assert_eq!(event.1["evidence_url"], run);

    let viewer = app.visitor();
    app.login_as_in(&viewer, Role::Viewer, None).await;
    let page = viewer.page(&format!("/items/{devops}?lang=en")).await;
    let link = scraper::Selector::parse("a.evidence").unwrap();
    assert_eq!(
        page.select(&link).next().unwrap().value().attr("href"),
        Some(run)
    );
    assert!(
        texts(&page, "#item-history li")
            .iter()
            .any(|line| line.contains("Ada Admin, through the API token “CI — DevOps”")),
        "{:?}",
        texts(&page, "#item-history li")
    );

    let qa = item_of(&app, "qa").await;
    let refused = tick(
        &app,
        Some(&token),
        qa,
        json!({ "state": "done", "version": 1 }),
    )
    .await;
    assert_eq!(problem(refused).await.0, StatusCode::FORBIDDEN);

    let stale = tick(
        &app,
        Some(&token),
        devops,
        json!({ "state": "todo", "version": 1 }),
    )
    .await;
    let (status, body) = problem(stale).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["current_version"], 2);

    let bad_link = tick(
        &app,
        Some(&token),
        devops,
        json!({ "state": "todo", "version": 2, "evidence_url": "javascript:alert(1)" }),
    )
    .await;
    let (status, body) = problem(bad_link).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["field"], "evidence_url");
    assert_eq!(
        app.count(
            "checklist_items",
            &format!("id = '{devops}' and version = 2")
        )
        .await,
        1,
        "nothing stored by the refusals"
    );
}

#[tokio::test]
async fn no_token_a_revoked_or_an_expired_one_or_a_missing_scope_opens_nothing() {
    let app = TestApp::spawn().await;
    let admin = app
        .create_user("admin@example.org", "Ada Admin", Role::Admin)
        .await;
    let devops = item_of(&app, "devops").await;
    let body = json!({ "state": "done", "version": 1 });

    let (status, _) = problem(tick(&app, None, devops, body.clone()).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) =
        problem(tick(&app, Some("lct_not-a-token"), devops, body.clone()).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let (revoked, token) = service_token(&app, admin, &[Scope::ItemsWrite], None).await;
    api_tokens::revoke(&mut app.db.acquire().await.unwrap(), revoked)
        .await
        .unwrap();
    let (status, _) = problem(tick(&app, Some(&token), devops, body.clone()).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "revoked");

    let yesterday = Some(Utc::now() - Duration::days(1));
    let (_, expired) = service_token(&app, admin, &[Scope::ItemsWrite], yesterday).await;
    let (status, _) = problem(tick(&app, Some(&expired), devops, body.clone()).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "expired");

    let (_, reader) = service_token(&app, admin, &[Scope::Read], None).await;
    let (status, _) = problem(tick(&app, Some(&reader), devops, body.clone()).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "read only");
    let read = app
        .client
        .get(app.url(&format!("/api/v1/items/{devops}")))
        .bearer_auth(&reader)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK);
    assert_eq!(
        app.count("activity_events", "kind = 'item.state_changed'")
            .await,
        0
    );
}

#[tokio::test]
async fn a_session_cookie_opens_no_api_and_a_bearer_token_no_form() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let devops = item_of(&app, "devops").await;
    // Signed in as an admin, cookie and all, without a token.
    let (status, _) =
        problem(tick(&app, None, devops, json!({ "state": "done", "version": 1 })).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let (_, token) = service_token(&app, admin, &[Scope::ItemsWrite], None).await;
    let stranger = app.visitor();
    let form = stranger
        .client
        .post(stranger.url(&format!("/items/{devops}/state")))
        .bearer_auth(&token)
        .form(&[("state", "done"), ("version", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::FORBIDDEN, "no CSRF field");
    assert_eq!(
        app.count(
            "checklist_items",
            &format!("id = '{devops}' and state = 'done'")
        )
        .await,
        0
    );
}

#[tokio::test]
async fn the_openapi_document_validates_against_the_openapi_3_1_schema_and_lists_every_route() {
    let app = TestApp::spawn().await;
    let served = app.get("/api/v1/openapi.json").await;
    assert_eq!(served.status(), StatusCode::OK);
    let document: Value = served.json().await.unwrap();
    let schema: Value =
        serde_json::from_str(include_str!("../fixtures/openapi-3.1-schema.json")).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&document)
        .map(|error| format!("{} at {}", error, error.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    let mut paths: Vec<&str> = document["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "/api/v1/communications",
            "/api/v1/feedback",
            "/api/v1/items",
            "/api/v1/items/{id}",
            "/api/v1/items/{id}/state",
            "/api/v1/openapi.json",
            "/api/v1/plan",
            "/api/v1/poll",
            "/api/v1/risks",
        ]
    );
    // Every route the document lists answers (not 404/405): none is
    // described that the router lacks.
    for (path, operations) in document["paths"].as_object().unwrap() {
        let url = app.url(&path.replace("{id}", "00000000-0000-0000-0000-000000000000"));
        for method in operations.as_object().unwrap().keys() {
            let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let answer = app
                .client
                .request(method.clone(), &url)
                .send()
                .await
                .unwrap();
            assert!(
                ![StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED].contains(&answer.status()),
                "{method} {path} answers {}",
                answer.status()
            );
        }
    }
    let (status, _) = problem(app.get("/api/v1/nothing/here").await).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a problem past the routes too"
    );
    let docs = app.page("/api/docs?lang=en").await;
    let drawn = texts(&docs, "section.panel h2");
    for path in &paths {
        assert!(
            drawn.iter().any(|heading| heading.ends_with(path)),
            "{path} is drawn on /api/docs: {drawn:?}"
        );
    }
    let broken: Value = serde_json::json!({ "openapi": "3.1.0", "paths": {} });
    assert!(
        !validator.is_valid(&broken),
        "the validator refuses a document without info"
    );
}

#[tokio::test]
async fn a_token_over_its_rate_limit_waits_and_the_others_do_not() {
    let app = TestApp::spawn().await;
    let admin = app
        .create_user("admin@example.org", "Ada Admin", Role::Admin)
        .await;
    let (_, busy) = service_token(&app, admin, &[Scope::Read], None).await;
    let (_, calm) = service_token(&app, admin, &[Scope::Read], None).await;
    let item = format!("/api/v1/items/{}", item_of(&app, "devops").await);
    let read = |token: String| {
        let request = app.client.get(app.url(&item)).bearer_auth(token);
        async move { request.send().await.unwrap() }
    };
    let mut statuses = Vec::new();
    for _ in 0..=launch_control::api::RATE_BURST {
        statuses.push(read(busy.clone()).await.status());
    }
    assert!(
        statuses[..statuses.len() - 1]
            .iter()
            .all(|status| *status == StatusCode::OK),
        "{statuses:?}"
    );
    let over = read(busy.clone()).await;
    assert!(
        over.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
    let (status, _) = problem(over).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(read(calm).await.status(), StatusCode::OK, "another token");
}

/// Makes a token on `page` (`/admin/tokens` or `/account/tokens`) as
/// `visitor` with `fields`; the secret shown once.
async fn made_token(
    visitor: &crate::helpers::Visitor,
    page: &str,
    fields: &[(&str, &str)],
) -> String {
    let made = visitor.submit(page, page, fields).await;
    assert_eq!(made.status(), StatusCode::SEE_OTHER);
    let field = scraper::Selector::parse("#token-secret").unwrap();
    let secret = visitor
        .page(page)
        .await
        .select(&field)
        .next()
        .expect("the secret is shown")
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    assert!(
        visitor.page(page).await.select(&field).next().is_none(),
        "once"
    );
    secret
}

/// Makes a DevOps token with `scopes` on `/admin/tokens` as `admin`; the
/// secret shown once.
pub async fn token_made_by(
    admin: &crate::helpers::Visitor,
    app: &TestApp,
    scopes: &[&str],
) -> String {
    let team = app.team_id("devops").await.to_string();
    let mut fields = vec![
        ("name", "CI — DevOps"),
        ("team", team.as_str()),
        ("lifetime", "90"),
    ];
    fields.extend(scopes.iter().map(|scope| ("scope", *scope)));
    made_token(admin, "/admin/tokens", &fields).await
}

#[tokio::test]
async fn an_admin_makes_a_token_on_the_admin_page_and_revoking_it_stops_it() {
    let app = TestApp::spawn().await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    assert_eq!(
        lead.get("/admin/tokens").await.status(),
        StatusCode::FORBIDDEN
    );

    let team = app.team_id("devops").await.to_string();
    let refused = admin
        .submit(
            "/admin/tokens",
            "/admin/tokens",
            &[("name", "CI"), ("team", &team), ("lifetime", "90")],
        )
        .await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "no scope"
    );
    let form = scraper::Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&form, "#scopes-error"),
        ["Choisissez au moins une portée."]
    );
    assert_eq!(app.count("api_tokens", "true").await, 0);

    let secret = token_made_by(&admin, &app, &["items:write"]).await;
    assert_eq!(app.count("api_tokens", "secret_hash is not null").await, 1);
    assert_eq!(
        app.count(
            "api_tokens",
            &format!("secret_hash = sha256('{secret}'::bytea)")
        )
        .await,
        1,
        "only the hash is kept"
    );
    let devops = item_of(&app, "devops").await;
    let ticked = tick(
        &app,
        Some(&secret),
        devops,
        json!({ "state": "in_progress", "version": 1 }),
    )
    .await;
    assert_eq!(ticked.status(), StatusCode::OK);

    let token: Uuid = sqlx::query_scalar("select id from api_tokens")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let revoked = admin
        .submit(
            "/admin/tokens",
            &format!("/admin/tokens/{token}/revoke"),
            &[],
        )
        .await;
    assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
    let again = tick(
        &app,
        Some(&secret),
        devops,
        json!({ "state": "done", "version": 2 }),
    )
    .await;
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.count(
            "activity_events",
            "kind in ('token.issued', 'token.revoked')"
        )
        .await,
        2
    );
}

/// A GET of `path` with `token`: its status and JSON body.
async fn read(app: &TestApp, token: &str, path: &str) -> (StatusCode, Value) {
    let response = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

#[tokio::test]
async fn a_read_token_pages_through_a_teams_items_and_reads_the_plan_risks_poll_and_actions() {
    let app = TestApp::spawn().await;
    let admin = app
        .create_user("admin@example.org", "Ada Admin", Role::Admin)
        .await;
    let (_, token) = service_token(&app, admin, &[Scope::Read], None).await;
    let devops: Vec<Uuid> = sqlx::query_scalar(
        "select i.id from checklist_items i join phases p on p.id = i.phase_id
         join teams t on t.id = p.team_id where t.key = 'devops'
         order by p.position, i.position, i.id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(devops.len() > 3);

    let mut seen = Vec::new();
    let mut path = "/api/v1/items?team=devops&limit=3".to_owned();
    loop {
        let (status, page) = read(&app, &token, &path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 3);
        seen.extend(
            items
                .iter()
                .map(|item| item["id"].as_str().unwrap().parse::<Uuid>().unwrap()),
        );
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/items?team=devops&limit=3&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, devops, "every DevOps item once, in the plan's order");
    let (status, done) = read(&app, &token, "/api/v1/items?state=done").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        done["items"].as_array().unwrap().len(),
        0,
        "nothing done yet"
    );
    let (status, _) = read(&app, &token, "/api/v1/items?team=nobody").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = read(&app, &token, "/api/v1/items?limit=0").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let (status, plan) = read(&app, &token, "/api/v1/plan").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(plan["phases"].as_array().unwrap().len(), 8);
    assert_eq!(plan["time_zone"], "Europe/Paris");
    let (_, risks) = read(&app, &token, "/api/v1/risks").await;
    let risks_stored = app.count("risks", "true").await;
    assert_eq!(risks.as_array().unwrap().len() as i64, risks_stored);
    let (_, poll) = read(&app, &token, "/api/v1/poll").await;
    assert!(poll["poll"].is_null(), "no poll opened yet");
    assert_eq!(
        poll["votes"].as_array().unwrap().len() as i64,
        app.count("teams", "true").await
    );
    let (_, actions) = read(&app, &token, "/api/v1/communications").await;
    assert_eq!(
        actions.as_array().unwrap().len() as i64,
        app.count("communication_actions", "deleted_at is null")
            .await
    );
}

#[tokio::test]
async fn a_widget_token_sends_feedback_recorded_with_the_token() {
    let app = TestApp::spawn().await;
    let admin = app
        .create_user("admin@example.org", "Ada Admin", Role::Admin)
        .await;
    let (_, widget) = service_token(&app, admin, &[Scope::FeedbackWrite], None).await;
    let (_, reader) = service_token(&app, admin, &[Scope::Read], None).await;
    let send = |token: String, body: Value| {
        let request = app
            .client
            .post(app.url("/api/v1/feedback"))
            .bearer_auth(token)
            .json(&body);
        async move { request.send().await.unwrap() }
    };
    let body = json!({ "message": "The map freezes on level 3", "category": "bug", "rating": 2,
                       "email": "player@example.org", "language": "en" });
    let sent = send(widget.clone(), body.clone()).await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    let id: Value = sent.json().await.unwrap();
    assert_eq!(
        app.count(
            "feedback",
            &format!(
                "id = '{}' and category = 'bug' and locale = 'en'",
                id["id"].as_str().unwrap()
            )
        )
        .await,
        1
    );
    assert_eq!(
        app.count(
            "activity_events",
            "kind = 'feedback.created' and after->>'via' = 'CI — DevOps'"
        )
        .await,
        1
    );
    let (status, _) = problem(send(reader, body.clone()).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "no feedback:write");
    let (status, problem_body) = problem(
        send(
            widget,
            json!({ "message": "?", "category": "rant", "rating": 2 }),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_body["field"], "category");
    assert_eq!(app.count("feedback", "true").await, 1);
}

#[tokio::test]
async fn a_personal_token_does_what_its_owner_may_and_no_more() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    let lead_id = app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let secret = made_token(
        &lead,
        "/account/tokens",
        &[
            ("name", "my script"),
            ("lifetime", "30"),
            ("scope", "items:write"),
        ],
    )
    .await;
    let devops = item_of(&app, "devops").await;
    let ticked = tick(
        &app,
        Some(&secret),
        devops,
        json!({ "state": "in_progress", "version": 1 }),
    )
    .await;
    assert_eq!(ticked.status(), StatusCode::OK);
    assert_eq!(
        app.count(
            "activity_events",
            &format!("actor_id = '{lead_id}' and after->>'via' = 'my script'")
        )
        .await,
        1
    );
    let qa = item_of(&app, "qa").await;
    let (status, _) = problem(
        tick(
            &app,
            Some(&secret),
            qa,
            json!({ "state": "done", "version": 1 }),
        )
        .await,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "the lead may not tick QA's items"
    );

    let viewer = app.visitor();
    app.login_as_in(&viewer, Role::Viewer, None).await;
    let offered = texts(
        &viewer.page("/account/tokens").await,
        "input[name=scope] + code",
    );
    assert_eq!(offered, ["read"], "a viewer's token may only read");
    let refused = viewer
        .submit(
            "/account/tokens",
            "/account/tokens",
            &[
                ("name", "sneaky"),
                ("lifetime", "30"),
                ("scope", "items:write"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let token: Uuid = sqlx::query_scalar("select id from api_tokens where owner_id = $1")
        .bind(lead_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let stolen = viewer
        .submit(
            "/account/tokens",
            &format!("/account/tokens/{token}/revoke"),
            &[],
        )
        .await;
    assert_eq!(
        stolen.status(),
        StatusCode::FORBIDDEN,
        "not the viewer's token"
    );
    let revoked = lead
        .submit(
            "/account/tokens",
            &format!("/account/tokens/{token}/revoke"),
            &[],
        )
        .await;
    assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
    let (status, _) = problem(
        tick(
            &app,
            Some(&secret),
            devops,
            json!({ "state": "done", "version": 2 }),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_tick_while_the_plans_copy_refills_holds_no_connection_the_refill_needs() {
    let app = TestApp::spawn().await;
    let admin = app
        .create_user("admin@example.org", "Ada Admin", Role::Admin)
        .await;
    let (_, token) = service_token(&app, admin, &[Scope::ItemsWrite], None).await;
    let devops = item_of(&app, "devops").await;
    // Every connection of the app's pool busy elsewhere but one.
    let max = app.db.options().get_max_connections();
    let free = || max - app.db.size() + u32::try_from(app.db.num_idle()).unwrap();
    let mut busy = Vec::new();
    while free() > 1 {
        busy.push(app.db.acquire().await.unwrap());
    }
    app.plan_edited();

    let ticked = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        tick(
            &app,
            Some(&token),
            devops,
            json!({ "state": "done", "version": 1 }),
        ),
    )
    .await
    .expect("the plan's copy refills on the one free connection, then the tick takes it");
    assert_eq!(ticked.status(), StatusCode::OK);
    drop(busy);
}
