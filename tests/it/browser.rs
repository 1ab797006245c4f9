//! The main flows in a real headless Chromium, driven through chromedriver.

use std::net::TcpListener as StdListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use std::os::unix::process::CommandExt;

use fantoccini::{Client, ClientBuilder, Locator};
use launch_control::domain::role::Role;
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;

use crate::helpers::{PASSWORD, TestApp};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// chromedriver on a free port, in a process group of its own that the
/// browsers it starts share; the whole group is killed when dropped, so no
/// Chromium outlives a failed test.
struct Driver {
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
fn start_driver() -> Option<Driver> {
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

async fn connect(driver: &Driver) -> Client {
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

/// Polls `condition` for up to five seconds: a click may return before its navigation ends.
async fn wait_for<F, Fut>(mut condition: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if condition().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_signs_in_and_sees_the_timeline_chart() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.create_user("dana@example.org", "Dana", Role::Lead)
        .await;
    let browser = connect(&driver).await;

    let outcome = async {
        browser.goto(&app.url("/timeline")).await?;
        assert!(
            browser.current_url().await?.path() == "/login",
            "a visitor is sent to the login page"
        );
        browser
            .find(Locator::Css("input[name=email]"))
            .await?
            .send_keys("dana@example.org")
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
                .is_ok_and(|url| url.path() == "/timeline")
        })
        .await;
        assert!(arrived, "signing in leads back to the timeline");
        let bars = browser.find_all(Locator::Css("svg.gantt a.bar")).await?;
        assert_eq!(bars.len(), 8);
        let launch = browser
            .find(Locator::Css("svg.gantt .marker.launch text"))
            .await?
            .text()
            .await?;
        assert_eq!(launch, "Lancement · J+31");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;

    browser.close().await.expect("the browser session closes");
    outcome.expect("the browser flow runs");
}
