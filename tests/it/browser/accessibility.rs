//! axe-core finds no accessibility violation, of any impact, on the main
//! pages in French and English: signed in as an admin, on the wall screen,
//! on a form shown again with its errors, on a missing page and on the login
//! page.
//!
//! `tests/fixtures/axe.min.js` is axe-core 4.14.1 from the npm registry
//! (`npm pack axe-core@4.14.1`), MPL-2.0, its licence header kept; vendored
//! so the test never reaches the network.

use fantoccini::{Client, Locator};
use launch_control::domain::role::Role;
use serde_json::Value;

use super::{in_browser, sign_in, start_driver, wait_for};
use crate::helpers::TestApp;
use crate::html_validity::{eventful_plan, in_lang};
use crate::webhooks::webhook_with_log;

const AXE: &str = include_str!("../../fixtures/axe.min.js");

/// Runs axe on the page `browser` shows and answers one line per violation:
/// its rule, impact and the nodes it found, prefixed with `label`.
async fn violations(
    browser: &Client,
    label: &str,
) -> Result<Vec<String>, fantoccini::error::CmdError> {
    browser.execute(AXE, vec![]).await?;
    let found = browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then(results => done(results.violations.map(v => ({
                 id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + n.failureSummary)
               }))))
               .catch(error => done([{ id: 'axe-error', impact: 'error', help: String(error), nodes: [] }]));",
            vec![],
        )
        .await?;
    let Value::Array(found) = found else {
        panic!("axe answers a list of violations on {label}: {found}");
    };
    Ok(found
        .iter()
        .map(|violation| {
            let nodes: Vec<String> = violation["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|node| format!("    {}", node.as_str().unwrap_or_default()))
                .collect();
            format!(
                "{label}: {} ({}) {}\n{}",
                violation["id"].as_str().unwrap_or_default(),
                violation["impact"].as_str().unwrap_or_default(),
                violation["help"].as_str().unwrap_or_default(),
                nodes.join("\n")
            )
        })
        .collect())
}

/// Opens `url` and waits until its document has loaded.
async fn open(browser: &Client, url: &str) -> Result<(), fantoccini::error::CmdError> {
    browser.goto(url).await?;
    let loaded = wait_for(|| async {
        browser
            .execute("return document.readyState === 'complete'", vec![])
            .await
            .is_ok_and(|complete| complete == Value::Bool(true))
    })
    .await;
    assert!(loaded, "{url} loads");
    Ok(())
}

/// Sends the new-risk form with a blank title, past the browser's own
/// checks as a browser without them would, and waits for the refusal.
async fn refused_risk(
    browser: &Client,
    app_url: &str,
    lang: &str,
) -> Result<(), fantoccini::error::CmdError> {
    open(
        browser,
        &format!("{app_url}{}", in_lang("/risks/new", lang)),
    )
    .await?;
    browser
        .execute(
            "const form = document.querySelector('form[action=\"/risks\"]');
             form.querySelector('[name=title]').value = ' ';
             form.submit();",
            vec![],
        )
        .await?;
    let refused = wait_for(|| async {
        browser
            .find(Locator::Css("form [aria-invalid=true]"))
            .await
            .is_ok()
    })
    .await;
    assert!(
        refused,
        "the blank risk is refused with its error beside the field"
    );
    Ok(())
}

// One test per language, so the two halves run side by side.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_violation_on_the_main_pages_in_french() {
    no_violation_in("fr").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_violation_on_the_main_pages_in_english() {
    no_violation_in("en").await;
}

async fn no_violation_in(lang: &'static str) {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    let lead_id = app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let (mut pages, kiosk) = eventful_plan(&app, &lead, &admin).await;
    crate::html_validity::archived_copy(&app, &admin).await;
    pages.push(format!("/admin/users/{lead_id}"));
    pages.push(webhook_with_log(&app, &admin).await);
    crate::api::token_made_by(&admin, &app, &["read"]).await;
    let first_phase: uuid::Uuid = sqlx::query_scalar("select id from phases where section = '2.1'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    pages.push(format!("/phases/{first_phase}/remove"));
    pages.extend(
        [
            "/admin/users",
            "/admin/plan",
            "/phases/new",
            "/admin/plans",
            "/admin/plans/import",
            "/admin/plans/copy",
            "/admin/webhooks",
            "/admin/tokens",
            "/account/tokens",
            "/api/docs",
            "/screens",
            "/account",
            "/notifications",
        ]
        .map(str::to_owned),
    );
    pages.push("/phases/00000000-0000-0000-0000-000000000000".to_owned());
    let token: uuid::Uuid = sqlx::query_scalar(
        "select unsubscribe_token from users where email = 'admin-none@example.org'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    pages.push(format!("/unsubscribe/{token}/mention"));
    let base = app.url("");
    let base = base.trim_end_matches('/').to_owned();

    let found = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let collected = found.clone();
    in_browser(&driver, |browser| async move {
        let mut seen = Vec::new();
        open(&browser, &format!("{base}{}", in_lang(&kiosk, lang))).await?;
        seen.extend(violations(&browser, &format!("{lang} kiosk")).await?);
        open(&browser, &format!("{base}{}", in_lang("/", lang))).await?;
        assert_eq!(browser.current_url().await?.path(), "/login");
        seen.extend(violations(&browser, &format!("{lang} /login")).await?);
        sign_in(&browser, "admin-none@example.org", "/").await?;
        for page in &pages {
            open(&browser, &format!("{base}{}", in_lang(page, lang))).await?;
            seen.extend(violations(&browser, &format!("{lang} {page}")).await?);
        }
        refused_risk(&browser, &base, lang).await?;
        seen.extend(violations(&browser, &format!("{lang} refused /risks/new")).await?);
        collected.lock().unwrap().extend(seen);
        Ok(())
    })
    .await;
    let all = found.lock().unwrap();
    assert!(
        all.is_empty(),
        "{} violations:\n{}",
        all.len(),
        all.join("\n")
    );
}
