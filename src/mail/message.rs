//! The e-mail of a notification: subject, plain text and HTML in the
//! reader's language, with the one-click unsubscribe of RFC 8058.

use askama::Template;
use lettre::Message;
use lettre::message::MessageBuilder;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};

use crate::db::deliveries::{Due, DueDigest, DueLink};
use crate::db::events::Event;
use crate::db::items::Item;
use crate::domain::calendar::Calendar;
use crate::domain::digest::{Urgency, urgency};
use crate::domain::notification::NotificationKind;
use crate::mail::MailSettings;
use crate::mail::unsubscribe;
use crate::web::activity::line::describe;

/// What both bodies of a notification's e-mail say.
struct Words {
    reason: String,
    when: String,
    text: String,
    detail: Option<String>,
    link: Option<String>,
    open: String,
    why: String,
    settings_label: String,
    settings_link: String,
    unsubscribe_label: String,
    unsubscribe_link: String,
}

#[derive(Template)]
#[template(path = "mail/notification.txt")]
struct PlainText<'a> {
    words: &'a Words,
}

#[derive(Template)]
#[template(path = "mail/notification.html")]
struct Html<'a> {
    lang: &'a str,
    words: &'a Words,
}

/// Why an e-mail could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Unwritable {
    #[error("the address {0:?} cannot receive e-mail")]
    Address(String),
    #[error(transparent)]
    Template(#[from] askama::Error),
    #[error(transparent)]
    Message(#[from] lettre::error::Error),
}

/// The e-mail that tells `due`'s reader of its change.
pub fn notification(
    settings: &MailSettings,
    calendar: &Calendar,
    due: &Due,
) -> Result<Message, Unwritable> {
    let lang = due.lang;
    let line = describe(lang, calendar, &due.event);
    let unsubscribe_link = settings
        .public_url
        .link(&unsubscribe::path(due.unsubscribe_token, due.kind));
    let words = Words {
        reason: lang.t(&due.kind.reason_key()),
        when: line.when,
        text: line.text,
        detail: line.detail,
        link: line
            .href
            .as_deref()
            .map(|href| settings.public_url.link(href)),
        open: lang.t("mail-open"),
        why: lang.t("mail-why"),
        settings_label: lang.t("mail-settings"),
        settings_link: settings.public_url.link("/account#notifications"),
        unsubscribe_label: lang.t("mail-unsubscribe"),
        unsubscribe_link,
    };
    let to = mailbox(&due.name, &due.email)?;
    let subject = lang.t_args(
        "mail-subject",
        &[
            ("reason", words.reason.clone().into()),
            ("text", words.text.clone().into()),
        ],
    );
    let message = envelope(settings, to, subject)
        .header(ListUnsubscribe(words.unsubscribe_link.clone()))
        .header(ListUnsubscribePost);
    with_bodies(
        message,
        &PlainText { words: &words },
        &Html {
            lang: lang.code(),
            words: &words,
        },
    )
}

/// What both bodies of a link's e-mail say.
struct LinkWords {
    title: String,
    lead: String,
    link: String,
    button: String,
    note: String,
}

#[derive(Template)]
#[template(path = "mail/link.txt")]
struct LinkText<'a> {
    words: &'a LinkWords,
}

#[derive(Template)]
#[template(path = "mail/link.html")]
struct LinkHtml<'a> {
    lang: &'a str,
    words: &'a LinkWords,
}

/// The e-mail that gives `due`'s owner their one-time link, `path` on the
/// dashboard.
pub fn account_link(
    settings: &MailSettings,
    due: &DueLink,
    path: &str,
) -> Result<Message, Unwritable> {
    let lang = due.lang;
    let key = |part: &str| format!("mail-{}-{part}", due.link.as_str());
    let words = LinkWords {
        title: lang.t(&key("title")),
        lead: lang.t_args(&key("lead"), &[("name", due.name.clone().into())]),
        link: settings.public_url.link(path),
        button: lang.t(&key("button")),
        note: lang.t_args(
            "mail-link-note",
            &[("hours", due.link.lifetime().num_hours().into())],
        ),
    };
    let to = mailbox(&due.name, &due.email)?;
    let message = envelope(settings, to, format!("[Launch Control] {}", words.title));
    with_bodies(
        message,
        &LinkText { words: &words },
        &LinkHtml {
            lang: lang.code(),
            words: &words,
        },
    )
}

/// A part of the digest: a heading and its lines.
struct DigestPart {
    heading: String,
    lines: Vec<DigestLine>,
}

/// A line of the digest and where it leads.
struct DigestLine {
    text: String,
    link: Option<String>,
}

/// What both bodies of a digest say.
struct DigestWords {
    title: String,
    parts: Vec<DigestPart>,
    nothing: String,
    settings_label: String,
    settings_link: String,
}

#[derive(Template)]
#[template(path = "mail/digest.txt")]
struct DigestText<'a> {
    words: &'a DigestWords,
}

#[derive(Template)]
#[template(path = "mail/digest.html")]
struct DigestHtml<'a> {
    lang: &'a str,
    words: &'a DigestWords,
}

/// What a digest tells: the reader's items, then their team's others,
/// that are blocked, late or due today, and the changes kept for it.
pub struct DigestContent<'a> {
    pub mine: &'a [Item],
    pub team: &'a [Item],
    pub changes: &'a [(NotificationKind, Event)],
}

/// The morning digest of `due`'s reader.
pub fn digest(
    settings: &MailSettings,
    calendar: &Calendar,
    due: &DueDigest,
    content: &DigestContent<'_>,
) -> Result<Message, Unwritable> {
    let lang = due.lang;
    let today = calendar.day_of(due.day);
    let items = |scope: &str, items: &[Item]| -> Vec<DigestPart> {
        Urgency::ALL
            .into_iter()
            .filter_map(|wanted| {
                let lines: Vec<DigestLine> = items
                    .iter()
                    .filter(|item| urgency(item.state, item.due_day, today) == Some(wanted))
                    .map(|item| {
                        let due_day = i64::from(item.due_day);
                        let when = lang.day_and_date(due_day, calendar.date_of(due_day));
                        DigestLine {
                            text: format!(
                                "{} — {} {} · {}",
                                item.title,
                                item.phase_section,
                                item.phase_name,
                                lang.t_args("mail-digest-due", &[("day", when.into())])
                            ),
                            link: Some(settings.public_url.link(&format!("/items/{}", item.id))),
                        }
                    })
                    .collect();
                (!lines.is_empty()).then(|| DigestPart {
                    heading: format!("{} · {}", lang.t(scope), lang.t(wanted.heading_key())),
                    lines,
                })
            })
            .collect()
    };
    let mut parts = items("mail-digest-mine", content.mine);
    parts.extend(items("mail-digest-team", content.team));
    if !content.changes.is_empty() {
        parts.push(DigestPart {
            heading: lang.t("mail-digest-changed"),
            lines: content
                .changes
                .iter()
                .map(|(kind, event)| {
                    let line = describe(lang, calendar, event);
                    DigestLine {
                        text: format!("{} · {}", lang.t(&kind.reason_key()), line.text),
                        link: line
                            .href
                            .as_deref()
                            .map(|href| settings.public_url.link(href)),
                    }
                })
                .collect(),
        });
    }
    let words = DigestWords {
        title: lang.t_args(
            "mail-digest-title",
            &[("day", lang.day_and_date(today, due.day).into())],
        ),
        parts,
        nothing: lang.t("mail-digest-nothing"),
        settings_label: lang.t("mail-settings"),
        settings_link: settings.public_url.link("/account#notifications"),
    };
    let to = mailbox(&due.name, &due.email)?;
    let message = envelope(settings, to, format!("[Launch Control] {}", words.title));
    with_bodies(
        message,
        &DigestText { words: &words },
        &DigestHtml {
            lang: lang.code(),
            words: &words,
        },
    )
}

/// An e-mail from the server's sender to `to`, about `subject`.
fn envelope(settings: &MailSettings, to: Mailbox, subject: String) -> MessageBuilder {
    Message::builder()
        .from(settings.from.clone())
        .to(to)
        .subject(subject)
}

/// `message` with its two bodies, plain text and HTML, each drawn from its
/// template.
fn with_bodies(
    message: MessageBuilder,
    plain: &impl Template,
    html: &impl Template,
) -> Result<Message, Unwritable> {
    let bodies = MultiPart::alternative_plain_html(plain.render()?, html.render()?);
    Ok(message.multipart(bodies)?)
}

/// `name <email>`, the name stripped of what would break the header.
fn mailbox(name: &str, email: &str) -> Result<Mailbox, Unwritable> {
    format!("{} <{email}>", name.replace(['<', '>', '"'], ""))
        .parse()
        .map_err(|_| Unwritable::Address(email.to_owned()))
}

/// `List-Unsubscribe`: where a mail client's unsubscribe button goes.
#[derive(Clone, Debug)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(value: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(
            value
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_owned(),
        ))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post`: the button posts to the link, no page between
/// (RFC 8058).
#[derive(Clone, Debug)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}
