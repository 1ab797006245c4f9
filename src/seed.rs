//! Plans written as TOML files (see `seed/lootopia.toml`), and their import.
//! The Lootopia plan is loaded through this same code on an empty database.

use std::collections::HashMap;

use anyhow::{Context, anyhow, bail};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::Deserialize;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::db::communications;
use crate::db::events;
use crate::db::items;
use crate::db::locks;
use crate::db::phases::{self, NewPhase};
use crate::db::plans::{self, NewPlan};
use crate::db::risks;
use crate::db::teams::{self, NewTeam};
use crate::domain::change::{Change, PlanImport};
use crate::domain::communication::{ActionState, Channel, CommunicationDraft};
use crate::domain::item::ItemDraft;
use crate::domain::lang::Lang;
use crate::domain::phase::PhaseStage;
use crate::domain::risk::form::RiskDraft;
use crate::domain::risk::{Level, RiskStatus, Score, Treatment};

/// The plan the product ships with.
pub const LOOTOPIA: &str = include_str!("../seed/lootopia.toml");

/// A plan file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    pub plan: PlanHeader,
    pub teams: Vec<TeamEntry>,
    pub phases: Vec<PhaseEntry>,
    #[serde(default)]
    pub communications: Vec<CommunicationEntry>,
    #[serde(default)]
    pub risks: Vec<RiskEntry>,
    /// The plan's terms (team names, audiences) as they read in the
    /// interface's other languages: `[translations.en]`, term = translation.
    #[serde(default)]
    pub translations: HashMap<Lang, HashMap<String, String>>,
}

/// The plan's name, description and calendar.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanHeader {
    pub name: String,
    /// The plan's objectives, shown on the overview; a plan file may leave it out.
    #[serde(default)]
    pub description: String,
    pub time_zone: String,
    pub launch_day: i32,
    pub launch_time: NaiveTime,
    pub horizon_days: i32,
}

/// A team; phases and risks name it by `key`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamEntry {
    pub key: String,
    pub name: String,
    pub colour: String,
    /// The team that reads and triages the public's feedback.
    #[serde(default)]
    pub triages_feedback: bool,
}

/// A phase and its checklist.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseEntry {
    pub section: String,
    pub stage: PhaseStage,
    pub name: String,
    pub start_day: i32,
    pub end_day: i32,
    pub team: String,
    /// The sections of the phases it starts after (finish-to-start).
    #[serde(default)]
    pub after: Vec<String>,
    /// Its first day as days from launch day (L+n), moving with it.
    pub start_from_launch: Option<i32>,
    /// Its last day as days from launch day; its items due then move too.
    pub end_from_launch: Option<i32>,
    #[serde(default)]
    pub items: Vec<ItemEntry>,
}

/// A checklist item; due on its phase's last day and required unless it says otherwise.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemEntry {
    pub title: String,
    pub group: Option<String>,
    pub key: Option<String>,
    pub due_day: Option<i32>,
    pub required: Option<bool>,
}

/// A communication action of the plan's annex.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunicationEntry {
    pub channel: String,
    pub title: String,
    pub audience: String,
    pub day: i32,
    pub team: String,
    /// The checklist item it is the twin of (`"section/key"`): done together.
    pub item: Option<String>,
    /// Its day as days from launch day (L+n), moving with it.
    pub from_launch: Option<i32>,
}

/// A risk, its scores and the items that mitigate it (`"section/key"`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskEntry {
    pub title: String,
    pub impact_description: String,
    pub likelihood: i16,
    pub impact: i16,
    pub residual_likelihood: Option<i16>,
    pub residual_impact: Option<i16>,
    pub owner_team: String,
    pub mitigation: String,
    pub review_day: Option<i32>,
    #[serde(default)]
    pub mitigation_items: Vec<String>,
}

impl PlanHeader {
    /// The plan's time zone, which must be a known IANA name.
    pub fn time_zone(&self) -> anyhow::Result<chrono_tz::Tz> {
        self.time_zone
            .parse()
            .map_err(|_| anyhow!("unknown time zone {:?}", self.time_zone))
    }
}

/// Parses a plan file.
pub fn parse(text: &str) -> anyhow::Result<PlanFile> {
    toml::from_str(text).context("the plan file is not valid")
}

/// Loads the Lootopia plan when the database holds no plan yet, with the day
/// of `now` in the plan's time zone as J0 until an admin sets it.
pub async fn seed_if_empty(pool: &PgPool, now: DateTime<Utc>) -> anyhow::Result<bool> {
    load_if_empty(pool, &parse(LOOTOPIA)?, now).await
}

/// Loads `plan` when the database holds no plan yet (a team's own plan file,
/// or the Lootopia seed), J0 being the day of `now` in the plan's time zone.
/// Safe when several instances start at once.
pub async fn load_if_empty(
    pool: &PgPool,
    plan: &PlanFile,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let kickoff = now.with_timezone(&plan.plan.time_zone()?).date_naive();
    let mut tx = pool.begin().await?;
    locks::hold_for_transaction(&mut tx, locks::SEED).await?;
    if plans::exists(&mut tx).await? {
        return Ok(false);
    }
    import(&mut tx, plan, kickoff, None).await?;
    tx.commit().await?;
    Ok(true)
}

/// Imports `file` as a new plan on the caller's transaction, by `actor`
/// (`None`: the product's first start); returns its id.
pub async fn import(
    conn: &mut PgConnection,
    file: &PlanFile,
    kickoff: NaiveDate,
    actor: Option<Uuid>,
) -> anyhow::Result<Uuid> {
    let header = &file.plan;
    let new_plan = NewPlan {
        name: &header.name,
        description: header.description.trim(),
        kickoff,
        time_zone: header.time_zone()?,
        launch_day: header.launch_day,
        launch_time: header.launch_time,
        horizon_days: header.horizon_days,
    };
    let plan_id = plans::insert(conn, &new_plan)
        .await
        .context("cannot store the plan")?;

    let teams = insert_teams(conn, plan_id, &file.teams).await?;
    for (lang, terms) in &file.translations {
        for (term, translation) in terms {
            plans::insert_term(conn, plan_id, *lang, term, translation)
                .await
                .with_context(|| format!("cannot store the translation of {term:?}"))?;
        }
    }
    let team = |key: &str| {
        teams
            .get(key)
            .copied()
            .ok_or_else(|| anyhow!("unknown team {key:?}"))
    };
    let mut items_by_ref = HashMap::new();
    let mut phases_by_section = HashMap::new();
    for (position, phase) in (0..).zip(&file.phases) {
        let new_phase = NewPhase {
            section: &phase.section,
            stage: phase.stage,
            name: &phase.name,
            start_day: phase.start_day,
            end_day: phase.end_day,
            team_id: team(&phase.team)?,
            position,
        };
        let phase_id = phases::insert(conn, plan_id, &new_phase)
            .await
            .with_context(|| format!("cannot store phase {}", phase.section))?
            .ok_or_else(|| anyhow!("two phases are numbered {}", phase.section))?;
        phases_by_section.insert(phase.section.as_str(), phase_id);
        for item in &phase.items {
            let draft = ItemDraft {
                title: item.title.clone(),
                group: item.group.clone(),
                due_day: item.due_day.unwrap_or(phase.end_day),
                required: item.required.unwrap_or(true),
                assignee_id: None,
                evidence_url: None,
            };
            let item_id = items::insert(conn, phase_id, &draft, item.key.as_deref(), None)
                .await
                .with_context(|| format!("cannot store item {:?}", item.title))?;
            if let Some(key) = &item.key {
                items_by_ref.insert(format!("{}/{key}", phase.section), item_id);
            }
        }
        // After its items: those due on an anchored last day are anchored too.
        phases::anchor(
            conn,
            phase_id,
            phase.start_from_launch,
            phase.end_from_launch,
        )
        .await
        .with_context(|| format!("cannot anchor phase {}", phase.section))?;
    }
    for phase in &file.phases {
        for before in &phase.after {
            let (Some(before_id), Some(after_id)) = (
                phases_by_section.get(before.as_str()),
                phases_by_section.get(phase.section.as_str()),
            ) else {
                bail!(
                    "phase {} starts after an unknown phase {before:?}",
                    phase.section
                );
            };
            phases::link(conn, *before_id, *after_id, 0)
                .await
                .with_context(|| format!("cannot link {before} to {}", phase.section))?;
        }
    }
    for action in &file.communications {
        let channel = Channel::parse(&action.channel)
            .ok_or_else(|| anyhow!("unknown channel {:?}", action.channel))?;
        let draft = CommunicationDraft {
            title: action.title.clone(),
            channel,
            audience: action.audience.clone(),
            day: action.day,
            state: ActionState::Planned,
            team_id: team(&action.team)?,
            owner_id: None,
        };
        let item_id = match &action.item {
            Some(reference) => Some(*items_by_ref.get(reference).ok_or_else(|| {
                anyhow!(
                    "action {:?} names an unknown item {reference:?}",
                    action.title
                )
            })?),
            None => None,
        };
        let action_id = communications::insert(conn, plan_id, &draft, item_id)
            .await
            .with_context(|| format!("cannot store communication action {:?}", action.title))?;
        if let Some(offset) = action.from_launch {
            communications::anchor(conn, action_id, offset).await?;
        }
    }
    for risk in &file.risks {
        insert_risk(conn, plan_id, risk, team(&risk.owner_team)?, &items_by_ref).await?;
    }
    let imported = Change::PlanImported {
        plan: plan_id,
        after: PlanImport {
            name: header.name.clone(),
            kickoff_date: kickoff,
            phases: file.phases.len(),
            items: file.phases.iter().map(|p| p.items.len()).sum(),
            risks: file.risks.len(),
        },
    };
    events::record(conn, Some(plan_id), actor, &imported).await?;
    Ok(plan_id)
}

async fn insert_teams(
    conn: &mut PgConnection,
    plan_id: Uuid,
    entries: &[TeamEntry],
) -> anyhow::Result<HashMap<String, Uuid>> {
    let mut ids = HashMap::new();
    for (position, entry) in (0..).zip(entries) {
        let team = NewTeam {
            key: &entry.key,
            name: &entry.name,
            colour: &entry.colour,
            position,
            triages_feedback: entry.triages_feedback,
        };
        let id = teams::insert(conn, plan_id, &team)
            .await
            .with_context(|| format!("cannot store team {:?}", entry.key))?;
        if ids.insert(entry.key.clone(), id).is_some() {
            bail!("team {:?} is listed twice", entry.key);
        }
    }
    Ok(ids)
}

impl RiskEntry {
    /// The risk as the register's form would write it: open, to be mitigated.
    fn draft(&self, owner_team_id: Uuid) -> anyhow::Result<RiskDraft> {
        let level = |value: i16| {
            Level::stored(value)
                .ok_or_else(|| anyhow!("risk {:?}: {value} is not a level from 1 to 5", self.title))
        };
        let residual = match (self.residual_likelihood, self.residual_impact) {
            (Some(likelihood), Some(impact)) => Some(Score {
                likelihood: level(likelihood)?,
                impact: level(impact)?,
            }),
            (None, None) => None,
            _ => bail!(
                "risk {:?}: give both residual levels or neither",
                self.title
            ),
        };
        Ok(RiskDraft {
            title: self.title.clone(),
            impact_description: self.impact_description.clone(),
            score: Score {
                likelihood: level(self.likelihood)?,
                impact: level(self.impact)?,
            },
            residual,
            owner_team_id,
            treatment: Treatment::Mitigate,
            mitigation: self.mitigation.clone(),
            status: RiskStatus::Open,
            next_review_day: self.review_day,
        })
    }
}

async fn insert_risk(
    conn: &mut PgConnection,
    plan_id: Uuid,
    risk: &RiskEntry,
    owner_team_id: Uuid,
    items_by_ref: &HashMap<String, Uuid>,
) -> anyhow::Result<()> {
    let risk_id = risks::insert(conn, plan_id, &risk.draft(owner_team_id)?)
        .await
        .with_context(|| format!("cannot store risk {:?}", risk.title))?;
    for reference in &risk.mitigation_items {
        let item_id = items_by_ref
            .get(reference)
            .ok_or_else(|| anyhow!("risk {:?} names an unknown item {reference:?}", risk.title))?;
        if !risks::link(conn, risk_id, *item_id).await? {
            bail!("risk {:?} names item {reference:?} twice", risk.title);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plan's document.
    const DOCUMENT: &str = include_str!("../seed/lootopia-launch-plan.md");

    /// Each item of `phases` as (section, group, title).
    fn items_of(phases: &[PhaseEntry]) -> Vec<(&str, Option<&str>, &str)> {
        phases
            .iter()
            .flat_map(|phase| {
                phase.items.iter().map(|item| {
                    (
                        phase.section.as_str(),
                        item.group.as_deref(),
                        item.title.as_str(),
                    )
                })
            })
            .collect()
    }

    #[test]
    fn every_bullet_of_sections_2_1_to_3_3_is_an_item_of_its_phase() {
        let plan = parse(LOOTOPIA).unwrap();
        let defaults = crate::plan_document::Defaults {
            time_zone: plan.plan.time_zone.clone(),
            launch_time: plan.plan.launch_time,
        };
        let document = crate::plan_document::read(DOCUMENT, &defaults).plan;
        let read = items_of(&document.phases);
        assert_eq!(read.len(), 31, "the plan's bullets were not all read");
        let seeded = items_of(&plan.phases);
        for bullet in &read {
            assert!(
                seeded.contains(bullet),
                "bullet {bullet:?} is not a seeded item"
            );
        }
        for phase in &plan.phases {
            for item in &phase.items {
                if read.contains(&(phase.section.as_str(), item.group.as_deref(), &item.title)) {
                    continue;
                }
                let reference = format!("{}/{}", phase.section, item.key.as_deref().unwrap_or(""));
                assert!(
                    plan.risks
                        .iter()
                        .any(|risk| risk.mitigation_items.contains(&reference)),
                    "item {:?} is neither a bullet of the plan nor a risk's mitigation",
                    item.title
                );
            }
        }
    }

    #[test]
    fn the_standby_servers_of_risk_2_are_an_item_that_mitigates_it() {
        let plan = parse(LOOTOPIA).unwrap();
        let outage = &plan.risks[1];
        assert!(outage.mitigation.contains("serveurs de secours"));

        let monitoring = plan.phases.iter().find(|p| p.section == "2.5").unwrap();
        let item = monitoring
            .items
            .iter()
            .find(|item| item.title.contains("serveurs de secours"))
            .expect("the standby servers are an item of 2.5");
        assert!(item.required.unwrap_or(true));
        let reference = format!("2.5/{}", item.key.as_deref().unwrap_or(""));
        assert!(outage.mitigation_items.contains(&reference));
    }

    #[test]
    fn the_plans_description_is_the_objectives_of_section_1() {
        let plan = parse(LOOTOPIA).unwrap();
        let section = DOCUMENT
            .split("## **1. Objectifs**")
            .nth(1)
            .and_then(|rest| rest.split("---").next())
            .unwrap();
        let objectives: Vec<String> = section
            .lines()
            .filter(|line| line.starts_with("- "))
            .map(|line| line.replace("**", ""))
            .collect();

        assert_eq!(objectives.len(), 3);
        assert_eq!(plan.plan.description.trim(), objectives.join("\n"));
    }

    #[test]
    fn the_seed_has_the_eight_phases_of_section_4_with_their_days() {
        let plan = parse(LOOTOPIA).unwrap();
        let days: Vec<(&str, i32, i32, &str)> = plan
            .phases
            .iter()
            .map(|p| (p.section.as_str(), p.start_day, p.end_day, p.team.as_str()))
            .collect();
        assert_eq!(
            days,
            [
                ("2.1", 1, 5, "devops"),
                ("2.2", 6, 10, "developpement"),
                ("2.3", 11, 15, "qa"),
                ("2.4", 16, 17, "devops"),
                ("2.5", 18, 19, "devops"),
                ("3.1", 20, 30, "marketing"),
                ("3.2", 31, 31, "marketing"),
                ("3.3", 32, 60, "support"),
            ]
        );
        assert_eq!(plan.risks.len(), 3);
    }
}
