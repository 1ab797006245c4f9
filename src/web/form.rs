//! Forms re-drawn after invalid input: the message beside each field, and
//! the list of them for the summary at the top of the form.

use crate::domain::account::Invalid;
use crate::i18n::Lang;

/// The messages of a form's invalid fields, in the page's language.
#[derive(Debug)]
pub struct FieldErrors {
    lang: Lang,
    errors: Vec<(&'static str, String)>,
}

impl FieldErrors {
    /// No errors yet.
    pub fn new(lang: Lang) -> Self {
        FieldErrors {
            lang,
            errors: Vec::new(),
        }
    }

    /// The parsed value, or `None` with the field's message recorded.
    pub fn check<T>(&mut self, field: &'static str, parsed: Result<T, Invalid>) -> Option<T> {
        parsed
            .map_err(|invalid| self.add(field, invalid.key()))
            .ok()
    }

    /// Records the message `key` beside `field`.
    pub fn add(&mut self, field: &'static str, key: &str) {
        self.errors.push((field, self.lang.t(key)));
    }

    /// The message beside `field`, empty when it is valid.
    pub fn get(&self, field: &str) -> &str {
        self.errors
            .iter()
            .find(|(name, _)| *name == field)
            .map_or("", |(_, message)| message.as_str())
    }

    /// Each invalid field with its message, in the order they were found:
    /// the error summary at the top of the form lists them.
    pub fn fields(&self) -> &[(&'static str, String)] {
        &self.errors
    }

    /// Whether every field is valid.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }
}

/// An option of a `<select>`: value, label, selected.
#[derive(Debug)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_lists_every_invalid_field_in_the_order_found() {
        let mut errors = FieldErrors::new(Lang::En);
        errors.add("title", "error-summary-title");
        errors.add("day", "error-summary-title");
        let fields: Vec<&str> = errors.fields().iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["title", "day"]);
        assert_eq!(errors.fields()[0].1, errors.get("title"));
        assert_eq!(errors.get("title"), "There is a problem");
    }
}
