//! The item page: its state, the moves its reader may make, and where a
//! move posted from it returns.

use fantoccini::{Client, Locator};
use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::{Html, Selector};
use uuid::Uuid;

use super::{count, first_item};
use crate::browser::{in_browser, start_driver};
use crate::helpers::{TestApp, Visitor, assert_redirects_to, texts};

async fn item_state(app: &TestApp, id: Uuid) -> (String, i32) {
    sqlx::query_as("select state, version from checklist_items where id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Posts a state change drawn from the item's page, as its forms do (`back=item`).
async fn post_from_item_page(
    visitor: &Visitor,
    item: Uuid,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut fields = fields.to_vec();
    fields.push(("back", "item"));
    visitor
        .submit(
            &format!("/items/{item}"),
            &format!("/items/{item}/state"),
            &fields,
        )
        .await
}

#[tokio::test]
async fn a_lead_sees_the_items_state_and_its_forms_on_its_page() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let item = first_item(&app, "2.1").await;

    let page = lead.page(&format!("/items/{item}")).await;

    assert_eq!(texts(&page, "#item-state .badge"), ["À faire"]);
    assert!(texts(&page, "#item-state dl").join(" ").contains("J+"));
    let moves = texts(
        &page,
        &format!("#item-state form[action='/items/{item}/state'] button"),
    );
    assert_eq!(moves, ["Marquer terminé", "Commencer", "Bloquer"]);
    assert_eq!(
        count(&page, "#item-state input[name=back][value=item]"),
        3,
        "every form returns to the item page"
    );
    assert_eq!(count(&page, "#item-state input[name=reason]"), 1);
}

#[tokio::test]
async fn ticking_done_from_the_item_page_returns_to_it_and_shows_done() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let item = first_item(&app, "2.1").await;

    let done = post_from_item_page(&lead, item, &[("state", "done"), ("version", "1")]).await;

    assert_redirects_to(&done, &format!("/items/{item}"));
    let page = lead.page(&format!("/items/{item}")).await;
    assert_eq!(texts(&page, "#item-state .badge"), ["Terminé"]);
    assert_eq!(texts(&page, "#item-history li").len(), 1);
    assert_eq!(item_state(&app, item).await, ("done".into(), 2));
}

#[tokio::test]
async fn a_stale_version_from_the_item_page_answers_409_with_the_item_page() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let item = first_item(&app, "2.1").await;
    let first =
        post_from_item_page(&lead, item, &[("state", "in_progress"), ("version", "1")]).await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);

    let stale = post_from_item_page(&lead, item, &[("state", "done"), ("version", "1")]).await;

    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let page = Html::parse_document(&stale.text().await.unwrap());
    assert_eq!(
        texts(&page, "#item-state .alert").len(),
        1,
        "the conflict is explained beside the actions"
    );
    assert!(texts(&page, "#item-state .alert")[0].contains("Terminé"));
    assert_eq!(texts(&page, "#item-state .badge"), ["En cours"]);
    assert_eq!(item_state(&app, item).await, ("in_progress".into(), 2));
}

#[tokio::test]
async fn a_refused_block_from_the_item_page_keeps_the_typed_reason_beside_its_field() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let item = first_item(&app, "2.1").await;
    let reason = "x".repeat(501);

    let refused = post_from_item_page(
        &lead,
        item,
        &[("state", "blocked"), ("reason", &reason), ("version", "1")],
    )
    .await;

    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(texts(&page, "#item-state .field-error").len(), 1);
    let field = page
        .select(&Selector::parse("#item-state input[name=reason]").unwrap())
        .next()
        .unwrap();
    assert_eq!(field.value().attr("value"), Some(&*reason));
    assert_eq!(item_state(&app, item).await, ("todo".into(), 1));
}

#[tokio::test]
async fn a_viewer_sees_the_items_state_but_no_form_to_change_it() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;
    let item = first_item(&app, "2.1").await;

    let page = app.page(&format!("/items/{item}")).await;

    assert_eq!(texts(&page, "#item-state .badge"), ["À faire"]);
    assert_eq!(count(&page, "form[action$='/state']"), 0);
}

/// The text of the first element `css` picks, if any.
async fn text_of(browser: &Client, css: &str) -> Option<String> {
    let element = browser.find(Locator::Css(css)).await.ok()?;
    element.text().await.ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_ticks_an_item_on_its_page_and_sees_it_done_without_a_reload() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.create_user_in("dana@example.org", "Dana", Role::Lead, Some("devops"))
        .await;
    let item = first_item(&app, "2.1").await;
    let path = format!("/items/{item}");
    let start = app.url(&path);

    in_browser(&driver, |browser| async move {
        browser.goto(&start).await?;
        crate::browser::sign_in(&browser, "dana@example.org", &path).await?;
        // A reload would wipe this marker from the page's window.
        browser
            .execute("window.stillTheSamePage = true", vec![])
            .await?;
        browser
            .find(Locator::Css("#item-state form button.primary"))
            .await?
            .click()
            .await?;
        let done = crate::browser::wait_for(|| async {
            text_of(&browser, "#item-state .badge").await.as_deref() == Some("Terminé")
        })
        .await;
        assert!(done, "the page shows the item done");
        let history = browser
            .find_all(Locator::Css("#item-history li"))
            .await?
            .len();
        assert_eq!(history, 1, "the history gains the tick in place");
        let version = browser
            .find(Locator::Css("#item-edit input[name=version]"))
            .await?
            .attr("value")
            .await?;
        assert_eq!(
            version.as_deref(),
            Some("2"),
            "the edit form is drawn from the new version"
        );
        let same_page = browser
            .execute("return window.stillTheSamePage === true", vec![])
            .await?;
        assert_eq!(same_page, serde_json::Value::Bool(true), "no reload");
        Ok(())
    })
    .await;

    assert_eq!(item_state(&app, item).await, ("done".into(), 2));
}
