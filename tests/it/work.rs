//! The work queue (`/work`): every item of the plan, filtered through the
//! URL, exported with the same rows, at a fixed cost in queries.

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::{Html, Selector};
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, texts};
use crate::queries;

/// How far the kickoff is moved back: today is J+10.
const TODAY: i32 = 10;

/// A plan at J+10 with one devops item blocked and one item assigned to the
/// devops lead, who is signed in on the returned visitor. Returns the
/// blocked item and the assigned one.
async fn plan_at_day_ten(app: &TestApp) -> (Visitor, Uuid, Uuid) {
    let lead = app.visitor();
    let lead_id = app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    sqlx::query("update plans set kickoff_date = kickoff_date - $1")
        .bind(TODAY)
        .execute(&app.db)
        .await
        .unwrap();
    let blocked: Uuid = sqlx::query_scalar(
        "update checklist_items set state = 'blocked', blocked_reason = 'Contrat Azure non signé'
         where id = (select i.id from checklist_items i join phases p on p.id = i.phase_id
                     join teams t on t.id = p.team_id
                     where t.key = 'devops' order by p.position, i.position desc limit 1)
         returning id",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let assigned: Uuid = sqlx::query_scalar(
        "update checklist_items set assignee_id = $1
         where id = (select i.id from checklist_items i join phases p on p.id = i.phase_id
                     where i.id <> $2 order by p.position desc, i.position limit 1)
         returning id",
    )
    .bind(lead_id)
    .bind(blocked)
    .fetch_one(&app.db)
    .await
    .unwrap();
    (lead, blocked, assigned)
}

/// The ids of the items a stored query keeps, sorted.
async fn ids_where(app: &TestApp, condition: &str) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> =
        sqlx::query_scalar(&format!("select id from checklist_items where {condition}"))
            .bind(TODAY)
            .fetch_all(&app.db)
            .await
            .unwrap();
    ids.sort();
    ids
}

/// The ids of the queue's rows, sorted.
fn row_ids(page: &Html) -> Vec<Uuid> {
    let rows = Selector::parse("table.work tbody tr").unwrap();
    let mut ids: Vec<Uuid> = page
        .select(&rows)
        .map(|row| {
            let id = row.value().attr("id").unwrap();
            Uuid::parse_str(id.strip_prefix("item-").unwrap()).unwrap()
        })
        .collect();
    ids.sort();
    ids
}

/// The item titles of the CSV export of `path`, in order.
async fn csv_titles(visitor: &Visitor, path: &str) -> Vec<String> {
    let response = visitor.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    let body = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    reader
        .records()
        .map(|record| record.unwrap()[3].to_owned())
        .collect()
}

#[tokio::test]
async fn the_queue_filtered_by_team_and_state_shows_exactly_the_blocked_devops_item() {
    let app = TestApp::spawn().await;
    let (lead, blocked, _) = plan_at_day_ten(&app).await;

    let page = lead.page("/work?team=devops&state=blocked").await;

    assert_eq!(row_ids(&page), [blocked]);
    assert!(texts(&page, "table.work .reason").contains(&"Contrat Azure non signé".to_owned()));
    let chosen = Selector::parse("#team option[selected]").unwrap();
    assert_eq!(
        page.select(&chosen).next().unwrap().value().attr("value"),
        Some("devops")
    );
}

#[tokio::test]
async fn late_due_soon_and_mine_return_exactly_the_items_the_plan_holds() {
    let app = TestApp::spawn().await;
    let (lead, _, assigned) = plan_at_day_ten(&app).await;

    let late = lead.page("/work?late=1").await;
    let due_soon = lead.page("/work?due_within=7").await;
    let mine = lead.page("/work?assignee=me").await;

    let expected_late = ids_where(&app, "state <> 'done' and due_day < $1").await;
    assert!(
        !expected_late.is_empty(),
        "moving the kickoff makes items late"
    );
    assert_eq!(row_ids(&late), expected_late);
    let expected_soon = ids_where(&app, "state <> 'done' and due_day between $1 and $1 + 7").await;
    assert!(!expected_soon.is_empty(), "some items are due this week");
    assert_eq!(row_ids(&due_soon), expected_soon);
    assert_eq!(row_ids(&mine), [assigned]);
}

#[tokio::test]
async fn the_queue_puts_blocked_then_late_items_first() {
    let app = TestApp::spawn().await;
    let (lead, blocked, _) = plan_at_day_ten(&app).await;

    let page = lead.page("/work").await;

    let rows = Selector::parse("table.work tbody tr").unwrap();
    let classes: Vec<&str> = page
        .select(&rows)
        .map(|row| row.value().attr("class").unwrap())
        .collect();
    assert_eq!(classes.len(), 32);
    assert!(classes[0].contains("state-blocked"));
    assert_eq!(
        page.select(&rows).next().unwrap().value().attr("id"),
        Some(format!("item-{blocked}").as_str())
    );
    let first_on_time = classes.iter().position(|class| !class.contains("late"));
    let last_late = classes.iter().rposition(|class| class.contains(" late"));
    assert!(
        last_late < first_on_time,
        "late items come before the others"
    );
}

#[tokio::test]
async fn the_csv_export_has_the_rows_of_the_filtered_page() {
    let app = TestApp::spawn().await;
    let (lead, _, _) = plan_at_day_ten(&app).await;

    for query in [
        "late=1",
        "due_within=7",
        "team=devops&state=blocked",
        "assignee=me",
    ] {
        let page = lead.page(&format!("/work?{query}")).await;
        let titles = texts(&page, "table.work tbody th a");
        let export = Selector::parse("a[download]").unwrap();
        let link = page
            .select(&export)
            .next()
            .unwrap()
            .value()
            .attr("href")
            .unwrap();
        assert_eq!(link, format!("/work.csv?{query}"));

        assert_eq!(csv_titles(&lead, link).await, titles, "{query}");
    }
}

#[tokio::test]
async fn invalid_filters_are_ignored_and_shown_as_all() {
    let app = TestApp::spawn().await;
    let (lead, _, _) = plan_at_day_ten(&app).await;

    let response = lead
        .get("/work?state=lost&due_within=soon&team=legal&assignee=bob")
        .await;

    assert_eq!(response.status(), StatusCode::OK);
    let page = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(row_ids(&page).len(), 32);
    for select in ["state", "team", "assignee"] {
        let chosen = Selector::parse(&format!("#{select} option[selected]")).unwrap();
        assert_eq!(
            page.select(&chosen).next().unwrap().value().attr("value"),
            Some(""),
            "{select} shows all"
        );
    }
    let days = Selector::parse("#due_within").unwrap();
    assert_eq!(
        page.select(&days).next().unwrap().value().attr("value"),
        Some("")
    );
}

#[tokio::test]
async fn the_teams_counts_link_to_the_filtered_queue() {
    let app = TestApp::spawn().await;
    let (lead, blocked, _) = plan_at_day_ten(&app).await;

    let teams = lead.page("/teams").await;
    let link = Selector::parse("a.state-blocked").unwrap();
    let href = teams
        .select(&link)
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap();

    assert_eq!(href, "/work?team=devops&state=blocked");
    assert_eq!(row_ids(&lead.page(href).await), [blocked]);
}

#[tokio::test]
async fn the_queue_costs_the_same_queries_whatever_the_number_of_items() {
    let app = TestApp::spawn().await;
    let (lead, _, _) = plan_at_day_ten(&app).await;
    let path = "/work?late=1";
    lead.page(path).await;

    let before = queries::for_page(&lead, path).await;
    sqlx::query(
        "insert into checklist_items (phase_id, title, due_day, position, assignee_id, changed_by, changed_at)
         select p.id, 'Élément ' || n, 5, 10 + n, u.id, u.id, now()
         from generate_series(1, 200) n, users u, phases p where p.section = '2.1'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let after = queries::for_page(&lead, path).await;

    assert!(before > 0, "the counter sees the queries");
    assert_eq!(before, after);
}
