//! The small cookies besides the session's: an anonymous visitor's CSRF nonce
//! and language. The server keeps nothing for them, so an anonymous page
//! view writes no session row.

use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use tower_sessions::cookie::time::Duration;
use tower_sessions::cookie::{Cookie, SameSite};

/// The value of the request's cookie `name`, if it sent one.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name)
        .map(|cookie| cookie.value().to_owned())
}

/// Sets the cookie `name` to `value` with the session cookie's flags: the
/// whole site's, out of scripts' reach, not sent on cross-site posts
/// (`SameSite=Lax`), over HTTPS only when `secure`. It lasts `max_age`, or
/// until the browser closes.
pub fn set(
    response: &mut Response,
    (name, value): (&str, &str),
    secure: bool,
    max_age: Option<Duration>,
) {
    let mut cookie = Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure);
    if let Some(max_age) = max_age {
        cookie = cookie.max_age(max_age);
    }
    // Our names and values are plain ASCII; anything else is not sent.
    if let Ok(header) = HeaderValue::from_str(&cookie.build().to_string()) {
        response.headers_mut().append(SET_COOKIE, header);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_is_found_by_its_exact_name_among_several_headers() {
        let mut headers = HeaderMap::new();
        headers.append(COOKIE, HeaderValue::from_static("lc_lang_x=no; other=1"));
        headers.append(COOKIE, HeaderValue::from_static("a=b; lc_lang=en"));

        assert_eq!(read(&headers, "lc_lang").as_deref(), Some("en"));
        assert_eq!(read(&headers, "other").as_deref(), Some("1"));
        assert_eq!(read(&headers, "lc"), None);
        assert_eq!(read(&HeaderMap::new(), "lc_lang"), None);
    }

    #[test]
    fn a_set_cookie_carries_the_session_cookies_flags() {
        let mut plain = Response::default();
        set(&mut plain, ("lc_lang", "en"), false, None);
        let mut secure = Response::default();
        set(
            &mut secure,
            ("lc_lang", "fr"),
            true,
            Some(Duration::days(1)),
        );

        let plain = plain.headers()[SET_COOKIE].to_str().unwrap();
        assert_eq!(plain, "lc_lang=en; HttpOnly; SameSite=Lax; Path=/");
        let secure = secure.headers()[SET_COOKIE].to_str().unwrap();
        assert_eq!(
            secure,
            "lc_lang=fr; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=86400"
        );
    }
}
