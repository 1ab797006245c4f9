//! Plan files in and out (issue 21), as the admin pages and the command
//! line share them: a plan exported and sealed, a checked file stored as a
//! new plan with its event, and each problem of a refused file in words.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::db::{events, plan_files};
use crate::domain::change::{Change, PlanImport};
use crate::domain::plan_file::{PlanData, PlanFile, Problem, What};
use crate::i18n::Lang;

pub use crate::db::plan_files::Strangers;

/// Plan `plan_id` as a sealed file, exported at `now`.
pub async fn export(
    conn: &mut PgConnection,
    plan_id: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<PlanFile> {
    Ok(PlanFile::seal(
        plan_files::export(conn, plan_id).await?,
        now,
    ))
}

/// Stores `plan` (checked: no problems) as a new plan by `actor` (`None`:
/// the command line), with its event, on the caller's transaction.
pub async fn import(
    conn: &mut PgConnection,
    plan: &PlanData,
    actor: Option<Uuid>,
) -> anyhow::Result<(Uuid, Strangers)> {
    let (plan_id, strangers) = plan_files::store(conn, plan).await?;
    let imported = Change::PlanImported {
        plan: plan_id,
        after: PlanImport {
            name: plan.name.clone(),
            kickoff_date: plan.kickoff_date,
            phases: plan.phases.len(),
            items: plan.phases.iter().map(|phase| phase.items.len()).sum(),
            risks: plan.risks.len(),
        },
    };
    events::record(conn, Some(plan_id), actor, &imported).await?;
    Ok((plan_id, strangers))
}

/// A problem of a refused file, in `lang`: where, then what.
pub fn describe(lang: Lang, problem: &Problem) -> String {
    let what = match &problem.what {
        What::Unreadable(detail) => {
            lang.t_args("plan-file-unreadable", &[("detail", detail.clone().into())])
        }
        What::NotAPlanFile => lang.t("plan-file-not-a-plan"),
        What::NewerVersion(version) => {
            lang.t_args("plan-file-newer", &[("version", (*version).into())])
        }
        What::Checksum => lang.t("plan-file-checksum"),
        What::UnknownTeam(team) => {
            lang.t_args("plan-file-unknown-team", &[("team", team.clone().into())])
        }
        What::UnknownItem(item) => lang.t_args(
            "plan-file-unknown-item",
            &[
                ("section", item.section.clone().into()),
                ("number", item.number.into()),
            ],
        ),
        What::UnknownPhase(section) => lang.t_args(
            "plan-file-unknown-phase",
            &[("section", section.clone().into())],
        ),
        What::SameSection(section) => lang.t_args(
            "plan-file-same-section",
            &[("section", section.clone().into())],
        ),
        What::SameTeam(team) => {
            lang.t_args("plan-file-same-team", &[("team", team.clone().into())])
        }
        What::Cycle(section) => {
            lang.t_args("plan-file-cycle", &[("section", section.clone().into())])
        }
        What::Day(day) => lang.t_args("plan-file-day", &[("day", (*day).into())]),
        What::Level(level) => lang.t_args("plan-file-level", &[("level", (*level).into())]),
        What::Empty => lang.t("plan-file-empty"),
        What::TimeZone(zone) => {
            lang.t_args("plan-file-time-zone", &[("zone", zone.clone().into())])
        }
    };
    if problem.place.is_empty() {
        what
    } else {
        format!("{}: {what}", problem.place)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan_file::ItemRef;

    #[test]
    fn every_problem_reads_in_both_languages_with_its_place() {
        let problems = [
            What::Unreadable("EOF".to_owned()),
            What::NotAPlanFile,
            What::NewerVersion(2),
            What::Checksum,
            What::UnknownTeam("ops".to_owned()),
            What::UnknownItem(ItemRef {
                section: "2.1".to_owned(),
                number: 3,
            }),
            What::UnknownPhase("9.9".to_owned()),
            What::SameSection("2.1".to_owned()),
            What::SameTeam("ops".to_owned()),
            What::Cycle("2.1".to_owned()),
            What::Day(99),
            What::Level(7),
            What::Empty,
            What::TimeZone("Mars/Olympus".to_owned()),
        ];
        for lang in [Lang::Fr, Lang::En] {
            let mut seen = std::collections::BTreeSet::new();
            for what in &problems {
                let problem = Problem {
                    place: "plan.phases[0]".to_owned(),
                    what: what.clone(),
                };
                let text = describe(lang, &problem);
                assert!(text.starts_with("plan.phases[0]: "), "{text}");
                assert!(!text.contains("plan-file-"), "a message is missing: {text}");
                assert!(
                    seen.insert(text.clone()),
                    "two problems read the same: {text}"
                );
            }
        }
        let unplaced = Problem {
            place: String::new(),
            what: What::Checksum,
        };
        assert_eq!(
            describe(Lang::En, &unplaced),
            "the checksum does not match: the file was changed after it was exported"
        );
    }
}
