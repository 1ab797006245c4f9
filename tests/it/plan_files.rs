//! Plan files (issue 21): a plan changed through the pages exports, imports
//! as a new plan and exports again to the same file; a byte changed breaks
//! its checksum; the command line moves a plan into an empty installation.

use std::process::Command;

use launch_control::domain::plan_file::PlanFile;
use launch_control::domain::role::Role;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use scraper::Html;
use uuid::Uuid;

use crate::helpers::{
    ScratchDir, TestApp, Visitor, assert_redirects_to, csrf_token, seeded_private_cluster, texts,
};

/// Uploads `text` to the import and confirms its preview.
async fn import(visitor: &Visitor, text: &str) -> reqwest::Response {
    let post = |form: Form| {
        visitor
            .client
            .post(visitor.url("/admin/plans/import"))
            .multipart(form)
            .send()
    };
    let token = csrf_token(&visitor.page("/admin/plans/import").await);
    let file = Part::bytes(text.as_bytes().to_vec()).file_name("plan.json");
    let preview = post(Form::new().text("csrf", token).part("document", file))
        .await
        .unwrap();
    if preview.status() != StatusCode::OK {
        return preview;
    }
    let page = Html::parse_document(&preview.text().await.unwrap());
    let form = Form::new()
        .text("csrf", csrf_token(&page))
        .text("document", text.to_owned())
        .text("confirm", "1");
    post(form).await.unwrap()
}

#[tokio::test]
async fn a_changed_plan_exports_imports_and_exports_again_to_the_same_file() {
    let app = TestApp::spawn().await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let (item, phase): (Uuid, Uuid) = sqlx::query_as(
        "select i.id, i.phase_id from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.1' order by i.position limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let phase_page = format!("/phases/{phase}");
    let ticked = admin
        .submit(
            &phase_page,
            &format!("/items/{item}/state"),
            &[("state", "done"), ("version", "1")],
        )
        .await;
    assert_eq!(ticked.status(), StatusCode::SEE_OTHER);
    let risk: Uuid = sqlx::query_scalar("select id from risks order by title limit 1")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let risk_page = format!("/risks/{risk}");
    let reviewed = admin
        .submit(
            &risk_page,
            &format!("{risk_page}/review"),
            &[
                ("reason", "Tests de charge passés"),
                ("likelihood", "2"),
                ("impact", "4"),
                ("next_review_day", "J+20"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(reviewed.status(), StatusCode::SEE_OTHER);
    let (marketing, infra): (Uuid, Uuid) = sqlx::query_as(
        "select (select id from phases where section = '3.1'), (select id from phases where section = '2.1')",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let linked = admin
        .submit(
            &format!("/phases/{marketing}/edit"),
            &format!("/phases/{marketing}/links"),
            &[("before", &infra.to_string()), ("lag", "2")],
        )
        .await;
    assert_eq!(linked.status(), StatusCode::SEE_OTHER);

    let exported = admin.get("/admin/plans/export").await;
    assert_eq!(exported.status(), StatusCode::OK);
    assert!(
        exported.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let text = exported.text().await.unwrap();
    let first = PlanFile::read(&text).expect("the export reads back");
    let done = &first.plan.phases[0].items[0];
    assert_eq!(done.state.as_str(), "done");
    assert!(done.done_at.is_some());
    assert_eq!(
        first
            .plan
            .risks
            .iter()
            .map(|r| r.reviews.len())
            .sum::<usize>(),
        1
    );
    let marketing_links = &first.plan.phases[5].after;
    assert_eq!(marketing_links.len(), 1);
    assert_eq!(
        (marketing_links[0].section.as_str(), marketing_links[0].lag),
        ("2.1", 2)
    );

    let created = import(&admin, &text).await;
    assert_redirects_to(&created, "/admin/plans");
    let imported: Uuid =
        sqlx::query_scalar("select id from plans order by created_at desc, id limit 1")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let mut conn = app.db.acquire().await.unwrap();
    let again = launch_control::plan_files::export(&mut conn, imported, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(
        again.plan, first.plan,
        "lossless apart from the export time"
    );
    assert_eq!(
        app.count(
            "activity_events",
            &format!("kind = 'plan.imported' and plan_id = '{imported}'")
        )
        .await,
        1
    );

    // One byte changed: refused for its checksum, nothing stored.
    let plans = app.count("plans", "true").await;
    let changed = text.replacen("Tests de charge passés", "Tests de charge passes", 1);
    assert_eq!(changed.len(), text.len() - 1);
    let refused = import(&admin, &changed).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&page, "#file-problems li"),
        ["la somme de contrôle ne correspond pas : le fichier a été modifié après son export"]
    );
    assert_eq!(app.count("plans", "true").await, plans);
}

/// Runs the binary with `args` on the private cluster of `data_dir`.
fn launch_control(data_dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let output = Command::new(env!("CARGO_BIN_EXE_launch-control"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env("DATA_DIR", data_dir)
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "launch-control {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[tokio::test]
async fn the_command_line_exports_the_running_clusters_plan_into_an_empty_data_dir() {
    // A running private cluster holding the seeded plan, as the server leaves it.
    let (running, cluster, pool) = seeded_private_cluster("launch_control").await;

    let files = ScratchDir::new();
    let exported = files.path().join("plan.json");
    launch_control(
        running.path(),
        &["plan", "export", "--out", exported.to_str().unwrap()],
    );
    let empty = ScratchDir::new();
    let output = launch_control(
        empty.path(),
        &["plan", "import", exported.to_str().unwrap()],
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("8 phases, 32 items, 3 risks"));
    let again = launch_control(empty.path(), &["plan", "export"]);

    let first = PlanFile::read(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    let second = PlanFile::read(&String::from_utf8(again.stdout).unwrap()).unwrap();
    assert_eq!(second.plan, first.plan);
    pool.close().await;
    cluster.stop().await.unwrap();
}

#[tokio::test]
async fn a_new_plan_from_this_one_has_its_structure_and_every_item_to_do() {
    let app = TestApp::spawn().await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    sqlx::query("update checklist_items set state = 'done', done_at = now() where due_day < 10")
        .execute(&app.db)
        .await
        .unwrap();
    let original: Uuid = sqlx::query_scalar("select id from plans")
        .fetch_one(&app.db)
        .await
        .unwrap();

    let refused = admin
        .submit(
            "/admin/plans/copy",
            "/admin/plans/copy",
            &[("name", " "), ("kickoff_date", "2027-02-30")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(texts(&page, "#name-error").len(), 1);
    assert_eq!(texts(&page, "#kickoff_date-error").len(), 1);
    assert_eq!(app.count("plans", "true").await, 1, "nothing stored");

    let copy = app.copy_plan(&admin, "Lootopia 2").await;
    let structure = |plan: Uuid| {
        let db = app.db.clone();
        async move {
            let phases: Vec<String> = sqlx::query_scalar(
                "select concat_ws(' | ', p.section, p.name, p.start_day, p.end_day, t.key,
                                  p.start_from_launch, p.end_from_launch,
                                  (select count(*) from phase_links l where l.after_id = p.id),
                                  (select string_agg(concat_ws('/', i.group_label, i.title, i.due_day), ', '
                                                     order by i.position)
                                   from checklist_items i where i.phase_id = p.id))
                 from phases p join teams t on t.id = p.team_id
                 where p.plan_id = $1 order by p.position",
            )
            .bind(plan)
            .fetch_all(&db)
            .await
            .unwrap();
            phases
        }
    };
    assert_eq!(structure(copy).await, structure(original).await);
    assert_eq!(
        app.count(
            "checklist_items",
            &format!(
                "phase_id in (select id from phases where plan_id = '{copy}') and state <> 'todo'"
            )
        )
        .await,
        0,
        "every item to do"
    );
    assert!(
        app.count(
            "checklist_items",
            &format!("phase_id in (select id from phases where plan_id = '{original}') and state = 'done'")
        )
        .await
            > 0,
        "the original keeps its states"
    );
    let kickoff: chrono::NaiveDate =
        sqlx::query_scalar("select kickoff_date from plans where id = $1")
            .bind(copy)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(kickoff.to_string(), "2027-03-01");

    // The pages show the first plan: what is the copy's is not found there.
    let (item, phase, risk, action): (Uuid, Uuid, Uuid, Uuid) = sqlx::query_as(
        "select (select i.id from checklist_items i join phases p on p.id = i.phase_id
                 where p.plan_id = $1 limit 1),
                (select id from phases where plan_id = $1 limit 1),
                (select id from risks where plan_id = $1 limit 1),
                (select id from communication_actions where plan_id = $1 limit 1)",
    )
    .bind(copy)
    .fetch_one(&app.db)
    .await
    .unwrap();
    for path in [
        format!("/items/{item}"),
        format!("/phases/{phase}"),
        format!("/phases/{phase}/edit"),
        format!("/phases/{phase}/items.csv"),
        format!("/risks/{risk}"),
        format!("/communications/{action}"),
    ] {
        assert_eq!(
            admin.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let (own, own_phase): (Uuid, Uuid) = sqlx::query_as(
        "select i.id, i.phase_id from checklist_items i join phases p on p.id = i.phase_id
         where p.plan_id = $1 and i.state = 'todo' limit 1",
    )
    .bind(original)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let token_page = format!("/phases/{own_phase}");
    let tick = admin
        .submit(
            &token_page,
            &format!("/items/{item}/state"),
            &[("state", "done"), ("version", "1")],
        )
        .await;
    assert_eq!(tick.status(), StatusCode::NOT_FOUND, "nor ticked from here");
    let item = item.to_string();
    let comment = admin
        .submit(
            &token_page,
            "/comments",
            &[
                ("subject_kind", "item"),
                ("subject_id", &item),
                ("body", "Hors plan"),
            ],
        )
        .await;
    assert_eq!(comment.status(), StatusCode::NOT_FOUND, "nor commented");
    assert_eq!(app.count("comments", "true").await, 0);
    assert_ne!(own.to_string(), item);
}

#[tokio::test]
async fn each_sees_the_plans_they_belong_to_and_switches_between_them() {
    let app = TestApp::spawn().await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let copy = app.copy_plan(&admin, "Lootopia 2").await;
    let item_of_copy: Uuid = sqlx::query_scalar(
        "select i.id from checklist_items i join phases p on p.id = i.phase_id
         where p.plan_id = $1 limit 1",
    )
    .bind(copy)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let options = |page: &Html| texts(page, "#plan-switch option");

    // The lead belongs to the first plan only: no switcher, and the copy
    // is not to be found, by the switcher or by an item's address.
    let lead = app.visitor();
    let lead_id = app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let home = lead.page("/").await;
    assert!(options(&home).is_empty(), "one plan, nothing to switch");
    assert_eq!(texts(&home, "h1"), ["Lancement de Lootopia"]);
    let refused = lead
        .submit("/", "/plan/shown", &[("plan", &copy.to_string())])
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let item = lead.get(&format!("/items/{item_of_copy}")).await;
    assert_eq!(item.status(), StatusCode::NOT_FOUND);
    let tick = format!("/items/{item_of_copy}/state");
    let ticked = lead
        .submit("/", &tick, &[("state", "done"), ("version", "1")])
        .await;
    assert_eq!(ticked.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.count("checklist_items", "state = 'done'").await, 0);
    assert_eq!(
        texts(&lead.page("/").await, "h1"),
        ["Lancement de Lootopia"]
    );

    // The admin reads both, and is shown the one chosen.
    let home = admin.page("/").await;
    assert_eq!(options(&home), ["Lancement de Lootopia", "Lootopia 2"]);
    let shown = admin
        .submit("/", "/plan/shown", &[("plan", &copy.to_string())])
        .await;
    assert_redirects_to(&shown, "/");
    assert_eq!(texts(&admin.page("/").await, "h1"), ["Lootopia 2"]);
    let item = admin.get(&format!("/items/{item_of_copy}")).await;
    assert_eq!(item.status(), StatusCode::OK);

    // A wall screen shows the plan it was made in, to whoever opens it.
    let (_, screen) = crate::launch::create_screen(&admin, "Hall B").await;
    let wall = app.visitor().page(&screen).await;
    assert_eq!(texts(&wall, "h1"), ["Lootopia 2"]);

    // Archived, the copy is read, not changed; out of the archive, it is again.
    let archive = format!("/admin/plans/{copy}/archive");
    let archived = admin
        .submit("/admin/plans", &archive, &[("archived", "true")])
        .await;
    assert_redirects_to(&archived, "/admin/plans");
    let home = admin.page("/").await;
    assert_eq!(
        texts(&home, "p[role=note]"),
        ["Ce plan est archivé : lecture seule."]
    );
    let refused = admin
        .submit("/", &tick, &[("state", "done"), ("version", "1")])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let page = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(texts(&page, "h1"), ["Plan archivé"]);
    assert_eq!(app.count("checklist_items", "state = 'done'").await, 0);
    let restored = admin
        .submit("/admin/plans", &archive, &[("archived", "false")])
        .await;
    assert_redirects_to(&restored, "/admin/plans");
    assert!(texts(&admin.page("/").await, "p[role=note]").is_empty());
    let version: i32 = sqlx::query_scalar("select version from checklist_items where id = $1")
        .bind(item_of_copy)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let version = version.to_string();
    let fields = [("state", "done"), ("version", version.as_str())];
    let ticked = admin.submit("/", &tick, &fields).await;
    assert_eq!(ticked.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count("checklist_items", "state = 'done'").await, 1);
    let kinds = format!("plan_id = '{copy}' and kind in ('plan.archived', 'plan.restored')");
    assert_eq!(app.count("activity_events", &kinds).await, 2);

    // Once an admin made them a member of the copy, the lead may switch to it.
    let account = format!("/admin/users/{lead_id}");
    let membership = |member: &'static str| {
        let (admin, account, plan) = (&admin, &account, copy.to_string());
        async move {
            let fields = [("plan", plan.as_str()), ("member", member)];
            admin
                .submit(account, &format!("{account}/plans"), &fields)
                .await
        }
    };
    let joined = membership("true").await;
    assert_redirects_to(&joined, &account);
    let kind =
        format!("kind = 'user.joined_plan' and plan_id = '{copy}' and subject_id = '{lead_id}'");
    assert_eq!(app.count("activity_events", &kind).await, 1);
    app.plan_edited();
    let home = lead.page("/").await;
    assert_eq!(options(&home), ["Lancement de Lootopia", "Lootopia 2"]);
    let shown = lead
        .submit("/", "/plan/shown", &[("plan", &copy.to_string())])
        .await;
    assert_redirects_to(&shown, "/");
    assert_eq!(texts(&lead.page("/").await, "h1"), ["Lootopia 2"]);

    // Taken out of it, they are back on the plan they belong to.
    let left = membership("false").await;
    assert_redirects_to(&left, &account);
    app.plan_edited();
    let home = lead.page("/").await;
    assert!(options(&home).is_empty(), "one plan again");
    assert_eq!(texts(&home, "h1"), ["Lancement de Lootopia"]);
}
