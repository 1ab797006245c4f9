use launch_control::db::items;
use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::Html;
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, assert_redirects_to, texts};
use crate::queries;

/// The first item of a phase (by section), with its phase id.
async fn first_item(app: &TestApp, section: &str) -> (Uuid, Uuid) {
    sqlx::query_as(
        "select i.id, i.phase_id from checklist_items i join phases p on p.id = i.phase_id
         where p.section = $1 order by i.position limit 1",
    )
    .bind(section)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn item_state(app: &TestApp, id: Uuid) -> (String, Option<String>, i32) {
    sqlx::query_as("select state, blocked_reason, version from checklist_items where id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Posts a state change as `visitor`, drawn from the phase page (its CSRF token).
async fn post_state(
    visitor: &Visitor,
    phase: Uuid,
    item: Uuid,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    visitor
        .submit(
            &format!("/phases/{phase}"),
            &format!("/items/{item}/state"),
            fields,
        )
        .await
}

#[tokio::test]
async fn a_lead_ticks_blocks_and_reopens_an_item_of_their_team_and_each_change_is_in_the_history() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = first_item(&app, "2.1").await;

    let done = post_state(&lead, phase, item, &[("state", "done"), ("version", "1")]).await;
    assert_redirects_to(&done, &format!("/phases/{phase}#item-{item}"));
    let blocked = post_state(
        &lead,
        phase,
        item,
        &[
            ("state", "blocked"),
            ("reason", "Le certificat TLS n'est pas livré"),
            ("version", "2"),
        ],
    )
    .await;
    assert_eq!(blocked.status(), StatusCode::SEE_OTHER);
    let reopened = post_state(&lead, phase, item, &[("state", "todo"), ("version", "3")]).await;
    assert_eq!(reopened.status(), StatusCode::SEE_OTHER);

    assert_eq!(item_state(&app, item).await, ("todo".into(), None, 4));
    let history = texts(&lead.page(&format!("/items/{item}")).await, "ol.history li");
    assert_eq!(history.len(), 3);
    assert!(
        history[0].contains("Test lead devops") && history[0].contains("Bloqué → À faire"),
        "{}",
        history[0]
    );
    assert!(history[1].contains("Le certificat TLS n'est pas livré"));
    let feed = texts(&lead.page("/activity").await, "#activity-feed li");
    assert!(
        feed[0].contains(
            "Test lead devops : « Sélection de l'Hébergeur : Utilisation de Microsoft Azure"
        ),
        "{}",
        feed[0]
    );
    assert!(
        feed[0].ends_with("Bloqué → À faire"),
        "the newest event comes first: {}",
        feed[0]
    );
    assert_eq!(
        feed.iter()
            .filter(|line| line.contains("Test lead devops :"))
            .count(),
        3
    );
}

#[tokio::test]
async fn blocking_without_a_reason_is_refused_beside_the_field_and_nothing_changes() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = first_item(&app, "2.1").await;

    let refused = post_state(
        &lead,
        phase,
        item,
        &[("state", "blocked"), ("reason", "  "), ("version", "1")],
    )
    .await;

    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&page, &format!("#item-{item} .field-error")),
        ["Indiquez pourquoi l'élément est bloqué."]
    );
    assert_eq!(item_state(&app, item).await, ("todo".into(), None, 1));
    assert_eq!(
        app.count("activity_events", "kind = 'item.state_changed'")
            .await,
        0
    );
}

#[tokio::test]
async fn members_tick_their_teams_and_their_own_items_but_not_another_teams_and_viewers_tick_nothing()
 {
    let app = TestApp::spawn().await;
    let (devops_item, devops_phase) = first_item(&app, "2.1").await;
    let (qa_item, qa_phase) = first_item(&app, "2.3").await;
    let member = app.visitor();
    let member_id = app.login_as_in(&member, Role::Member, Some("devops")).await;
    let viewer = app.visitor();
    app.login_as_in(&viewer, Role::Viewer, None).await;
    let other_lead = app.visitor();
    app.login_as_in(&other_lead, Role::Lead, Some("qa")).await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;

    let tick = [("state", "done"), ("version", "1")];
    assert_eq!(
        post_state(&viewer, devops_phase, devops_item, &tick)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post_state(&other_lead, devops_phase, devops_item, &tick)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post_state(&member, qa_phase, qa_item, &tick).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        item_state(&app, devops_item).await.0,
        "todo",
        "refusals change nothing"
    );
    assert_eq!(item_state(&app, qa_item).await.0, "todo");
    let viewer_page = viewer.page(&format!("/phases/{devops_phase}")).await;
    assert!(
        texts(&viewer_page, "td.actions form").is_empty(),
        "no control is shown to a viewer"
    );

    assert_eq!(
        post_state(&member, devops_phase, devops_item, &tick)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    sqlx::query("update checklist_items set assignee_id = $1 where id = $2")
        .bind(member_id)
        .bind(qa_item)
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(
        post_state(&member, qa_phase, qa_item, &tick).await.status(),
        StatusCode::SEE_OTHER,
        "their own item elsewhere"
    );
    let (other, other_phase) = first_item(&app, "3.1").await;
    assert_eq!(
        post_state(&admin, other_phase, other, &tick).await.status(),
        StatusCode::SEE_OTHER,
        "admins tick all"
    );
}

#[tokio::test]
async fn two_ticks_of_the_same_item_at_the_same_moment_let_exactly_one_win() {
    let app = TestApp::spawn().await;
    let (item, phase) = first_item(&app, "2.1").await;
    let (first, second) = (app.visitor(), app.visitor());
    app.login_as_in(&first, Role::Lead, Some("devops")).await;
    app.login_as_in(&second, Role::Admin, None).await;
    let phase_page = format!("/phases/{phase}");
    let tokens = (
        crate::helpers::csrf_token(&first.page(&phase_page).await),
        crate::helpers::csrf_token(&second.page(&phase_page).await),
    );
    let action = format!("/items/{item}/state");

    let tick = [
        ("state", "done"),
        ("version", "1"),
        ("csrf", tokens.0.as_str()),
    ];
    let block = [
        ("state", "blocked"),
        ("reason", "DNS"),
        ("version", "1"),
        ("csrf", tokens.1.as_str()),
    ];
    let (done, blocked) = tokio::join!(
        first.post_raw(&action, &tick),
        second.post_raw(&action, &block)
    );

    let statuses = [done.status(), blocked.status()];
    assert!(
        statuses.contains(&StatusCode::SEE_OTHER) && statuses.contains(&StatusCode::CONFLICT),
        "{statuses:?}"
    );
    let winner = if done.status() == StatusCode::SEE_OTHER {
        "done"
    } else {
        "blocked"
    };
    let loser = if winner == "done" { blocked } else { done };
    assert_eq!(item_state(&app, item).await.0, winner);
    assert_eq!(item_state(&app, item).await.2, 2);
    let page = Html::parse_document(&loser.text().await.unwrap());
    assert_eq!(
        texts(&page, &format!("#item-{item} [role=alert]")).len(),
        1,
        "the loser sees the item as it is, and their attempt"
    );
    assert_eq!(
        app.count("activity_events", "kind = 'item.state_changed'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_lead_adds_edits_assigns_reorders_and_deletes_items_and_a_member_cannot() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("qa")).await;
    let member = app.visitor();
    let member_id = app.login_as_in(&member, Role::Member, Some("qa")).await;
    let (_, phase) = first_item(&app, "2.3").await;
    let phase_page = format!("/phases/{phase}");
    let add = format!("/phases/{phase}/items");
    let fields = [
        ("title", "Test de montée en charge à 10 000 joueurs"),
        ("due_day", "14"),
        ("required", "on"),
    ];

    let invalid = lead
        .submit(&phase_page, &add, &[("title", ""), ("due_day", "99")])
        .await;
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        member.submit(&phase_page, &add, &fields).await.status(),
        StatusCode::FORBIDDEN
    );
    let added = lead.submit(&phase_page, &add, &fields).await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let item: Uuid =
        sqlx::query_scalar("select id from checklist_items where title like 'Test de montée%'")
            .fetch_one(&app.db)
            .await
            .unwrap();

    let page = format!("/items/{item}");
    let assignee = member_id.to_string();
    let edit = [
        ("title", "Test de charge à 10 000 joueurs"),
        ("due_day", "15"),
        ("assignee", assignee.as_str()),
        ("version", "1"),
    ];
    assert_eq!(
        member.submit(&page, &page, &edit).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_redirects_to(&lead.submit(&page, &page, &edit).await, &page);
    let (title, due, assignee_id, required): (String, i32, Option<Uuid>, bool) = sqlx::query_as(
        "select title, due_day, assignee_id, required from checklist_items where id = $1",
    )
    .bind(item)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(
        (title.as_str(), due, assignee_id, required),
        (
            "Test de charge à 10 000 joueurs",
            15,
            Some(member_id),
            false
        )
    );
    let outsider = app
        .create_user_in(
            "dev@example.org",
            "Dev",
            Role::Member,
            Some("developpement"),
        )
        .await
        .to_string();
    let foreign = lead
        .submit(
            &page,
            &page,
            &[
                ("title", "x"),
                ("due_day", "15"),
                ("assignee", outsider.as_str()),
                ("version", "2"),
            ],
        )
        .await;
    assert_eq!(
        foreign.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "assignees come from the team"
    );

    assert_eq!(
        lead.submit(
            &phase_page,
            &format!("/items/{item}/move"),
            &[("direction", "up"), ("version", "2")]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    let order = texts(&lead.page(&phase_page).await, "tr.item .item-title");
    assert_eq!(order[order.len() - 2], "Test de charge à 10 000 joueurs");

    assert_eq!(
        lead.submit(&page, &format!("/items/{item}/delete"), &[("version", "1")])
            .await
            .status(),
        StatusCode::CONFLICT
    );
    let version: i32 = sqlx::query_scalar("select version from checklist_items where id = $1")
        .bind(item)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let deleted = lead
        .submit(
            &page,
            &format!("/items/{item}/delete"),
            &[("version", &version.to_string())],
        )
        .await;
    assert_redirects_to(&deleted, &phase_page);
    assert_eq!(
        app.count(
            "checklist_items",
            &format!("id = '{item}' and deleted_at is not null")
        )
        .await,
        1,
        "deleting puts the item in the trash"
    );
    let kinds = app
        .count(
            "activity_events",
            "kind in ('item.created', 'item.updated', 'item.moved', 'item.deleted')",
        )
        .await;
    assert_eq!(kinds, 4);
}

#[tokio::test]
async fn my_items_lists_late_ones_first_and_teams_count_open_late_and_blocked() {
    let app = TestApp::spawn().await;
    let member = app.visitor();
    let member_id = app.login_as_in(&member, Role::Member, Some("devops")).await;
    sqlx::query("update plans set kickoff_date = kickoff_date - 20")
        .execute(&app.db)
        .await
        .unwrap();
    app.plan_edited();
    sqlx::query(
        "update checklist_items set assignee_id = $1 where id in
         (select i.id from checklist_items i join phases p on p.id = i.phase_id where p.section in ('2.1', '3.1'))",
    )
    .bind(member_id)
    .execute(&app.db)
    .await
    .unwrap();

    let rows = texts(&member.page("/my").await, "tr.item");
    assert_eq!(rows.len(), 10);
    assert!(
        rows[..5].iter().all(|row| row.contains("en retard")),
        "the five late items of 2.1 come first"
    );
    let devops = texts(&member.page("/teams").await, "section.team")
        .into_iter()
        .find(|team| team.starts_with("DevOps"))
        .unwrap();
    assert!(
        devops.contains("Éléments ouverts 11") && devops.contains("En retard 11"),
        "{devops}"
    );
}

#[tokio::test]
async fn the_checklist_exports_as_csv_with_formulas_neutralised() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;
    sqlx::query("update checklist_items set title = '=HYPERLINK(\"x\")' where position = 0 and phase_id = (select id from phases where section = '2.1')")
        .execute(&app.db)
        .await
        .unwrap();

    let response = app.get("/items.csv").await;

    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let body = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    assert_eq!(reader.headers().unwrap().get(3), Some("Élément"));
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 32);
    assert_eq!(&records[0][3], "'=HYPERLINK(\"x\")");
}

#[tokio::test]
async fn a_phase_page_costs_the_same_queries_whatever_its_number_of_items() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (_, phase) = first_item(&app, "2.1").await;
    let path = format!("/phases/{phase}");
    lead.page(&path).await;

    let with_five = queries::for_page(&app.db, &lead, &path).await;
    sqlx::query(
        "insert into checklist_items (phase_id, title, due_day, position, assignee_id, changed_by, changed_at)
         select $1, 'Élément ' || n, 5, 10 + n, u.id, u.id, now() from generate_series(1, 200) n, users u",
    )
    .bind(phase)
    .execute(&app.db)
    .await
    .unwrap();
    let with_two_hundred_and_five = queries::for_page(&app.db, &lead, &path).await;

    assert!(with_five > 0, "the counter sees the queries");
    assert_eq!(with_five, with_two_hundred_and_five);
    println!("a phase page runs {with_five} SQL statements, sessions included");
}

#[tokio::test]
async fn an_item_state_the_code_does_not_know_answers_the_error_page_and_is_logged_not_shown_as_todo()
 {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;
    let (item, phase) = first_item(&app, "2.1").await;
    let constraint: String = sqlx::query_scalar(
        "select conname::text from pg_constraint
         where conrelid = 'checklist_items'::regclass and contype = 'c'
           and pg_get_constraintdef(oid) like '%in_progress%'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    sqlx::query(&format!(
        "alter table checklist_items drop constraint {constraint}"
    ))
    .execute(&app.db)
    .await
    .unwrap();
    sqlx::query("update checklist_items set state = 'archived' where id = $1")
        .bind(item)
        .execute(&app.db)
        .await
        .unwrap();
    let traced = queries::get(&app, &format!("/phases/{phase}")).await;

    assert_eq!(traced.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(traced.content_type.starts_with("text/html"));
    let page = Html::parse_document(&traced.body);
    assert_eq!(texts(&page, "h1"), ["Erreur inattendue"]);
    assert!(
        texts(&page, &format!("#item-{item}")).is_empty(),
        "the item is not shown"
    );
    let logged = traced.record.errors.join("\n");
    assert!(
        logged.contains("request failed") && logged.contains("archived"),
        "the failure is logged with its cause: {logged}"
    );
}

/// A tick reads only what its move needs (`items::find_movable`): for every
/// item of the plan, in each case a move depends on (assigned or not,
/// blocked with a reason, with a launch-day twin or without), it reads what
/// the page's whole read of the item holds; an item in the trash is not
/// found.
#[tokio::test]
async fn an_item_read_for_a_move_is_the_item_as_its_page_reads_it() {
    let app = TestApp::spawn().await;
    let lead = app.login_as(Role::Lead).await;
    let (assigned, phase) = first_item(&app, "2.1").await;
    sqlx::query(
        "update checklist_items set state = 'blocked', blocked_reason = 'Waiting', assignee_id = $2
         where id = $1",
    )
    .bind(assigned)
    .bind(lead)
    .execute(&app.db)
    .await
    .unwrap();
    let (trashed, _) = first_item(&app, "2.3").await;
    sqlx::query("update checklist_items set deleted_at = now() where id = $1")
        .bind(trashed)
        .execute(&app.db)
        .await
        .unwrap();
    let plan: Uuid = sqlx::query_scalar("select plan_id from phases where id = $1")
        .bind(phase)
        .fetch_one(&app.db)
        .await
        .unwrap();

    let every = items::list_for_plan(&app.db, plan).await.unwrap();
    assert!(every.iter().any(|item| item.has_twin) && every.iter().any(|item| !item.has_twin));
    assert!(every.iter().any(|item| item.id == assigned));
    let mut conn = app.db.acquire().await.unwrap();
    for item in &every {
        let movable = items::find_movable(&mut conn, item.id).await.unwrap();
        assert_eq!(movable, Some(item.movable()), "{}", item.title);
    }
    assert_eq!(
        items::find_movable(&mut conn, trashed).await.unwrap(),
        None,
        "in the trash"
    );
}

/// A tick costs two statements: the session's, which reads the form's item
/// with it (`session_store::ReadAhead`), and the change with its event.
/// Reading the item apart made three, a quarter of a tick's cost.
#[tokio::test]
async fn a_tick_costs_the_sessions_statement_and_its_own() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = first_item(&app, "2.1").await;

    let ticked = queries::submit(
        &lead,
        &format!("/phases/{phase}"),
        &format!("/items/{item}/state"),
        &[("state", "done"), ("version", "1")],
    )
    .await;

    assert_eq!(ticked.status, StatusCode::SEE_OTHER, "{}", ticked.body);
    assert_eq!(item_state(&app, item).await, ("done".to_owned(), None, 2));
    assert_eq!(ticked.record.statements, 2);
}
