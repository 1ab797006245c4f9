//! A comment's text, parsed once, and the pieces it is shown as: plain text,
//! links (http and https only) and mentions of the plan's users (`@handle`,
//! the local part of their e-mail address, lower-cased).

use chrono::{DateTime, TimeDelta, Utc};

use crate::domain::account::Invalid;

/// The longest comment, in characters.
pub const MAX_CHARS: usize = 4000;

/// How long after writing it its author may still edit a comment.
pub const EDIT_WINDOW: TimeDelta = TimeDelta::minutes(15);

/// Whether a comment written at `created_at` may still be edited at `now`.
pub fn within_edit_window(created_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - created_at <= EDIT_WINDOW
}

/// The handle `@handle` names a user by: the local part of their e-mail
/// address, lower-cased (alice@example.org is @alice).
pub fn handle_of(email: &str) -> String {
    email
        .rsplit_once('@')
        .map_or(email, |(local, _)| local)
        .to_lowercase()
}

/// A comment's text: trimmed, 1 to [`MAX_CHARS`] characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentBody(String);

impl CommentBody {
    /// Parses what was typed; surrounding spaces are dropped.
    pub fn parse(raw: &str) -> Result<CommentBody, Invalid> {
        let text = raw.trim();
        match text.chars().count() {
            0 => Err(Invalid::Required),
            length if length > MAX_CHARS => Err(Invalid::TooLong),
            _ => Ok(CommentBody(text.to_owned())),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The handles written in it, lower-cased, each once, in order.
    pub fn handles(&self) -> Vec<String> {
        let mut handles: Vec<String> = Vec::new();
        for token in tokens(&self.0) {
            if let Token::Handle(written) = token {
                let handle = written[1..].to_lowercase();
                if !handles.contains(&handle) {
                    handles.push(handle);
                }
            }
        }
        handles
    }
}

/// A piece of a comment as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    /// An http or https address, linked.
    Link(String),
    /// `@handle` as written, and the name of the user it names.
    Mention {
        written: String,
        name: String,
    },
}

/// The pieces of `text`. `name_of` gives the name of the user a lower-cased
/// handle names; a handle it does not know stays text.
pub fn segments(text: &str, name_of: impl Fn(&str) -> Option<String>) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    for token in tokens(text) {
        let segment = match token {
            Token::Text(text) => Segment::Text(text.to_owned()),
            Token::Link(url) => Segment::Link(url.to_owned()),
            Token::Handle(written) => match name_of(&written[1..].to_lowercase()) {
                Some(name) => Segment::Mention {
                    written: written.to_owned(),
                    name,
                },
                None => Segment::Text(written.to_owned()),
            },
        };
        match (segments.last_mut(), segment) {
            (Some(Segment::Text(last)), Segment::Text(more)) => last.push_str(&more),
            (_, segment) => segments.push(segment),
        }
    }
    segments
}

/// A run of the text, before handles are matched to users.
#[derive(Debug, PartialEq, Eq)]
enum Token<'a> {
    Text(&'a str),
    Link(&'a str),
    /// `@handle`, as written.
    Handle(&'a str),
}

fn is_handle_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '+' | '-')
}

/// Where what follows `at` starts a link or a handle: not inside a word, an
/// address or a path (bob@example.org, example.org/@bob).
fn starts_token(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|before| !is_handle_char(before) && before != '/' && before != '@')
}

/// The length of the link starting `rest`, if it starts one.
fn link_len(rest: &str) -> Option<usize> {
    let scheme = ["https://", "http://"].into_iter().find(|scheme| {
        rest.get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    })?;
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
        .unwrap_or(rest.len());
    let mut url = &rest[..end];
    // Punctuation closing a sentence or a parenthesis is not part of the
    // address, unless the address opened that parenthesis itself.
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '»']);
        let trimmed = match trimmed.strip_suffix(')') {
            Some(inner) if trimmed.matches('(').count() < trimmed.matches(')').count() => inner,
            _ => trimmed,
        };
        if trimmed == url {
            break;
        }
        url = trimmed;
    }
    (url.len() > scheme.len()).then_some(url.len())
}

/// The length of the handle starting `rest` (its `@` included), if it starts one.
fn handle_len(rest: &str) -> Option<usize> {
    let name = rest.strip_prefix('@')?;
    let run = name.find(|c| !is_handle_char(c)).unwrap_or(name.len());
    // A sentence's full stop after a handle ends it.
    let handle = name[..run].trim_end_matches('.');
    // An address (@alice@example.org) names no one.
    let address = name[run..].starts_with('@');
    (!handle.is_empty() && !address).then_some(1 + handle.len())
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let (mut plain, mut at) = (0, 0);
    while at < text.len() {
        let rest = &text[at..];
        let found = if starts_token(text, at) {
            link_len(rest)
                .map(|len| (Token::Link(&rest[..len]), len))
                .or_else(|| handle_len(rest).map(|len| (Token::Handle(&rest[..len]), len)))
        } else {
            None
        };
        match found {
            Some((token, len)) => {
                if plain < at {
                    tokens.push(Token::Text(&text[plain..at]));
                }
                tokens.push(token);
                at += len;
                plain = at;
            }
            None => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    if plain < text.len() {
        tokens.push(Token::Text(&text[plain..]));
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<Segment> {
        segments(text, |handle| {
            ["alice", "bob.martin"]
                .contains(&handle)
                .then(|| format!("Name of {handle}"))
        })
    }

    fn text(text: &str) -> Segment {
        Segment::Text(text.to_owned())
    }

    fn link(url: &str) -> Segment {
        Segment::Link(url.to_owned())
    }

    fn mention(written: &str) -> Segment {
        Segment::Mention {
            written: written.to_owned(),
            name: format!("Name of {}", written[1..].to_lowercase()),
        }
    }

    #[test]
    fn a_body_is_trimmed_required_and_at_most_4000_characters() {
        assert_eq!(CommentBody::parse("  ok \n").unwrap().as_str(), "ok");
        assert_eq!(CommentBody::parse(" \n\t "), Err(Invalid::Required));
        assert!(CommentBody::parse(&"é".repeat(MAX_CHARS)).is_ok());
        assert_eq!(
            CommentBody::parse(&"é".repeat(MAX_CHARS + 1)),
            Err(Invalid::TooLong)
        );
    }

    #[test]
    fn a_handle_is_the_lower_cased_local_part_of_an_address() {
        assert_eq!(handle_of("Alice.Martin@Example.org"), "alice.martin");
        assert_eq!(handle_of("dev+ops@example.org"), "dev+ops");
    }

    #[test]
    fn punctuation_after_a_handle_is_not_part_of_it() {
        assert_eq!(
            shown("Merci @alice. Et @bob.martin, @alice: @alice!"),
            [
                text("Merci "),
                mention("@alice"),
                text(". Et "),
                mention("@bob.martin"),
                text(", "),
                mention("@alice"),
                text(": "),
                mention("@alice"),
                text("!"),
            ]
        );
        assert_eq!(shown("(@alice)"), [text("("), mention("@alice"), text(")")]);
    }

    #[test]
    fn handles_match_whatever_their_case() {
        assert_eq!(shown("@ALICE"), [mention("@ALICE")]);
        let body = CommentBody::parse("@Alice @alice @Bob.Martin @nobody").unwrap();
        assert_eq!(body.handles(), ["alice", "bob.martin", "nobody"]);
    }

    #[test]
    fn a_handle_of_no_user_stays_text() {
        assert_eq!(shown("Ask @carol or @"), [text("Ask @carol or @")]);
    }

    #[test]
    fn e_mail_addresses_are_not_mentions() {
        for written in ["write to alice@example.org", "write to @alice@example.org"] {
            assert_eq!(shown(written), [text(written)], "{written}");
            assert!(CommentBody::parse(written).unwrap().handles().is_empty());
        }
    }

    #[test]
    fn http_and_https_addresses_are_links_and_their_at_signs_no_mentions() {
        assert_eq!(
            shown("See https://medium.com/@alice/post, or http://alice@example.org/x."),
            [
                text("See "),
                link("https://medium.com/@alice/post"),
                text(", or "),
                link("http://alice@example.org/x"),
                text("."),
            ]
        );
        let body = CommentBody::parse("https://medium.com/@alice").unwrap();
        assert!(body.handles().is_empty());
    }

    #[test]
    fn a_link_keeps_its_own_parentheses_but_not_the_sentence_s() {
        assert_eq!(
            shown("(voir https://fr.wikipedia.org/wiki/Lancement_(fusée))."),
            [
                text("(voir "),
                link("https://fr.wikipedia.org/wiki/Lancement_(fusée)"),
                text(")."),
            ]
        );
        assert_eq!(
            shown("<https://example.org/a>"),
            [text("<"), link("https://example.org/a"), text(">")]
        );
    }

    #[test]
    fn other_schemes_and_bare_schemes_stay_text() {
        for written in [
            "javascript:alert(1)",
            "ftp://example.org",
            "https://",
            "xhttps://example.org",
        ] {
            assert_eq!(shown(written), [text(written)], "{written}");
        }
        assert_eq!(shown("HTTPS://Example.org"), [link("HTTPS://Example.org")]);
    }

    #[test]
    fn markup_stays_text_for_the_template_to_escape() {
        assert_eq!(
            shown("<script>alert(1)</script>"),
            [text("<script>alert(1)</script>")]
        );
    }

    #[test]
    fn a_comment_may_be_edited_for_15_minutes() {
        let written = Utc::now();
        assert!(within_edit_window(
            written,
            written + TimeDelta::minutes(15)
        ));
        assert!(!within_edit_window(
            written,
            written + TimeDelta::minutes(15) + TimeDelta::seconds(1)
        ));
    }
}
