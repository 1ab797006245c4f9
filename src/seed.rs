//! Plans written as TOML files (see `seed/lootopia.toml`), and their import.
//! The Lootopia plan is loaded through this same code on an empty database.

use std::collections::HashMap;

use anyhow::{Context, anyhow, bail};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::Deserialize;
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::db::events::{self, NewEvent};

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
}

/// The plan's name and calendar.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanHeader {
    pub name: String,
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
    pub stage: String,
    pub name: String,
    pub start_day: i32,
    pub end_day: i32,
    pub team: String,
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
    sqlx::query("select pg_advisory_xact_lock(hashtext('launch-control:seed'))")
        .execute(&mut *tx)
        .await?;
    let has_plan: bool = sqlx::query_scalar("select exists (select 1 from plans)")
        .fetch_one(&mut *tx)
        .await?;
    if has_plan {
        return Ok(false);
    }
    import(&mut tx, plan, kickoff).await?;
    tx.commit().await?;
    Ok(true)
}

/// Imports `file` as a new plan on the caller's transaction; returns its id.
pub async fn import(
    conn: &mut PgConnection,
    file: &PlanFile,
    kickoff: NaiveDate,
) -> anyhow::Result<Uuid> {
    let header = &file.plan;
    header.time_zone()?;
    let plan_id: Uuid = sqlx::query_scalar(
        "insert into plans (name, kickoff_date, time_zone, launch_day, launch_time, horizon_days)
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(&header.name)
    .bind(kickoff)
    .bind(&header.time_zone)
    .bind(header.launch_day)
    .bind(header.launch_time)
    .bind(header.horizon_days)
    .fetch_one(&mut *conn)
    .await
    .context("cannot store the plan")?;

    let teams = insert_teams(conn, plan_id, &file.teams).await?;
    let team = |key: &str| {
        teams
            .get(key)
            .copied()
            .ok_or_else(|| anyhow!("unknown team {key:?}"))
    };
    let mut items_by_ref = HashMap::new();
    for (position, phase) in (0..).zip(&file.phases) {
        let phase_id: Uuid = sqlx::query_scalar(
            "insert into phases (plan_id, section, stage, name, start_day, end_day, team_id, position)
             values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        )
        .bind(plan_id)
        .bind(&phase.section)
        .bind(&phase.stage)
        .bind(&phase.name)
        .bind(phase.start_day)
        .bind(phase.end_day)
        .bind(team(&phase.team)?)
        .bind(position)
        .fetch_one(&mut *conn)
        .await
        .with_context(|| format!("cannot store phase {}", phase.section))?;
        for (position, item) in (0..).zip(&phase.items) {
            let item_id: Uuid = sqlx::query_scalar(
                "insert into checklist_items (phase_id, group_label, title, key, position, due_day, required)
                 values ($1, $2, $3, $4, $5, $6, $7) returning id",
            )
            .bind(phase_id)
            .bind(&item.group)
            .bind(&item.title)
            .bind(&item.key)
            .bind(position)
            .bind(item.due_day.unwrap_or(phase.end_day))
            .bind(item.required.unwrap_or(true))
            .fetch_one(&mut *conn)
            .await
            .with_context(|| format!("cannot store item {:?}", item.title))?;
            if let Some(key) = &item.key {
                items_by_ref.insert(format!("{}/{key}", phase.section), item_id);
            }
        }
    }
    for action in &file.communications {
        sqlx::query(
            "insert into communication_actions (plan_id, channel, title, audience, day, team_id)
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(plan_id)
        .bind(&action.channel)
        .bind(&action.title)
        .bind(&action.audience)
        .bind(action.day)
        .bind(team(&action.team)?)
        .execute(&mut *conn)
        .await
        .with_context(|| format!("cannot store communication action {:?}", action.title))?;
    }
    for risk in &file.risks {
        insert_risk(conn, plan_id, risk, team(&risk.owner_team)?, &items_by_ref).await?;
    }
    events::record(
        conn,
        NewEvent {
            plan_id: Some(plan_id),
            actor_id: None,
            kind: "plan.imported",
            subject_type: "plan",
            subject_id: Some(plan_id),
            before: None,
            after: Some(json!({
                "name": header.name,
                "kickoff_date": kickoff,
                "phases": file.phases.len(),
                "items": file.phases.iter().map(|p| p.items.len()).sum::<usize>(),
                "risks": file.risks.len(),
            })),
        },
    )
    .await?;
    Ok(plan_id)
}

async fn insert_teams(
    conn: &mut PgConnection,
    plan_id: Uuid,
    teams: &[TeamEntry],
) -> anyhow::Result<HashMap<String, Uuid>> {
    let mut ids = HashMap::new();
    for (position, team) in (0..).zip(teams) {
        let id: Uuid = sqlx::query_scalar(
            "insert into teams (plan_id, key, name, colour, position, triages_feedback)
             values ($1, $2, $3, $4, $5, $6) returning id",
        )
        .bind(plan_id)
        .bind(&team.key)
        .bind(&team.name)
        .bind(&team.colour)
        .bind(position)
        .bind(team.triages_feedback)
        .fetch_one(&mut *conn)
        .await
        .with_context(|| format!("cannot store team {:?}", team.key))?;
        if ids.insert(team.key.clone(), id).is_some() {
            bail!("team {:?} is listed twice", team.key);
        }
    }
    Ok(ids)
}

async fn insert_risk(
    conn: &mut PgConnection,
    plan_id: Uuid,
    risk: &RiskEntry,
    owner_team_id: Uuid,
    items_by_ref: &HashMap<String, Uuid>,
) -> anyhow::Result<()> {
    let risk_id: Uuid = sqlx::query_scalar(
        "insert into risks (plan_id, title, impact_description, likelihood, impact,
                            residual_likelihood, residual_impact, owner_team_id, mitigation, next_review_day)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
    )
    .bind(plan_id)
    .bind(&risk.title)
    .bind(&risk.impact_description)
    .bind(risk.likelihood)
    .bind(risk.impact)
    .bind(risk.residual_likelihood)
    .bind(risk.residual_impact)
    .bind(owner_team_id)
    .bind(&risk.mitigation)
    .bind(risk.review_day)
    .fetch_one(&mut *conn)
    .await
    .with_context(|| format!("cannot store risk {:?}", risk.title))?;
    for reference in &risk.mitigation_items {
        let item_id = items_by_ref
            .get(reference)
            .ok_or_else(|| anyhow!("risk {:?} names an unknown item {reference:?}", risk.title))?;
        sqlx::query("insert into risk_mitigation_items (risk_id, item_id) values ($1, $2)")
            .bind(risk_id)
            .bind(item_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bullets of sections 2.1 to 3.3 of the plan, as (section, text):
    /// a bullet with sub-bullets is a heading, every other bullet an item.
    fn plan_bullets(markdown: &str) -> Vec<(String, String)> {
        let mut section = String::new();
        let mut bullets = Vec::new();
        let lines: Vec<&str> = markdown.lines().collect();
        for (index, line) in lines.iter().enumerate() {
            if let Some(heading) = line.strip_prefix("### ") {
                section = heading
                    .trim_matches('*')
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_owned();
                continue;
            }
            if line.starts_with("## ") {
                section.clear();
            }
            let Some(text) = line.trim_start().strip_prefix("- ") else {
                continue;
            };
            let indent = line.len() - line.trim_start().len();
            let next_is_child = lines.get(index + 1).is_some_and(|next| {
                next.trim_start().starts_with("- ") && next.len() - next.trim_start().len() > indent
            });
            let in_scope = section.starts_with("2.") || section.starts_with("3.");
            if in_scope && !next_is_child {
                bullets.push((section.clone(), text.replace("**", "").trim().to_owned()));
            }
        }
        bullets
    }

    #[test]
    fn every_bullet_of_sections_2_1_to_3_3_is_an_item_of_its_phase() {
        let plan = parse(LOOTOPIA).unwrap();
        let bullets = plan_bullets(include_str!("../seed/lootopia-launch-plan.md"));
        assert_eq!(bullets.len(), 31, "the plan's bullets were not all read");
        for (section, text) in &bullets {
            let phase = plan.phases.iter().find(|p| &p.section == section);
            let phase = phase.unwrap_or_else(|| panic!("no phase for section {section}"));
            assert!(
                phase.items.iter().any(|item| item.title == *text),
                "bullet {text:?} of {section} is not an item of its phase"
            );
        }
        let items: usize = plan.phases.iter().map(|p| p.items.len()).sum();
        assert_eq!(
            items,
            bullets.len(),
            "the seed holds items the plan does not"
        );
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
