//! Feedback: the public form (`/feedback/new`), support's triage list
//! (`/feedback`) and entries (`/feedback/{id}`), trends, and the CSV export.

pub mod chart;
mod entry;
mod export;
mod figures;
mod filter;
pub(crate) mod limit;
mod list;
mod merge;
pub(crate) mod public;
mod tags;
pub mod trends;
mod triage;

use axum::Router;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use crate::domain::feedback::{Category, Rating, Status};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::form::Choice;

pub use self::entry::comment_refused;

/// Every feedback route.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(public::router())
        .merge(list::router())
        .merge(export::router())
        .merge(trends::router())
        .merge(entry::router())
        .merge(triage::router())
        .merge(tags::router())
        .merge(merge::router())
}

/// Back to the entry's page, after a change.
fn to_entry(id: Uuid) -> Response {
    Redirect::to(&format!("/feedback/{id}")).into_response()
}

/// The options of a category selector; `blank` is the label of a first,
/// empty option ("choose one", "all").
fn category_choices(lang: Lang, blank: &str, selected: &str) -> Vec<Choice> {
    let options = Category::ALL
        .into_iter()
        .map(|category| (category.as_str().to_owned(), lang.t(category.label_key())));
    choices(lang, blank, options, selected)
}

/// The options of a status selector, as for [`category_choices`].
fn status_choices(lang: Lang, blank: &str, selected: &str) -> Vec<Choice> {
    let options = Status::ALL
        .into_iter()
        .map(|status| (status.as_str().to_owned(), lang.t(status.label_key())));
    choices(lang, blank, options, selected)
}

/// The options of a rating selector, as for [`category_choices`].
fn rating_choices(lang: Lang, blank: &str, selected: &str) -> Vec<Choice> {
    let options = Rating::RANGE.map(|value| {
        let label = lang.t(&format!("feedback-rating-{value}"));
        (value.to_string(), label)
    });
    choices(lang, blank, options, selected)
}

fn choices(
    lang: Lang,
    blank: &str,
    options: impl Iterator<Item = (String, String)>,
    selected: &str,
) -> Vec<Choice> {
    let blank = (!blank.is_empty()).then(|| Choice {
        value: String::new(),
        label: lang.t(blank),
        selected: selected.is_empty(),
    });
    blank
        .into_iter()
        .chain(options.map(|(value, label)| Choice {
            selected: value == selected,
            value,
            label,
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_built_from_categories_statuses_and_ratings_exist_in_every_language() {
        let keys = Category::ALL
            .iter()
            .map(|category| category.label_key().to_owned())
            .chain(
                Status::ALL
                    .iter()
                    .map(|status| status.label_key().to_owned()),
            )
            .chain(Rating::RANGE.map(|rating| format!("feedback-rating-{rating}")));
        for key in keys {
            for lang in Lang::ALL {
                assert_ne!(lang.t(&key), key, "{key} missing in {}", lang.code());
            }
        }
    }

    #[test]
    fn selectors_mark_the_chosen_value_and_offer_a_blank_first() {
        let choices = rating_choices(Lang::En, "feedback-filter-any", "4");
        assert_eq!(choices.len(), 6);
        assert!(choices[0].value.is_empty() && !choices[0].selected);
        assert!(choices[4].selected && choices[4].value == "4");
        assert_eq!(category_choices(Lang::Fr, "", "bug").len(), 4);
    }
}
