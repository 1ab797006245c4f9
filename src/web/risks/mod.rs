//! The risk register: `/risks` with its heat map, a risk's page, its form,
//! reviews, mitigation items and the CSV export. Leads edit the risks their
//! team owns, admins all; everyone signed in reads.

mod editor;
mod export;
mod filter;
mod form;
mod heatmap;
mod links;
mod list;
mod review;
mod show;
mod view;

use axum::Router;
use uuid::Uuid;

use crate::db::accounts;
use crate::db::risks::{self, Risk};
use crate::db::users::User;
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::in_shown_plan;

pub use self::show::comment_refused;

/// Every risk route.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(list::router())
        .merge(export::router())
        .merge(form::router())
        .merge(show::router())
        .merge(review::router())
        .merge(links::router())
}

async fn load(state: &AppState, id: Uuid) -> Result<Risk> {
    in_shown_plan(risks::find(&mut *state.db.acquire().await?, id).await?)
}

/// The teams whose risks `user` may edit, as (id, name), in the plan's order.
async fn editable_teams(state: &AppState, user: &User) -> Result<Vec<(Uuid, String)>> {
    let teams = accounts::team_choices(&state.db).await?;
    Ok(teams
        .into_iter()
        .filter(|(id, _)| user.may_edit_risks(*id))
        .collect())
}

#[cfg(test)]
mod tests {
    use crate::domain::risk::{Band, RiskStatus, Treatment};
    use crate::i18n::Lang;

    /// Keys built from a value (`risk-status-{status}`) exist in every language.
    #[test]
    fn keys_built_from_values_exist_in_every_catalog() {
        let keys = RiskStatus::ALL
            .iter()
            .map(|status| status.label_key())
            .chain(Treatment::ALL.iter().map(|treatment| treatment.label_key()))
            .chain(Band::ALL.iter().map(|band| band.label_key()))
            .chain((1..=5).flat_map(|level| {
                [
                    format!("risk-likelihood-{level}"),
                    format!("risk-impact-{level}"),
                ]
            }));
        // The risks' events are checked with every other change, in `activity`.
        for key in keys {
            for lang in Lang::ALL {
                let text = lang.t(&key);
                assert_ne!(text, key, "{key} missing in {}", lang.code());
            }
        }
    }
}
