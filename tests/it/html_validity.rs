//! Valid, accessible HTML on the main pages, in French and English, signed in
//! as an admin and as a team lead, the wall screen and forms shown again with
//! their errors included: every `<time>` carries a machine-readable
//! `datetime`, ids are unique, every control and reference has its target
//! and every control a name.
//!
//! With `HTML_PAGES_DIR` set, each page checked is also saved there, to run
//! the Nu HTML checker on them by hand (`vnu --skip-non-html DIR`).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate};
use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::{ElementRef, Html, Selector};
use uuid::Uuid;

use crate::api::token_made_by;
use crate::helpers::{TestApp, Visitor, assert_redirects_to};
use crate::launch::create_screen;
use crate::webhooks::webhook_with_log;

/// What is wrong with `page`'s markup, one sentence per fault.
fn faults(page: &Html) -> Vec<String> {
    let mut faults = Vec::new();
    let ids = ids(page, &mut faults);
    for time in select(page, "time") {
        let value = time.value().attr("datetime").unwrap_or_default();
        if !is_machine_time(value) {
            faults.push(format!(
                "<time datetime={value:?}>{}</time> is not a date or an RFC 3339 date-time",
                text(&time)
            ));
        }
    }
    for label in select(page, "label[for]") {
        let target = label.value().attr("for").unwrap_or_default();
        if !ids.contains(target) {
            faults.push(format!("<label for={target:?}> names no element"));
        }
    }
    for element in select(
        page,
        "[aria-describedby], [aria-labelledby], [aria-controls]",
    ) {
        for attribute in ["aria-describedby", "aria-labelledby", "aria-controls"] {
            for target in element
                .value()
                .attr(attribute)
                .unwrap_or_default()
                .split_whitespace()
            {
                if !ids.contains(target) {
                    faults.push(format!("{attribute}={target:?} names no element"));
                }
            }
        }
    }
    let controls = "input:not([type=hidden]), select, textarea, button";
    for control in select(page, controls) {
        if !has_name(page, &control) {
            faults.push(format!("{} has no accessible name", control.html()));
        }
    }
    faults
}

/// Every id of `page`, each used twice or more noted in `faults`.
fn ids(page: &Html, faults: &mut Vec<String>) -> HashSet<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for element in select(page, "[id]") {
        *seen
            .entry(element.value().attr("id").unwrap_or_default().to_owned())
            .or_default() += 1;
    }
    for (id, count) in &seen {
        if *count > 1 {
            faults.push(format!("id {id:?} is used {count} times"));
        }
    }
    seen.into_keys().collect()
}

/// A valid date (`2026-12-06`) or date-time with its offset; HTML allows
/// at most three digits of a second's fraction, RFC 3339 any number.
fn is_machine_time(value: &str) -> bool {
    let fraction_fits = value.split_once('.').is_none_or(|(_, fraction)| {
        (1..=3).contains(&fraction.chars().take_while(char::is_ascii_digit).count())
    });
    NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok()
        || (fraction_fits && DateTime::parse_from_rfc3339(value).is_ok())
}

/// Whether assistive technology has a name to read for `control`: its own
/// label (`aria-label`, `aria-labelledby`, a `<label>` for it or around it,
/// a `title`), or for a button its text or value.
fn has_name(page: &Html, control: &ElementRef) -> bool {
    let element = control.value();
    let filled = |value: Option<&str>| value.is_some_and(|value| !value.trim().is_empty());
    if filled(element.attr("aria-label")) || filled(element.attr("title")) {
        return true;
    }
    if let Some(ids) = element.attr("aria-labelledby") {
        return ids.split_whitespace().any(|id| {
            select(page, &format!("[id='{id}']"))
                .iter()
                .any(|by| !text(by).is_empty())
        });
    }
    // A `<label for>` names the first element with that id only.
    if let Some(id) = element.attr("id")
        && select(page, &format!("[id='{id}']"))
            .first()
            .map(|first| first.id())
            == Some(control.id())
        && select(page, &format!("label[for='{id}']"))
            .iter()
            .any(|label| !text(label).is_empty())
    {
        return true;
    }
    if control
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|ancestor| ancestor.value().name() == "label")
    {
        return true;
    }
    match element.name() {
        "button" => !text(control).is_empty(),
        "input" => {
            matches!(element.attr("type"), Some("submit" | "reset" | "button"))
                && filled(element.attr("value"))
        }
        _ => false,
    }
}

fn select<'a>(page: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    page.select(&Selector::parse(selector).unwrap()).collect()
}

fn text(element: &ElementRef) -> String {
    element.text().collect::<String>().trim().to_owned()
}

/// `path` in `lang`: `?lang=` also sets the browser's language for what follows.
pub(crate) fn in_lang(path: &str, lang: &str) -> String {
    let joint = if path.contains('?') { '&' } else { '?' };
    format!("{path}{joint}lang={lang}")
}

/// Fails with every fault of the page `body`, which `label` names.
pub(crate) fn assert_valid(label: &str, body: &str) {
    if let Some(dir) = std::env::var_os("HTML_PAGES_DIR") {
        let name: String = label
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        std::fs::write(
            std::path::Path::new(&dir).join(format!("{name}.html")),
            body,
        )
        .unwrap();
    }
    let faults = faults(&Html::parse_document(body));
    assert!(faults.is_empty(), "{label}:\n{}", faults.join("\n"));
}

/// GETs `path` in `lang` as `visitor` and checks the page.
async fn check_page(visitor: &Visitor, who: &str, path: &str, lang: &str) {
    let path = in_lang(path, lang);
    let response = visitor.get(&path).await;
    assert_eq!(response.status(), StatusCode::OK, "{who} GET {path}");
    assert_valid(&format!("{who} {path}"), &response.text().await.unwrap());
}

/// Posts `fields` from `page` to `action`, which must refuse them (422) with
/// the form shown again, and checks that page.
async fn check_refused(
    visitor: &Visitor,
    lang: &str,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) {
    let refused = visitor.submit(&in_lang(page, lang), action, fields).await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "POST {action}"
    );
    let body = refused.text().await.unwrap();
    assert!(
        !select(&Html::parse_document(&body), "form [aria-invalid=true]").is_empty(),
        "POST {action} shows its form with the error beside the field: {body}"
    );
    assert_valid(&format!("refused {lang} {action}"), &body);
}

/// A copy of the plan `admin` is shown, archived.
pub(crate) async fn archived_copy(app: &TestApp, admin: &Visitor) -> Uuid {
    let copy = app.copy_plan(admin, "Lootopia 2").await;
    sqlx::query("update plans set archived_at = now() where id = $1")
        .bind(copy)
        .execute(&app.db)
        .await
        .unwrap();
    app.plan_edited();
    copy
}

async fn id_of(app: &TestApp, sql: &str) -> Uuid {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

/// The plan with something in every list: a ticked item with a comment (its
/// history, the activity), a reviewed risk, an item in the trash, a feedback
/// entry and a wall screen, on day 8, when phase 2.1 runs late (the
/// overview's forecast). Answers the pages to check and the screen's link.
pub(crate) async fn eventful_plan(
    app: &TestApp,
    lead: &Visitor,
    admin: &Visitor,
) -> (Vec<String>, String) {
    app.today_is(8).await;
    let (item, phase): (Uuid, Uuid) = sqlx::query_as(
        "select i.id, i.phase_id from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.1' order by i.position limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let (item_page, phase_page) = (format!("/items/{item}"), format!("/phases/{phase}"));
    let ticked = lead
        .submit(
            &phase_page,
            &format!("/items/{item}/state"),
            &[("state", "done"), ("version", "1")],
        )
        .await;
    assert_redirects_to(&ticked, &format!("{phase_page}#item-{item}"));
    let item = item.to_string();
    let commented = lead
        .submit(
            &item_page,
            "/comments",
            &[
                ("subject_kind", "item"),
                ("subject_id", &item),
                ("body", "Fait, voir le ticket"),
            ],
        )
        .await;
    assert_eq!(commented.status(), StatusCode::SEE_OTHER);
    let risk = id_of(
        app,
        "select id from risks order by likelihood * impact desc limit 1",
    )
    .await;
    let risk_page = format!("/risks/{risk}");
    let reviewed = lead
        .submit(
            &risk_page,
            &format!("{risk_page}/review"),
            &[
                ("reason", "Tests de charge passés"),
                ("likelihood", "2"),
                ("impact", "4"),
                ("next_review_day", "J+20"),
                ("version", "1"),
            ],
        )
        .await;
    assert_redirects_to(&reviewed, &format!("{risk_page}#reviews"));
    let doomed = id_of(
        app,
        "select i.id from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.1' order by i.position desc limit 1",
    )
    .await;
    let confirm = format!("/items/{doomed}/delete");
    let deleted = lead.submit(&confirm, &confirm, &[("version", "1")]).await;
    assert_eq!(deleted.status(), StatusCode::SEE_OTHER);
    let feedback = crate::feedback::seed(&app.db, "Le bouton de connexion ne répond pas").await;
    let (_, kiosk) = create_screen(admin, "Open space").await;
    let pages = [
        "/",
        "/timeline",
        &phase_page,
        &format!("{phase_page}/edit"),
        &item_page,
        "/my",
        "/work",
        "/teams",
        "/risks",
        &risk_page,
        "/communications",
        "/countdown",
        "/golive",
        "/feedback",
        &format!("/feedback/{feedback}"),
        "/activity",
        "/trash",
    ];
    (pages.iter().map(|page| (*page).to_owned()).collect(), kiosk)
}

#[tokio::test]
async fn every_main_page_has_valid_times_unique_ids_and_named_controls_in_both_languages() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    let lead_id = app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let (pages, kiosk) = eventful_plan(&app, &lead, &admin).await;
    // A second plan, archived: the switcher, the archive's controls and
    // the account's plans are drawn too.
    archived_copy(&app, &admin).await;
    let lead_account = format!("/admin/users/{lead_id}");
    let webhook = webhook_with_log(&app, &admin).await;
    token_made_by(&admin, &app, &["read", "items:write"]).await;
    let first_phase: Uuid = sqlx::query_scalar("select id from phases where section = '2.1'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let removal = format!("/phases/{first_phase}/remove");
    let wall = app.visitor();
    let token: Uuid = sqlx::query_scalar(
        "select unsubscribe_token from users where email = 'lead-devops@example.org'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let unsubscribe = format!("/unsubscribe/{token}/mention");

    for lang in ["fr", "en"] {
        for page in &pages {
            check_page(&lead, "lead", page, lang).await;
            check_page(&admin, "admin", page, lang).await;
        }
        for page in [
            "/admin/users",
            &lead_account,
            "/admin/plan",
            "/phases/new",
            "/admin/plans",
            "/admin/plans/import",
            "/admin/plans/copy",
            "/admin/webhooks",
            &webhook,
            "/admin/tokens",
            "/account/tokens",
            "/api/docs",
            &removal,
            "/screens",
            "/account",
            "/notifications",
        ] {
            check_page(&admin, "admin", page, lang).await;
        }
        check_page(&wall, "wall screen", &kiosk, lang).await;
        check_page(&wall, "anonymous", "/feedback/new", lang).await;
        check_page(&wall, "anonymous", "/login", lang).await;
        check_page(&wall, "anonymous", &unsubscribe, lang).await;
        let missing = in_lang("/phases/00000000-0000-0000-0000-000000000000", lang);
        let missing = admin.get(&missing).await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        assert_valid(&format!("not found {lang}"), &missing.text().await.unwrap());
    }
}

#[tokio::test]
async fn forms_shown_again_with_their_errors_keep_valid_ids_and_named_controls() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let visitor = app.visitor();
    let (item, phase): (Uuid, Uuid) = sqlx::query_as(
        "select i.id, i.phase_id from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.1' order by i.position limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let phase_page = format!("/phases/{phase}");
    let risk = id_of(
        &app,
        "select id from risks order by likelihood * impact desc limit 1",
    )
    .await;
    let risk_page = format!("/risks/{risk}");

    for lang in ["fr", "en"] {
        check_refused(
            &lead,
            lang,
            "/risks/new",
            "/risks",
            &[
                ("title", " "),
                ("likelihood", "2"),
                ("impact", "2"),
                ("mitigation", ""),
            ],
        )
        .await;
        check_refused(
            &lead,
            lang,
            &risk_page,
            &risk_page,
            &[
                ("title", " "),
                ("likelihood", "2"),
                ("impact", "2"),
                ("version", "1"),
            ],
        )
        .await;
        check_refused(
            &lead,
            lang,
            &phase_page,
            &format!("/phases/{phase}/items"),
            &[("title", " "), ("due_day", "3")],
        )
        .await;
        check_refused(
            &lead,
            lang,
            &phase_page,
            &format!("/items/{item}/state"),
            &[("state", "blocked"), ("reason", " "), ("version", "1")],
        )
        .await;
        check_refused(
            &visitor,
            lang,
            crate::feedback::FORM,
            crate::feedback::FORM,
            &crate::feedback::fields("", "bug", "2", ""),
        )
        .await;
    }
}

#[test]
fn the_checks_find_times_not_machine_readable_a_twice_used_id_and_unnamed_controls() {
    let page = Html::parse_document(
        r#"<main><time>J+8 · lun. 7 déc.</time><time datetime="2026-12-07">7 déc.</time>
        <time datetime="2026-12-07T09:12:00+01:00">09:12</time>
        <time datetime="2026-12-07T09:12:00.123456+01:00">09:12</time>
        <section id="mitigation"><label for="mitigation">Plan</label><textarea id="mitigation"></textarea></section>
        <button type="submit"></button><button>Marquer terminé</button>
        <label>Nom <input name="name"></label><input aria-label="Chercher"></main>"#,
    );

    let faults = faults(&page);

    assert_eq!(faults.len(), 5, "{faults:#?}");
    assert!(faults[0].contains("\"mitigation\" is used 2 times"));
    assert!(faults[1].starts_with("<time datetime=\"\">J+8"));
    assert!(faults[2].starts_with("<time datetime=\"2026-12-07T09:12:00.123456+01:00\">"));
    assert!(faults[3].starts_with("<textarea"));
    assert!(faults[4].starts_with("<button type=\"submit\">"));
}
