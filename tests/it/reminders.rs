//! Reminders (issue 18): the morning after an open item's due day, and the
//! morning a risk's review falls due, the team concerned is told, once.

use launch_control::domain::role::Role;
use uuid::Uuid;

use crate::helpers::{TestApp, texts};

/// The first DevOps item and its title.
async fn devops_item(app: &TestApp, position: i64) -> (Uuid, String) {
    sqlx::query_as(
        "select i.id, i.title from checklist_items i join phases p on p.id = i.phase_id
         join teams t on t.id = p.team_id where t.key = 'devops'
         order by p.position, i.position offset $1 limit 1",
    )
    .bind(position)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_late_item_and_a_review_due_tell_their_team_once_in_the_morning() {
    let app = TestApp::spawn().await;
    app.today_is(10).await;
    let devops = app.visitor();
    let member = app.login_as_in(&devops, Role::Member, Some("devops")).await;
    let qa = app.visitor();
    let other = app.login_as_in(&qa, Role::Member, Some("qa")).await;
    let (late, late_title) = devops_item(&app, 0).await;
    let (done, _) = devops_item(&app, 1).await;
    let (later, _) = devops_item(&app, 2).await;
    let (earlier, _) = devops_item(&app, 3).await;
    // Only `late` and `done` fell due yesterday, and `done` is done;
    // `earlier` was late already and was told of then.
    sqlx::query("update checklist_items set due_day = 20")
        .execute(&app.db)
        .await
        .unwrap();
    for (item, day) in [(late, 9), (done, 9), (later, 10), (earlier, 8)] {
        sqlx::query("update checklist_items set due_day = $2 where id = $1")
            .bind(item)
            .bind(day)
            .execute(&app.db)
            .await
            .unwrap();
    }
    sqlx::query("update checklist_items set state = 'done', done_at = now() where id = $1")
        .bind(done)
        .execute(&app.db)
        .await
        .unwrap();
    let (risk, risk_title): (Uuid, String) = sqlx::query_as(
        "update risks set next_review_day = 10, status = 'open',
                          owner_team_id = (select id from teams where key = 'devops')
         where id = (select id from risks order by title limit 1)
         returning id, title",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    sqlx::query("update risks set next_review_day = 30 where id <> $1")
        .bind(risk)
        .execute(&app.db)
        .await
        .unwrap();

    assert_eq!(
        app.reminders_at(7).await,
        0,
        "not before the morning's hour"
    );
    // The app's own minute-by-minute look, at the real time, may take them
    // first: whoever looks, each is recorded once (counted below).
    app.reminders_at(9).await;
    assert_eq!(app.reminders_at(10).await, 0, "once");
    assert_eq!(
        app.count(
            "activity_events",
            &format!("kind = 'item.late' and subject_id = '{late}'")
        )
        .await,
        1
    );
    assert_eq!(
        app.count(
            "activity_events",
            &format!("kind = 'risk.review_due' and subject_id = '{risk}' and actor_id is null")
        )
        .await,
        1
    );
    app.fanned_out().await;
    // Of this test's item and risk: the app's own look at its start may
    // remind of the seed's, told to whoever exists when it is fanned out.
    let about = |subjects: &str| {
        format!("event_id in (select id from activity_events where subject_id in ({subjects}))")
    };
    let told = |user: Uuid, kind: &str, subject: Uuid| {
        format!(
            "user_id = '{user}' and kind = '{kind}' and {}",
            about(&format!("'{subject}'"))
        )
    };
    assert_eq!(
        app.count("notifications", &told(member, "late", late))
            .await,
        1
    );
    assert_eq!(
        app.count("notifications", &told(member, "review_due", risk))
            .await,
        1
    );
    let told_qa = format!(
        "user_id = '{other}' and {}",
        about(&format!("'{late}', '{risk}'"))
    );
    assert_eq!(
        app.count("notifications", &told_qa).await,
        0,
        "QA is not told of DevOps' items and risks"
    );
    let inbox = texts(&devops.page("/notifications?lang=en").await, ".inbox li");
    assert!(
        inbox
            .iter()
            .any(|line| line.contains(&format!("“{late_title}” is late: it was due D+9"))),
        "{inbox:?}"
    );
    assert!(
        inbox.iter().any(|line| line.contains(&format!(
            "The review of the risk “{risk_title}” is due today"
        ))),
        "{inbox:?}"
    );
}

#[tokio::test]
async fn each_plan_reminds_on_its_own_days_and_an_archived_one_of_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let copy = app.copy_plan(&admin, "Lootopia 2").await;
    let db = &app.db;
    let run = |sql: &'static str| async move { sqlx::query(sql).execute(db).await.unwrap() };
    // Day 10 of both plans; in each, its first item fell due yesterday.
    run("update plans set kickoff_date = (now() at time zone time_zone)::date - 10").await;
    run("update checklist_items set due_day = 20").await;
    run("update risks set next_review_day = 30").await;
    let firsts: Vec<(Uuid, Uuid)> = sqlx::query_as(
        "select distinct on (p.plan_id) p.plan_id, i.id
         from checklist_items i join phases p on p.id = i.phase_id
         order by p.plan_id, p.position, i.position",
    )
    .fetch_all(db)
    .await
    .unwrap();
    assert_eq!(firsts.len(), 2);
    for (_, item) in &firsts {
        sqlx::query("update checklist_items set due_day = 9 where id = $1")
            .bind(item)
            .execute(db)
            .await
            .unwrap();
    }
    run("update plans set archived_at = now() where name = 'Lootopia 2'").await;
    app.plan_edited();
    let app = &app;
    let reminded = |item: Uuid| {
        let condition = format!("kind = 'item.late' and subject_id = '{item}'");
        async move { app.count("activity_events", &condition).await }
    };
    let item_of = |plan: bool| {
        firsts
            .iter()
            .find(|(id, _)| (*id == copy) == plan)
            .map(|(_, item)| *item)
            .unwrap()
    };
    let (of_copy, of_first) = (item_of(true), item_of(false));

    app.reminders_at(9).await;
    assert_eq!(reminded(of_first).await, 1, "the first plan's late item");
    assert_eq!(
        reminded(of_copy).await,
        0,
        "the archived plan reminds of nothing"
    );

    run("update plans set archived_at = null").await;
    app.plan_edited();
    app.reminders_at(9).await;
    assert_eq!(
        reminded(of_copy).await,
        1,
        "out of the archive, its late item"
    );
    assert_eq!(reminded(of_first).await, 1, "once");
}
