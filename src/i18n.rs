//! The French and English catalogs (Fluent, compiled into the binary) and the
//! choice of language for a request.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::fluent_bundle::types::FluentNumberOptions;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use rustc_hash::FxHashMap;

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

pub use crate::domain::lang::Lang;

/// The catalogs and the ways of saying days and dates, by language.
impl Lang {
    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// What `f` makes of this language's memo, this thread's own.
    fn with_memo<T>(self, f: impl FnOnce(&Memo) -> T) -> T {
        MEMOS.with(|memos| match self {
            Lang::Fr => f(&memos[0]),
            Lang::En => f(&memos[1]),
        })
    }

    /// The message `key`; a missing key shows itself, and a test keeps catalogs complete.
    pub fn t(self, key: &str) -> String {
        if let Some(text) = self.with_memo(|memo| memo.get(key)) {
            return text;
        }
        match LOCALES.try_lookup(self.id(), key) {
            Some(text) => self.with_memo(|memo| memo.keep(key.to_owned(), text)),
            None => key.to_owned(),
        }
    }

    /// The message `key` with arguments, e.g. `("count", 3.into())`.
    pub fn t_args(self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        // The key is written in this thread's buffer: a message found
        // costs no allocation but its copy.
        let found = MEMO_KEY.with_borrow_mut(|memo_key| {
            Memo::key(memo_key, key, args).then(|| {
                self.with_memo(|memo| memo.get(memo_key))
                    .ok_or_else(|| memo_key.clone())
            })
        });
        let memo_key = match found {
            Some(Ok(text)) => return text,
            Some(Err(memo_key)) => Some(memo_key),
            None => None,
        };
        let fluent_args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
            .collect();
        match (
            LOCALES.try_lookup_with_args(self.id(), key, &fluent_args),
            memo_key,
        ) {
            (Some(text), Some(memo_key)) => self.with_memo(|memo| memo.keep(memo_key, text)),
            (Some(text), None) => text,
            (None, _) => key.to_owned(),
        }
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

thread_local! {
    /// Messages as formatted before, by language. A Fluent lookup
    /// negotiates the fallback languages, copies the arguments into two maps
    /// and walks the message on every call: with a few hundred labels, dates
    /// and counts a page, that was a tenth of the timeline's CPU time. Each
    /// thread holds its own: one memo shared by the server's threads made
    /// every message a lock passed between cores.
    static MEMOS: [Memo; 2] = [Memo::default(), Memo::default()];
    /// Where a message's key with its arguments is written to be looked up.
    static MEMO_KEY: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The messages of one language, by key and arguments.
#[derive(Default)]
struct Memo(RefCell<FxHashMap<String, String>>);

impl Memo {
    /// Keeps at most this many messages: keys are few, but the arguments
    /// vary (a count, a day), and the memory must stay bounded.
    const CAPACITY: usize = 16_384;
    /// Longer text arguments (names, titles) are formatted every time.
    const LONGEST_TEXT_ARGUMENT: usize = 40;

    /// Writes in `memo_key` what the message `key` with `args` is kept
    /// under; `false` when it is not kept: an argument too long, or a number
    /// with formatting options.
    fn key(
        memo_key: &mut String,
        key: &str,
        args: &[(&'static str, FluentValue<'static>)],
    ) -> bool {
        memo_key.clear();
        memo_key.push_str(key);
        for (name, value) in args {
            // Names and catalog keys hold no control characters: the
            // separators cannot be confused with them.
            let _ = match value {
                FluentValue::String(text) if text.len() <= Self::LONGEST_TEXT_ARGUMENT => {
                    write!(memo_key, "\u{1f}{name}\u{1e}s{text}")
                }
                FluentValue::Number(number) if number.options == FluentNumberOptions::default() => {
                    write!(memo_key, "\u{1f}{name}\u{1e}n{}", number.value)
                }
                _ => return false,
            };
        }
        true
    }

    fn get(&self, key: &str) -> Option<String> {
        self.0.borrow().get(key).cloned()
    }

    /// Keeps `text` under `key` while there is room, and gives it back.
    fn keep(&self, key: String, text: String) -> String {
        let mut kept = self.0.borrow_mut();
        if kept.len() < Self::CAPACITY {
            kept.insert(key, text.clone());
        }
        text
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_the_team_says_them() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        assert_eq!(Lang::Fr.day_and_date(12, date), "J+12 · mar. 8 déc.");
        assert_eq!(Lang::En.day_and_date(12, date), "D+12 · Tue 8 Dec");
        assert_eq!(Lang::Fr.day(-3), "J-3");
    }

    #[test]
    fn a_message_read_again_reads_the_same() {
        for lang in Lang::ALL {
            let args = [("done", 3.into()), ("total", 7.into())];
            let first = lang.t_args("progress-required", &args);
            assert_eq!(lang.t_args("progress-required", &args), first);
            assert_ne!(
                lang.t_args(
                    "progress-required",
                    &[("done", 4.into()), ("total", 7.into())]
                ),
                first
            );
            assert_eq!(lang.t("nav-timeline"), lang.t("nav-timeline"));
        }
        assert_ne!(Lang::Fr.t("nav-timeline"), Lang::En.t("nav-timeline"));
        assert_eq!(Lang::Fr.day(3), "J+3");
        assert_eq!(Lang::En.day(3), "D+3");
        assert_eq!(Lang::Fr.day(-3), "J-3");
    }

    #[test]
    fn long_texts_and_formatted_numbers_are_not_kept() {
        let short: FluentValue<'static> = "DevOps".into();
        let long: FluentValue<'static> = "x".repeat(Memo::LONGEST_TEXT_ARGUMENT + 1).into();
        let mut formatted = fluent_templates::fluent_bundle::types::FluentNumber::from(3);
        formatted.options.minimum_fraction_digits = Some(2);
        let key = |args: &[(&'static str, FluentValue<'static>)]| {
            let mut memo_key = "left from before".to_owned();
            Memo::key(&mut memo_key, "k", args).then_some(memo_key)
        };
        assert!(key(&[("team", short), ("n", 3.into())]).is_some());
        assert_eq!(key(&[("team", long)]), None);
        assert_eq!(key(&[("n", FluentValue::Number(formatted))]), None);
        assert_ne!(key(&[("a", "1".into())]), key(&[("a", 1.into())]));
        assert_eq!(key(&[]).as_deref(), Some("k"), "the buffer starts afresh");
    }

    #[test]
    fn the_memo_stops_growing_at_its_capacity() {
        let memo = Memo::default();
        for n in 0..Memo::CAPACITY + 10 {
            assert_eq!(memo.keep(n.to_string(), "text".to_owned()), "text");
        }
        assert_eq!(memo.0.borrow().len(), Memo::CAPACITY);
        assert_eq!(memo.get("0").as_deref(), Some("text"));
        assert_eq!(memo.get(&Memo::CAPACITY.to_string()), None);
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
