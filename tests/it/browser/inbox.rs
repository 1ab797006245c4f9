//! The header's count of unread notifications follows on every signed-in
//! page, even one with nothing else live, up to "99+".

use fantoccini::{Client, Locator};
use launch_control::domain::role::Role;

use super::{follows_live, in_browser, sign_in, start_driver, wait_for};
use crate::comments::comment;
use crate::helpers::{TestApp, first_item_of_first_phase};
use crate::notifications::notify_many;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mention_shows_in_the_header_of_the_account_page_without_a_reload() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    let sam = app
        .create_user_in(
            "sam.leroy@example.org",
            "Sam Leroy",
            Role::Member,
            Some("qa"),
        )
        .await;
    let db = app.db.clone();
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, _) = first_item_of_first_phase(&app).await;
    let account = app.url("/account");

    in_browser(&driver, |browser| async move {
        browser.goto(&account).await?;
        sign_in(&browser, "sam.leroy@example.org", "/account").await?;
        browser
            .execute("window.stillTheSamePage = true", vec![])
            .await?;
        let following = follows_live(&browser).await;
        assert!(following, "the account page follows the stream");
        let badge = browser.find(Locator::Css(".inbox .count")).await?;
        assert!(!badge.is_displayed().await?, "nothing unread yet");

        let asked = comment(
            &lead,
            &format!("/items/{item}"),
            "item",
            item,
            "@sam.leroy peux-tu relire ?",
        )
        .await;
        assert_eq!(asked.status(), reqwest::StatusCode::SEE_OTHER);

        let counted = wait_for(|| badge_reads(&browser, "1")).await;
        assert!(counted, "the header counts the mention");

        // Past 99 unread, the badge says so as the server writes it.
        notify_many(&db, sam, 120).await;
        let again = comment(
            &lead,
            &format!("/items/{item}"),
            "item",
            item,
            "@sam.leroy encore ?",
        )
        .await;
        assert_eq!(again.status(), reqwest::StatusCode::SEE_OTHER);
        let more = wait_for(|| badge_reads(&browser, "99+")).await;
        assert!(more, "the header says 99+");
        let same_page = browser
            .execute("return window.stillTheSamePage === true", vec![])
            .await?;
        assert_eq!(same_page, serde_json::Value::Bool(true), "without a reload");
        Ok(())
    })
    .await;
}

/// Whether the header's badge is shown and reads `start` first.
async fn badge_reads(browser: &Client, start: &str) -> bool {
    match browser.find(Locator::Css(".inbox .count")).await {
        Ok(badge) => {
            badge.is_displayed().await.unwrap_or(false)
                && badge.text().await.is_ok_and(|text| text.starts_with(start))
        }
        Err(_) => false,
    }
}
