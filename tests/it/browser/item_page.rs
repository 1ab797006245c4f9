//! The item page as a lead uses it: tick the item there, ask a colleague in
//! a comment, and the colleague's open `/my` shows the mention by itself.

use fantoccini::{Client, Locator};
use launch_control::domain::role::Role;

use super::{connect, follows_live, in_browser, item_state, sign_in, start_driver, wait_for};
use crate::helpers::{TestApp, first_item_of_first_phase};

/// Whether the first element `css` finds reads as `wanted` (looked up on each
/// try: a live refresh may replace it meanwhile).
async fn reads(browser: &Client, css: &str, wanted: &str) -> bool {
    wait_for(|| async {
        match browser.find(Locator::Css(css)).await {
            Ok(element) => element.text().await.is_ok_and(|text| text.contains(wanted)),
            Err(_) => false,
        }
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_ticks_an_item_on_its_page_and_mentions_a_colleague_whose_open_my_page_shows_it() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.create_user_in("dana@example.org", "Dana", Role::Lead, Some("devops"))
        .await;
    let sam = app
        .create_user_in(
            "sam.leroy@example.org",
            "Sam Leroy",
            Role::Member,
            Some("qa"),
        )
        .await;
    let (item, _) = first_item_of_first_phase(&app).await;
    let item_path = format!("/items/{item}");
    let (item_page, my_page) = (app.url(&item_path), app.url("/my"));
    let question = "@sam.leroy qui a le contrat Azure ?";

    let colleague = connect(&driver).await;
    let outcome = async {
        colleague.goto(&my_page).await?;
        sign_in(&colleague, "sam.leroy@example.org", "/my").await?;
        colleague
            .execute("window.stillTheSamePage = true", vec![])
            .await?;
        // A change committed before the stream opens would not reach the page.
        let following = follows_live(&colleague).await;
        assert!(following, "the colleague's /my follows live changes");
        assert!(
            colleague
                .find_all(Locator::Css("#my-mentions li"))
                .await?
                .is_empty(),
            "nobody has mentioned the colleague yet"
        );

        in_browser(&driver, |lead| async move {
            lead.goto(&item_page).await?;
            sign_in(&lead, "dana@example.org", &item_path).await?;
            lead.find(Locator::Css("#item-state form button.primary"))
                .await?
                .click()
                .await?;
            assert!(
                reads(&lead, "#item-state .badge", "Terminé").await,
                "the item page shows the item done"
            );
            lead.find(Locator::Css("#comment-body"))
                .await?
                .send_keys(question)
                .await?;
            lead.find(Locator::Css("form.comment-form button[type=submit]"))
                .await?
                .click()
                .await?;
            assert!(
                reads(
                    &lead,
                    "#comment-list li.comment .note-body",
                    "contrat Azure"
                )
                .await,
                "the lead's comment is on the item's page"
            );
            Ok(())
        })
        .await;

        assert!(
            reads(&colleague, "#my-mentions li", "contrat Azure").await,
            "the colleague's /my shows the mention"
        );
        let same_page = colleague
            .execute("return window.stillTheSamePage === true", vec![])
            .await?;
        assert_eq!(
            same_page,
            serde_json::Value::Bool(true),
            "the mention arrived without a reload"
        );
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    colleague.close().await.expect("the browser session closes");
    outcome.expect("the browser flow runs");

    assert_eq!(item_state(&app, item).await, "done");
    let mentioned: i64 = sqlx::query_scalar(
        "select count(*) from comment_mentions m join comments c on c.id = m.comment_id
         where m.user_id = $1 and c.item_id = $2",
    )
    .bind(sam)
    .bind(item)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(mentioned, 1, "the comment recorded its mention");
}
