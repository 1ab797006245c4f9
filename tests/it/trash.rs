//! Safe delete and the trash (issue 15, Done-when 4): deleting asks first,
//! a deleted item or action leaves every page and waits in the trash, comes
//! back whole when restored, and is purged after 30 days.

use chrono::Utc;
use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::{Html, Selector};
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, assert_redirects_to, texts};

/// A seeded item that mitigates a risk: (item, its version, its phase, its
/// team's key, the risk).
async fn mitigation_item(app: &TestApp) -> (Uuid, i32, Uuid, String, Uuid) {
    sqlx::query_as(
        "select i.id, i.version, i.phase_id, t.key, m.risk_id from risk_mitigation_items m
         join checklist_items i on i.id = m.item_id
         join phases p on p.id = i.phase_id join teams t on t.id = p.team_id
         order by p.position, i.position limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn version_of(app: &TestApp, table: &str, id: Uuid) -> String {
    let version: i32 = sqlx::query_scalar(&format!("select version from {table} where id = $1"))
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    version.to_string()
}

/// Whether `page` has a link to `href` inside `scope`.
fn links_to(page: &Html, scope: &str, href: &str) -> bool {
    let selector = Selector::parse(&format!(r#"{scope} a[href="{href}"]"#)).unwrap();
    page.select(&selector).next().is_some()
}

async fn signed_in(app: &TestApp, role: Role, team: Option<&str>) -> Visitor {
    let visitor = app.visitor();
    app.login_as_in(&visitor, role, team).await;
    visitor
}

#[tokio::test]
async fn deleting_an_item_asks_first_and_restoring_brings_back_its_links_history_and_comments() {
    let app = TestApp::spawn().await;
    let (item, version, phase, team, risk) = mitigation_item(&app).await;
    let lead = app.visitor();
    let lead_id = app.login_as_in(&lead, Role::Lead, Some(&team)).await;
    let (item_page, phase_page) = (format!("/items/{item}"), format!("/phases/{phase}"));
    let risk_page = format!("/risks/{risk}");
    let confirm = format!("/items/{item}/delete");
    // Its history and a comment before it goes.
    let ticked = lead
        .submit(
            &phase_page,
            &format!("/items/{item}/state"),
            &[("state", "in_progress"), ("version", &version.to_string())],
        )
        .await;
    assert_eq!(ticked.status(), StatusCode::SEE_OTHER);
    let plan_id: Uuid = sqlx::query_scalar("select id from plans")
        .fetch_one(&app.db)
        .await
        .unwrap();
    sqlx::query("insert into comments (plan_id, item_id, author_id, body) values ($1, $2, $3, $4)")
        .bind(plan_id)
        .bind(item)
        .bind(lead_id)
        .bind("Qui a le contrat Azure ?")
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query("update checklist_items set assignee_id = $1 where id = $2")
        .bind(lead_id)
        .bind(item)
        .execute(&app.db)
        .await
        .unwrap();
    let progress_before = texts(&lead.page(&phase_page).await, ".progress-label");
    assert!(links_to(&lead.page("/my").await, "main", &item_page));

    // The item page only links to the question; the question is a page with the form.
    let shown = lead.page(&item_page).await;
    assert!(links_to(&shown, "main", &confirm));
    assert!(
        shown
            .select(&Selector::parse(&format!(r#"form[action="{confirm}"]"#)).unwrap())
            .next()
            .is_none(),
        "the item page does not delete in one click"
    );
    let question = lead.page(&confirm).await;
    let form = Selector::parse(&format!(
        r#"[data-confirm-content] form[method="post"][action="{confirm}"] input[name="version"]"#
    ))
    .unwrap();
    assert_eq!(question.select(&form).count(), 1);
    assert!(links_to(&question, "[data-confirm-content]", &item_page));

    let stale = lead.submit(&confirm, &confirm, &[("version", "1")]).await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    assert_eq!(
        app.count("checklist_items", "deleted_at is not null").await,
        0
    );
    let version = version_of(&app, "checklist_items", item).await;
    let deleted = lead
        .submit(&confirm, &confirm, &[("version", &version)])
        .await;

    assert_redirects_to(&deleted, &phase_page);
    let phase_shown = lead.page(&phase_page).await;
    assert!(texts(&phase_shown, ".flash")[0].contains("corbeille"));
    assert!(!links_to(&phase_shown, "main", &item_page));
    assert_ne!(texts(&phase_shown, ".progress-label"), progress_before);
    assert!(!links_to(&lead.page("/work").await, "main", &item_page));
    assert!(!links_to(&lead.page("/my").await, "main", &item_page));
    assert!(!links_to(
        &lead.page(&risk_page).await,
        "table.mitigation-items",
        &item_page
    ));
    assert_eq!(lead.get(&item_page).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(lead.get(&confirm).await.status(), StatusCode::NOT_FOUND);
    let trash = lead.page("/trash").await;
    let restore = format!("/trash/items/{item}/restore");
    assert_eq!(
        trash
            .select(&Selector::parse(&format!(r#"form[action="{restore}"]"#)).unwrap())
            .count(),
        1
    );
    assert!(texts(&trash, "main tbody tr")[0].contains("30 jours"));

    let restored = lead.submit("/trash", &restore, &[]).await;

    assert_redirects_to(&restored, "/trash");
    assert!(texts(&lead.page("/trash").await, ".flash")[0].contains("de retour"));
    assert!(links_to(&lead.page(&phase_page).await, "main", &item_page));
    assert_eq!(
        texts(&lead.page(&phase_page).await, ".progress-label"),
        progress_before
    );
    assert!(links_to(
        &lead.page(&risk_page).await,
        "table.mitigation-items",
        &item_page
    ));
    assert!(links_to(&lead.page("/work").await, "main", &item_page));
    let back = lead.get(&item_page).await;
    assert_eq!(back.status(), StatusCode::OK);
    let back = Html::parse_document(&back.text().await.unwrap());
    let history = texts(&back, "ol.history li").join("\n");
    assert!(history.contains("En cours"), "{history}");
    assert!(history.contains("corbeille"), "{history}");
    assert!(
        texts(&back, "main")
            .join(" ")
            .contains("Qui a le contrat Azure ?"),
        "its comment is back"
    );
    for kind in ["item.deleted", "item.restored"] {
        assert_eq!(
            app.count("activity_events", &format!("kind = '{kind}'"))
                .await,
            1
        );
    }
}

#[tokio::test]
async fn a_member_cannot_delete_or_restore_nor_open_the_trash_and_a_lead_restores_only_their_teams()
{
    let app = TestApp::spawn().await;
    let (item, version, _, team, _) = mitigation_item(&app).await;
    let member = signed_in(&app, Role::Member, Some(&team)).await;
    let viewer = signed_in(&app, Role::Viewer, None).await;
    let other = if team == "qa" { "devops" } else { "qa" };
    let other_lead = signed_in(&app, Role::Lead, Some(other)).await;
    let confirm = format!("/items/{item}/delete");
    let restore = format!("/trash/items/{item}/restore");
    let version = version.to_string();

    assert_eq!(member.get(&confirm).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        other_lead.get(&confirm).await.status(),
        StatusCode::FORBIDDEN
    );
    let refused = member
        .submit("/my", &confirm, &[("version", &version)])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.count("checklist_items", "deleted_at is not null").await,
        0
    );
    sqlx::query("update checklist_items set deleted_at = now() where id = $1")
        .bind(item)
        .execute(&app.db)
        .await
        .unwrap();

    for visitor in [&member, &viewer] {
        assert_eq!(visitor.get("/trash").await.status(), StatusCode::FORBIDDEN);
        let refused = visitor.submit("/my", &restore, &[]).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
    let trash = other_lead.page("/trash").await;
    assert_eq!(
        trash
            .select(&Selector::parse(&format!(r#"form[action="{restore}"]"#)).unwrap())
            .count(),
        0,
        "listed, but not theirs to restore"
    );
    assert_eq!(texts(&trash, "main tbody tr").len(), 1);
    let refused = other_lead.submit("/trash", &restore, &[]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.count("checklist_items", "deleted_at is not null").await,
        1
    );
}

#[tokio::test]
async fn deleting_a_communication_action_asks_first_and_restoring_puts_it_back() {
    let app = TestApp::spawn().await;
    let lead = signed_in(&app, Role::Lead, Some("marketing")).await;
    let action: Uuid = sqlx::query_scalar(
        "select c.id from communication_actions c join teams t on t.id = c.team_id
         where t.key = 'marketing' order by c.day limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let (edit, confirm) = (
        format!("/communications/{action}"),
        format!("/communications/{action}/delete"),
    );
    assert!(links_to(&lead.page(&edit).await, "main", &confirm));
    assert_eq!(
        lead.page(&confirm)
            .await
            .select(&Selector::parse("[data-confirm-content] form").unwrap())
            .count(),
        1
    );
    let version = version_of(&app, "communication_actions", action).await;

    let deleted = lead
        .submit(&confirm, &confirm, &[("version", &version)])
        .await;

    assert_redirects_to(&deleted, "/communications");
    assert!(!links_to(
        &lead.page("/communications").await,
        "main",
        &edit
    ));
    assert!(!links_to(&lead.page("/timeline").await, "main", &edit));
    assert_eq!(lead.get(&edit).await.status(), StatusCode::NOT_FOUND);
    let restore = format!("/trash/communications/{action}/restore");
    assert_redirects_to(&lead.submit("/trash", &restore, &[]).await, "/trash");
    assert!(links_to(&lead.page("/communications").await, "main", &edit));
    for kind in ["communication.deleted", "communication.restored"] {
        assert_eq!(
            app.count("activity_events", &format!("kind = '{kind}'"))
                .await,
            1
        );
    }
}

#[tokio::test]
async fn what_has_been_in_the_trash_thirty_days_is_purged_for_good_and_recorded() {
    let app = TestApp::spawn().await;
    let admin = signed_in(&app, Role::Admin, None).await;
    let ids: Vec<Uuid> = sqlx::query_scalar("select id from checklist_items order by id limit 2")
        .fetch_all(&app.db)
        .await
        .unwrap();
    let (expired, kept) = (ids[0], ids[1]);
    let action: Uuid = sqlx::query_scalar("select id from communication_actions limit 1")
        .fetch_one(&app.db)
        .await
        .unwrap();
    for (table, id, days) in [
        ("checklist_items", expired, 31),
        ("checklist_items", kept, 29),
        ("communication_actions", action, 30),
    ] {
        sqlx::query(&format!(
            "update {table} set deleted_at = now() - make_interval(days => $2) - interval '1 minute'
             where id = $1"
        ))
        .bind(id)
        .bind(days)
        .execute(&app.db)
        .await
        .unwrap();
    }
    let trash = admin.page("/trash").await;
    assert_eq!(
        texts(&trash, "main tbody tr").len(),
        1,
        "what is due for purging is no longer listed"
    );

    let purged = launch_control::web::trash::purge::purge_expired(&app.db, Utc::now())
        .await
        .unwrap();

    assert_eq!(purged, 2);
    assert_eq!(
        app.count("checklist_items", &format!("id in ('{expired}', '{kept}')"))
            .await,
        1
    );
    assert_eq!(
        app.count("communication_actions", &format!("id = '{action}'"))
            .await,
        0
    );
    assert_eq!(
        app.count(
            "activity_events",
            &format!("kind = 'item.purged' and actor_id is null and subject_id = '{expired}'")
        )
        .await,
        1
    );
    assert_eq!(
        app.count("activity_events", "kind = 'communication.purged'")
            .await,
        1
    );
    assert_eq!(
        launch_control::web::trash::purge::purge_expired(&app.db, Utc::now())
            .await
            .unwrap(),
        0,
        "nothing is purged twice"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_javascript_the_question_opens_in_a_dialog_on_the_item_page() {
    use fantoccini::Locator;

    let Some(driver) = crate::browser::start_driver() else {
        return;
    };
    let app = TestApp::spawn().await;
    let (item, _, phase, team, _) = mitigation_item(&app).await;
    app.create_user_in("dana@example.org", "Dana", Role::Lead, Some(&team))
        .await;
    let (login, item_page) = (app.url("/login"), app.url(&format!("/items/{item}")));
    let phase_path = format!("/phases/{phase}");

    crate::browser::in_browser(&driver, |browser| async move {
        browser.goto(&login).await?;
        crate::browser::sign_in(&browser, "dana@example.org", "/").await?;
        browser.goto(&item_page).await?;
        let open_dialog = || async {
            browser
                .find_all(Locator::Css("dialog[open] form button[type=submit]"))
                .await
                .is_ok_and(|found| found.len() == 1)
        };

        browser
            .find(Locator::Css("a[data-confirm]"))
            .await?
            .click()
            .await?;
        assert!(
            crate::browser::wait_for(open_dialog).await,
            "the question opens in place"
        );
        browser
            .find(Locator::Css("dialog[open] [data-confirm-cancel]"))
            .await?
            .click()
            .await?;
        let closed = crate::browser::wait_for(|| async {
            browser
                .find_all(Locator::Css("dialog"))
                .await
                .is_ok_and(|found| found.is_empty())
        });
        assert!(closed.await, "cancel closes it");
        assert_eq!(browser.current_url().await?.as_str(), item_page);
        browser
            .find(Locator::Css("a[data-confirm]"))
            .await?
            .click()
            .await?;
        assert!(crate::browser::wait_for(open_dialog).await);
        browser
            .find(Locator::Css("dialog[open] form button[type=submit]"))
            .await?
            .click()
            .await?;
        let left = crate::browser::wait_for(|| async {
            browser
                .current_url()
                .await
                .is_ok_and(|url| url.path() == phase_path)
        });
        assert!(left.await, "the confirmed deletion leads to the phase");
        Ok(())
    })
    .await;

    assert_eq!(
        app.count(
            "checklist_items",
            &format!("id = '{item}' and deleted_at is not null")
        )
        .await,
        1
    );
}
