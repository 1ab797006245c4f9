//! Launch day: plan settings, the overview, the countdown and its kiosk
//! link, and the calendar feed.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use icalendar::{Component, DatePerhapsTime};
use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::{Html, Selector};

use crate::helpers::{TestApp, Visitor, assert_redirects_to, texts};

/// Today in the plan's time zone.
fn paris_today() -> NaiveDate {
    Utc::now().with_timezone(&Paris).date_naive()
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Moves J0 straight in the database (arrange), as if set long ago.
async fn set_kickoff(app: &TestApp, kickoff: NaiveDate) {
    sqlx::query("update plans set kickoff_date = $1")
        .bind(kickoff)
        .execute(&app.db)
        .await
        .unwrap();
}

/// Signs in a new admin in a visitor of their own.
async fn admin(app: &TestApp) -> Visitor {
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    admin
}

/// Posts the settings form as drawn, with `changes` over its values.
async fn save_settings(admin: &Visitor, changes: &[(&str, &str)]) -> reqwest::Response {
    let today = iso(paris_today());
    let mut fields = vec![
        ("name", "Lancement de Lootopia"),
        ("kickoff_date", today.as_str()),
        ("launch_day", "31"),
        ("launch_time", "10:00"),
        ("time_zone", "Europe/Paris"),
        ("version", "1"),
    ];
    for (name, value) in changes {
        fields.retain(|(field, _)| field != name);
        fields.push((name, value));
    }
    admin.submit("/admin/plan", "/admin/plan", &fields).await
}

/// Issues a secret link as `admin` and returns its path (from the flash).
async fn issue_link(admin: &Visitor, kind: &str, marker: &str) -> String {
    let issued = admin
        .submit("/admin/plan", &format!("/admin/plan/links/{kind}"), &[])
        .await;
    assert_redirects_to(&issued, "/admin/plan#links");
    let flash = texts(&admin.page("/admin/plan").await, ".flash").join(" ");
    let start = flash.find(marker).expect("the flash holds the link");
    flash[start..].split_whitespace().next().unwrap().to_owned()
}

fn count(page: &Html, selector: &str) -> usize {
    page.select(&Selector::parse(selector).unwrap()).count()
}

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
        ["21 jours avant le lancement"]
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
    assert_eq!(count(&page, "script[src^='/static/countdown.js']"), 1);
    assert_eq!(
        app.get("/static/countdown.js").await.status(),
        StatusCode::OK
    );
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
        ["Support après lancement · J+40"]
    );
    assert_eq!(
        texts(&late, ".phase-chip.current a"),
        ["3.3 Support post-lancement"]
    );
    assert_eq!(texts(&countdown, ".days-label"), ["J+40"]);
    assert_eq!(texts(&countdown, ".time-left"), ["Le lancement a eu lieu."]);
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
    assert_eq!(texts(&page, "#overview-golive .big"), ["HOLD"]);
}

#[tokio::test]
async fn bad_plan_settings_are_redrawn_with_the_errors_beside_the_fields_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;

    let refused = save_settings(
        &admin,
        &[
            ("kickoff_date", "26/11/2026"),
            ("launch_day", "99"),
            ("time_zone", "Mars/Olympus"),
        ],
    )
    .await;

    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&page, ".field-error"),
        [
            "Indiquez une date (AAAA-MM-JJ).",
            "Indiquez un jour du plan, de 1 à sa fin.",
            "Choisissez un fuseau horaire de la liste."
        ]
    );
    let typed = Selector::parse("input[name=kickoff_date]").unwrap();
    assert_eq!(
        page.select(&typed).next().unwrap().value().attr("value"),
        Some("26/11/2026")
    );
    assert_eq!(
        app.count("plans", "version = 1 and not kickoff_confirmed")
            .await,
        1
    );
    assert_eq!(
        app.count("activity_events", "kind = 'plan.updated'").await,
        0
    );
}

#[tokio::test]
async fn settings_drawn_before_someone_elses_change_are_refused_and_nothing_is_overwritten() {
    let app = TestApp::spawn().await;
    let (first, second) = (admin(&app).await, app.visitor());
    app.login_as_in(&second, Role::Admin, Some("devops")).await;
    assert_redirects_to(
        &save_settings(&first, &[("name", "Premier")]).await,
        "/admin/plan",
    );

    let stale = save_settings(&second, &[("name", "Second"), ("version", "1")]).await;

    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let page = Html::parse_document(&stale.text().await.unwrap());
    assert!(texts(&page, ".alert")[0].contains("« Second »"));
    let name: String = sqlx::query_scalar("select name from plans")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(name, "Premier");
}

#[tokio::test]
async fn only_admins_change_the_plan_and_its_links() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;

    for action in [
        "/admin/plan",
        "/admin/plan/links/kiosk",
        "/admin/plan/links/calendar/revoke",
    ] {
        let response = lead
            .submit("/", action, &[("kickoff_date", "2020-01-01")])
            .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{action}");
    }
    assert_eq!(app.count("plans", "version = 1").await, 1);
    assert_eq!(
        app.count("access_tokens", "purpose in ('kiosk', 'calendar')")
            .await,
        0
    );
    assert!(
        texts(
            &lead.page("/countdown").await,
            "a[href='/admin/plan#links']"
        )
        .is_empty()
    );
}

#[tokio::test]
async fn the_kiosk_link_works_without_a_session_shows_no_control_and_stops_when_revoked() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let link = issue_link(&admin, "kiosk", "/kiosk/").await;
    let wall = app.visitor();

    let response = wall.get(&link).await;

    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers().get("set-cookie").is_none(),
        "no session is opened"
    );
    let page = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(texts(&page, ".days-label"), ["J-31"]);
    for control in ["form", "nav", "button", "input", "select", "textarea", "a"] {
        assert_eq!(count(&page, control), 0, "a kiosk shows no {control}");
    }
    let refresh = Selector::parse("meta[http-equiv=refresh]").unwrap();
    assert_eq!(
        page.select(&refresh)
            .next()
            .unwrap()
            .value()
            .attr("content"),
        Some("60")
    );
    assert_eq!(count(&page, ".time-left[data-launch-at]"), 1);

    let revoked = admin
        .submit("/admin/plan", "/admin/plan/links/kiosk/revoke", &[])
        .await;
    assert_redirects_to(&revoked, "/admin/plan#links");
    assert_eq!(wall.get(&link).await.status(), StatusCode::NOT_FOUND);

    let again = issue_link(&admin, "kiosk", "/kiosk/").await;
    assert_eq!(wall.get(&again).await.status(), StatusCode::OK);
    let replaced = issue_link(&admin, "kiosk", "/kiosk/").await;
    assert_eq!(
        wall.get(&again).await.status(),
        StatusCode::NOT_FOUND,
        "a new link ends the old"
    );
    assert_eq!(wall.get(&replaced).await.status(), StatusCode::OK);
    assert_eq!(
        wall.get("/kiosk/not-a-token").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.count("activity_events", "kind = 'plan.kiosk_link_issued'")
            .await,
        3
    );
    assert_eq!(
        app.count("activity_events", "kind = 'plan.kiosk_link_revoked'")
            .await,
        1
    );
    let secret = replaced.trim_start_matches("/kiosk/");
    assert_eq!(
        app.count("activity_events", &format!("after::text like '%{secret}%'"))
            .await,
        0
    );
}

#[tokio::test]
async fn the_calendar_feed_parses_and_holds_the_eight_phases_the_launch_and_the_communication() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let kickoff = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    assert_redirects_to(
        &save_settings(&admin, &[("kickoff_date", &iso(kickoff))]).await,
        "/admin/plan",
    );
    let link = issue_link(&admin, "calendar", "/timeline.ics?token=").await;
    let subscriber = app.visitor();

    let response = subscriber.get(&link).await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let calendar: icalendar::Calendar = response
        .text()
        .await
        .unwrap()
        .parse()
        .expect("a valid iCalendar");
    let events: Vec<_> = calendar.events().collect();
    let uid = |event: &&icalendar::Event| event.get_uid().unwrap_or_default().to_owned();
    let phases: Vec<_> = events
        .iter()
        .filter(|event| uid(event).starts_with("phase-"))
        .collect();
    assert_eq!(phases.len(), 8);
    assert_eq!(
        phases[0].get_summary(),
        Some("2.1 Préparation de l'environnement de production")
    );
    assert_eq!(
        phases[0].get_start(),
        Some(DatePerhapsTime::Date(
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
        ))
    );
    assert_eq!(
        phases[0].get_end(),
        Some(DatePerhapsTime::Date(
            NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
        ))
    );
    let launch: Vec<_> = events
        .iter()
        .filter(|event| uid(event).starts_with("launch-"))
        .collect();
    assert_eq!(launch.len(), 1);
    assert_eq!(
        launch[0].get_summary(),
        Some("Lancement · Lancement de Lootopia")
    );
    let launch_at = Utc.with_ymd_and_hms(2026, 12, 27, 9, 0, 0).unwrap();
    assert_eq!(
        launch[0].get_start(),
        Some(DatePerhapsTime::from(launch_at))
    );
    assert_eq!(
        events
            .iter()
            .filter(|event| uid(event).starts_with("communication-"))
            .count(),
        8
    );
    let again: icalendar::Calendar = subscriber
        .get(&link)
        .await
        .text()
        .await
        .unwrap()
        .parse()
        .unwrap();
    let uids = |calendar: &icalendar::Calendar| -> Vec<String> {
        calendar.events().map(|e| uid(&e)).collect()
    };
    assert_eq!(uids(&calendar), uids(&again), "UIDs are stable");

    assert_eq!(
        subscriber.get("/timeline.ics").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_redirects_to(
        &admin
            .submit("/admin/plan", "/admin/plan/links/calendar/revoke", &[])
            .await,
        "/admin/plan#links",
    );
    assert_eq!(subscriber.get(&link).await.status(), StatusCode::NOT_FOUND);
}
