//! What every CSV export shares.

use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

/// Spreadsheets read a CSV file as UTF-8 (accents intact) only after this mark.
const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// A CSV download named `filename`: UTF-8 with its byte-order mark, never
/// cached on the way (exports may hold contact addresses).
pub fn download(filename: &str, body: Vec<u8>) -> Response {
    let mut bytes = BYTE_ORDER_MARK.to_vec();
    bytes.extend(body);
    (
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// A spreadsheet would run a cell starting with one of these as a formula
/// (OWASP's "CSV injection"): a leading apostrophe makes it plain text.
pub fn neutralised(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_turned_into_text() {
        assert_eq!(neutralised("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralised("-1"), "'-1");
        assert_eq!(neutralised("Panne serveur"), "Panne serveur");
    }
}
