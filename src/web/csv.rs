//! What every CSV export shares.

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
