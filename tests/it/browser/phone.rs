//! On a phone: the checklist's actions in reach without scrolling sideways,
//! and no page wider than the screen (issue 17, done-when 1).

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use launch_control::domain::role::Role;
use serde_json::Value;

use super::{in_browser, item_state, row_shows_done, sign_in, start_driver};
use crate::helpers::{TestApp, first_item_of_first_phase};
use crate::html_validity::eventful_plan;
use crate::webhooks::webhook_with_log;

/// Sizes the window and checks the page really lays out at that width: a
/// window manager or a minimum window size could silently keep it wider.
async fn phone_window(
    browser: &Client,
    width: u32,
    height: u32,
) -> Result<(), fantoccini::error::CmdError> {
    browser.set_window_size(width, height).await?;
    let inner = browser.execute("return window.innerWidth", vec![]).await?;
    assert_eq!(inner, Value::from(width), "the viewport is {width} px wide");
    Ok(())
}

/// The elements sticking out of the page on the right, for the failure
/// message: the outermost of each overflowing branch, with its width.
const OVERFLOWING: &str = r#"
const limit = document.documentElement.clientWidth;
const out = [];
for (const element of document.body.querySelectorAll('*')) {
  const box = element.getBoundingClientRect();
  if (box.right <= limit + 0.5 || box.width === 0) continue;
  if (out.some(outer => outer.contains(element))) continue;
  let scrolls = false;
  for (let up = element.parentElement; up; up = up.parentElement) {
    if (up !== document.body && up !== document.documentElement && up.scrollWidth > up.clientWidth + 0.5
        && ['auto', 'scroll', 'hidden'].includes(getComputedStyle(up).overflowX)) { scrolls = true; break; }
  }
  if (!scrolls) out.push(element);
}
return out.slice(0, 8).map(element =>
  `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}.${[...element.classList].join('.')}`
  + ` right=${Math.round(element.getBoundingClientRect().right)}`);
"#;

/// Asserts the page does not scroll sideways: its content fits the layout
/// width (the viewport less any scroll bar).
async fn assert_no_sideways_scroll(
    browser: &Client,
    page: &str,
) -> Result<(), fantoccini::error::CmdError> {
    let fits = browser
        .execute(
            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth",
            vec![],
        )
        .await?;
    if fits != Value::Bool(true) {
        let widths = browser
            .execute(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]",
                vec![],
            )
            .await?;
        let culprits = browser.execute(OVERFLOWING, vec![]).await?;
        panic!("{page} scrolls sideways (scroll and client widths {widths}): {culprits}");
    }
    Ok(())
}

/// The element's box in the viewport: left, right, top, bottom, height.
async fn rect(
    browser: &Client,
    element: &Element,
) -> Result<[f64; 5], fantoccini::error::CmdError> {
    let value = browser
        .execute(
            "const b = arguments[0].getBoundingClientRect(); return [b.left, b.right, b.top, b.bottom, b.height];",
            vec![serde_json::to_value(element)?],
        )
        .await?;
    let numbers: Vec<f64> = value
        .as_array()
        .expect("an array")
        .iter()
        .map(|number| number.as_f64().expect("a number"))
        .collect();
    Ok([numbers[0], numbers[1], numbers[2], numbers[3], numbers[4]])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_the_first_items_done_button_is_in_reach_and_ticks_it() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.create_user_in("dana@example.org", "Dana", Role::Lead, Some("devops"))
        .await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let path = format!("/phases/{phase}");
    let (start, overview, timeline) = (app.url(&path), app.url("/"), app.url("/timeline"));

    in_browser(&driver, |browser| async move {
        phone_window(&browser, 390, 844).await?;
        browser.goto(&start).await?;
        sign_in(&browser, "dana@example.org", &path).await?;
        assert_no_sideways_scroll(&browser, "the phase page").await?;
        let done = browser
            .find(Locator::Css(&format!("#item-{item} form button.primary")))
            .await?;
        assert_eq!(done.text().await?, "Marquer terminé");
        browser
            .execute(
                // Scrolls the page down only: scrollIntoView would also scroll a
                // table's own scroller sideways and hide the fault.
                "const box = arguments[0].getBoundingClientRect();
                 window.scrollBy(0, box.top - window.innerHeight / 2)",
                vec![serde_json::to_value(&done)?],
            )
            .await?;
        let [left, right, top, bottom, height] = rect(&browser, &done).await?;
        let scrolled = browser
            .execute(
                "return [window.scrollX, document.documentElement.clientWidth, window.innerHeight]",
                vec![],
            )
            .await?;
        let scrolled: Vec<f64> = scrolled
            .as_array()
            .unwrap()
            .iter()
            .map(|number| number.as_f64().unwrap())
            .collect();
        assert_eq!(
            scrolled[0], 0.0,
            "the page did not scroll sideways to the button"
        );
        assert!(
            left >= 0.0 && right <= scrolled[1],
            "the button ({left}..{right}) is within the screen's {} px",
            scrolled[1]
        );
        assert!(
            top >= 0.0 && bottom <= scrolled[2],
            "the button is on screen"
        );
        assert!(
            height >= 44.0,
            "the button is a 44 px touch target, not {height}"
        );
        // Nor is it hidden in a table that scrolls inside the page.
        let row_fits = browser
            .execute(
                "const scroller = arguments[0].closest('.table-scroll');
                 return !scroller || scroller.scrollWidth <= scroller.clientWidth",
                vec![serde_json::to_value(&done)?],
            )
            .await?;
        assert_eq!(
            row_fits,
            Value::Bool(true),
            "the checklist does not scroll sideways"
        );

        done.click().await?;
        assert!(
            row_shows_done(&browser, item).await,
            "the row shows the item done"
        );
        for (page, url) in [("the overview", &overview), ("the timeline", &timeline)] {
            browser.goto(url).await?;
            assert_no_sideways_scroll(&browser, page).await?;
        }
        Ok(())
    })
    .await;

    assert_eq!(item_state(&app, item).await, "done");
}

/// Every page a phone user may open, with something in every list (the
/// pages of `html_validity`'s eventful plan), and the forms and admin pages.
async fn pages_with_content(app: &TestApp) -> Vec<String> {
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let (mut pages, _) = eventful_plan(app, &lead, &admin).await;
    // The switcher in the header, and the archive's controls.
    crate::html_validity::archived_copy(app, &admin).await;
    let kept: uuid::Uuid = sqlx::query_scalar(
        "select i.id from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.2' and i.deleted_at is null order by i.position limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let user: uuid::Uuid = sqlx::query_scalar("select id from users order by email limit 1")
        .fetch_one(&app.db)
        .await
        .unwrap();
    pages.extend([
        "/risks/new".to_owned(),
        "/communications/new".to_owned(),
        "/feedback/new".to_owned(),
        format!("/items/{kept}/delete"),
        "/admin/users".to_owned(),
        format!("/admin/users/{user}"),
        "/admin/plan".to_owned(),
        "/phases/new".to_owned(),
        "/admin/plans".to_owned(),
        "/admin/plans/import".to_owned(),
        "/admin/plans/copy".to_owned(),
        "/admin/webhooks".to_owned(),
        "/admin/tokens".to_owned(),
        "/account/tokens".to_owned(),
        "/api/docs".to_owned(),
        webhook_with_log(app, &admin).await,
        "/screens".to_owned(),
        "/account".to_owned(),
        "/notifications".to_owned(),
    ]);
    pages
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_360_px_no_page_scrolls_sideways_in_either_language() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    let pages = pages_with_content(&app).await;
    let mut urls = Vec::new();
    for lang in ["fr", "en"] {
        for page in &pages {
            let page = format!("{page}?lang={lang}");
            urls.push((app.url(&page), page));
        }
    }
    let login = app.url("/login");

    in_browser(&driver, |browser| async move {
        phone_window(&browser, 360, 780).await?;
        browser.goto(&login).await?;
        sign_in(&browser, "admin-none@example.org", "/").await?;
        for (url, page) in &urls {
            browser.goto(url).await?;
            let path = browser.current_url().await?.path().to_owned();
            assert!(
                !path.starts_with("/login"),
                "{page} opens for an admin, not the login page"
            );
            assert_no_sideways_scroll(&browser, page).await?;
        }
        Ok(())
    })
    .await;
}
