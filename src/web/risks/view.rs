//! A risk as the register, its page and its export show it: every label
//! computed once, in the reader's language and the plan's calendar.

use crate::db::risks::Risk;
use crate::domain::calendar::Calendar;
use crate::domain::risk::{Score, review_overdue};
use crate::i18n::Lang;

/// A risk, ready for a template.
#[derive(Debug)]
pub struct RiskFacts {
    pub href: String,
    pub title: String,
    pub impact_description: String,
    pub mitigation: String,
    pub band: &'static str,
    /// "3 × 4 = 12 · High".
    pub score_label: String,
    /// The same for the residual score, or a dash.
    pub residual_label: String,
    pub owner_team: String,
    pub status: &'static str,
    pub status_label: String,
    pub treatment_label: String,
    /// "J+10 · mar. 8 déc.", or a dash.
    pub next_review: String,
    pub overdue: bool,
    pub percent: i64,
    /// "1 of 3 done", or that no item mitigates it yet.
    pub progress_label: String,
}

/// "3 × 4 = 12 · High".
pub fn score_label(lang: Lang, score: Score) -> String {
    lang.t_args(
        "risk-score-label",
        &[
            ("likelihood", score.likelihood.value().into()),
            ("impact", score.impact.value().into()),
            ("score", score.value().into()),
            ("band", lang.t(&score.band().label_key()).into()),
        ],
    )
}

/// A plan day with its date, or a dash when there is none.
pub fn day_label(lang: Lang, calendar: &Calendar, day: Option<i32>) -> String {
    day.map_or_else(
        || lang.t("risk-none"),
        |day| {
            let day = i64::from(day);
            lang.day_and_date(day, calendar.date_of(day))
        },
    )
}

impl RiskFacts {
    /// The facts of `risk` for a reader in `lang`, today being plan day `today`.
    pub fn of(lang: Lang, calendar: &Calendar, today: i64, risk: &Risk) -> RiskFacts {
        let score = risk.score();
        let status = risk.status;
        let progress = risk.progress();
        RiskFacts {
            href: format!("/risks/{}", risk.id),
            title: risk.title.clone(),
            impact_description: risk.impact_description.clone(),
            mitigation: risk.mitigation.clone(),
            band: score.band().as_str(),
            score_label: score_label(lang, score),
            residual_label: risk.residual().map_or_else(
                || lang.t("risk-none"),
                |residual| score_label(lang, residual),
            ),
            owner_team: risk.owner_team_name.clone(),
            status: status.as_str(),
            status_label: lang.t(&status.label_key()),
            treatment_label: lang.t(&risk.treatment.label_key()),
            next_review: day_label(lang, calendar, risk.next_review_day),
            overdue: review_overdue(risk.next_review_day.map(i64::from), status, today),
            percent: progress.percent(),
            progress_label: if progress.total == 0 {
                lang.t("risk-no-items")
            } else {
                lang.t_args(
                    "progress-count",
                    &[
                        ("done", progress.done.into()),
                        ("total", progress.total.into()),
                    ],
                )
            },
        }
    }
}
