//! What needs attention: blocked, late and due items on the overview, the
//! blocked phase marked on the timeline, and an overview activity that
//! shows the plan's changes, never sign-ins.

use launch_control::domain::role::Role;
use scraper::{Html, Selector};
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, texts};

/// How far the kickoff is moved back: today is J+8.
const TODAY: i32 = 8;
const REASON: &str = "Contrat Azure non signé";

/// A plan at J+8 where a devops lead, signed in on the returned visitor,
/// blocked the first item of phase 2.1 through its form. Returns the lead,
/// the item's id and title.
async fn plan_with_a_blocked_item(app: &TestApp) -> (Visitor, Uuid, String) {
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    sqlx::query("update plans set kickoff_date = kickoff_date - $1")
        .bind(TODAY)
        .execute(&app.db)
        .await
        .unwrap();
    app.plan_edited();
    let (item, phase, title): (Uuid, Uuid, String) = sqlx::query_as(
        "select i.id, i.phase_id, i.title from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.1' order by i.position limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let blocked = lead
        .submit(
            &format!("/phases/{phase}"),
            &format!("/items/{item}/state"),
            &[("state", "blocked"), ("reason", REASON), ("version", "1")],
        )
        .await;
    assert_eq!(blocked.status(), reqwest::StatusCode::SEE_OTHER);
    (lead, item, title)
}

/// The `href` of every element `selector` picks.
fn hrefs(page: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    page.select(&selector)
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect()
}

/// "3 éléments en retard", as the French catalog counts.
fn counted(count: i64, one: &str, other: &str, none: &str) -> String {
    match count {
        0 => none.to_owned(),
        1 => format!("1 {one}"),
        _ => format!("{count} {other}"),
    }
}

#[tokio::test]
async fn the_overview_at_day_eight_shows_the_blocked_item_with_its_reason_and_the_late_and_due_counts()
 {
    let app = TestApp::spawn().await;
    let (lead, item, title) = plan_with_a_blocked_item(&app).await;

    let page = lead.page("/").await;

    let blocked = texts(&page, "#overview-attention .attention-blocked li");
    assert_eq!(blocked, [format!("{title} {REASON}")]);
    assert_eq!(
        hrefs(&page, "#overview-attention .attention-blocked a"),
        [format!("/items/{item}")]
    );
    let late = app
        .count(
            "checklist_items",
            &format!("state <> 'done' and due_day < {TODAY}"),
        )
        .await;
    let due = app
        .count(
            "checklist_items",
            &format!("state <> 'done' and due_day between {TODAY} and {TODAY} + 7"),
        )
        .await;
    assert_eq!(
        texts(&page, "#overview-attention h3 a"),
        [counted(
            late,
            "élément en retard",
            "éléments en retard",
            "Aucun élément en retard"
        )]
    );
    let named = texts(&page, "#overview-attention .attention-late li").len();
    assert_eq!(named as i64, late.min(5));
    assert_eq!(
        texts(&page, "#overview-attention .attention-due"),
        [counted(
            due,
            "élément à échéance dans les 7 jours",
            "éléments à échéance dans les 7 jours",
            "Aucun élément à échéance dans les 7 jours"
        )]
    );
    let links = hrefs(
        &page,
        "#overview-attention h3 a, #overview-attention .attention-due a",
    );
    assert_eq!(
        links,
        ["/work?late=1&kind=items", "/work?due_within=7&kind=items"]
    );
    let chip = texts(&page, "#overview-phases .phase-chip")
        .into_iter()
        .find(|chip| chip.starts_with("2.1 "))
        .unwrap();
    assert!(chip.contains("1 bloqué"), "{chip}");
}

#[tokio::test]
async fn the_overview_activity_shows_the_plans_changes_and_no_sign_in_even_to_an_admin() {
    let app = TestApp::spawn().await;
    let (lead, _, title) = plan_with_a_blocked_item(&app).await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;

    for viewer in [&lead, &admin] {
        let activity = texts(&viewer.page("/").await, "#overview-activity li");
        assert!(activity[0].contains(&title), "{activity:?}");
        assert!(
            activity.iter().all(|line| !line.contains("Connexion de")),
            "{activity:?}"
        );
    }
    let audit = texts(
        &admin.page("/activity?kind=user").await,
        "#activity-feed li",
    );
    assert!(
        audit.iter().any(|line| line.contains("Connexion de")),
        "account events stay on /activity for admins: {audit:?}"
    );
}

#[tokio::test]
async fn the_timeline_marks_the_phase_with_a_blocked_item_in_its_table_and_on_its_bar() {
    let app = TestApp::spawn().await;
    let (lead, _, _) = plan_with_a_blocked_item(&app).await;

    let page = lead.page("/timeline").await;

    let rows = Selector::parse("#phases-table tbody tr").unwrap();
    let first = Selector::parse("td:first-child").unwrap();
    let cell = Selector::parse("td.blocked-count").unwrap();
    let counts: Vec<(String, String)> = page
        .select(&rows)
        .map(|row| {
            let section = row.select(&first).next().unwrap().text().collect();
            let count = row.select(&cell).next().unwrap().text().collect();
            (section, count)
        })
        .collect();
    assert!(
        counts.contains(&("2.1".to_owned(), "1".to_owned())),
        "{counts:?}"
    );
    assert!(
        counts
            .iter()
            .all(|(section, count)| section == "2.1" || count == "0"),
        "{counts:?}"
    );
    let bars = Selector::parse("svg.gantt a.bar").unwrap();
    let flag = Selector::parse("text.bar-blocked").unwrap();
    let marked: Vec<String> = page
        .select(&bars)
        .filter(|bar| bar.select(&flag).next().is_some())
        .map(|bar| bar.text().collect::<String>())
        .collect();
    assert_eq!(marked.len(), 1, "{marked:?}");
    assert!(
        marked[0].contains("2.1 ") && marked[0].contains("1 bloqué"),
        "{}",
        marked[0]
    );
}

#[tokio::test]
async fn after_launch_the_overview_counts_the_feedback_waiting_for_triage() {
    let app = TestApp::spawn().await;
    let viewer = app.visitor();
    app.login_as_in(&viewer, Role::Viewer, None).await;
    let before_launch = viewer.page("/").await;
    assert!(
        texts(&before_launch, ".attention-triage").is_empty(),
        "before launch there is nothing to triage"
    );

    // J+40: nine days into the support period.
    app.today_is(40).await;
    let mut ids = Vec::new();
    for message in ["Paiement refusé", "Carte illisible", "Bravo", "Doublon"] {
        ids.push(crate::feedback::seed_on_day(&app.db, 35, message, "bug", 2).await);
    }
    sqlx::query("update feedback set status = 'acknowledged' where id = $1")
        .bind(ids[2])
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query("update feedback set merged_into_id = $1 where id = $2")
        .bind(ids[0])
        .bind(ids[3])
        .execute(&app.db)
        .await
        .unwrap();

    let overview = viewer.page("/").await;
    assert_eq!(
        texts(&overview, ".attention-triage a"),
        ["2 retours à trier"],
        "new feedback counts, acknowledged and merged do not"
    );
    assert_eq!(
        hrefs(&overview, ".attention-triage a"),
        ["/feedback?status=new"]
    );
}
