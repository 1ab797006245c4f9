//! The risk and review forms as drawn: what was typed, the message beside
//! each refused field, and the choices of every select.

use uuid::Uuid;

use crate::db::risks::Risk;
use crate::domain::risk::form::{FieldError, ReviewForm, RiskForm};
use crate::domain::risk::{RiskStatus, Treatment};
use crate::i18n::Lang;
use crate::web::form::{Choice, FieldErrors};
use crate::web::page::PageCtx;

/// The options of a level select (likelihood or impact, 1 to 5), after an
/// empty one labelled `empty`.
fn level_choices(lang: Lang, kind: &str, empty: &str, selected: &str) -> Vec<Choice> {
    let selected = selected.trim();
    std::iter::once(Choice {
        value: String::new(),
        label: lang.t(empty),
        selected: !(1..=5).any(|level: u8| level.to_string() == selected),
    })
    .chain((1..=5u8).map(|level| Choice {
        value: level.to_string(),
        label: lang.t(&format!("risk-{kind}-{level}")),
        selected: level.to_string() == selected,
    }))
    .collect()
}

/// The risk form's values, messages and choices.
pub struct RiskEditor {
    pub form: RiskForm,
    pub errors: FieldErrors,
    pub likelihoods: Vec<Choice>,
    pub impacts: Vec<Choice>,
    pub residual_likelihoods: Vec<Choice>,
    pub residual_impacts: Vec<Choice>,
    pub teams: Vec<Choice>,
    pub treatments: Vec<Choice>,
    pub statuses: Vec<Choice>,
}

impl RiskEditor {
    /// The form showing `form`, the owner among `teams`.
    pub fn new(
        ctx: &PageCtx,
        teams: &[(Uuid, String)],
        form: RiskForm,
        errors: Option<FieldErrors>,
    ) -> RiskEditor {
        let lang = ctx.lang;
        let labelled = |value: &'static str, key: String, selected: &str| Choice {
            value: value.to_owned(),
            label: lang.t(&key),
            selected: value == selected,
        };
        RiskEditor {
            likelihoods: level_choices(lang, "likelihood", "risk-choose", &form.likelihood),
            impacts: level_choices(lang, "impact", "risk-choose", &form.impact),
            residual_likelihoods: level_choices(
                lang,
                "likelihood",
                "risk-not-estimated",
                &form.residual_likelihood,
            ),
            residual_impacts: level_choices(
                lang,
                "impact",
                "risk-not-estimated",
                &form.residual_impact,
            ),
            teams: teams
                .iter()
                .map(|(id, name)| Choice {
                    value: id.to_string(),
                    label: ctx.term(name).to_owned(),
                    selected: id.to_string() == form.owner_team,
                })
                .collect(),
            treatments: Treatment::ALL
                .iter()
                .map(|treatment| {
                    labelled(treatment.as_str(), treatment.label_key(), &form.treatment)
                })
                .collect(),
            statuses: RiskStatus::ALL
                .iter()
                .map(|status| labelled(status.as_str(), status.label_key(), &form.status))
                .collect(),
            errors: errors.unwrap_or_else(|| FieldErrors::new(lang)),
            form,
        }
    }
}

/// The form of a stored risk.
pub fn form_of(risk: &Risk) -> RiskForm {
    let text = |value: Option<i16>| value.map(|value| value.to_string()).unwrap_or_default();
    RiskForm {
        title: risk.title.clone(),
        impact_description: risk.impact_description.clone(),
        likelihood: risk.likelihood.to_string(),
        impact: risk.impact.to_string(),
        residual_likelihood: text(risk.residual_likelihood),
        residual_impact: text(risk.residual_impact),
        owner_team: risk.owner_team_id.to_string(),
        treatment: risk.treatment.as_str().to_owned(),
        mitigation: risk.mitigation.clone(),
        status: risk.status.as_str().to_owned(),
        next_review_day: risk
            .next_review_day
            .map(|day| day.to_string())
            .unwrap_or_default(),
        version: risk.version,
    }
}

/// The messages of refused fields, in the page's language.
pub fn field_errors(ctx: &PageCtx, refused: &[FieldError]) -> FieldErrors {
    let mut errors = FieldErrors::new(ctx.lang);
    for (field, why) in refused {
        errors.add(field, why.key());
    }
    errors
}

/// The review form's values, messages and choices.
pub struct ReviewEditor {
    pub form: ReviewForm,
    pub errors: FieldErrors,
    pub likelihoods: Vec<Choice>,
    pub impacts: Vec<Choice>,
}

impl ReviewEditor {
    /// The form showing `form`.
    pub fn new(ctx: &PageCtx, form: ReviewForm, errors: Option<FieldErrors>) -> ReviewEditor {
        ReviewEditor {
            likelihoods: level_choices(ctx.lang, "likelihood", "risk-choose", &form.likelihood),
            impacts: level_choices(ctx.lang, "impact", "risk-choose", &form.impact),
            errors: errors.unwrap_or_else(|| FieldErrors::new(ctx.lang)),
            form,
        }
    }
}
