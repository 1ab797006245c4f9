//! Plans written as TOML files (see `seed/lootopia.toml`), and their import.
//! The Lootopia plan is loaded through this same code on an empty database.

use std::collections::HashMap;

use anyhow::{Context, anyhow, bail};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::Deserialize;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::db::locks;
use crate::db::plans;
use crate::domain::communication::{ActionState, Channel};
use crate::domain::item::ItemState;
use crate::domain::lang::Lang;
use crate::domain::phase::PhaseStage;
use crate::domain::plan_file::{
    ActionData, ItemData, ItemRef, LinkData, PhaseData, PlanData, RiskData, TeamData, TermData,
};
use crate::domain::risk::{RiskStatus, Treatment};
use crate::plan_files;

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
    import(&mut tx, plan, kickoff).await?;
    tx.commit().await?;
    Ok(true)
}

/// Stores `file` as a new plan on the caller's transaction, J0 on
/// `kickoff`; returns its id.
pub async fn import(
    conn: &mut PgConnection,
    file: &PlanFile,
    kickoff: NaiveDate,
) -> anyhow::Result<Uuid> {
    let plan = file.plan_data(kickoff)?;
    let problems = plan.problems();
    if !problems.is_empty() {
        let said: Vec<String> = problems
            .iter()
            .map(|problem| plan_files::describe(Lang::En, problem))
            .collect();
        bail!("the plan file is not valid: {}", said.join("; "));
    }
    let (plan_id, _) = plan_files::import(conn, &plan, None).await?;
    Ok(plan_id)
}

impl PlanFile {
    /// The plan as a plan file's content, J0 on `kickoff`: every item to
    /// do, every action planned, every risk open and to mitigate; items and
    /// their twins named by their place in their phase instead of their key.
    fn plan_data(&self, kickoff: NaiveDate) -> anyhow::Result<PlanData> {
        let header = &self.plan;
        header.time_zone()?;
        let mut refs: HashMap<String, ItemRef> = HashMap::new();
        let phases = self
            .phases
            .iter()
            .map(|phase| {
                let items = phase
                    .items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| {
                        if let Some(key) = &item.key {
                            let place = ItemRef {
                                section: phase.section.clone(),
                                number: index + 1,
                            };
                            refs.insert(format!("{}/{key}", phase.section), place);
                        }
                        let due_day = item.due_day.unwrap_or(phase.end_day);
                        ItemData {
                            group: item.group.clone(),
                            title: item.title.clone(),
                            key: item.key.clone(),
                            state: ItemState::Todo,
                            blocked_reason: None,
                            assignee: None,
                            due_day,
                            // Due on an anchored last day: anchored with it.
                            due_from_launch: phase
                                .end_from_launch
                                .filter(|_| due_day == phase.end_day),
                            required: item.required.unwrap_or(true),
                            evidence_url: None,
                            done_at: None,
                        }
                    })
                    .collect();
                PhaseData {
                    section: phase.section.clone(),
                    stage: phase.stage,
                    name: phase.name.clone(),
                    team: phase.team.clone(),
                    start_day: phase.start_day,
                    end_day: phase.end_day,
                    start_from_launch: phase.start_from_launch,
                    end_from_launch: phase.end_from_launch,
                    after: phase
                        .after
                        .iter()
                        .map(|section| LinkData {
                            section: section.clone(),
                            lag: 0,
                        })
                        .collect(),
                    items,
                }
            })
            .collect();
        let item = |reference: &str| {
            refs.get(reference)
                .cloned()
                .ok_or_else(|| anyhow!("no item {reference:?}"))
        };
        let communications = self
            .communications
            .iter()
            .map(|action| {
                Ok(ActionData {
                    channel: Channel::parse(&action.channel)
                        .ok_or_else(|| anyhow!("unknown channel {:?}", action.channel))?,
                    title: action.title.clone(),
                    audience: action.audience.clone(),
                    day: action.day,
                    day_from_launch: action.from_launch,
                    team: action.team.clone(),
                    owner: None,
                    state: ActionState::Planned,
                    item: action.item.as_deref().map(item).transpose()?,
                })
            })
            .collect::<anyhow::Result<_>>()?;
        let risks = self
            .risks
            .iter()
            .map(|risk| {
                if risk.residual_likelihood.is_some() != risk.residual_impact.is_some() {
                    bail!(
                        "risk {:?}: give both residual levels or neither",
                        risk.title
                    );
                }
                Ok(RiskData {
                    title: risk.title.clone(),
                    impact_description: risk.impact_description.clone(),
                    likelihood: risk.likelihood,
                    impact: risk.impact,
                    residual_likelihood: risk.residual_likelihood,
                    residual_impact: risk.residual_impact,
                    owner_team: risk.owner_team.clone(),
                    treatment: Treatment::Mitigate,
                    mitigation: risk.mitigation.clone(),
                    status: RiskStatus::Open,
                    next_review_day: risk.review_day,
                    mitigation_items: risk
                        .mitigation_items
                        .iter()
                        .map(|reference| item(reference))
                        .collect::<anyhow::Result<_>>()?,
                    reviews: Vec::new(),
                })
            })
            .collect::<anyhow::Result<_>>()?;
        let mut terms: Vec<TermData> = self
            .translations
            .iter()
            .flat_map(|(lang, terms)| {
                terms.iter().map(|(term, translation)| TermData {
                    lang: *lang,
                    term: term.clone(),
                    translation: translation.clone(),
                })
            })
            .collect();
        terms.sort_by(|a, b| (a.lang.code(), &a.term).cmp(&(b.lang.code(), &b.term)));
        Ok(PlanData {
            name: header.name.clone(),
            description: header.description.trim().to_owned(),
            kickoff_date: kickoff,
            kickoff_confirmed: false,
            time_zone: header.time_zone.clone(),
            launch_day: header.launch_day,
            launch_time: header.launch_time,
            horizon_days: header.horizon_days,
            teams: self
                .teams
                .iter()
                .map(|team| TeamData {
                    key: team.key.clone(),
                    name: team.name.clone(),
                    colour: team.colour.clone(),
                    triages_feedback: team.triages_feedback,
                })
                .collect(),
            phases,
            communications,
            risks,
            terms,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plan's document.
    const DOCUMENT: &str = include_str!("../seed/lootopia-launch-plan.md");

    /// Each item of the seed as (section, group, title).
    fn seeded_items(phases: &[PhaseEntry]) -> Vec<(&str, Option<&str>, &str)> {
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
            kickoff: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            time_zone: plan.plan.time_zone.clone(),
            launch_time: plan.plan.launch_time,
        };
        let document = crate::plan_document::read(DOCUMENT, &defaults).plan;
        let read: Vec<(&str, Option<&str>, &str)> = document
            .phases
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
            .collect();
        assert_eq!(read.len(), 31, "the plan's bullets were not all read");
        let seeded = seeded_items(&plan.phases);
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
