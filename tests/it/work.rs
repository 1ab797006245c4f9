//! The work queue (`/work`): every item and communication action of the
//! plan, filtered through the URL, exported with the same rows, at a fixed
//! cost in queries.

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::{Html, Selector};
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, texts};
use crate::queries;

/// How far the kickoff is moved back: today is J+10.
const TODAY: i32 = 10;

/// The seeded plan's checklist items and communication actions.
const SEEDED_ITEMS: usize = 32;
const SEEDED_ACTIONS: usize = 8;

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
    app.plan_edited();
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

/// Who `item` is assigned to.
async fn assignee_of(app: &TestApp, item: Uuid) -> Uuid {
    sqlx::query_scalar("select assignee_id from checklist_items where id = $1")
        .bind(item)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// The ids of the communication actions a stored query keeps, sorted.
async fn action_ids_where(app: &TestApp, condition: &str) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = sqlx::query_scalar(&format!(
        "select id from communication_actions where {condition}"
    ))
    .bind(TODAY)
    .fetch_all(&app.db)
    .await
    .unwrap();
    ids.sort();
    ids
}

/// The ids of the queue's rows of `kind` (`item` or `action`), sorted.
fn ids_of(page: &Html, kind: &str) -> Vec<Uuid> {
    let rows = Selector::parse(&format!("table.work tbody tr.{kind}")).unwrap();
    let prefix = format!("{kind}-");
    let mut ids: Vec<Uuid> = page
        .select(&rows)
        .map(|row| {
            let id = row.value().attr("id").unwrap();
            Uuid::parse_str(id.strip_prefix(prefix.as_str()).unwrap()).unwrap()
        })
        .collect();
    ids.sort();
    ids
}

/// The ids of the queue's item rows, sorted; fails if an action is shown.
fn row_ids(page: &Html) -> Vec<Uuid> {
    assert!(ids_of(page, "action").is_empty(), "no action in this queue");
    ids_of(page, "item")
}

/// The kind and the title of each row of the CSV export of `path`, in order.
async fn csv_rows(visitor: &Visitor, path: &str) -> Vec<(String, String)> {
    let response = visitor.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    let body = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!((&header[0], &header[4]), ("Type", "Intitulé"));
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            (record[0].to_owned(), record[4].to_owned())
        })
        .collect()
}

/// The kind (as the CSV says it) and the title of each row of the page, in order.
fn page_rows(page: &Html) -> Vec<(String, String)> {
    let rows = Selector::parse("table.work tbody tr").unwrap();
    let title = Selector::parse("th > a:first-child").unwrap();
    page.select(&rows)
        .map(|row| {
            let kind = match row.value().attr("class").unwrap().split(' ').next() {
                Some("item") => "Élément de la liste de contrôle",
                Some("action") => "Action de communication",
                other => panic!("a row of an unknown kind: {other:?}"),
            };
            let title = row
                .select(&title)
                .next()
                .unwrap()
                .text()
                .collect::<String>();
            (kind.to_owned(), title.trim().to_owned())
        })
        .collect()
}

/// Moves four seeded actions around J+10 and gives one to `owner`: the
/// website's is planned for J+8 (late), X's for J+14 (due this week), the
/// partners' was cancelled on J+5 (not late), Facebook's done on J+12 (not
/// due), and Instagram's is owned by `owner`. Returns the late action, the
/// one due this week and the owned one.
async fn actions_around_day_ten(app: &TestApp, owner: Uuid) -> (Uuid, Uuid, Uuid) {
    let moved = |channel: &'static str, day: i32, state: &'static str| async move {
        sqlx::query_scalar::<_, Uuid>(
            "update communication_actions set day = $2, state = $3 where channel = $1 returning id",
        )
        .bind(channel)
        .bind(day)
        .bind(state)
        .fetch_one(&app.db)
        .await
        .unwrap()
    };
    let late = moved("website", 8, "planned").await;
    let soon = moved("x", 14, "planned").await;
    moved("partners", 5, "cancelled").await;
    moved("facebook", 12, "done").await;
    let owned: Uuid = sqlx::query_scalar(
        "update communication_actions set owner_id = $1 where channel = 'instagram' returning id",
    )
    .bind(owner)
    .fetch_one(&app.db)
    .await
    .unwrap();
    (late, soon, owned)
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
    assert_eq!(classes.len(), SEEDED_ITEMS + SEEDED_ACTIONS);
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
    let (lead, _, assigned) = plan_at_day_ten(&app).await;
    actions_around_day_ten(&app, assignee_of(&app, assigned).await).await;

    for query in [
        "late=1",
        "due_within=7",
        "team=devops&state=blocked",
        "assignee=me",
        "kind=actions",
        "phase=3.1&open=1",
        "state=done",
    ] {
        let page = lead.page(&format!("/work?{query}")).await;
        let rows = page_rows(&page);
        let export = Selector::parse("a[download]").unwrap();
        let link = page
            .select(&export)
            .next()
            .unwrap()
            .value()
            .attr("href")
            .unwrap();
        assert_eq!(link, format!("/work.csv?{query}"));

        assert_eq!(csv_rows(&lead, link).await, rows, "{query}");
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
    assert_eq!(ids_of(&page, "item").len(), SEEDED_ITEMS);
    assert_eq!(ids_of(&page, "action").len(), SEEDED_ACTIONS);
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

    let before = queries::for_page(&app.db, &lead, path).await;
    sqlx::query(
        "insert into checklist_items (phase_id, title, due_day, position, assignee_id, changed_by, changed_at)
         select p.id, 'Élément ' || n, 5, 10 + n, u.id, u.id, now()
         from generate_series(1, 200) n, users u, phases p where p.section = '2.1'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    sqlx::query(
        "insert into communication_actions (plan_id, channel, title, day, team_id, owner_id)
         select t.plan_id, 'newsletter', 'Action ' || n, 5, t.id, u.id
         from generate_series(1, 200) n, users u, teams t where t.key = 'marketing'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let after = queries::for_page(&app.db, &lead, path).await;

    assert!(before > 0, "the counter sees the queries");
    assert_eq!(before, after);
    let page = lead.page(path).await;
    assert_eq!(
        ids_of(&page, "action").len(),
        200,
        "the new actions are late"
    );
}

#[tokio::test]
async fn late_and_due_soon_take_in_the_open_actions_of_those_days() {
    let app = TestApp::spawn().await;
    let (lead, _, assigned) = plan_at_day_ten(&app).await;
    let (late_action, soon_action, _) =
        actions_around_day_ten(&app, assignee_of(&app, assigned).await).await;

    let late = lead.page("/work?late=1").await;
    let due_soon = lead.page("/work?due_within=7").await;

    assert_eq!(ids_of(&late, "action"), [late_action]);
    assert_eq!(
        ids_of(&late, "item"),
        ids_where(&app, "state <> 'done' and due_day < $1").await
    );
    assert_eq!(ids_of(&due_soon, "action"), [soon_action]);
    assert_eq!(
        ids_of(&due_soon, "item"),
        ids_where(&app, "state <> 'done' and due_day between $1 and $1 + 7").await
    );
    let late_row = Selector::parse(&format!("tr#action-{late_action}")).unwrap();
    let row = late.select(&late_row).next().unwrap();
    assert!(row.value().attr("class").unwrap().contains(" late"));
    let link = Selector::parse("th > a").unwrap();
    assert_eq!(
        row.select(&link).next().unwrap().value().attr("href"),
        Some(format!("/communications/{late_action}").as_str())
    );
    let marker = Selector::parse(".kind-action").unwrap();
    assert_eq!(
        row.select(&marker)
            .next()
            .unwrap()
            .text()
            .collect::<String>(),
        "Action · Site web"
    );
}

#[tokio::test]
async fn an_action_owned_by_me_is_in_my_queue() {
    let app = TestApp::spawn().await;
    let (lead, _, assigned) = plan_at_day_ten(&app).await;
    let (_, _, owned) = actions_around_day_ten(&app, assignee_of(&app, assigned).await).await;

    let mine = lead.page("/work?assignee=me").await;

    assert_eq!(ids_of(&mine, "item"), [assigned]);
    assert_eq!(ids_of(&mine, "action"), [owned]);
}

#[tokio::test]
async fn the_kind_filter_and_the_states_actions_lack_keep_actions_out() {
    let app = TestApp::spawn().await;
    let (lead, blocked, _) = plan_at_day_ten(&app).await;

    let items = lead.page("/work?kind=items").await;
    let actions = lead.page("/work?kind=actions").await;

    assert_eq!(ids_of(&items, "item").len(), SEEDED_ITEMS);
    assert!(ids_of(&items, "action").is_empty());
    assert!(ids_of(&actions, "item").is_empty());
    assert_eq!(
        ids_of(&actions, "action"),
        action_ids_where(&app, "deleted_at is null").await
    );
    for query in ["state=blocked", "blocked=1", "required=1", "state=todo"] {
        let page = lead.page(&format!("/work?{query}")).await;
        assert!(ids_of(&page, "action").is_empty(), "{query}");
    }
    assert_eq!(row_ids(&lead.page("/work?state=blocked").await), [blocked]);
    let planned = lead.page("/work?state=planned").await;
    assert!(ids_of(&planned, "item").is_empty());
    assert_eq!(ids_of(&planned, "action").len(), SEEDED_ACTIONS);
}

#[tokio::test]
async fn the_counts_say_how_many_items_and_actions_each_state_holds() {
    let app = TestApp::spawn().await;
    let (lead, _, _) = plan_at_day_ten(&app).await;

    let all = lead.page("/work").await;
    let items = lead.page("/work?kind=items").await;

    let counts = |page: &Html| -> Vec<(String, String)> {
        let link = Selector::parse(".status-counts a").unwrap();
        let count = Selector::parse(".count").unwrap();
        page.select(&link)
            .map(|link| {
                let href = link.value().attr("href").unwrap().to_owned();
                let number = link.select(&count).next().unwrap().text().collect();
                (href, number)
            })
            .collect()
    };
    let expected_all = (SEEDED_ITEMS + SEEDED_ACTIONS).to_string();
    let all_counts = counts(&all);
    assert_eq!(all_counts[0], ("/work".to_owned(), expected_all));
    assert!(all_counts.contains(&("/work?state=planned".to_owned(), SEEDED_ACTIONS.to_string())));
    assert_eq!(
        texts(&all, ".status-counts p").len(),
        1,
        "the page says how states meet"
    );
    let item_counts = counts(&items);
    assert!(
        item_counts
            .iter()
            .all(|(href, _)| !href.contains("planned") && !href.contains("cancelled")),
        "{item_counts:?}"
    );
    assert_eq!(item_counts[0].1, SEEDED_ITEMS.to_string());
    assert_eq!(texts(&items, ".status-counts p"), Vec::<String>::new());
}

#[tokio::test]
async fn a_phase_keeps_the_actions_of_its_days_and_the_trash_keeps_none() {
    let app = TestApp::spawn().await;
    let (lead, _, _) = plan_at_day_ten(&app).await;

    let pre_launch = lead.page("/work?phase=3.1&kind=actions").await;
    let launch_day = lead.page("/work?phase=3.2&kind=actions").await;

    assert_eq!(
        ids_of(&pre_launch, "action"),
        action_ids_where(&app, "day between 20 and 30").await
    );
    assert_eq!(
        ids_of(&launch_day, "action"),
        action_ids_where(&app, "day = 31").await
    );
    let trashed: Uuid = sqlx::query_scalar(
        "update communication_actions set deleted_at = now() where channel = 'newsletter' returning id",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let after = lead.page("/work?kind=actions").await;
    assert!(!ids_of(&after, "action").contains(&trashed));
    assert_eq!(ids_of(&after, "action").len(), SEEDED_ACTIONS - 1);
}
