//! Feedback as the public sends it and support triages it, parsed once from
//! what people type.

use crate::domain::account::Invalid;

/// The longest message the public form takes, in characters.
pub const MESSAGE_MAX_CHARS: usize = 5000;
/// The longest tag, in characters: tags are labels, not sentences.
pub const TAG_MAX_CHARS: usize = 40;

/// What a piece of feedback is about. Stored as its snake_case name, the
/// spelling of the column's check constraint; a stored value it does not
/// name fails to decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Category {
    Bug,
    Idea,
    Question,
    Praise,
}

impl Category {
    /// Every category, in the order forms and charts list them.
    pub const ALL: [Category; 4] = [
        Category::Bug,
        Category::Idea,
        Category::Question,
        Category::Praise,
    ];

    /// The value stored in the database and sent by forms and links.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Bug => "bug",
            Category::Idea => "idea",
            Category::Question => "question",
            Category::Praise => "praise",
        }
    }

    /// Parses what a form or a link sent.
    pub fn parse(value: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|category| category.as_str() == value)
    }

    /// The catalog key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Category::Bug => "feedback-category-bug",
            Category::Idea => "feedback-category-idea",
            Category::Question => "feedback-category-question",
            Category::Praise => "feedback-category-praise",
        }
    }
}

/// Where support stands with a piece of feedback. Stored as its snake_case
/// name, the spelling of the column's check constraint; a stored value it
/// does not name fails to decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Status {
    New,
    Acknowledged,
    Planned,
    Resolved,
    Closed,
}

impl Status {
    /// Every status, in the order of a piece of feedback's life.
    pub const ALL: [Status; 5] = [
        Status::New,
        Status::Acknowledged,
        Status::Planned,
        Status::Resolved,
        Status::Closed,
    ];

    /// The value stored in the database and sent by forms and links.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Acknowledged => "acknowledged",
            Status::Planned => "planned",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
        }
    }

    /// Parses what a form or a link sent.
    pub fn parse(value: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
    }

    /// The catalog key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Status::New => "feedback-status-new",
            Status::Acknowledged => "feedback-status-acknowledged",
            Status::Planned => "feedback-status-planned",
            Status::Resolved => "feedback-status-resolved",
            Status::Closed => "feedback-status-closed",
        }
    }
}

/// A rating from 1 (very unhappy) to 5 (delighted).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rating(i16);

impl Rating {
    /// Every rating, lowest first.
    pub const RANGE: std::ops::RangeInclusive<i16> = 1..=5;

    /// Parses what a form sent.
    pub fn parse(raw: &str) -> Option<Rating> {
        raw.trim()
            .parse::<i16>()
            .ok()
            .filter(|value| Rating::RANGE.contains(value))
            .map(Rating)
    }

    /// The number.
    pub fn value(self) -> i16 {
        self.0
    }
}

/// A message from the public: 1 to 5,000 characters once trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message(String);

impl Message {
    /// Parses what was typed; surrounding spaces are dropped.
    pub fn parse(raw: &str) -> Result<Message, Invalid> {
        bounded(raw, MESSAGE_MAX_CHARS).map(Message)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A tag: lower case, inner spaces collapsed, 1 to 40 characters, so that
/// "Login " and "login" are one tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag(String);

impl Tag {
    /// Parses what was typed.
    pub fn parse(raw: &str) -> Result<Tag, Invalid> {
        let tag = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        bounded(&tag.to_lowercase(), TAG_MAX_CHARS).map(Tag)
    }

    /// The tag.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn bounded(raw: &str, max_chars: usize) -> Result<String, Invalid> {
    let text = raw.trim();
    match text.chars().count() {
        0 => Err(Invalid::Required),
        length if length > max_chars => Err(Invalid::TooLong),
        _ => Ok(text.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_and_statuses_read_back_what_they_store() {
        for category in Category::ALL {
            assert_eq!(Category::parse(category.as_str()), Some(category));
        }
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert_eq!(Category::parse("Bug"), None);
        assert_eq!(Status::parse("duplicate"), None);
    }

    #[test]
    fn ratings_run_from_one_to_five() {
        assert_eq!(Rating::parse(" 4 ").map(Rating::value), Some(4));
        for bad in ["0", "6", "", "3.5", "five", "-1"] {
            assert_eq!(Rating::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_message_is_required_and_at_most_five_thousand_characters() {
        assert_eq!(
            Message::parse("  Le jeu plante ").unwrap().as_str(),
            "Le jeu plante"
        );
        assert_eq!(Message::parse(" \n "), Err(Invalid::Required));
        assert!(Message::parse(&"é".repeat(MESSAGE_MAX_CHARS)).is_ok());
        assert_eq!(
            Message::parse(&"é".repeat(MESSAGE_MAX_CHARS + 1)),
            Err(Invalid::TooLong)
        );
    }

    #[test]
    fn tags_are_folded_so_one_label_is_one_tag() {
        assert_eq!(
            Tag::parse("  Écran   de  Connexion ").unwrap().as_str(),
            "écran de connexion"
        );
        assert_eq!(Tag::parse("   "), Err(Invalid::Required));
        assert_eq!(
            Tag::parse(&"x".repeat(TAG_MAX_CHARS + 1)),
            Err(Invalid::TooLong)
        );
    }
}
