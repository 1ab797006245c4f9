//! Launch day: the launch actions never hold GO, and once the launch moment
//! has come the pages say which happened, never both.

use chrono::{Duration, NaiveDate};
use scraper::Html;

use super::{TEAMS, lead, open_poll, reopen_a_required_qa_item, verdict, vote};
use crate::helpers::{TestApp, Visitor, assert_redirects_to, texts};

/// Moves J0 so that today is J+`day`, straight in the database (arrange).
async fn make_today(app: &TestApp, day: i64) {
    let today: NaiveDate = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    sqlx::query("update plans set kickoff_date = $1")
        .bind(today - Duration::days(day))
        .execute(&app.db)
        .await
        .unwrap();
    app.plan_edited();
}

/// Every team's lead votes Go.
async fn every_team_votes_go(app: &TestApp) {
    for team in TEAMS {
        let lead = lead(app, team).await;
        assert_redirects_to(
            &vote(&lead, &[("vote", "go"), ("comment", "")]).await,
            "/golive",
        );
    }
}

/// Arranges done every required item due before launch day, and only those.
async fn finish_items_due_before_launch_day(app: &TestApp) {
    sqlx::query(
        "update checklist_items i set state = 'done', done_at = now(), version = i.version + 1
         from phases p join plans pl on pl.id = p.plan_id
         where p.id = i.phase_id and i.required and i.due_day < pl.launch_day",
    )
    .execute(&app.db)
    .await
    .unwrap();
}

/// The titles of the required items due on launch day, in the plan's order.
async fn launch_day_items(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar(
        "select i.title from checklist_items i join phases p on p.id = i.phase_id
         join plans pl on pl.id = p.plan_id
         where i.required and i.due_day = pl.launch_day order by p.position, i.position, i.id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// The whole text of a page, white space folded.
fn words(page: &Html) -> String {
    texts(page, "main").join(" ")
}

#[tokio::test]
async fn on_launch_day_the_poll_says_go_while_the_launch_actions_are_open_and_an_earlier_item_holds_it()
 {
    let app = TestApp::spawn().await;
    make_today(&app, 31).await;
    let admin = open_poll(&app).await;
    every_team_votes_go(&app).await;
    finish_items_due_before_launch_day(&app).await;
    let actions = launch_day_items(&app).await;
    assert!(
        actions
            .iter()
            .any(|title| title.starts_with("Envoi d'une newsletter")),
        "{actions:?}"
    );

    let page = admin.page("/golive").await;

    assert_eq!(texts(&page, "#golive-verdict .verdict"), ["GO"]);
    assert!(texts(&page, "#golive-verdict .holds li").is_empty());
    assert_eq!(texts(&page, "#golive-launch-actions li a"), actions);
    assert_eq!(
        texts(&page, "#golive-launch-actions li .badge"),
        vec!["À faire"; actions.len()]
    );
    assert_eq!(
        texts(&page, "#golive-launch-actions > p:not(.muted)"),
        [format!(
            "Actions de lancement : 0 sur {} terminées",
            actions.len()
        )]
    );
    let countdown = admin.page("/countdown").await;
    assert_eq!(texts(&countdown, "#countdown-golive .verdict"), ["GO"]);
    assert_eq!(
        texts(&countdown, "#countdown-launch-actions li")
            .iter()
            .map(|line| line.trim_end_matches(" À faire").to_owned())
            .collect::<Vec<_>>(),
        actions
    );
    assert_eq!(
        texts(&admin.page("/").await, "#overview-golive .verdict"),
        ["GO"]
    );

    reopen_a_required_qa_item(&app).await;
    assert_eq!(
        verdict(&admin).await,
        (
            "SUSPENDU".to_owned(),
            vec!["2.3 Tests de pré-production : 1 élément requis ouvert".to_owned()]
        )
    );
}

#[tokio::test]
async fn after_the_launch_moment_without_go_no_page_says_the_launch_took_place() {
    let app = TestApp::spawn().await;
    make_today(&app, 35).await;
    let admin = open_poll(&app).await;
    for team in &TEAMS[..4] {
        let lead = lead(&app, team).await;
        assert_redirects_to(
            &vote(&lead, &[("vote", "go"), ("comment", "")]).await,
            "/golive",
        );
    }

    for lang in ["fr", "en"] {
        let pages = [
            admin.page(&format!("/?lang={lang}")).await,
            admin.page(&format!("/countdown?lang={lang}")).await,
            admin.page(&format!("/golive?lang={lang}")).await,
        ];
        for page in &pages {
            let text = words(page);
            for launched in [
                "a eu lieu",
                "Lancé le",
                "Support après lancement",
                "took place",
                "has happened",
                "Launched on",
                "Post-launch support",
            ] {
                assert!(!text.contains(launched), "“{launched}” in: {text}");
            }
            assert!(
                text.contains("passé sans GO") || text.contains("passed without GO"),
                "{text}"
            );
        }
    }
    let [overview, countdown, golive] = [
        admin.page("/?lang=fr").await,
        admin.page("/countdown").await,
        admin.page("/golive").await,
    ];
    assert_eq!(texts(&overview, "#overview-golive .verdict"), ["SUSPENDU"]);
    assert_eq!(
        texts(&overview, "#overview-countdown .big"),
        ["Lancement suspendu · J+35"]
    );
    assert_eq!(
        texts(&countdown, "#countdown-golive .verdict"),
        ["SUSPENDU"]
    );
    assert_eq!(texts(&countdown, ".days-label"), ["J+35"]);
    assert!(texts(&countdown, ".time-left").is_empty());
    let outcome = texts(&golive, "#golive-verdict .launch-outcome");
    assert!(
        outcome[0].starts_with("Le moment du lancement (J+31 · ")
            && outcome[0].ends_with("est passé sans GO : le lancement reste suspendu."),
        "{outcome:?}"
    );
    assert_eq!(texts(&golive, "#golive-verdict .verdict"), ["SUSPENDU"]);
    assert_eq!(
        texts(&golive, "#golive-verdict .holds li")[0],
        "Pas encore de vote : Support"
    );
}

#[tokio::test]
async fn after_a_go_the_pages_say_when_and_on_whose_votes_the_launch_happened() {
    let app = TestApp::spawn().await;
    make_today(&app, 35).await;
    let admin: Visitor = open_poll(&app).await;
    every_team_votes_go(&app).await;
    finish_items_due_before_launch_day(&app).await;
    assert_redirects_to(
        &admin.submit("/golive", "/golive/close", &[]).await,
        "/golive",
    );
    // Reopened after the launch, an item no longer unsays it.
    sqlx::query(
        "update checklist_items set state = 'todo', done_at = null, version = version + 1
         where id = (select id from checklist_items where required and due_day < 31 limit 1)",
    )
    .execute(&app.db)
    .await
    .unwrap();

    let golive = admin.page("/golive").await;
    let countdown = admin.page("/countdown").await;
    let overview = admin.page("/").await;

    let outcome = texts(&golive, "#golive-verdict .launch-outcome").join("");
    assert!(
        outcome.starts_with("Lancé le J+35 · ")
            && outcome.contains("après un GO, sur les votes de DevOps (Go, Test lead devops)")
            && outcome.contains("Support (Go, Test lead support)"),
        "{outcome}"
    );
    assert_eq!(texts(&golive, "#golive-verdict .verdict"), ["GO"]);
    assert!(texts(&golive, "#golive-verdict .holds li").is_empty());
    assert_eq!(texts(&countdown, ".launch-outcome").join(""), outcome);
    assert_eq!(
        texts(&countdown, ".days-caption"),
        ["Support après lancement"]
    );
    assert_eq!(texts(&overview, "#overview-golive .verdict"), ["GO"]);
    assert_eq!(
        texts(&overview, "#overview-countdown .big"),
        ["Support après lancement · J+35"]
    );
    assert_eq!(texts(&overview, "#overview-countdown .muted"), [outcome]);
}
