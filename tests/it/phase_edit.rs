//! Editing phases (issue 20): a change of days previews what moves with it,
//! then moves it all at once; links that would close a cycle are refused;
//! a lead edits only their team's phases.

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::Html;
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, assert_redirects_to, borrowed, form_values, texts};

/// The id and days of phase `section`.
async fn phase(app: &TestApp, section: &str) -> (Uuid, i32, i32) {
    sqlx::query_as("select id, start_day, end_day from phases where section = $1")
        .bind(section)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn ending_a_phase_later_previews_then_moves_its_successors_in_one_go() {
    let app = TestApp::spawn().await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let (qa, start, end) = phase(&app, "2.3").await;
    assert_eq!((start, end), (11, 15));
    let edit = format!("/phases/{qa}/edit");
    let form = form_values(
        &admin.page(&edit).await,
        "form.stack[action$='/edit']",
        &[
            ("name", "Tests"),
            ("start_day", "J+11"),
            ("end_day", "J+17"),
        ],
    );
    let later = borrowed(&form);

    let preview = admin.submit(&edit, &edit, &later).await;
    assert_eq!(preview.status(), StatusCode::OK);
    let page = Html::parse_document(&preview.text().await.unwrap());
    let moves = texts(&page, "#preview li");
    assert_eq!(moves.len(), 2, "{moves:?}");
    assert!(
        moves[0].starts_with("2.4") && moves[0].ends_with("(+2 jours)"),
        "{moves:?}"
    );
    assert!(
        moves[1].starts_with("2.5") && moves[1].ends_with("(+2 jours)"),
        "{moves:?}"
    );
    assert_eq!(
        phase(&app, "2.3").await,
        (qa, 11, 15),
        "nothing stored by the preview"
    );

    let (migration, ..) = phase(&app, "2.4").await;
    let due_before: Vec<i32> =
        sqlx::query_scalar("select due_day from checklist_items where phase_id = $1 order by id")
            .bind(migration)
            .fetch_all(&app.db)
            .await
            .unwrap();
    let mut confirmed = later.to_vec();
    confirmed.push(("confirm", "1"));
    let applied = admin.submit(&edit, &edit, &confirmed).await;
    assert_redirects_to(&applied, &format!("/phases/{qa}"));
    assert_eq!(
        phase(&app, "2.3").await.1..=phase(&app, "2.3").await.2,
        11..=17
    );
    assert_eq!(
        phase(&app, "2.4").await.1..=phase(&app, "2.4").await.2,
        18..=19
    );
    assert_eq!(
        phase(&app, "2.5").await.1..=phase(&app, "2.5").await.2,
        20..=21
    );
    assert_eq!(
        phase(&app, "3.2").await.1,
        31,
        "the launch stays: 2.5 left it room"
    );
    let due_after: Vec<i32> =
        sqlx::query_scalar("select due_day from checklist_items where phase_id = $1 order by id")
            .bind(migration)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(
        due_after,
        due_before.iter().map(|day| day + 2).collect::<Vec<_>>(),
        "2.4's items move with it"
    );
    assert_eq!(
        app.count("activity_events", "kind = 'plan.phase_updated'")
            .await,
        3
    );

    let stale = admin.submit(&edit, &edit, &confirmed).await;
    assert_eq!(stale.status(), StatusCode::CONFLICT, "version 1 is gone");
    assert_eq!(phase(&app, "2.3").await.2, 17);
}

#[tokio::test]
async fn a_link_closing_a_cycle_is_refused_and_a_lead_edits_only_their_teams_phases() {
    let app = TestApp::spawn().await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let (infra, ..) = phase(&app, "2.1").await;
    let (production, ..) = phase(&app, "2.5").await;
    let links = app.count("phase_links", "true").await;
    let edit = format!("/phases/{infra}/edit");
    let refused = admin
        .submit(
            &edit,
            &format!("/phases/{infra}/links"),
            &[("before", &production.to_string()), ("lag", "0")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&page, "#before-error"),
        [
            "2.1 vient déjà avant 2.5 (2.1 → 2.2 → 2.3 → 2.4 → 2.5) : la faire commencer après 2.5 ferait un cercle."
        ]
    );
    assert_eq!(
        app.count("phase_links", "true").await,
        links,
        "nothing stored"
    );

    let (marketing, ..) = phase(&app, "3.1").await;
    let linked = admin
        .submit(
            &format!("/phases/{marketing}/edit"),
            &format!("/phases/{marketing}/links"),
            &[("before", &infra.to_string()), ("lag", "2")],
        )
        .await;
    assert_redirects_to(&linked, &format!("/phases/{marketing}/edit#links"));
    assert_eq!(app.count("phase_links", "true").await, links + 1);

    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("qa")).await;
    let (migration, ..) = phase(&app, "2.4").await;
    let theirs = format!("/phases/{migration}/edit");
    assert_eq!(lead.get(&theirs).await.status(), StatusCode::FORBIDDEN);
    let (tests, ..) = phase(&app, "2.3").await;
    let refused = lead
        .submit(
            &format!("/phases/{tests}/edit"),
            &theirs,
            &[
                ("name", "Mine now"),
                ("start_day", "16"),
                ("end_day", "17"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("phases", "name = 'Mine now'").await, 0);
    assert_eq!(
        lead.get(&format!("/phases/{tests}/edit")).await.status(),
        StatusCode::OK,
        "their own"
    );
}

#[tokio::test]
async fn the_timeline_marks_the_critical_path_to_launch_and_each_phases_slack() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;
    let page = app.page("/timeline").await;
    let critical = texts(&page, ".gantt a.bar.critical .bar-label");
    assert_eq!(critical.len(), 2, "{critical:?}");
    assert!(
        critical[0].starts_with("3.1") && critical[1].starts_with("3.2"),
        "{critical:?}"
    );
    let slack = texts(&page, "table.phases td.slack");
    assert_eq!(slack.len(), 8);
    // 2.1 → … → 2.5 end on J+19, twelve days before launch day's phase.
    assert_eq!(slack[4], "11 jours de marge", "{slack:?}");
    assert_eq!(
        &slack[5..],
        ["Chemin critique", "Chemin critique", "Après le lancement"]
    );

    // 2.5 ending on J+30 puts the whole chain on the critical path.
    let (production, ..) = phase(&app, "2.5").await;
    sqlx::query("update phases set end_day = 30 where id = $1")
        .bind(production)
        .execute(&app.db)
        .await
        .unwrap();
    let page = app.page("/timeline").await;
    assert_eq!(texts(&page, ".gantt a.bar.critical").len(), 7);
}

#[tokio::test]
async fn moving_launch_day_moves_what_is_anchored_to_it_and_nothing_else() {
    let app = TestApp::spawn().await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let (launch, ..) = phase(&app, "3.2").await;
    let (migration, ..) = phase(&app, "2.4").await;
    let due = |phase: Uuid| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, i32>(
                "select due_day from checklist_items where phase_id = $1 order by id",
            )
            .bind(phase)
            .fetch_all(&db)
            .await
            .unwrap()
        }
    };
    let launch_items = due(launch).await;
    let migration_items = due(migration).await;
    assert!(launch_items.contains(&31) && launch_items.contains(&20));
    let actions_on_31 = app.count("communication_actions", "day = 31").await;
    assert_eq!(actions_on_31, 3);

    let page = admin.page("/admin/plan").await;
    let fields = form_values(&page, "form[action='/admin/plan']", &[("launch_day", "33")]);
    let moved = admin
        .submit("/admin/plan", "/admin/plan", &borrowed(&fields))
        .await;
    assert_redirects_to(&moved, "/admin/plan");

    assert_eq!(phase(&app, "3.2").await, (launch, 33, 33));
    assert_eq!(
        phase(&app, "3.3").await.1..=phase(&app, "3.3").await.2,
        34..=60
    );
    let expected: Vec<i32> = launch_items
        .iter()
        .map(|day| if *day == 31 { 33 } else { *day })
        .collect();
    assert_eq!(
        due(launch).await,
        expected,
        "its launch-day items move; J+20 and J+28 stay"
    );
    assert_eq!(
        app.count("communication_actions", "day = 33").await,
        3,
        "the launch actions"
    );
    assert_eq!(app.count("communication_actions", "day = 31").await, 0);
    assert_eq!(
        due(migration).await,
        migration_items,
        "J+n items before launch stay"
    );
    assert_eq!(phase(&app, "2.5").await.2, 19);
    assert_eq!(
        app.count("activity_events", "kind = 'plan.phase_updated'")
            .await,
        2
    );
}

#[tokio::test]
async fn removing_a_phase_asks_where_its_items_go_and_loses_none() {
    let app = TestApp::spawn().await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let every_item = app.count("checklist_items", "true").await;
    let (migration, ..) = phase(&app, "2.4").await;
    let (production, ..) = phase(&app, "2.5").await;
    let (tests, ..) = phase(&app, "2.3").await;
    let in_phase = |phase: Uuid| format!("phase_id = '{phase}'");
    let migration_items = app.count("checklist_items", &in_phase(migration)).await;
    let production_items = app.count("checklist_items", &in_phase(production)).await;
    assert!(migration_items > 0);
    let remove = format!("/phases/{migration}/remove");
    assert_eq!(
        lead.get(&remove).await.status(),
        StatusCode::FORBIDDEN,
        "admins only"
    );

    let unsaid = admin
        .submit(&remove, &remove, &[("fate", "move"), ("version", "1")])
        .await;
    assert_eq!(unsaid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Html::parse_document(&unsaid.text().await.unwrap());
    assert_eq!(
        texts(&page, "#target-error"),
        ["Choisissez la phase où vont ses éléments."]
    );
    assert_eq!(
        app.count("phases", &format!("id = '{migration}'")).await,
        1,
        "still there"
    );

    let production_id = production.to_string();
    let moved = admin
        .submit(
            &remove,
            &remove,
            &[
                ("target", &production_id),
                ("fate", "move"),
                ("version", "1"),
            ],
        )
        .await;
    assert_redirects_to(&moved, "/timeline");
    assert_eq!(app.count("phases", &format!("id = '{migration}'")).await, 0);
    assert_eq!(
        app.count(
            "checklist_items",
            &format!("{} and deleted_at is null", in_phase(production))
        )
        .await,
        production_items + migration_items,
        "2.4's items are in 2.5 now"
    );
    assert_eq!(
        app.count("activity_events", "kind = 'item.rehomed'").await,
        migration_items
    );
    assert_eq!(
        app.count("activity_events", "kind = 'plan.phase_removed'")
            .await,
        1
    );

    let remove = format!("/phases/{production}/remove");
    let tests_id = tests.to_string();
    let trashed = admin
        .submit(
            &remove,
            &remove,
            &[("target", &tests_id), ("fate", "trash"), ("version", "1")],
        )
        .await;
    assert_redirects_to(&trashed, "/timeline");
    assert_eq!(
        app.count(
            "checklist_items",
            &format!("{} and deleted_at is not null", in_phase(tests))
        )
        .await,
        production_items + migration_items,
        "in the trash, to be restored into 2.3"
    );
    assert_eq!(
        app.count("checklist_items", "true").await,
        every_item,
        "none lost"
    );
    let one: Uuid = sqlx::query_scalar(
        "select id from checklist_items where phase_id = $1 and deleted_at is not null limit 1",
    )
    .bind(tests)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let restored = admin
        .submit("/trash", &format!("/trash/items/{one}/restore"), &[])
        .await;
    assert_eq!(restored.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count(
            "checklist_items",
            &format!(
                "id = '{one}' and deleted_at is null and {}",
                in_phase(tests)
            )
        )
        .await,
        1,
        "restored into 2.3"
    );
}

/// The sections of the timeline's table, in the plan's order.
async fn sections(visitor: &Visitor) -> Vec<String> {
    texts(
        &visitor.page("/timeline").await,
        "#phases-table tbody td:first-child",
    )
}

#[tokio::test]
async fn an_admin_adds_a_phase_where_it_belongs_then_renumbers_and_moves_it() {
    let app = TestApp::spawn().await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let (production, ..) = phase(&app, "2.5").await;
    let qa = app.team_id("qa").await.to_string();
    let production = production.to_string();
    let phases = app.count("phases", "true").await;
    let form = "form[action='/phases/new']";
    let taken = form_values(
        &admin.page("/phases/new").await,
        form,
        &[
            ("section", "2.3"),
            ("name", "Répétition générale"),
            ("team", &qa),
            ("after", &production),
            ("start_day", "J+27"),
            ("end_day", "J+28"),
        ],
    );

    let refused = admin
        .submit("/phases/new", "/phases/new", &borrowed(&taken))
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&page, "#section-error"),
        ["Une autre phase porte déjà cette section."]
    );
    let kept = form_values(&page, form, &[]);
    assert_eq!(kept, taken, "every value kept");
    assert_eq!(app.count("phases", "true").await, phases, "nothing stored");

    let fields = form_values(&page, form, &[("section", "2.6")]);
    let added = admin
        .submit("/phases/new", "/phases/new", &borrowed(&fields))
        .await;
    let (rehearsal, start, end) = phase(&app, "2.6").await;
    assert_redirects_to(&added, &format!("/phases/{rehearsal}"));
    assert_eq!((start, end), (27, 28));
    let order = sections(&admin).await;
    let at = order.iter().position(|section| section == "2.6").unwrap();
    assert_eq!(order[at - 1], "2.5", "placed after 2.5: {order:?}");
    assert_eq!(
        app.count("activity_events", "kind = 'plan.phase_created'")
            .await,
        1
    );
    let activity = texts(&admin.page("/activity").await, "#activity-feed li");
    assert!(
        activity.iter().any(|line| line.contains(
            "a ajouté la phase 2.6 « Répétition générale », J+27 – J+28"
        )),
        "{activity:?}"
    );

    let edit = format!("/phases/{rehearsal}/edit");
    let arranged = form_values(
        &admin.page(&edit).await,
        "form.stack[action$='/edit']",
        &[("section", "0.1"), ("after", "first")],
    );
    let saved = admin.submit(&edit, &edit, &borrowed(&arranged)).await;
    assert_redirects_to(&saved, &format!("/phases/{rehearsal}"));
    assert_eq!(sections(&admin).await[0], "0.1");

    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("qa")).await;
    assert_eq!(
        lead.get("/phases/new").await.status(),
        StatusCode::FORBIDDEN
    );
    let (tests, ..) = phase(&app, "2.3").await;
    let theirs = format!("/phases/{tests}/edit");
    let page = lead.page(&theirs).await;
    assert!(
        texts(&page, "label[for=section], label[for=after]").is_empty(),
        "a lead does not arrange the plan"
    );
    // Posted anyway, section and place stay the phase's own.
    let renamed = form_values(
        &page,
        "form.stack[action$='/edit']",
        &[("name", "Recette"), ("section", "9.9"), ("after", "first")],
    );
    let saved = lead.submit(&theirs, &theirs, &borrowed(&renamed)).await;
    assert_redirects_to(&saved, &format!("/phases/{tests}"));
    assert_eq!(
        app.count("phases", "name = 'Recette' and section = '2.3'")
            .await,
        1
    );
    assert_eq!(sections(&admin).await[0], "0.1");
}

#[tokio::test]
async fn the_overview_forecasts_late_phases_and_how_far_they_would_move_launch() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;
    app.today_is(3).await;
    assert!(
        texts(&app.page("/").await, "#overview-forecast").is_empty(),
        "on day 3 every phase is on time"
    );

    // Day 8: phase 2.1 (J+1 – J+5) still has every item open; one item of
    // 3.1 (J+20 – J+30, on the critical path) was pushed to J+32.
    app.today_is(8).await;
    let (marketing, ..) = phase(&app, "3.1").await;
    sqlx::query(
        "update checklist_items set due_day = 32 where id =
             (select id from checklist_items where phase_id = $1 order by position limit 1)",
    )
    .bind(marketing)
    .execute(&app.db)
    .await
    .unwrap();
    let name = |section: &'static str| {
        sqlx::query_scalar::<_, String>("select name from phases where section = $1")
            .bind(section)
            .fetch_one(&app.db)
    };
    let (infra, launch_prep) = (name("2.1").await.unwrap(), name("3.1").await.unwrap());

    let page = app.page("/").await;
    assert_eq!(
        texts(&page, "#overview-forecast li"),
        [
            format!(
                "2.1 {infra} a 3 jours de retard : ses éléments ouverts la terminent le J+8, \
                 pas le J+5. Sa marge l'absorbe : le lancement garde son jour."
            ),
            format!(
                "3.1 {launch_prep} a 2 jours de retard : ses éléments ouverts la terminent le \
                 J+32, pas le J+30. Avec ses phases suivantes, le lancement serait décalé de 2 jours."
            ),
        ]
    );
    assert_eq!(
        texts(&page, "#overview-forecast .alert"),
        ["À ce rythme, le lancement passerait de J+31 à J+33."]
    );
    assert_eq!(phase(&app, "3.2").await.1, 31, "a forecast moves nothing");
}
