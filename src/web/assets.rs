//! Static files, compiled into the binary so it runs from any folder, each
//! with its brotli and gzip versions made at build time (see `build.rs`).
//!
//! A file is linked at a URL holding its content hash, `APP_CSS.url`
//! (`/static/app.3f9a0c1b2d4e.css`), cached for a year: a new version is a new
//! URL. The plain name (`/static/app.css`) still answers, revalidated on
//! every use, for pages drawn before the hashes and for hand-typed links.

mod accept_encoding;

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use self::accept_encoding::Encoding;
use crate::state::AppState;

/// A file of `static/`, as the build hashed and compressed it.
#[derive(Debug)]
pub struct Asset {
    /// Its name, without its folder: `app.css`.
    pub name: &'static str,
    /// Where pages link it, its content hash in the name.
    pub url: &'static str,
    /// The first hex digits of its SHA-256.
    hash: &'static str,
    identity: &'static [u8],
    /// Absent when compressing would not make it smaller.
    brotli: Option<&'static [u8]>,
    gzip: Option<&'static [u8]>,
}

// One constant per file of `static/`, named after it (`app.css` is `APP_CSS`),
// and `ALL` of them.
include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// A hashed URL never changes content: a year, and no revalidation.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// A plain name changes content on every release: always asked again, which
/// the ETag makes a 304 of when nothing changed.
const REVALIDATE: &str = "no-cache";

impl Asset {
    /// The file in `encoding`, if held in it.
    fn body(&self, encoding: Encoding) -> Option<&'static [u8]> {
        match encoding {
            Encoding::Brotli => self.brotli,
            Encoding::Gzip => self.gzip,
            Encoding::Identity => Some(self.identity),
        }
    }

    /// The strong ETag of the file in `encoding`. Each coding is a
    /// representation of its own with a tag of its own (RFC 9110 §8.8.3), so
    /// a cache never answers one for another.
    fn etag(&self, encoding: Encoding) -> String {
        match encoding {
            Encoding::Identity => format!("\"{}\"", self.hash),
            Encoding::Brotli => format!("\"{}-br\"", self.hash),
            Encoding::Gzip => format!("\"{}-gz\"", self.hash),
        }
    }

    /// Whether `file`, the last segment of a `/static/` path, names this
    /// file: by its hashed URL (`Some(true)`) or its plain name (`Some(false)`).
    fn answers(&self, file: &str) -> Option<bool> {
        if Some(file) == self.url.strip_prefix("/static/") {
            Some(true)
        } else if file == self.name {
            Some(false)
        } else {
            None
        }
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, extension)| extension) {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// `/static/{file}`.
pub fn router() -> Router<AppState> {
    Router::new().route("/static/{file}", get(serve))
}

async fn serve(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some((asset, hashed)) = ALL
        .iter()
        .find_map(|asset| asset.answers(&file).map(|hashed| (*asset, hashed)))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let accept = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|value| value.to_str().ok());
    let representation = accept_encoding::choose(accept, |encoding| asset.body(encoding).is_some())
        .and_then(|encoding| Some((encoding, asset.body(encoding)?)));
    let Some((encoding, body)) = representation else {
        return StatusCode::NOT_ACCEPTABLE.into_response();
    };
    let etag = asset.etag(encoding);
    let mut response = if none_match(&headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = body.into_response();
        let response_headers = response.headers_mut();
        response_headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(content_type(asset.name)),
        );
        if encoding != Encoding::Identity {
            response_headers.insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(encoding.token()),
            );
        }
        response
    };
    // A 304 carries the validators and caching of the 200 it stands for.
    let response_headers = response.headers_mut();
    response_headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if hashed { IMMUTABLE } else { REVALIDATE }),
    );
    response_headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Ok(etag) = HeaderValue::from_str(&etag) {
        response_headers.insert(header::ETAG, etag);
    }
    response
}

/// Whether the request's `If-None-Match` holds `etag`, compared weakly as
/// RFC 9110 §13.1.2 asks: the client has this representation already.
fn none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn if_none_match(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn every_file_has_a_url_of_its_own_holding_its_hash() {
        for asset in ALL {
            let (stem, extension) = asset.name.rsplit_once('.').unwrap();
            assert_eq!(
                asset.url,
                format!("/static/{stem}.{}.{extension}", asset.hash)
            );
            assert!(asset.hash.len() >= 10);
            assert!(asset.hash.bytes().all(|byte| byte.is_ascii_hexdigit()));
        }
    }

    #[test]
    fn a_file_answers_to_its_hashed_url_and_its_plain_name_only() {
        let hashed = APP_CSS.url.strip_prefix("/static/").unwrap();
        assert_eq!(APP_CSS.answers(hashed), Some(true));
        assert_eq!(APP_CSS.answers("app.css"), Some(false));
        assert_eq!(APP_CSS.answers("app.0000000000.css"), None);
        assert_eq!(APP_CSS.answers("app.js"), None);
    }

    #[test]
    fn the_stylesheet_is_held_compressed_smaller() {
        let brotli = APP_CSS.brotli.unwrap();
        let gzip = APP_CSS.gzip.unwrap();
        assert!(brotli.len() < gzip.len());
        assert!(gzip.len() < APP_CSS.identity.len());
    }

    #[test]
    fn each_coding_has_its_own_etag() {
        let tags: Vec<String> = [Encoding::Identity, Encoding::Brotli, Encoding::Gzip]
            .into_iter()
            .map(|encoding| APP_CSS.etag(encoding))
            .collect();
        assert_eq!(tags[0], format!("\"{}\"", APP_CSS.hash));
        assert!(tags[1] != tags[0] && tags[2] != tags[0] && tags[1] != tags[2]);
    }

    #[test]
    fn if_none_match_compares_weakly_and_takes_lists_and_star() {
        let etag = "\"abc\"";
        assert!(none_match(&if_none_match("\"abc\""), etag));
        assert!(none_match(&if_none_match("W/\"abc\""), etag));
        assert!(none_match(&if_none_match("\"x\", \"abc\""), etag));
        assert!(none_match(&if_none_match("*"), etag));
        assert!(!none_match(&if_none_match("\"abc-br\""), etag));
        assert!(!none_match(&HeaderMap::new(), etag));
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("app.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("app.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("favicon.svg"), "image/svg+xml");
        assert_eq!(content_type("notes"), "application/octet-stream");
    }
}
