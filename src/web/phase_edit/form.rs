//! A phase's fields as its forms post them — adding one and editing one —
//! read into what may be stored, with a message beside each field that may
//! not. An admin arranges the plan (section, stage, team, place); a phase's
//! own lead changes its name and days only.

use serde::Deserialize;
use uuid::Uuid;

use crate::db::phases::PhaseRow;
use crate::domain::phase::PhaseStage;
use crate::web::admin::{parse_team, team_choices};
use crate::web::form::{Choice, FieldErrors};
use crate::web::page::PageCtx;

/// The longest section label ("2.3", "Annexe B").
const SECTION_MAX: usize = 20;

/// The `after` value placing a phase first.
const FIRST: &str = "first";

/// What a phase form posts.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct PhaseForm {
    pub section: String,
    pub stage: String,
    pub name: String,
    pub team: String,
    pub start_day: String,
    pub end_day: String,
    /// The phase it comes after in the plan: `first`, or that phase's id.
    pub after: String,
    pub version: i32,
    /// Set by the preview's button: apply what was previewed.
    pub confirm: String,
}

/// A phase form read: every field valid.
#[derive(Debug)]
pub(super) struct Parsed {
    pub section: String,
    pub stage: PhaseStage,
    pub name: String,
    pub team_id: Uuid,
    pub start_day: i32,
    pub end_day: i32,
    /// The phase it comes after; `None`: first.
    pub after: Option<Uuid>,
}

/// A day typed as `J+12`, `D+12` or `12`.
fn parse_day(raw: &str) -> Option<i32> {
    raw.trim()
        .trim_start_matches(['J', 'D', 'j', 'd', '+'])
        .parse()
        .ok()
}

fn parse_stage(raw: &str) -> Option<PhaseStage> {
    match raw {
        "deployment" => Some(PhaseStage::Deployment),
        "launch" => Some(PhaseStage::Launch),
        _ => None,
    }
}

fn stage_value(stage: PhaseStage) -> &'static str {
    match stage {
        PhaseStage::Deployment => "deployment",
        PhaseStage::Launch => "launch",
    }
}

/// The phase shown before `id` in the plan's order, as the `after` field
/// names it.
fn place_of(rows: &[PhaseRow], id: Uuid) -> String {
    rows.iter()
        .position(|row| row.id == id)
        .and_then(|at| at.checked_sub(1))
        .map_or_else(|| FIRST.to_owned(), |before| rows[before].id.to_string())
}

impl PhaseForm {
    /// The form as `phase` reads now.
    pub fn of(phase: &PhaseRow, rows: &[PhaseRow]) -> PhaseForm {
        PhaseForm {
            section: phase.section.clone(),
            stage: stage_value(phase.stage).to_owned(),
            name: phase.name.clone(),
            team: phase.team_id.to_string(),
            start_day: phase.start_day.to_string(),
            end_day: phase.end_day.to_string(),
            after: place_of(rows, phase.id),
            version: phase.version,
            confirm: String::new(),
        }
    }

    /// The form of a new phase: last in the plan, of the first stage.
    pub fn blank(rows: &[PhaseRow]) -> PhaseForm {
        PhaseForm {
            stage: stage_value(PhaseStage::Deployment).to_owned(),
            after: rows
                .last()
                .map_or_else(|| FIRST.to_owned(), |row| row.id.to_string()),
            ..PhaseForm::default()
        }
    }

    /// Reads the form for `phase` (`None`: a new one) of the plan `rows`,
    /// whose days run to `horizon`. Without `may_arrange`, the section,
    /// stage, team and place stay the phase's own whatever was posted.
    pub fn parse(
        &self,
        ctx: &PageCtx,
        rows: &[PhaseRow],
        teams: &[(Uuid, String)],
        horizon: i32,
        phase: Option<&PhaseRow>,
        may_arrange: bool,
    ) -> Result<Parsed, FieldErrors> {
        let kept = phase.filter(|_| !may_arrange);
        let form = match kept {
            Some(phase) => PhaseForm {
                name: self.name.clone(),
                start_day: self.start_day.clone(),
                end_day: self.end_day.clone(),
                ..PhaseForm::of(phase, rows)
            },
            None => self.clone(),
        };
        let mut errors = FieldErrors::new(ctx.lang);
        let section = form.section.trim();
        if section.is_empty() {
            errors.add("section", "invalid-required");
        } else if section.chars().count() > SECTION_MAX || section.contains(char::is_control) {
            errors.add("section", "invalid-too-long");
        } else if rows
            .iter()
            .any(|row| row.section == section && Some(row.id) != phase.map(|phase| phase.id))
        {
            errors.add("section", "phase-section-taken");
        }
        let stage = parse_stage(&form.stage);
        if stage.is_none() {
            errors.add("stage", "invalid-choice");
        }
        let name = form.name.trim();
        if name.is_empty() {
            errors.add("name", "invalid-required");
        } else if name.chars().count() > 200 || name.contains(char::is_control) {
            errors.add("name", "invalid-too-long");
        }
        let team_id = parse_team(teams, &form.team).ok().flatten();
        if team_id.is_none() {
            errors.add("team", "invalid-choice");
        }
        let start = parse_day(&form.start_day).filter(|day| (0..=horizon).contains(day));
        let end = parse_day(&form.end_day).filter(|day| (0..=horizon).contains(day));
        if start.is_none() {
            errors.add("start_day", "item-invalid-due-day");
        }
        if end.is_none() {
            errors.add("end_day", "item-invalid-due-day");
        }
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            errors.add("end_day", "phase-invalid-end");
        }
        let after = if form.after == FIRST {
            Some(None)
        } else {
            Uuid::parse_str(&form.after)
                .ok()
                .filter(|after| {
                    rows.iter().any(|row| row.id == *after)
                        && Some(*after) != phase.map(|phase| phase.id)
                })
                .map(Some)
        };
        if after.is_none() {
            errors.add("after", "invalid-choice");
        }
        match (stage, team_id, start, end, after) {
            (Some(stage), Some(team_id), Some(start_day), Some(end_day), Some(after))
                if errors.is_empty() =>
            {
                Ok(Parsed {
                    section: section.to_owned(),
                    stage,
                    name: name.to_owned(),
                    team_id,
                    start_day,
                    end_day,
                    after,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The options of a phase form's selects.
pub(super) struct Choices {
    pub teams: Vec<Choice>,
    pub stages: Vec<Choice>,
    /// Where it comes in the plan: first, or after one of the other phases.
    pub places: Vec<Choice>,
}

impl Choices {
    /// The options for `form`, of phase `phase` (`None`: a new one).
    pub fn of(
        ctx: &PageCtx,
        form: &PhaseForm,
        teams: &[(Uuid, String)],
        rows: &[PhaseRow],
        phase: Option<Uuid>,
    ) -> Choices {
        let stages = [PhaseStage::Deployment, PhaseStage::Launch]
            .into_iter()
            .map(|stage| Choice {
                value: stage_value(stage).to_owned(),
                label: ctx.t(stage.label_key()),
                selected: form.stage == stage_value(stage),
            })
            .collect();
        let places = std::iter::once(Choice {
            value: FIRST.to_owned(),
            label: ctx.t("phase-place-first"),
            selected: form.after == FIRST,
        })
        .chain(
            rows.iter()
                .filter(|row| Some(row.id) != phase)
                .map(|row| Choice {
                    value: row.id.to_string(),
                    label: ctx.lang.t_args(
                        "phase-place-after",
                        &[("phase", format!("{} {}", row.section, row.name).into())],
                    ),
                    selected: form.after == row.id.to_string(),
                }),
        )
        .collect();
        Choices {
            teams: team_choices(ctx, teams, &form.team)
                .into_iter()
                .filter(|choice| !choice.value.is_empty())
                .collect(),
            stages,
            places,
        }
    }
}
