//! The overview and the countdown, day by day and to the second.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::Selector;

use super::{admin, count, iso, paris_today, save_settings, set_kickoff};
use crate::helpers::{TestApp, assert_redirects_to, texts};

#[tokio::test]
async fn with_the_kickoff_set_ten_days_ago_the_overview_says_j_plus_10_and_the_countdown_j_minus_21()
 {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let kickoff = iso(paris_today() - Duration::days(10));

    let saved = save_settings(&admin, &[("kickoff_date", &kickoff)]).await;

    assert_redirects_to(&saved, "/admin/plan");
    let overview = admin.page("/").await;
    let today = texts(&overview, "#overview-today .big");
    assert!(today[0].starts_with("J+10 · "), "{today:?}");
    assert_eq!(
        texts(&overview, "#overview-countdown .big"),
        ["Lancement dans 21 jours"]
    );
    assert_eq!(
        texts(&overview, ".phase-chip.current a"),
        ["2.2 Déploiement continu (CI/CD)"]
    );
    let countdown = admin.page("/countdown").await;
    assert_eq!(texts(&countdown, ".days-label"), ["J-21"]);
    assert_eq!(
        texts(&countdown, ".days-caption"),
        ["jours calendaires jusqu'au jour du lancement"]
    );
    assert_eq!(
        texts(&countdown, ".time-left-caption"),
        ["jusqu'au moment du lancement, 10:00 Europe/Paris"]
    );
    let (confirmed, version): (bool, i32) =
        sqlx::query_as("select kickoff_confirmed, version from plans")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((confirmed, version), (true, 2));
    let (before, after): (serde_json::Value, serde_json::Value) =
        sqlx::query_as("select before, after from activity_events where kind = 'plan.updated'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(before["kickoff_date"], iso(paris_today()));
    assert_eq!(after["kickoff_date"], kickoff);
    let feed = texts(&admin.page("/activity").await, "#activity-feed li");
    assert!(
        feed[0].contains("a modifié les réglages du plan « Lancement de Lootopia »"),
        "{}",
        feed[0]
    );
}

#[tokio::test]
async fn the_countdown_shows_the_exact_time_left_to_the_launch_moment_in_the_plans_zone() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let kickoff = paris_today() - Duration::days(10);
    assert_redirects_to(
        &save_settings(
            &admin,
            &[("kickoff_date", &iso(kickoff)), ("launch_time", "17:45")],
        )
        .await,
        "/admin/plan",
    );
    let launch_at = Paris
        .from_local_datetime(
            &(kickoff + Duration::days(31)).and_time(NaiveTime::from_hms_opt(17, 45, 0).unwrap()),
        )
        .single()
        .unwrap()
        .with_timezone(&Utc);

    let asked = Utc::now();
    let page = admin.page("/countdown").await;
    let answered = Utc::now();

    let timer = page
        .select(&Selector::parse(".time-left").unwrap())
        .next()
        .expect("a timer");
    let attribute = |name| timer.value().attr(name).unwrap().to_owned();
    assert_eq!(
        attribute("data-launch-at"),
        launch_at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    );
    let server_now: DateTime<Utc> = attribute("data-now").parse().unwrap();
    assert!(asked - Duration::seconds(1) <= server_now && server_now <= answered);
    let unit = |name: &str| -> i64 {
        texts(&page, &format!("[data-unit={name}]"))[0]
            .parse()
            .unwrap()
    };
    let shown =
        unit("days") * 86_400 + unit("hours") * 3_600 + unit("minutes") * 60 + unit("seconds");
    let (most, least) = (
        (launch_at - asked).num_seconds(),
        (launch_at - answered).num_seconds(),
    );
    assert!(
        (least - 1..=most).contains(&shown),
        "{shown} s shown, {least}–{most} s left"
    );
    assert!((0..24).contains(&unit("hours")) && (0..60).contains(&unit("minutes")));
    assert_eq!(count(&page, "script[src^='/static/countdown.']"), 1);
    let script = page
        .select(&Selector::parse("script[src^='/static/countdown.']").unwrap())
        .next()
        .and_then(|script| script.value().attr("src"))
        .unwrap()
        .to_owned();
    assert_eq!(app.get(&script).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn before_kickoff_the_overview_counts_down_to_j0_and_after_launch_it_shows_the_support_day() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;

    set_kickoff(&app, paris_today() + Duration::days(5)).await;
    let early = app.page("/").await;
    set_kickoff(&app, paris_today() - Duration::days(40)).await;
    let late = app.page("/").await;
    let countdown = app.page("/countdown").await;

    assert_eq!(
        texts(&early, "#overview-countdown .big"),
        ["Démarrage dans 5 jours"]
    );
    assert!(texts(&early, "#overview-today .big")[0].starts_with("J-5 · "));
    assert_eq!(
        texts(&early, ".phase-strip > li")[0],
        "Aujourd'hui · J-5",
        "the marker opens the strip"
    );
    assert_eq!(
        texts(&late, "#overview-countdown .big"),
        ["Lancement suspendu · J+40"],
        "without GO, the launch did not take place"
    );
    assert_eq!(
        texts(&late, ".phase-chip.current a"),
        ["3.3 Support post-lancement"]
    );
    assert_eq!(texts(&countdown, ".days-label"), ["J+40"]);
    assert!(texts(&countdown, ".time-left").is_empty());
    assert!(
        texts(&countdown, ".launch-outcome")[0]
            .ends_with("est passé sans GO : le lancement reste suspendu."),
    );
}

#[tokio::test]
async fn the_overview_shows_the_top_three_open_risks_and_the_latest_activity() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    sqlx::query("update risks set status = 'closed' where title = 'Indisponibilité du serveur'")
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query(
        "insert into risks (plan_id, title, likelihood, impact, owner_team_id)
         select plan_id, 'Fuite de données', 2, 5, id from teams where key = 'devops'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    assert_redirects_to(
        &save_settings(&admin, &[("name", "Lancement de Lootopia v2")]).await,
        "/admin/plan",
    );

    let page = admin.page("/").await;

    assert_eq!(
        texts(&page, "#overview-risks li a"),
        [
            "Problèmes techniques lors du déploiement",
            "Fuite de données",
            "Manque d'utilisateurs"
        ]
    );
    assert!(texts(&page, "#overview-risks li")[0].contains("score 12 (3 × 4) · DevOps"));
    let link = Selector::parse("#overview-risks li a").unwrap();
    assert!(
        page.select(&link)
            .all(|a| a.value().attr("href").unwrap().starts_with("/risks/"))
    );
    let activity = texts(&page, "#overview-activity li");
    assert!(
        activity.len() <= 5 && activity[0].contains("Lancement de Lootopia v2"),
        "{activity:?}"
    );
    assert_eq!(texts(&page, "#overview-golive .big"), ["SUSPENDU"]);
}
