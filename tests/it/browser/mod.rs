//! The main flows in a real headless Chromium, driven through chromedriver.

use std::net::TcpListener as StdListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use std::os::unix::process::CommandExt;

use fantoccini::{Client, ClientBuilder, Locator};
use launch_control::domain::role::Role;
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;

use crate::helpers::{PASSWORD, TestApp, first_item_of_first_phase};

mod accessibility;
mod focus;
mod inbox;
mod item_page;
mod live_fetches;
mod phone;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// chromedriver on a free port, in a process group of its own that the
/// browsers it starts share; the whole group is killed when dropped, so no
/// Chromium outlives a failed test.
pub(crate) struct Driver {
    process: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = Pid::from_raw(i32::try_from(self.process.id()).expect("a pid fits in i32"));
        let _ = killpg(group, Signal::SIGKILL);
        let _ = self.process.wait();
    }
}

/// Starts chromedriver, or `None` (with a loud message) where the browser is
/// not installed. In CI a missing browser fails the run.
pub(crate) fn start_driver() -> Option<Driver> {
    let installed =
        std::path::Path::new(CHROMEDRIVER).exists() && std::path::Path::new(CHROMIUM).exists();
    if !installed {
        assert!(
            std::env::var("CI").is_err(),
            "CI needs {CHROMIUM} and {CHROMEDRIVER}: apt-get install -y chromium chromium-driver"
        );
        eprintln!(
            "\n*** SKIPPING BROWSER TEST: {CHROMIUM} or {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver) ***\n"
        );
        return None;
    }
    let port = StdListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let process = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    Some(Driver {
        process,
        url: format!("http://127.0.0.1:{port}"),
    })
}

pub(crate) async fn connect(driver: &Driver) -> Client {
    let capabilities = serde_json::json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900"
            ],
            // A French-speaking team member: the dashboard's default language.
            "prefs": { "intl.accept_languages": "fr-FR,fr" }
        }
    });
    let capabilities = capabilities.as_object().unwrap().clone();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(capabilities.clone())
            .connect(&driver.url)
            .await
        {
            Ok(client) => return client,
            Err(error) if Instant::now() < deadline => {
                let _ = error;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(error) => panic!("chromedriver did not start a session: {error}"),
        }
    }
}

/// Polls `condition` for up to fifteen seconds (a bound on a stuck page, not a
/// measure of speed): a click may return before its navigation ends.
pub(crate) async fn wait_for<F, Fut>(mut condition: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if condition().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

/// The state `item` has in the database, once the browser is done with it.
pub(crate) async fn item_state(app: &TestApp, item: uuid::Uuid) -> String {
    sqlx::query_scalar("select state from checklist_items where id = $1")
        .bind(item)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Waits until the row of `item` shows it done (the click's request may still be on its way).
async fn row_shows_done(browser: &Client, item: uuid::Uuid) -> bool {
    let badge = format!("#item-{item} .badge");
    wait_for(|| async {
        match browser.find(Locator::Css(&badge)).await {
            Ok(element) => element.text().await.is_ok_and(|text| text == "Terminé"),
            Err(_) => false,
        }
    })
    .await
}

/// Asserts the phase's progress comes to read `expected` and the page marked
/// with `window.stillTheSamePage` was never reloaded. The live refresh may
/// swap the progress between a look-up and its reading: each try looks again.
async fn progress_changed_in_place(
    browser: &Client,
    expected: &str,
) -> Result<(), fantoccini::error::CmdError> {
    let reads_expected = wait_for(|| async {
        match browser
            .find(Locator::Css("#phase-progress .progress-label"))
            .await
        {
            Ok(label) => label.text().await.is_ok_and(|text| text == expected),
            Err(_) => false,
        }
    })
    .await;
    assert!(reads_expected, "the progress reads {expected}");
    let same_page = browser
        .execute("return window.stillTheSamePage === true", vec![])
        .await?;
    assert_eq!(
        same_page,
        serde_json::Value::Bool(true),
        "the page was not reloaded"
    );
    Ok(())
}

/// Whether the page `browser` shows follows the live stream within the
/// wait: a change committed before it opens would not reach the page.
pub(crate) async fn follows_live(browser: &Client) -> bool {
    wait_for(|| async {
        browser
            .execute("return document.body.dataset.liveState === 'open'", vec![])
            .await
            .is_ok_and(|open| open == serde_json::Value::Bool(true))
    })
    .await
}

/// Fills the login form the browser is on and waits until it lands on `path`.
pub(crate) async fn sign_in(
    browser: &Client,
    email: &str,
    path: &str,
) -> Result<(), fantoccini::error::CmdError> {
    browser
        .find(Locator::Css("input[name=email]"))
        .await?
        .send_keys(email)
        .await?;
    browser
        .find(Locator::Css("input[name=password]"))
        .await?
        .send_keys(PASSWORD)
        .await?;
    browser
        .find(Locator::Css("button[type=submit].primary"))
        .await?
        .click()
        .await?;
    let arrived = wait_for(|| async {
        browser
            .current_url()
            .await
            .is_ok_and(|url| url.path() == path)
    })
    .await;
    assert!(arrived, "signing in leads to {path}");
    Ok(())
}

/// Runs `flow` in a fresh browser session, which is closed whatever happens.
pub(crate) async fn in_browser<F, Fut>(driver: &Driver, flow: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = Result<(), fantoccini::error::CmdError>> + Send + 'static,
{
    let browser = connect(driver).await;
    let outcome = tokio::spawn(flow(browser.clone())).await;
    browser.close().await.expect("the browser session closes");
    match outcome {
        Ok(result) => result.expect("the browser flow runs"),
        Err(panic) => std::panic::resume_unwind(panic.into_panic()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_signs_in_and_sees_the_timeline_chart() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.create_user("dana@example.org", "Dana", Role::Lead)
        .await;
    let start = app.url("/timeline");

    in_browser(&driver, |browser| async move {
        browser.goto(&start).await?;
        assert_eq!(
            browser.current_url().await?.path(),
            "/login",
            "a visitor is sent to the login page"
        );
        sign_in(&browser, "dana@example.org", "/timeline").await?;
        assert_eq!(
            browser
                .find_all(Locator::Css("svg.gantt a.bar"))
                .await?
                .len(),
            8
        );
        let launch = browser
            .find(Locator::Css("svg.gantt .marker.launch text"))
            .await?
            .text()
            .await?;
        assert_eq!(launch, "Lancement · J+31");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_ticks_an_item_and_sees_the_row_and_progress_change_without_a_reload() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.create_user_in("dana@example.org", "Dana", Role::Lead, Some("devops"))
        .await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let start = app.url(&format!("/phases/{phase}"));

    in_browser(&driver, |browser| async move {
        browser.goto(&start).await?;
        sign_in(&browser, "dana@example.org", &format!("/phases/{phase}")).await?;
        // A reload would wipe this marker from the page's window.
        browser
            .execute("window.stillTheSamePage = true", vec![])
            .await?;
        let done = format!("#item-{item} form button.primary");
        browser.find(Locator::Css(&done)).await?.click().await?;
        assert!(
            row_shows_done(&browser, item).await,
            "the row shows the item done"
        );
        progress_changed_in_place(&browser, "1 sur 5 terminés").await
    })
    .await;

    assert_eq!(item_state(&app, item).await, "done");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tick_in_one_browser_changes_the_row_and_progress_in_another_without_reload() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.create_user_in("dana@example.org", "Dana", Role::Lead, Some("devops"))
        .await;
    app.create_user_in("sam@example.org", "Sam", Role::Member, Some("devops"))
        .await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let page = app.url(&format!("/phases/{phase}"));
    let path = format!("/phases/{phase}");
    let watcher = connect(&driver).await;
    let outcome = async {
        watcher.goto(&page).await?;
        sign_in(&watcher, "sam@example.org", &path).await?;
        watcher
            .execute("window.stillTheSamePage = true", vec![])
            .await?;
        // A change committed before the watcher's stream opens would not reach it.
        let following = follows_live(&watcher).await;
        assert!(following, "the watcher's page follows live changes");
        let (page, path) = (page.clone(), path.clone());
        in_browser(&driver, |ticker| async move {
            ticker.goto(&page).await?;
            sign_in(&ticker, "dana@example.org", &path).await?;
            ticker
                .find(Locator::Css(&format!("#item-{item} form button.primary")))
                .await?
                .click()
                .await?;
            // Closing the browser before the tick is sent would lose it.
            assert!(
                row_shows_done(&ticker, item).await,
                "the ticker's own row changes"
            );
            Ok(())
        })
        .await;
        assert!(
            row_shows_done(&watcher, item).await,
            "the watcher's row follows the tick"
        );
        progress_changed_in_place(&watcher, "1 sur 5 terminés").await
    }
    .await;
    watcher.close().await.expect("the browser session closes");
    outcome.expect("the browser flow runs");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_countdown_ticks_its_seconds_without_a_reload() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.create_user_in("mia@example.org", "Mia", Role::Member, Some("marketing"))
        .await;
    let start = app.url("/countdown");

    in_browser(&driver, |browser| async move {
        browser.goto(&start).await?;
        sign_in(&browser, "mia@example.org", "/countdown").await?;
        assert_eq!(
            browser
                .find(Locator::Css(".days-label"))
                .await?
                .text()
                .await?,
            "J-31"
        );
        // A reload would wipe this marker from the page's window.
        browser
            .execute("window.stillTheSamePage = true", vec![])
            .await?;
        let seconds = browser.find(Locator::Css("[data-unit=seconds]")).await?;
        let first = seconds.text().await?;
        let ticked =
            wait_for(|| async { seconds.text().await.is_ok_and(|now| now != first) }).await;
        assert!(ticked, "the seconds change from {first}");
        let same_page = browser
            .execute("return window.stillTheSamePage === true", vec![])
            .await?;
        assert_eq!(
            same_page,
            serde_json::Value::Bool(true),
            "the page was not reloaded"
        );
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_without_an_account_sends_feedback_and_is_thanked() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    let start = app.url("/feedback/new");

    in_browser(&driver, |browser| async move {
        browser.goto(&start).await?;
        browser
            .find(Locator::Css("textarea[name=message]"))
            .await?
            .send_keys("Le jeu plante quand j'ouvre un coffre")
            .await?;
        browser
            .find(Locator::Css("select[name=category] option[value=bug]"))
            .await?
            .click()
            .await?;
        browser
            .find(Locator::Css("input[name=rating][value='2']"))
            .await?
            .click()
            .await?;
        browser
            .find(Locator::Css("button[type=submit].primary"))
            .await?
            .click()
            .await?;
        let thanked = wait_for(|| async {
            browser
                .current_url()
                .await
                .is_ok_and(|url| url.path() == "/feedback/thanks")
        })
        .await;
        assert!(thanked, "the sender lands on the thank-you page");
        assert_eq!(
            browser.find(Locator::Css("h1")).await?.text().await?,
            "Merci pour votre retour"
        );
        Ok(())
    })
    .await;

    let (category, rating): (String, i16) = sqlx::query_as("select category, rating from feedback")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!((category.as_str(), rating), ("bug", 2));
}
