//! Reading writes nothing: a signed-in page costs no write to the database,
//! and the plan comes from each instance's memory, which every change to it
//! reaches within a second, whichever instance or hand makes it.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use launch_control::app::Options;
use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::{Html, Selector};
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, assert_redirects_to, serve_listening, texts};

/// How long a change may take to reach another instance's pages.
const WITHIN: Duration = Duration::from_secs(1);

/// Logs every statement that writes to a table of the test's database (a
/// trigger per table and statement), from any connection, in
/// `write_log`: which table, which operation.
async fn log_writes(app: &TestApp) {
    sqlx::raw_sql(
        r#"create function log_write() returns trigger language plpgsql as $$
           begin
               insert into public.write_log values (tg_table_schema || '.' || tg_table_name, tg_op);
               return null;
           end;
           $$;
           do $$
           declare t record;
           begin
               for t in select schemaname, tablename from pg_tables
                        where schemaname in ('public', 'tower_sessions') loop
                   execute format('create trigger log_write after insert or update or delete or truncate
                                   on %I.%I for each statement execute function log_write()',
                                  t.schemaname, t.tablename);
               end loop;
           end;
           $$;
           create table write_log (at_table text not null, operation text not null);"#,
    )
    .execute(&app.db)
    .await
    .expect("the write log is set up");
}

/// The writes logged so far, as "operation table".
async fn writes(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar("select operation || ' ' || at_table from write_log")
        .fetch_all(&app.db)
        .await
        .unwrap()
}

/// A phase of the devops team.
async fn devops_phase(app: &TestApp) -> Uuid {
    sqlx::query_scalar(
        "select p.id from phases p join teams t on t.id = p.team_id
         where t.key = 'devops' order by p.position limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// GETs `url` as `visitor`; the page, which must answer 200.
async fn page_at(visitor: &Visitor, url: &str) -> Html {
    let response = visitor.client.get(url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "GET {url}");
    Html::parse_document(&response.text().await.unwrap())
}

/// The kickoff date the settings form at `base` shows.
async fn kickoff_shown(visitor: &Visitor, base: &str) -> String {
    let form = page_at(visitor, &format!("{base}/admin/plan")).await;
    let field = Selector::parse("input[name=kickoff_date]").unwrap();
    form.select(&field)
        .next()
        .and_then(|input| input.value().attr("value"))
        .expect("the settings form has a kickoff date")
        .to_owned()
}

/// Loads `url` until `shows` holds for the page, for at most [`WITHIN`];
/// how long it took, if it did.
async fn shown_within(
    visitor: &Visitor,
    url: &str,
    shows: impl Fn(&Html) -> bool,
) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() <= WITHIN {
        if shows(&page_at(visitor, url).await) {
            return Some(started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    None
}

#[tokio::test]
async fn a_phase_page_loaded_twenty_times_by_a_signed_in_lead_writes_nothing() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let phase = devops_phase(&app).await;
    sqlx::query(
        "update checklist_items set state = 'done', done_at = now(), version = version + 1
         where id = (select id from checklist_items where phase_id = $1 order by position limit 1)",
    )
    .bind(phase)
    .execute(&app.db)
    .await
    .unwrap();
    let (done, total): (i64, i64) = sqlx::query_as(
        "select count(*) filter (where state = 'done'), count(*) from checklist_items
         where phase_id = $1",
    )
    .bind(phase)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let csrf = Selector::parse("input[name=csrf]").unwrap();
    app.fanned_out().await;
    log_writes(&app).await;

    for _ in 0..20 {
        let page = lead.page(&format!("/phases/{phase}")).await;
        assert!(
            page.select(&csrf).next().is_some(),
            "the page carries forms"
        );
        assert_eq!(
            texts(&page, "#phase-progress .progress-label"),
            [format!("{done} sur {total} terminés")]
        );
    }

    assert_eq!(writes(&app).await, Vec::<String>::new());
    // The log does see the session written when something in it changes.
    lead.page(&format!("/phases/{phase}?lang=en")).await;
    assert!(
        writes(&app)
            .await
            .contains(&"UPDATE tower_sessions.session".to_owned()),
        "a language chosen is saved in the session: {:?}",
        writes(&app).await
    );
}

#[tokio::test]
async fn a_plan_setting_changed_on_one_instance_shows_on_another_within_a_second() {
    let app = TestApp::spawn().await;
    let other = format!(
        "http://{}",
        serve_listening(app.db.clone(), Options::default()).await
    );
    app.login_as(Role::Admin).await;
    let before = kickoff_shown(&app, &other).await;
    let kickoff =
        NaiveDate::parse_from_str(&before, "%Y-%m-%d").unwrap() - chrono::Duration::days(3);
    let kickoff = kickoff.format("%Y-%m-%d").to_string();

    let saved = app
        .submit("/admin/plan", "/admin/plan", &[("kickoff_date", &kickoff)])
        .await;

    assert_redirects_to(&saved, "/admin/plan");
    let field = Selector::parse("input[name=kickoff_date]").unwrap();
    let took = shown_within(&app, &format!("{other}/admin/plan"), |form| {
        form.select(&field)
            .next()
            .and_then(|input| input.value().attr("value"))
            == Some(kickoff.as_str())
    })
    .await;
    assert!(took.is_some(), "the other instance still shows {before}");
    println!("the other instance showed the new kickoff after {took:?}");
}

#[tokio::test]
async fn a_phase_renamed_straight_in_the_database_shows_within_a_second() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;
    let phase = devops_phase(&app).await;
    let url = app.url(&format!("/phases/{phase}"));
    page_at(&app, &url).await;

    sqlx::query("update phases set name = 'Bascule DNS' where id = $1")
        .bind(phase)
        .execute(&app.db)
        .await
        .unwrap();

    let took = shown_within(&app, &url, |page| {
        texts(page, "h1")
            .iter()
            .any(|title| title.ends_with("Bascule DNS"))
    })
    .await;
    assert!(took.is_some(), "the phase page still shows its old name");
}
