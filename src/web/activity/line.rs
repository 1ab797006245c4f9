//! A recorded change as one line of the activity feed or of a history: when,
//! what happened in a sentence, why (when someone said), and where to look.

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use fluent_templates::fluent_bundle::FluentValue;

use super::people::People;
use crate::db::events::Event;
use crate::domain::calendar::Calendar;
use crate::domain::change::{AccountOrigin, Change, ChangeKind, Subject};
use crate::i18n::Lang;

/// An event as a line: when, and what happened in a sentence.
#[derive(Debug)]
pub struct EventLine {
    pub id: i64,
    pub when: String,
    /// `when` for machines: the moment with the plan's offset (RFC 3339),
    /// since "J+8 · lun. 7 déc. · 09:12" is not a valid `<time>` value.
    pub datetime: String,
    pub text: String,
    pub detail: Option<String>,
    pub href: Option<String>,
}

/// The sentence of `event` in `lang`, dated on the plan's calendar. A row
/// this version cannot read (already logged) reads as a neutral line.
pub fn describe(lang: Lang, calendar: &Calendar, event: &Event) -> EventLine {
    let people = People::of(event, event.change.as_ref().ok()).args(lang);
    let (text, detail, href) = match &event.change {
        Ok(change) => {
            let shown = shown(change);
            (
                sentence(lang, change, shown.title, people),
                shown
                    .detail
                    .filter(|detail| !detail.is_empty())
                    .map(str::to_owned),
                link(change),
            )
        }
        Err(_) => (lang.t_args("event-unreadable", &people), None, None),
    };
    let Moment { when, datetime } = moment(lang, calendar, event.created_at);
    EventLine {
        id: event.id,
        when,
        datetime,
        text,
        detail,
        href,
    }
}

/// A moment as the pages show it: its plan day, date and time in the plan's
/// time zone ("J+8 · lun. 7 déc. · 09:12"), and the same for a `<time>`.
#[derive(Debug)]
pub struct Moment {
    pub when: String,
    pub datetime: String,
}

/// `at` on the plan's calendar, in `lang`.
pub fn moment(lang: Lang, calendar: &Calendar, at: DateTime<Utc>) -> Moment {
    let day = calendar.day_of(calendar.today(at));
    let local = at.with_timezone(&calendar.time_zone);
    Moment {
        when: format!(
            "{} · {}",
            lang.day_and_date(day, calendar.date_of(day)),
            local.format("%H:%M")
        ),
        datetime: time_value(&local),
    }
}

/// `at` as the `datetime` of a `<time>`: RFC 3339 to the second, since
/// HTML allows at most three digits of a second's fraction.
pub fn time_value<Tz: TimeZone>(at: &DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    at.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// The catalog key of the sentence of a change of `kind`: `event-` and the
/// kind, dashed (`item.state_changed` is `event-item-state-changed`).
pub fn message_key(kind: ChangeKind) -> String {
    format!("event-{}", kind.as_str().replace(['.', '_'], "-"))
}

fn sentence(
    lang: Lang,
    change: &Change,
    title: &str,
    mut args: Vec<(&'static str, FluentValue<'static>)>,
) -> String {
    args.push(("title", title.to_owned().into()));
    if let Change::ItemStateChanged { before, after, .. } = change {
        args.push(("from", lang.t(before.state.label_key()).into()));
        args.push(("to", lang.t(after.state.label_key()).into()));
        if let Some(token) = &after.via {
            args.push(("via", token.clone().into()));
            return lang.t_args("event-item-state-changed-via", &args);
        }
    }
    if let Change::CommunicationStateChanged { before, after, .. } = change {
        args.push(("from", lang.t(before.state.label_key()).into()));
        args.push(("to", lang.t(after.state.label_key()).into()));
    }
    if let Change::UserEdited { before, after, .. } = change {
        args.push(("from", lang.t(before.role.label_key()).into()));
        args.push(("to", lang.t(after.role.label_key()).into()));
    }
    if let Change::UserCreated { after, .. } = change {
        let via = match after.via {
            Some(AccountOrigin::Setup) => "setup",
            Some(AccountOrigin::Cli) => "cli",
            None => "admin",
        };
        args.push(("via", via.into()));
    }
    if let Change::FeedbackCreated { after, .. } = change
        && let Some(token) = &after.via
    {
        args.push(("via", token.clone().into()));
        return lang.t_args("event-feedback-created-via", &args);
    }
    if let Change::NotificationsRead { after, .. } = change {
        args.push(("count", after.count.into()));
    }
    if let Change::PhaseUpdated { before, after, .. } = change {
        args.push(("section", after.section.clone().into()));
        args.push((
            "from",
            lang.day_span(before.start_day.into(), before.end_day.into())
                .into(),
        ));
        args.push((
            "to",
            lang.day_span(after.start_day.into(), after.end_day.into())
                .into(),
        ));
    }
    if let Change::PhaseCreated { after, .. } = change {
        args.push(("section", after.section.clone().into()));
        args.push((
            "to",
            lang.day_span(after.start_day.into(), after.end_day.into())
                .into(),
        ));
    }
    if let Change::PhaseLinked { after: link, .. } | Change::PhaseUnlinked { before: link, .. } =
        change
    {
        args.push(("section", link.section.clone().into()));
        args.push(("before", link.before_section.clone().into()));
    }
    if let Change::ItemRehomed { after, .. } = change {
        args.push(("from", after.from_section.clone().into()));
        args.push(("to", after.to_section.clone().into()));
    }
    if let Change::PhaseRemoved { before, .. } = change {
        args.push(("section", before.phase.section.clone().into()));
        args.push(("count", before.items.into()));
        args.push(("to", before.to_section.clone().unwrap_or_default().into()));
        args.push(("via", if before.trashed { "trash" } else { "moved" }.into()));
    }
    if let Change::ItemLate { after, .. } = change {
        args.push(("day", lang.day(after.due_day.into()).into()));
    }
    if let Change::WebhookAccessChanged { after, .. } = change {
        args.push(("failures", after.failures.into()));
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
        Change::ItemLate { after, .. } => (after.title.as_str(), None),
        Change::ItemRehomed { after, .. } => (after.title.as_str(), None),
        Change::PhaseRemoved { before, .. } => (before.phase.name.as_str(), None),
        Change::RiskReviewDue { after, .. } => (after.title.as_str(), None),
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
        Change::PhaseCreated { after, .. } | Change::PhaseUpdated { after, .. } => {
            (after.name.as_str(), None)
        }
        Change::PhaseLinked { after: link, .. } | Change::PhaseUnlinked { before: link, .. } => {
            (link.before_name.as_str(), None)
        }
        Change::WebhookCreated { after: fields, .. }
        | Change::WebhookDeleted { before: fields, .. } => (fields.host.as_str(), None),
        Change::WebhookAccessChanged { after, .. } => (after.host.as_str(), None),
        Change::TokenIssued { after: fields, .. } | Change::TokenRevoked { before: fields, .. } => {
            (fields.name.as_str(), None)
        }
        Change::WebhookRedelivered { after, .. } => (after.host.as_str(), None),
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
        | Change::PlanArchived { .. }
        | Change::LinkIssued { .. }
        | Change::LinkRevoked { .. }
        | Change::UserCreated { .. }
        | Change::UserEdited { .. }
        | Change::UserAccessChanged { .. }
        | Change::UserMembership { .. }
        | Change::PasswordResetIssued { .. }
        | Change::PasswordReset { .. }
        | Change::PasswordChanged { .. }
        | Change::LoggedIn { .. }
        | Change::LoginFailed { .. }
        | Change::LoggedOut { .. }
        | Change::LoggedOutEverywhere { .. }
        | Change::LanguageChanged { .. }
        | Change::NotificationsRead { .. }
        | Change::NotificationsChosen { .. }
        | Change::MyCalendarLinkIssued { .. }
        | Change::MyCalendarLinkRevoked { .. } => ("", None),
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
        Subject::Webhook if !matches!(change, Change::WebhookDeleted { .. }) => {
            Some(format!("/admin/webhooks/{id}"))
        }
        Subject::Plan | Subject::User | Subject::Webhook | Subject::Token => None,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime, Utc};
    use uuid::Uuid;

    use super::*;
    use crate::domain::change::examples::example;
    use crate::domain::change::{Access, AccountFields, NewAccount, Unreadable};
    use crate::domain::role::Role;

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
            subject_name: None,
            change,
            created_at: Utc::now(),
        }
    }

    /// The sentence of `change` by `actor` about the account of `subject`, in both languages.
    fn sentences(actor: Option<&str>, subject: Option<&str>, change: Change) -> [String; 2] {
        let event = Event {
            actor_name: actor.map(str::to_owned),
            subject_name: subject.map(str::to_owned),
            ..event(Ok(change))
        };
        [Lang::Fr, Lang::En].map(|lang| describe(lang, &calendar(), &event).text)
    }

    fn new_account(name: &str, via: Option<AccountOrigin>) -> Change {
        Change::UserCreated {
            user: Uuid::new_v4(),
            after: NewAccount {
                email: "someone@example.org".to_owned(),
                name: name.to_owned(),
                role: Role::Member,
                team_id: None,
                via,
            },
        }
    }

    #[test]
    fn a_time_value_is_to_the_second_with_the_offset() {
        let at = Utc.with_ymd_and_hms(2026, 12, 7, 8, 12, 5).unwrap()
            + chrono::Duration::nanoseconds(123_456_789);
        assert_eq!(
            time_value(&at.with_timezone(&chrono_tz::Europe::Paris)),
            "2026-12-07T09:12:05+01:00"
        );
        assert_eq!(time_value(&at), "2026-12-07T08:12:05+00:00");
    }

    #[test]
    fn account_events_name_the_account_with_de_elided_in_french() {
        let user = Uuid::new_v4();
        assert_eq!(
            sentences(Some("Alice"), None, new_account("Bob", None)),
            [
                "Alice a créé le compte de Bob",
                "Alice created an account for Bob"
            ]
        );
        assert_eq!(
            sentences(
                Some("Bob"),
                Some("Hélène"),
                Change::UserAccessChanged {
                    user,
                    before: Access { disabled: false },
                    after: Access { disabled: true },
                }
            ),
            [
                "Bob a désactivé le compte d'Hélène",
                "Bob disabled Hélène's account"
            ]
        );
        let fields = |role| AccountFields {
            name: "Émile".to_owned(),
            role,
            team_id: None,
        };
        let promoted = Change::UserEdited {
            user,
            before: fields(Role::Member),
            after: fields(Role::Lead),
        };
        assert_eq!(
            sentences(Some("Alice"), Some("Émile L."), promoted),
            [
                "Alice a changé le rôle d'Émile : Membre → Responsable d'équipe",
                "Alice changed Émile's role: Member → Team lead"
            ],
            "the name the change wrote wins over today's"
        );
        assert_eq!(
            sentences(
                Some("Alice"),
                Some("Bob"),
                Change::PasswordResetIssued { user }
            ),
            [
                "Alice a créé un lien de réinitialisation du mot de passe pour Bob",
                "Alice created a password reset link for Bob"
            ]
        );
    }

    #[test]
    fn a_sign_in_names_who_signed_in() {
        let signed_in = || Change::LoggedIn {
            user: Uuid::new_v4(),
        };
        assert_eq!(
            sentences(Some("Alice"), Some("Alice"), signed_in()),
            ["Connexion d'Alice", "Alice signed in"]
        );
        assert_eq!(
            sentences(Some("Bob"), Some("Bob"), signed_in())[0],
            "Connexion de Bob"
        );
        assert_eq!(
            sentences(None, Some("Hélène"), signed_in()),
            ["Connexion d'Hélène", "Hélène signed in"],
            "a row without its actor names the account"
        );
    }

    #[test]
    fn a_line_without_its_actor_still_reads_well() {
        assert_eq!(
            sentences(None, None, example(ChangeKind::ItemCreated)),
            [
                "Quelqu'un a ajouté « Tester la sauvegarde »",
                "Someone added “Tester la sauvegarde”"
            ]
        );
        assert_eq!(
            sentences(None, None, new_account("Inès", Some(AccountOrigin::Cli))),
            [
                "Compte d'Inès créé en ligne de commande",
                "Account for Inès created from the command line"
            ]
        );
        assert_eq!(
            sentences(
                Some("Inès"),
                None,
                new_account("Inès", Some(AccountOrigin::Setup))
            ),
            [
                "Inès a créé le premier compte administrateur",
                "Inès created the first admin account"
            ]
        );
    }

    #[test]
    fn every_kind_of_change_reads_as_a_sentence_in_french_and_english() {
        for kind in ChangeKind::ALL {
            let key = message_key(*kind);
            for lang in Lang::ALL {
                let args = [
                    "actor",
                    "of_actor",
                    "subject",
                    "of_subject",
                    "title",
                    "from",
                    "to",
                    "via",
                    "count",
                    "failures",
                    "day",
                    "section",
                    "before",
                ]
                .map(|name| (name, "X".into()));
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
