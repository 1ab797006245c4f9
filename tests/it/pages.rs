use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::{Html, Selector};

use crate::helpers::{TestApp, assert_redirects_to, texts};

const SIGNED_IN_PAGES: [&str; 14] = [
    "/",
    "/timeline",
    "/work?team=devops",
    "/work.csv",
    "/my",
    "/teams",
    "/risks",
    "/countdown",
    "/golive",
    "/feedback",
    "/activity",
    "/admin/users",
    "/admin/plan",
    "/phases/00000000-0000-0000-0000-000000000000",
];

#[tokio::test]
async fn pages_without_a_session_redirect_to_login() {
    let app = TestApp::spawn().await;
    for path in SIGNED_IN_PAGES {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(
            response.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/login"),
            "{path}"
        );
    }
    for public in ["/login", "/feedback/new", "/healthz"] {
        assert_eq!(app.get(public).await.status(), StatusCode::OK, "{public}");
    }
    // Without a valid one-time token, the setup page does not exist.
    assert_eq!(app.get("/setup").await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_page_of_the_navigation_answers_a_signed_in_admin() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Admin).await;
    let page = app.page("/").await;
    let links = Selector::parse(".mainnav a").unwrap();
    let hrefs: Vec<String> = page
        .select(&links)
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(hrefs.len(), 16);
    for href in hrefs {
        assert_eq!(app.get(&href).await.status(), StatusCode::OK, "{href}");
    }
}

#[tokio::test]
async fn the_timeline_shows_the_eight_phases_with_their_days_chart_and_markers() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;

    let page = app.page("/timeline").await;

    assert_eq!(
        texts(&page, "table.phases tbody th"),
        [
            "Préparation de l'environnement de production",
            "Déploiement continu (CI/CD)",
            "Tests de pré-production",
            "Migration des données",
            "Mise en place du monitoring",
            "Communication pré-lancement",
            "Lancement officiel",
            "Support post-lancement",
        ]
    );
    let days: Vec<String> = texts(&page, "table.phases tbody tr td:nth-child(3)");
    assert_eq!(
        days,
        [
            "J+1 – J+5",
            "J+6 – J+10",
            "J+11 – J+15",
            "J+16 – J+17",
            "J+18 – J+19",
            "J+20 – J+30",
            "J+31",
            "J+32 – J+60"
        ]
    );
    assert_eq!(texts(&page, "svg.gantt a.bar").len(), 8);
    let bar_titles = texts(&page, "svg.gantt a.bar > title");
    assert!(
        bar_titles[0].starts_with("Préparation de l'environnement de production · J+1 · "),
        "{}",
        bar_titles[0]
    );
    assert!(bar_titles[0].contains("DevOps"));
    let links = Selector::parse("svg.gantt a.bar").unwrap();
    assert!(
        page.select(&links)
            .all(|a| a.value().attr("href").unwrap().starts_with("/phases/"))
    );
    // The harness seeds with today as kickoff: today is J+0.
    assert_eq!(texts(&page, ".marker.today text"), ["Aujourd'hui · J+0"]);
    assert_eq!(texts(&page, ".marker.launch text"), ["Lancement · J+31"]);
    assert_eq!(page.root_element().value().attr("lang"), Some("fr"));
}

#[tokio::test]
async fn the_timeline_speaks_english_with_lang_en_and_keeps_the_choice() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;

    let english = app.page("/timeline?lang=en").await;
    let later = app.page("/timeline").await;

    for page in [&english, &later] {
        assert_eq!(page.root_element().value().attr("lang"), Some("en"));
        assert_eq!(texts(page, "h1"), ["Launch timeline"]);
        assert_eq!(
            texts(page, "table.phases tbody tr td:nth-child(3)")[0],
            "D+1 – D+5"
        );
        assert_eq!(texts(page, ".marker.launch text"), ["Launch · D+31"]);
    }
    let french = app.page("/timeline?lang=fr").await;
    assert_eq!(texts(&french, "h1"), ["Calendrier du lancement"]);
}

#[tokio::test]
async fn accept_language_chooses_english_when_nothing_else_does() {
    let app = TestApp::spawn().await;

    let response = app
        .client
        .get(app.url("/login"))
        .header("accept-language", "en-GB,en;q=0.9,fr;q=0.5")
        .send()
        .await
        .unwrap();

    let page = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(page.root_element().value().attr("lang"), Some("en"));
    assert_eq!(texts(&page, "h1"), ["Sign in"]);
}

#[tokio::test]
async fn a_phase_page_lists_its_items_under_their_groups() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Member).await;
    let timeline = app.page("/timeline").await;
    let first_phase = Selector::parse("table.phases tbody th a").unwrap();
    let href = timeline
        .select(&first_phase)
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();

    let page = app.page(&href).await;

    assert_eq!(
        texts(&page, "h1"),
        ["2.1 Préparation de l'environnement de production"]
    );
    assert_eq!(
        texts(&page, "tr.group"),
        ["Configuration des Serveurs", "Sécurité"]
    );
    let items = texts(&page, "tr.item th");
    assert_eq!(items.len(), 5);
    assert!(items[0].starts_with("Sélection de l'Hébergeur : Utilisation de Microsoft Azure"));
    assert_eq!(texts(&page, "tr.item .badge"), vec!["À faire"; 5]);
}

#[tokio::test]
async fn an_unknown_phase_is_a_not_found_page_in_the_users_language() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Member).await;

    for path in [
        "/phases/00000000-0000-0000-0000-000000000000?lang=en",
        "/phases/not-a-uuid",
        "/no/such/page",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let page = Html::parse_document(&response.text().await.unwrap());
        assert_eq!(texts(&page, "h1"), ["Page not found"], "{path}");
    }
}

#[tokio::test]
async fn pages_carry_the_security_headers() {
    let app = TestApp::spawn().await;

    let response = app.get("/login").await;

    let headers = response.headers();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "same-origin");
}

#[tokio::test]
async fn the_overview_counts_down_to_launch_day() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;

    let page = app.page("/").await;

    assert_eq!(texts(&page, "h1"), ["Lancement de Lootopia"]);
    assert!(texts(&page, ".card .big").contains(&"Lancement dans 31 jours".to_owned()));
    assert_eq!(texts(&page, ".phase-chip").len(), 8);
    assert_redirects_to(&app.get("/login").await, "/");
}
