//! A page fetches itself only after the changes it shows: feedback leaves
//! an open phase page alone, a tick of one of its items brings it in.

use fantoccini::{Client, Locator};
use launch_control::domain::role::Role;
use std::time::Duration;

use super::{follows_live, in_browser, sign_in, start_driver, wait_for};
use crate::helpers::{TestApp, first_item_of_first_phase};

/// The page's own count of the times it fetched itself.
async fn fetches(browser: &Client) -> Result<u64, fantoccini::error::CmdError> {
    let count = browser
        .execute(
            "return Number(document.body.dataset.liveFetches || 0)",
            vec![],
        )
        .await?;
    Ok(count.as_u64().unwrap_or_default())
}

/// Waits until the page heard the change `id`.
async fn heard(browser: &Client, id: i64) -> bool {
    wait_for(|| async {
        browser
            .execute("return document.body.dataset.liveHeard || ''", vec![])
            .await
            .is_ok_and(|heard| heard == serde_json::Value::String(id.to_string()))
    })
    .await
}

async fn last_event(app: &TestApp) -> i64 {
    sqlx::query_scalar("select max(id) from activity_events")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phase_page_fetches_itself_for_its_items_not_for_feedback() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.create_user_in("sam@example.org", "Sam", Role::Member, Some("devops"))
        .await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let path = format!("/phases/{phase}");
    let page = app.url(&path);
    let public = app.visitor();

    in_browser(&driver, |browser| async move {
        browser.goto(&page).await?;
        sign_in(&browser, "sam@example.org", &path).await?;
        let following = follows_live(&browser).await;
        assert!(following, "the page follows live changes");

        let sent = public
            .submit(
                "/feedback/new",
                "/feedback/new",
                &[
                    ("message", "Le son grésille au menu"),
                    ("category", "bug"),
                    ("rating", "3"),
                    ("email", "dana@example.org"),
                ],
            )
            .await;
        assert_eq!(sent.status(), reqwest::StatusCode::SEE_OTHER);
        let feedback = last_event(&app).await;
        assert!(
            heard(&browser, feedback).await,
            "the page hears the feedback"
        );
        // Longer than the page waits before it fetches.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(fetches(&browser).await?, 0, "feedback is not on the page");

        let version: String =
            sqlx::query_scalar::<_, i32>("select version from checklist_items where id = $1")
                .bind(item)
                .fetch_one(&app.db)
                .await
                .unwrap()
                .to_string();
        let ticked = lead
            .submit(
                &format!("/phases/{phase}"),
                &format!("/items/{item}/state"),
                &[("state", "done"), ("version", &version)],
            )
            .await;
        assert_eq!(ticked.status(), reqwest::StatusCode::SEE_OTHER);
        let badge = format!("#item-{item} .badge");
        let shows_done = wait_for(|| async {
            match browser.find(Locator::Css(&badge)).await {
                Ok(element) => element.text().await.is_ok_and(|text| text == "Terminé"),
                Err(_) => false,
            }
        })
        .await;
        assert!(shows_done, "the tick comes in");
        assert_eq!(fetches(&browser).await?, 1, "one fetch for one change");
        Ok(())
    })
    .await;
}
