//! Static files at content-hashed URLs, precompressed, with ETags; pages
//! compressed on the fly and never stored; the live stream left alone.

use std::io::Read;
use std::time::Duration;

use launch_control::domain::role::Role;
use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_NONE_MATCH, VARY,
};
use reqwest::{Response, StatusCode};
use scraper::{Html, Selector};
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor};

const STYLESHEET: &[u8] = include_bytes!("../../static/css/app.css");

/// Where `page` links the file matched by `selector` (`href` or `src`).
fn linked(page: &Html, selector: &str) -> String {
    let element = page
        .select(&Selector::parse(selector).unwrap())
        .next()
        .unwrap_or_else(|| panic!("the page has {selector}"));
    let value = element.value();
    value.attr("href").or(value.attr("src")).unwrap().to_owned()
}

async fn stylesheet_url(app: &TestApp) -> String {
    linked(&app.page("/login").await, r#"link[rel="stylesheet"]"#)
}

async fn get_with(visitor: &Visitor, path: &str, headers: &[(&str, &str)]) -> Response {
    let mut request = visitor.client.get(visitor.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("the app answers")
}

fn header(response: &Response, name: impl reqwest::header::AsHeaderName) -> Option<&str> {
    response
        .headers()
        .get(name)
        .map(|value| value.to_str().unwrap())
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut decoded = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut decoded)
        .expect("a brotli body");
    decoded
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut decoded)
        .expect("a gzip body");
    decoded
}

#[tokio::test]
async fn pages_link_static_files_at_hashed_urls_cached_for_a_year() {
    let app = TestApp::spawn().await;
    let page = app.page("/login").await;
    for (selector, name, extension) in [
        (r#"link[rel="stylesheet"]"#, "app", "css"),
        (r#"script[src^="/static/app."]"#, "app", "js"),
        (r#"link[rel="icon"]"#, "favicon", "svg"),
    ] {
        let url = linked(&page, selector);
        let hash = url
            .strip_prefix(&format!("/static/{name}."))
            .and_then(|rest| rest.strip_suffix(&format!(".{extension}")))
            .unwrap_or_else(|| panic!("{url} is not a hashed name"));
        assert!(hash.len() >= 10 && hash.bytes().all(|byte| byte.is_ascii_hexdigit()));

        let response = app.get(&url).await;
        assert_eq!(response.status(), StatusCode::OK, "{url}");
        assert_eq!(
            header(&response, CACHE_CONTROL),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(
            header(&response, ETAG),
            Some(format!("\"{hash}\"").as_str())
        );
        assert_eq!(header(&response, CONTENT_ENCODING), None);
    }
    let response = app.get(&linked(&page, r#"link[rel="stylesheet"]"#)).await;
    assert_eq!(
        header(&response, CONTENT_TYPE),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(response.bytes().await.unwrap(), STYLESHEET);
}

#[tokio::test]
async fn a_client_accepting_brotli_gets_the_stylesheet_in_brotli() {
    let app = TestApp::spawn().await;
    let url = stylesheet_url(&app).await;

    let response = get_with(&app, &url, &[("accept-encoding", "gzip, deflate, br")]).await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, CONTENT_ENCODING), Some("br"));
    assert_eq!(header(&response, VARY), Some("accept-encoding"));
    assert_eq!(
        header(&response, CACHE_CONTROL),
        Some("public, max-age=31536000, immutable")
    );
    let body = response.bytes().await.unwrap();
    assert!(body.len() < STYLESHEET.len() / 3);
    assert_eq!(unbrotli(&body), STYLESHEET);
}

#[tokio::test]
async fn a_client_accepting_gzip_only_gets_the_stylesheet_in_gzip() {
    let app = TestApp::spawn().await;
    let url = stylesheet_url(&app).await;

    let response = get_with(&app, &url, &[("accept-encoding", "gzip, br;q=0")]).await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, CONTENT_ENCODING), Some("gzip"));
    assert_eq!(header(&response, VARY), Some("accept-encoding"));
    let body = response.bytes().await.unwrap();
    assert!(body.len() < STYLESHEET.len() / 3);
    assert_eq!(gunzip(&body), STYLESHEET);
}

#[tokio::test]
async fn the_etag_a_client_holds_answers_304_without_a_body() {
    let app = TestApp::spawn().await;
    let url = stylesheet_url(&app).await;
    for accept in ["identity", "br", "gzip"] {
        let first = get_with(&app, &url, &[("accept-encoding", accept)]).await;
        let etag = header(&first, ETAG).expect("an ETag").to_owned();

        let again = get_with(
            &app,
            &url,
            &[("accept-encoding", accept), ("if-none-match", &etag)],
        )
        .await;

        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{accept}");
        assert_eq!(header(&again, ETAG), Some(etag.as_str()));
        assert_eq!(
            header(&again, CACHE_CONTROL),
            Some("public, max-age=31536000, immutable")
        );
        assert!(again.bytes().await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn an_etag_of_another_coding_gets_the_whole_file() {
    let app = TestApp::spawn().await;
    let url = stylesheet_url(&app).await;
    let brotli = get_with(&app, &url, &[("accept-encoding", "br")]).await;
    let brotli_etag = header(&brotli, ETAG).unwrap().to_owned();

    let response = get_with(&app, &url, &[(IF_NONE_MATCH.as_str(), &brotli_etag)]).await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_ne!(header(&response, ETAG), Some(brotli_etag.as_str()));
    assert_eq!(response.bytes().await.unwrap(), STYLESHEET);
}

#[tokio::test]
async fn an_unknown_hash_or_file_is_not_found() {
    let app = TestApp::spawn().await;
    for path in ["/static/app.0123456789ab.css", "/static/nope.css"] {
        assert_eq!(
            app.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_plain_name_still_answers_but_is_revalidated_on_each_use() {
    let app = TestApp::spawn().await;
    let response = app.get("/static/app.css").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, CACHE_CONTROL), Some("no-cache"));
    let etag = header(&response, ETAG).unwrap().to_owned();

    let again = get_with(&app, "/static/app.css", &[("if-none-match", &etag)]).await;

    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn signed_in_pages_exports_and_the_login_page_are_never_stored() {
    let app = TestApp::spawn().await;
    let login = app.get("/login").await;
    assert_eq!(header(&login, CACHE_CONTROL), Some("no-store"));

    app.login_as(Role::Admin).await;
    for path in ["/", "/timeline", "/feedback", "/work.csv", "/nope"] {
        let response = app.get(path).await;
        assert_eq!(header(&response, CACHE_CONTROL), Some("no-store"), "{path}");
    }
}

#[tokio::test]
async fn pages_are_compressed_for_clients_that_accept_it() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Admin).await;
    let plain = app.get("/").await;
    assert_eq!(header(&plain, CONTENT_ENCODING), None);
    let html = plain.text().await.unwrap();
    assert!(html.contains("</html>"));

    let brotli = get_with(&app, "/", &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(header(&brotli, CONTENT_ENCODING), Some("br"));
    assert_eq!(header(&brotli, VARY), Some("accept-encoding"));
    let body = unbrotli(&brotli.bytes().await.unwrap());
    assert!(String::from_utf8(body).unwrap().contains("</html>"));

    let gzip = get_with(&app, "/", &[(ACCEPT_ENCODING.as_str(), "gzip")]).await;
    assert_eq!(header(&gzip, CONTENT_ENCODING), Some("gzip"));
    let body = gunzip(&gzip.bytes().await.unwrap());
    assert!(String::from_utf8(body).unwrap().contains("</html>"));
}

#[tokio::test]
async fn the_live_stream_is_not_compressed_and_flushes_each_event() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Admin).await;
    let mut stream = get_with(&app, "/events", &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(stream.status(), StatusCode::OK);
    assert_eq!(header(&stream, CONTENT_TYPE), Some("text/event-stream"));
    assert_eq!(header(&stream, CONTENT_ENCODING), None);

    let marker = tick_an_item(&app).await;

    let mut received = String::new();
    let arrived = tokio::time::timeout(Duration::from_secs(5), async {
        while !received.contains(&format!("id: {marker}\n")) {
            let chunk = stream
                .chunk()
                .await
                .unwrap()
                .expect("the stream stays open");
            received.push_str(&String::from_utf8_lossy(&chunk));
        }
    })
    .await;
    assert!(
        arrived.is_ok(),
        "event {marker} did not arrive: {received:?}"
    );
}

/// Marks an item done through its form; the id of the event it wrote.
async fn tick_an_item(app: &TestApp) -> i64 {
    let (item, phase, version): (Uuid, Uuid, i32) = sqlx::query_as(
        "select i.id, i.phase_id, i.version from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.1' order by i.position limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let response = app
        .submit(
            &format!("/phases/{phase}"),
            &format!("/items/{item}/state"),
            &[("state", "done"), ("version", &version.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    sqlx::query_scalar("select max(id) from activity_events")
        .fetch_one(&app.db)
        .await
        .unwrap()
}
