//! A recorded change as one line of the activity feed or of a history: when,
//! what happened in a sentence, why (when someone said), and where to look.

use crate::db::events::Event;
use crate::domain::calendar::Calendar;
use crate::domain::change::{Change, ChangeKind, Subject};
use crate::i18n::Lang;

/// An event as a line: when, and what happened in a sentence.
#[derive(Debug)]
pub struct EventLine {
    pub id: i64,
    pub when: String,
    pub text: String,
    pub detail: Option<String>,
    pub href: Option<String>,
}

/// The sentence of `event` in `lang`, dated on the plan's calendar. A row
/// this version cannot read (already logged) reads as a neutral line.
pub fn describe(lang: Lang, calendar: &Calendar, event: &Event) -> EventLine {
    let actor = event
        .actor_name
        .clone()
        .unwrap_or_else(|| lang.t("someone"));
    let (text, detail, href) = match &event.change {
        Ok(change) => {
            let shown = shown(change);
            (
                sentence(lang, change, shown.title, actor),
                shown
                    .detail
                    .filter(|detail| !detail.is_empty())
                    .map(str::to_owned),
                link(change),
            )
        }
        Err(_) => (
            lang.t_args("event-unreadable", &[("actor", actor.into())]),
            None,
            None,
        ),
    };
    let day = calendar.day_of(calendar.today(event.created_at));
    let local = event.created_at.with_timezone(&calendar.time_zone);
    EventLine {
        id: event.id,
        when: format!(
            "{} · {}",
            lang.day_and_date(day, calendar.date_of(day)),
            local.format("%H:%M")
        ),
        text,
        detail,
        href,
    }
}

/// The catalog key of the sentence of a change of `kind`: `event-` and the
/// kind, dashed (`item.state_changed` is `event-item-state-changed`).
pub fn message_key(kind: ChangeKind) -> String {
    format!("event-{}", kind.as_str().replace(['.', '_'], "-"))
}

fn sentence(lang: Lang, change: &Change, title: &str, actor: String) -> String {
    let mut args = vec![("actor", actor.into()), ("title", title.to_owned().into())];
    if let Change::ItemStateChanged { before, after, .. } = change {
        args.push(("from", lang.t(before.state.label_key()).into()));
        args.push(("to", lang.t(after.state.label_key()).into()));
    }
    if let Change::CommunicationStateChanged { before, after, .. } = change {
        args.push(("from", lang.t(before.state.label_key()).into()));
        args.push(("to", lang.t(after.state.label_key()).into()));
    }
    lang.t_args(&message_key(change.kind()), &args)
}

/// What a line shows of a change besides who did it.
struct Shown<'a> {
    /// The name of what changed, as it read then; empty where the sentence names none.
    title: &'a str,
    /// Why, where the change carries a reason.
    detail: Option<&'a str>,
}

fn shown(change: &Change) -> Shown<'_> {
    let (title, detail) = match change {
        Change::ItemStateChanged { after, .. } => (after.title.as_str(), after.reason.as_deref()),
        Change::ItemCreated { after, .. } | Change::ItemUpdated { after, .. } => {
            (after.title.as_str(), None)
        }
        Change::ItemDeleted { before, .. }
        | Change::ItemPurged { before, .. }
        | Change::ItemRestored { after: before, .. } => (before.title.as_str(), None),
        Change::ItemMoved { after, .. } => (after.title.as_str(), None),
        Change::CommunicationCreated { after, .. } | Change::CommunicationUpdated { after, .. } => {
            (after.title.as_str(), None)
        }
        Change::CommunicationStateChanged { after, .. } => (after.title.as_str(), None),
        Change::CommunicationDeleted { before, .. }
        | Change::CommunicationPurged { before, .. }
        | Change::CommunicationRestored { after: before, .. } => (before.title.as_str(), None),
        // On feedback both are empty: the sentence alone says a note changed.
        Change::Commented { after: comment, .. }
        | Change::CommentEdited { after: comment, .. }
        | Change::CommentDeleted {
            before: comment, ..
        } => (comment.title.as_str(), Some(comment.body.as_str())),
        Change::RiskCreated { after, .. } | Change::RiskUpdated { after, .. } => {
            (after.title.as_str(), None)
        }
        Change::RiskReviewed { after, .. } => (after.title.as_str(), after.reason.as_deref()),
        Change::RiskItemLinked { after: link, .. }
        | Change::RiskItemUnlinked { before: link, .. } => (link.title.as_str(), None),
        Change::PollOpened { after, .. } => (after.title.as_str(), None),
        Change::VoteCast { after, .. } => (after.title.as_str(), Some(after.reason.as_str())),
        Change::PollDecided { after, .. } => (after.title.as_str(), None),
        Change::PlanUpdated { after, .. } => (after.title.as_str(), None),
        Change::ScreenCreated { after: screen, .. }
        | Change::ScreenRevoked { before: screen, .. } => (screen.name.as_str(), None),
        // Feedback stays anonymous in the feed; the plan's load, its links
        // and accounts are named by the sentence alone.
        Change::FeedbackCreated { .. }
        | Change::FeedbackStatusChanged { .. }
        | Change::FeedbackAssigned { .. }
        | Change::FeedbackRiskLinked { .. }
        | Change::FeedbackItemLinked { .. }
        | Change::FeedbackTagAdded { .. }
        | Change::FeedbackTagRemoved { .. }
        | Change::FeedbackMerged { .. }
        | Change::PlanImported { .. }
        | Change::LinkIssued { .. }
        | Change::LinkRevoked { .. }
        | Change::UserCreated { .. }
        | Change::UserEdited { .. }
        | Change::UserAccessChanged { .. }
        | Change::PasswordResetIssued { .. }
        | Change::PasswordReset { .. }
        | Change::PasswordChanged { .. }
        | Change::LoggedIn { .. }
        | Change::LoginFailed { .. }
        | Change::LoggedOut { .. }
        | Change::LoggedOutEverywhere { .. }
        | Change::LanguageChanged { .. } => ("", None),
    };
    Shown { title, detail }
}

/// The page of what changed, while it exists.
fn link(change: &Change) -> Option<String> {
    let (subject, id) = change.subject();
    let id = id?;
    match subject {
        Subject::Item | Subject::Communication
            if matches!(
                change,
                Change::ItemDeleted { .. }
                    | Change::ItemPurged { .. }
                    | Change::CommunicationDeleted { .. }
                    | Change::CommunicationPurged { .. }
            ) =>
        {
            None
        }
        Subject::Item => Some(format!("/items/{id}")),
        Subject::Risk => Some(format!("/risks/{id}")),
        Subject::Feedback => Some(format!("/feedback/{id}")),
        Subject::Communication => Some(format!("/communications/{id}")),
        Subject::Poll => Some("/golive".to_owned()),
        Subject::Plan | Subject::User => None,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime, Utc};

    use super::*;
    use crate::domain::change::Unreadable;
    use crate::domain::change::examples::example;

    fn calendar() -> Calendar {
        Calendar {
            kickoff: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            time_zone: chrono_tz::Europe::Paris,
            launch_day: 31,
            launch_time: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            horizon: 60,
        }
    }

    fn event(change: Result<Change, Unreadable>) -> Event {
        Event {
            id: 1,
            actor_name: Some("Dana".to_owned()),
            change,
            created_at: Utc::now(),
        }
    }

    #[test]
    fn every_kind_of_change_reads_as_a_sentence_in_french_and_english() {
        for kind in ChangeKind::ALL {
            let key = message_key(*kind);
            for lang in Lang::ALL {
                let args = ["actor", "title", "from", "to"].map(|name| (name, "X".into()));
                assert_ne!(
                    lang.t_args(&key, &args),
                    key,
                    "{key} missing in {}",
                    lang.code()
                );
                let line = describe(lang, &calendar(), &event(Ok(example(*kind))));
                assert!(!line.text.contains("event-"), "{}", line.text);
                assert!(
                    !line.text.contains("{") && !line.text.contains('$'),
                    "{key} in {}: an argument is missing: {}",
                    lang.code(),
                    line.text
                );
            }
        }
    }

    #[test]
    fn a_state_change_names_both_states_and_the_reason() {
        let line = describe(
            Lang::Fr,
            &calendar(),
            &event(Ok(example(ChangeKind::ItemStateChanged))),
        );
        assert!(line.text.contains("Tester la sauvegarde"), "{}", line.text);
        assert!(
            line.text.contains("À faire") && line.text.contains("Bloqué"),
            "{}",
            line.text
        );
        assert_eq!(line.detail.as_deref(), Some("Serveur absent"));
        assert!(line.href.is_some_and(|href| href.starts_with("/items/")));
    }

    #[test]
    fn an_unreadable_row_reads_as_a_neutral_line() {
        let unreadable = Unreadable {
            kind: "plan.benchmarked".to_owned(),
            why: "unknown kind".to_owned(),
        };
        for lang in Lang::ALL {
            let line = describe(lang, &calendar(), &event(Err(unreadable.clone())));
            assert!(line.text.starts_with("Dana"), "{}", line.text);
            assert!(!line.text.contains("benchmarked") && line.href.is_none());
        }
    }
}
