//! Who an activity line names: who did it, and whose account it was about,
//! in the words each language needs ("Connexion d'Alice", "Alice a créé le
//! compte de Bob").

use fluent_templates::fluent_bundle::FluentValue;

use crate::db::events::Event;
use crate::domain::change::Change;
use crate::i18n::Lang;

/// The people a sentence may name.
pub(super) struct People {
    actor: Option<String>,
    /// The account the change is about, for a change about one.
    subject: Option<String>,
}

impl People {
    /// The people of `event`, whose `change` is read when it could be. An
    /// account's name as the change wrote it wins over its name today.
    pub(super) fn of(event: &Event, change: Option<&Change>) -> People {
        let written = match change {
            Some(Change::UserCreated { after, .. }) => Some(after.name.clone()),
            Some(Change::UserEdited { after, .. }) => Some(after.name.clone()),
            _ => None,
        };
        let subject = written.or_else(|| event.subject_name.clone());
        // What one does to one's own account names its owner, even on a row
        // that lost its actor.
        let actor = event
            .actor_name
            .clone()
            .or_else(|| change.filter(|change| is_own(change)).and(subject.clone()));
        People { actor, subject }
    }

    /// The sentence's arguments: `actor`, which starts a sentence; `subject`;
    /// and each again after "de" (`of_actor`, `of_subject`), for French.
    pub(super) fn args(&self, lang: Lang) -> Vec<(&'static str, FluentValue<'static>)> {
        let someone = lang.t("someone");
        let actor = self.actor.as_deref().unwrap_or(&someone);
        let subject = self.subject.as_deref().unwrap_or(&someone);
        vec![
            (
                "actor",
                self.actor
                    .clone()
                    .unwrap_or_else(|| lang.t("event-someone"))
                    .into(),
            ),
            ("of_actor", of(lang, actor).into()),
            ("subject", subject.to_owned().into()),
            ("of_subject", of(lang, subject).into()),
        ]
    }
}

/// A change one makes to one's own account.
fn is_own(change: &Change) -> bool {
    matches!(
        change,
        Change::LoggedIn { .. }
            | Change::LoggedOut { .. }
            | Change::LoggedOutEverywhere { .. }
            | Change::PasswordReset { .. }
            | Change::PasswordChanged { .. }
            | Change::LanguageChanged { .. }
            | Change::NotificationsRead { .. }
            | Change::NotificationsChosen { .. }
            | Change::MyCalendarLinkIssued { .. }
            | Change::MyCalendarLinkRevoked { .. }
    )
}

/// "of `name`" in `lang`: in French, [`de`].
fn of(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Fr => de(name),
        Lang::En => format!("of {name}"),
    }
}

/// French "de" before a name, elided before a vowel or an h: "de Bob",
/// "d'Alice", "d'Hélène". An aspirated h ("de Hugues") cannot be told from
/// the spelling; modern use elides before names, so it elides too.
fn de(name: &str) -> String {
    let elided = name
        .chars()
        .next()
        .and_then(|first| first.to_lowercase().next())
        .is_some_and(|first| "aàâäeéèêëiîïoôöuùûüœæh".contains(first));
    if elided {
        format!("d'{name}")
    } else {
        format!("de {name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn de_is_elided_before_a_vowel_or_an_h() {
        assert_eq!(de("Alice"), "d'Alice");
        assert_eq!(de("Bob"), "de Bob");
        assert_eq!(de("Hélène"), "d'Hélène");
        assert_eq!(de("Émile"), "d'Émile");
        assert_eq!(de("Œdipe"), "d'Œdipe");
        assert_eq!(de("quelqu'un"), "de quelqu'un");
        assert_eq!(de("Yann"), "de Yann");
        assert_eq!(de("42"), "de 42");
    }

    #[test]
    fn english_says_of_where_french_says_de() {
        assert_eq!(of(Lang::Fr, "Alice"), "d'Alice");
        assert_eq!(of(Lang::En, "Alice"), "of Alice");
    }
}
