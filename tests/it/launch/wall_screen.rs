//! The wall screen in a real headless Chromium: it fits the screen with
//! legible text, follows changes without its clock freezing, and rides out a
//! lost database by itself (`outage`).

mod outage;

use std::time::{Duration, Instant};

use fantoccini::error::CmdError;
use fantoccini::{Client, Locator};
use launch_control::domain::role::Role;
use serde_json::Value;
use uuid::Uuid;

use super::{admin, create_screen};
use crate::browser::{connect, in_browser, start_driver};
use crate::helpers::{TestApp, Visitor};

/// Polls `condition` until it holds or `limit` has passed: a bound on a
/// stuck page, not a measure of speed.
async fn within<F, Fut>(limit: Duration, mut condition: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if condition().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

/// Whether `script` (a `return` statement) answers `true` in the page.
async fn holds(browser: &Client, script: &str) -> bool {
    browser
        .execute(script, vec![])
        .await
        .is_ok_and(|answer| answer == Value::Bool(true))
}

/// The text of the first element `selector` picks, looked up afresh (the
/// live refresh swaps the board), or `None` while there is none.
async fn text_of(browser: &Client, selector: &str) -> Option<String> {
    let element = browser.find(Locator::Css(selector)).await.ok()?;
    element.text().await.ok()
}

/// Resizes the window until the page's viewport is `width` × `height`. The
/// window's frame (outer minus inner size) is read again after each try: read
/// while a resize is still under way, it can be wrong once.
async fn set_viewport(browser: &Client, width: u32, height: u32) -> Result<(), CmdError> {
    let sized_script = format!("return innerWidth === {width} && innerHeight === {height}");
    let mut frame = (0, 0);
    for _ in 0..10 {
        browser
            .set_window_size(width + frame.0, height + frame.1)
            .await?;
        if within(Duration::from_secs(2), || holds(browser, &sized_script)).await {
            return Ok(());
        }
        let extra = browser
            .execute(
                "return [outerWidth - innerWidth, outerHeight - innerHeight]",
                vec![],
            )
            .await?;
        let extra = |index: usize| u32::try_from(extra[index].as_i64().unwrap_or(0)).unwrap_or(0);
        frame = (extra(0), extra(1));
    }
    panic!("the viewport never became {width}×{height}");
}

/// The smallest font size of any text shown, and that text.
const SMALLEST_TEXT: &str = r#"
    var smallest = [Infinity, ""];
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var text = walker.currentNode.textContent.trim();
      var element = walker.currentNode.parentElement;
      if (!text || element.closest("[hidden]") || element.getClientRects().length === 0) {
        continue;
      }
      var size = parseFloat(getComputedStyle(element).fontSize);
      if (size < smallest[0]) {
        smallest = [size, text];
      }
    }
    return smallest;
"#;

/// Waits until the page follows live changes: a change committed before its
/// stream opens would not reach it.
async fn following(browser: &Client) -> bool {
    within(Duration::from_secs(15), || {
        holds(browser, "return document.body.dataset.liveState === 'open'")
    })
    .await
}

/// Whether the page marked with `window.stillTheSamePage` was never reloaded.
async fn same_page(browser: &Client) -> bool {
    holds(browser, "return window.stillTheSamePage === true").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wall_screen_fits_1920_by_1080_and_1280_by_720_with_text_legible_across_a_room() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    let (_, link) = create_screen(&admin(&app).await, "Open space").await;
    let url = app.url(&link);

    in_browser(&driver, |browser| async move {
        browser.goto(&url).await?;
        for (width, height) in [(1920, 1080), (1280, 720)] {
            set_viewport(&browser, width, height).await?;
            let sizes = browser
                .execute(
                    "var root = document.documentElement;
                     return [root.scrollWidth, root.scrollHeight, innerWidth, innerHeight]",
                    vec![],
                )
                .await?;
            assert!(
                sizes[0].as_i64() <= sizes[2].as_i64() && sizes[1].as_i64() <= sizes[3].as_i64(),
                "at {width}×{height} the page is {sizes} (width, height, window)"
            );
            if height == 1080 {
                let smallest = browser.execute(SMALLEST_TEXT, vec![]).await?;
                assert!(
                    smallest[0].as_f64().is_some_and(|size| size >= 24.0),
                    "the smallest text is {smallest}"
                );
            }
        }
        // The seeded plan has more open phases than the board shows.
        let more = text_of(&browser, "#kiosk-golive .kiosk-more").await;
        assert!(
            more.as_deref().is_some_and(|more| more.starts_with("+ ")),
            "the holds are capped: {more:?}"
        );
        Ok(())
    })
    .await;
}

/// A required item of phase 2.1 (DevOps's) and its phase.
async fn required_item(app: &TestApp) -> (Uuid, Uuid) {
    sqlx::query_as(
        "select i.id, i.phase_id from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.1' and i.required order by i.position limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// Ticks `item` done as `lead`, through the form, at its current version.
async fn tick(app: &TestApp, lead: &Visitor, item: Uuid, phase: Uuid) {
    let version: i32 = sqlx::query_scalar("select version from checklist_items where id = $1")
        .bind(item)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let response = lead
        .submit(
            &format!("/phases/{phase}"),
            &format!("/items/{item}/state"),
            &[("state", "done"), ("version", &version.to_string())],
        )
        .await;
    assert_eq!(response.status(), reqwest::StatusCode::SEE_OTHER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tick_elsewhere_moves_the_wall_screens_readiness_and_its_seconds_keep_ticking() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    let (_, link) = create_screen(&admin(&app).await, "Open space").await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = required_item(&app).await;
    let browser = connect(&driver).await;

    let outcome = async {
        browser.goto(&app.url(&link)).await?;
        assert!(following(&browser).await, "the wall screen follows changes");
        // A reload would wipe this marker from the page's window.
        browser
            .execute("window.stillTheSamePage = true", vec![])
            .await?;
        let readiness = "#kiosk-readiness .kiosk-note";
        let before = text_of(&browser, readiness).await.expect("a readiness");

        tick(&app, &lead, item, phase).await;

        let moved = within(Duration::from_secs(15), || async {
            text_of(&browser, readiness)
                .await
                .is_some_and(|now| now != before)
        })
        .await;
        assert!(moved, "the readiness moves from {before}");
        // The board under the clock is a new one now: its seconds still move.
        let seconds = "[data-unit=seconds]";
        let first = text_of(&browser, seconds).await.expect("a clock");
        let ticked = within(Duration::from_secs(15), || async {
            text_of(&browser, seconds)
                .await
                .is_some_and(|now| now != first)
        })
        .await;
        assert!(ticked, "the seconds change from {first} after the swap");
        assert!(same_page(&browser).await, "the page was not reloaded");
        Ok::<(), CmdError>(())
    }
    .await;
    browser.close().await.expect("the browser session closes");
    outcome.expect("the browser flow runs");
}
