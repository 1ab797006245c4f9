//! Control characters refused at the door: a NUL byte or an escape in a
//! request's path, query or form fields answers the 422 page before any
//! handler sees it (PostgreSQL, for one, fails on NUL in text). Form fields
//! keep tabs and line breaks, which multi-line fields hold; the domain's
//! single-line values refuse those in turn.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::auth::csrf::MAX_FORM_BYTES;
use crate::error::ErrorPage;
use crate::web::error_pages;

/// Answers 422 to a request with a control character in its path, query or
/// form body; runs the rest otherwise.
pub async fn refuse(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let refused = |page| error_pages::refusal(page, &parts.headers);
    let query = parts.uri.query().unwrap_or_default().as_bytes();
    let in_query = form_urlencoded::parse(query)
        .any(|(name, value)| has_control(&name) || has_control(&value));
    if has_control(&percent_decoded(parts.uri.path())) || in_query {
        return refused(ErrorPage::ControlCharacters);
    }
    if !is_form(&parts.headers) {
        return next.run(Request::from_parts(parts, body)).await;
    }
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return refused(ErrorPage::PayloadTooLarge);
    };
    let in_form = form_urlencoded::parse(&bytes).any(|(name, value)| {
        has_control(&name) || value.chars().any(|c| c.is_control() && !is_line_space(c))
    });
    if in_form {
        return refused(ErrorPage::ControlCharacters);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn has_control(text: &str) -> bool {
    text.chars().any(char::is_control)
}

/// What a multi-line field may hold: tabs, and the CR LF browsers send.
fn is_line_space(c: char) -> bool {
    matches!(c, '\t' | '\r' | '\n')
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/x-www-form-urlencoded"))
}

/// The path with its `%XX` escapes decoded, as the router's extractors see
/// it; bytes that are not UTF-8 become U+FFFD, which is no control character.
fn percent_decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let escaped = bytes
            .get(at + 1..at + 3)
            .filter(|hex| bytes[at] == b'%' && hex.iter().all(u8::is_ascii_hexdigit))
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                at += 3;
            }
            None => {
                decoded.push(bytes[at]);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_in_a_path_are_decoded_before_they_are_looked_at() {
        assert_eq!(percent_decoded("/items/%00x"), "/items/\0x");
        assert_eq!(percent_decoded("/a%2Fb%e9%"), "/a/b\u{fffd}%");
        assert_eq!(percent_decoded("/%+1"), "/%+1");
        assert!(has_control(&percent_decoded("/x%1b[2J")));
        assert!(!has_control(&percent_decoded("/phases/%C3%A9t%C3%A9")));
    }

    #[test]
    fn form_fields_keep_tabs_and_line_breaks_but_nothing_else() {
        for kept in ['\t', '\r', '\n'] {
            assert!(is_line_space(kept));
        }
        for refused in ['\0', '\u{1b}', '\u{7f}', '\u{85}', '\u{b}'] {
            assert!(refused.is_control() && !is_line_space(refused));
        }
    }
}
