//! Forms re-drawn after invalid input: the message beside each field.

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
