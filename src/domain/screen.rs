//! A wall screen's name, as people tell their screens apart ("Open space",
//! "Accueil").

use crate::domain::account::Invalid;

/// The longest name, as the table's check allows.
pub const NAME_MAX_CHARS: usize = 80;

/// A screen's name: trimmed, not empty, at most [`NAME_MAX_CHARS`] characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScreenName(String);

impl ScreenName {
    /// Parses what was typed; surrounding spaces are dropped.
    pub fn parse(raw: &str) -> Result<ScreenName, Invalid> {
        let name = raw.trim();
        match name.chars().count() {
            0 => Err(Invalid::Required),
            1..=NAME_MAX_CHARS => Ok(ScreenName(name.to_owned())),
            _ => Err(Invalid::TooLong),
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_screen_name_is_trimmed_required_and_bounded() {
        assert_eq!(
            ScreenName::parse("  Open space ").unwrap().as_str(),
            "Open space"
        );
        assert_eq!(ScreenName::parse(" \t "), Err(Invalid::Required));
        assert!(ScreenName::parse(&"é".repeat(NAME_MAX_CHARS)).is_ok());
        assert_eq!(
            ScreenName::parse(&"é".repeat(NAME_MAX_CHARS + 1)),
            Err(Invalid::TooLong)
        );
    }
}
