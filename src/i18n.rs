//! The French and English catalogs (Fluent, compiled into the binary) and the
//! choice of language for a request.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use axum::extract::Request;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::middleware::Next;
use axum::response::Response;
use chrono::{Datelike, NaiveDate};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::error::AppError;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // Unicode isolation marks around every argument break attributes and tests.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FR: LazyLock<LanguageIdentifier> = LazyLock::new(|| "fr".parse().expect("valid tag"));
static EN: LazyLock<LanguageIdentifier> = LazyLock::new(|| "en".parse().expect("valid tag"));

/// Session key holding the language chosen with `?lang=` or from the user's profile.
pub const SESSION_KEY: &str = "lang";

/// A language the interface is translated into. French is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// Every language with a catalog.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The BCP 47 code, as in `<html lang>` and `?lang=`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Parses a code such as `en` or `fr-CA`; other languages give `None`.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The best language of an `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let lang = Lang::parse(pieces.next()?)?;
                let quality = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (quality > 0.0).then_some((lang, quality))
            })
            .fold(None, |best: Option<(Lang, f32)>, (lang, q)| match best {
                Some((_, best_q)) if best_q >= q => best,
                _ => Some((lang, q)),
            })
            .map(|(lang, _)| lang)
    }

    /// The language's name in itself, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::En => "English",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// The message `key`; a missing key shows itself, and a test keeps catalogs complete.
    pub fn t(self, key: &str) -> String {
        LOCALES
            .try_lookup(self.id(), key)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The message `key` with arguments, e.g. `("count", 3.into())`.
    pub fn t_args(self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
            .collect();
        LOCALES
            .try_lookup_with_args(self.id(), key, &args)
            .unwrap_or_else(|| key.to_owned())
    }

    /// A plan day as the team says it: "J+12" in French, "D+12" in English.
    pub fn day(self, day: i64) -> String {
        let signed = if day < 0 {
            format!("-{}", -day)
        } else {
            format!("+{day}")
        };
        self.t_args("day-label", &[("n", signed.into())])
    }

    /// A range of plan days, "J+1 – J+5", or one day when it starts and ends together.
    pub fn day_span(self, first: i64, last: i64) -> String {
        span(self.day(first), self.day(last))
    }

    /// A short date: "mar. 8 déc." / "Tue 8 Dec".
    pub fn short_date(self, date: NaiveDate) -> String {
        let weekday = self.t(&format!("weekday-{}", date.weekday().number_from_monday()));
        let month = self.t(&format!("month-{}", date.month()));
        self.t_args(
            "date-short",
            &[
                ("weekday", weekday.into()),
                ("day", date.day().to_string().into()),
                ("month", month.into()),
            ],
        )
    }

    /// How long ago something happened: "il y a 5 min" / "5 min ago".
    pub fn ago(self, elapsed: chrono::Duration) -> String {
        let minutes = elapsed.num_minutes().max(0);
        match minutes {
            0 => self.t("ago-now"),
            1..60 => self.t_args("ago-minutes", &[("n", minutes.into())]),
            60..1440 => self.t_args("ago-hours", &[("n", (minutes / 60).into())]),
            _ => self.t_args("ago-days", &[("n", (minutes / 1440).into())]),
        }
    }

    /// A plan day with its date: "J+12 · mar. 8 déc.".
    pub fn day_and_date(self, day: i64, date: NaiveDate) -> String {
        format!("{} · {}", self.day(day), self.short_date(date))
    }
}

/// "first – last", or `first` alone when they read the same.
pub fn span(first: String, last: String) -> String {
    if first == last {
        first
    } else {
        format!("{first} – {last}")
    }
}

/// Chooses the request's language: `?lang=`, then the session's choice (the
/// user's own, or an earlier `?lang=`), then `Accept-Language`, then French.
pub async fn negotiate(session: Session, mut request: Request, next: Next) -> Response {
    let from_query = request.uri().query().and_then(|query| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("lang="))
            .and_then(Lang::parse)
    });
    let from_header = request
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(Lang::from_accept_language);
    let from_session = match from_query {
        Some(lang) => {
            // A failed write only loses the preference for later pages.
            let _ = session.insert(SESSION_KEY, lang).await;
            Some(lang)
        }
        // The session lives in the database: when it cannot be read, the
        // page could not be drawn either, so answer now rather than wait again.
        None => match session.get::<Lang>(SESSION_KEY).await {
            Ok(lang) => lang,
            Err(error) => return AppError::from(error).page(from_header.unwrap_or_default()),
        },
    };
    let lang = from_session.or(from_header).unwrap_or_default();
    request.extensions_mut().insert(lang);
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_highest_quality_known_language() {
        assert_eq!(
            Lang::from_accept_language("de, en;q=0.8, fr;q=0.9"),
            Some(Lang::Fr)
        );
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("de, it"), None);
        assert_eq!(
            Lang::from_accept_language("fr;q=0, en;q=0.1"),
            Some(Lang::En)
        );
    }

    #[test]
    fn dates_read_as_the_team_says_them() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        assert_eq!(Lang::Fr.day_and_date(12, date), "J+12 · mar. 8 déc.");
        assert_eq!(Lang::En.day_and_date(12, date), "D+12 · Tue 8 Dec");
        assert_eq!(Lang::Fr.day(-3), "J-3");
    }

    /// Every literal key the templates and the code look up (with `t` or
    /// `t_args` and a string literal) exists in every catalog.
    #[test]
    fn every_key_looked_up_is_in_every_catalog() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources = Vec::new();
        for folder in ["templates", "src"] {
            collect_files(&root.join(folder), &mut sources);
        }
        let mut checked = 0;
        for text in sources {
            for call in [".t(\"", ".t_args(\""] {
                for (index, _) in text.match_indices(call) {
                    let rest = &text[index + call.len()..];
                    let key = &rest[..rest.find('"').unwrap_or(0)];
                    if key.is_empty() || key.contains(['{', ' ']) {
                        continue;
                    }
                    for lang in Lang::ALL {
                        assert!(
                            catalog_keys(lang).iter().any(|known| known == key),
                            "{key} missing in {}",
                            lang.code()
                        );
                    }
                    checked += 1;
                }
            }
        }
        assert!(
            checked > 50,
            "only {checked} keys found: the scan is broken"
        );
    }

    fn collect_files(folder: &std::path::Path, into: &mut Vec<String>) {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect_files(&path, into);
            } else {
                into.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }

    /// Keys built from a value (`item-state-{state}`) exist for every value.
    #[test]
    fn keys_built_from_states_exist() {
        use crate::domain::item::ItemState;
        use crate::domain::phase::PhaseState;
        let items = [
            ItemState::Todo,
            ItemState::InProgress,
            ItemState::Done,
            ItemState::Blocked,
        ];
        let phases = [
            PhaseState::Upcoming,
            PhaseState::Active,
            PhaseState::Done,
            PhaseState::Late,
        ];
        let keys = items
            .iter()
            .map(|state| state.label_key().to_owned())
            .chain(phases.iter().map(|state| state.label_key().to_owned()))
            .chain(["deployment", "launch"].map(|stage| format!("stage-{stage}")))
            .chain((1..=7).map(|day| format!("weekday-{day}")))
            .chain((1..=12).map(|month| format!("month-{month}")));
        for key in keys {
            for lang in Lang::ALL {
                assert!(
                    catalog_keys(lang).contains(&key),
                    "{key} missing in {}",
                    lang.code()
                );
            }
        }
    }

    /// The message ids of a catalog, sorted.
    fn catalog_keys(lang: Lang) -> Vec<String> {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang.code());
        let mut keys: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
            .flat_map(|source| {
                source
                    .lines()
                    .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
                    .filter_map(|line| line.split_once(" =").map(|(key, _)| key.trim().to_owned()))
                    .collect::<Vec<_>>()
            })
            .collect();
        keys.sort_unstable();
        keys
    }

    #[test]
    fn both_catalogs_hold_the_same_keys() {
        assert_eq!(catalog_keys(Lang::Fr), catalog_keys(Lang::En));
    }
}
