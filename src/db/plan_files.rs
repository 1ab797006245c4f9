//! A whole plan read out as a plan file, and a plan file stored as a new
//! plan (issue 21). Nine reads out, whatever the plan's size; in, a
//! statement or two per row (an item's state and a phase's anchors are set
//! after the shared insert), in the caller's transaction.

use std::collections::HashMap;

use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::db::communications;
use crate::db::items;
use crate::db::phases::{self, NewPhase};
use crate::db::plans::{self, NewPlan};
use crate::db::risks;
use crate::db::teams::{self, NewTeam};
use crate::domain::communication::{ActionState, Channel, CommunicationDraft};
use crate::domain::item::{ItemDraft, ItemState};
use crate::domain::lang::Lang;
use crate::domain::phase::PhaseStage;
use crate::domain::plan_file::{
    ActionData, ItemData, ItemRef, LinkData, PhaseData, PlanData, ReviewData, RiskData, TeamData,
    TermData,
};
use crate::domain::risk::form::RiskDraft;
use crate::domain::risk::{Level, RiskStatus, Score, Treatment};

/// Plan `plan_id` as a file's content.
pub async fn export(conn: &mut PgConnection, plan_id: Uuid) -> sqlx::Result<PlanData> {
    let plan = sqlx::query!(
        r#"select name, description, kickoff_date as "kickoff_date: NaiveDate", kickoff_confirmed,
                  time_zone, launch_day, launch_time as "launch_time: NaiveTime", horizon_days
           from plans where id = $1"#,
        plan_id,
    )
    .fetch_one(&mut *conn)
    .await?;
    let teams = sqlx::query!(
        "select key, name, colour, triages_feedback from teams where plan_id = $1
         order by position, key",
        plan_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let phase_rows = sqlx::query!(
        r#"select p.id, p.section, p.stage as "stage: PhaseStage", p.name, t.key as team,
                  p.start_day, p.end_day, p.start_from_launch, p.end_from_launch
           from phases p join teams t on t.id = p.team_id
           where p.plan_id = $1 order by p.position, p.start_day, p.section"#,
        plan_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let links = sqlx::query!(
        "select l.after_id, b.section, l.lag_days from phase_links l
         join phases b on b.id = l.before_id
         where b.plan_id = $1 order by b.position, b.section",
        plan_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let item_rows = sqlx::query!(
        r#"select i.id, i.phase_id, i.group_label, i.title, i.key, i.state as "state: ItemState",
                  i.blocked_reason, u.email as "assignee?", i.due_day, i.due_from_launch,
                  i.required, i.evidence_url, i.done_at as "done_at: DateTime<Utc>"
           from checklist_items i join phases p on p.id = i.phase_id
           left join users u on u.id = i.assignee_id
           where p.plan_id = $1 and i.deleted_at is null
           order by i.position, i.id"#,
        plan_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut refs: HashMap<Uuid, ItemRef> = HashMap::new();
    let mut phases_out = Vec::new();
    for phase in phase_rows {
        let items: Vec<ItemData> = item_rows
            .iter()
            .filter(|item| item.phase_id == phase.id)
            .enumerate()
            .map(|(index, item)| {
                refs.insert(
                    item.id,
                    ItemRef {
                        section: phase.section.clone(),
                        number: index + 1,
                    },
                );
                ItemData {
                    group: item.group_label.clone(),
                    title: item.title.clone(),
                    key: item.key.clone(),
                    state: item.state,
                    blocked_reason: item.blocked_reason.clone(),
                    assignee: item.assignee.clone(),
                    due_day: item.due_day,
                    due_from_launch: item.due_from_launch,
                    required: item.required,
                    evidence_url: item.evidence_url.clone(),
                    done_at: item.done_at,
                }
            })
            .collect();
        phases_out.push(PhaseData {
            after: links
                .iter()
                .filter(|link| link.after_id == phase.id)
                .map(|link| LinkData {
                    section: link.section.clone(),
                    lag: link.lag_days,
                })
                .collect(),
            section: phase.section,
            stage: phase.stage,
            name: phase.name,
            team: phase.team,
            start_day: phase.start_day,
            end_day: phase.end_day,
            start_from_launch: phase.start_from_launch,
            end_from_launch: phase.end_from_launch,
            items,
        });
    }
    let actions = sqlx::query!(
        r#"select a.channel as "channel: Channel", a.title, a.audience, a.day, a.day_from_launch,
                  t.key as team, u.email as "owner?", a.state as "state: ActionState", a.item_id
           from communication_actions a join teams t on t.id = a.team_id
           left join users u on u.id = a.owner_id
           where a.plan_id = $1 and a.deleted_at is null
           order by a.day, a.created_at, a.title"#,
        plan_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let risk_rows = sqlx::query!(
        r#"select r.id, r.title, r.impact_description, r.likelihood, r.impact,
                  r.residual_likelihood, r.residual_impact, t.key as owner_team,
                  r.treatment as "treatment: Treatment", r.mitigation,
                  r.status as "status: RiskStatus", r.next_review_day,
                  coalesce(array(select m.item_id from risk_mitigation_items m
                                 where m.risk_id = r.id), '{}') as "mitigation_items!"
           from risks r join teams t on t.id = r.owner_team_id
           where r.plan_id = $1 order by r.created_at, r.title"#,
        plan_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let reviews = sqlx::query!(
        r#"select v.risk_id, u.email as "reviewer?", v.reason, v.likelihood, v.impact,
                  v.reviewed_at as "reviewed_at: DateTime<Utc>"
           from risk_reviews v join risks r on r.id = v.risk_id
           left join users u on u.id = v.reviewer_id
           where r.plan_id = $1 order by v.reviewed_at, v.id"#,
        plan_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let terms = sqlx::query!(
        r#"select lang as "lang: Lang", term, translation from plan_terms
           where plan_id = $1 order by lang, term"#,
        plan_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(PlanData {
        name: plan.name,
        description: plan.description,
        kickoff_date: plan.kickoff_date,
        kickoff_confirmed: plan.kickoff_confirmed,
        time_zone: plan.time_zone,
        launch_day: plan.launch_day,
        launch_time: plan.launch_time,
        horizon_days: plan.horizon_days,
        teams: teams
            .into_iter()
            .map(|team| TeamData {
                key: team.key,
                name: team.name,
                colour: team.colour,
                triages_feedback: team.triages_feedback,
            })
            .collect(),
        phases: phases_out,
        communications: actions
            .into_iter()
            .map(|action| ActionData {
                channel: action.channel,
                title: action.title,
                audience: action.audience,
                day: action.day,
                day_from_launch: action.day_from_launch,
                team: action.team,
                owner: action.owner,
                state: action.state,
                item: action.item_id.and_then(|id| refs.get(&id).cloned()),
            })
            .collect(),
        risks: risk_rows
            .into_iter()
            .map(|risk| {
                let mut mitigation_items: Vec<ItemRef> = risk
                    .mitigation_items
                    .iter()
                    .filter_map(|id| refs.get(id).cloned())
                    .collect();
                mitigation_items.sort();
                RiskData {
                    reviews: reviews
                        .iter()
                        .filter(|review| review.risk_id == risk.id)
                        .map(|review| ReviewData {
                            reviewer: review.reviewer.clone(),
                            reason: review.reason.clone(),
                            likelihood: review.likelihood,
                            impact: review.impact,
                            reviewed_at: review.reviewed_at,
                        })
                        .collect(),
                    title: risk.title,
                    impact_description: risk.impact_description,
                    likelihood: risk.likelihood,
                    impact: risk.impact,
                    residual_likelihood: risk.residual_likelihood,
                    residual_impact: risk.residual_impact,
                    owner_team: risk.owner_team,
                    treatment: risk.treatment,
                    mitigation: risk.mitigation,
                    status: risk.status,
                    next_review_day: risk.next_review_day,
                    mitigation_items,
                }
            })
            .collect(),
        terms: terms
            .into_iter()
            .map(|term| TermData {
                lang: term.lang,
                term: term.term,
                translation: term.translation,
            })
            .collect(),
    })
}

/// The people a file names who have no account here: their items, actions
/// and reviews are stored without them.
pub type Strangers = Vec<String>;

/// Stores `plan` (checked: [`PlanData::problems`] found none) as a new
/// plan; its id and the e-mails of the people it names who have no account
/// in this installation.
pub async fn store(conn: &mut PgConnection, plan: &PlanData) -> anyhow::Result<(Uuid, Strangers)> {
    let people: HashMap<String, Uuid> =
        sqlx::query!("select id, lower(email) as \"email!\" from users")
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|row| (row.email, row.id))
            .collect();
    let mut strangers: Strangers = Vec::new();
    let mut person = |email: &Option<String>| {
        let email = email.as_ref()?;
        let found = people.get(&email.to_lowercase()).copied();
        if found.is_none() && !strangers.contains(email) {
            strangers.push(email.clone());
        }
        found
    };
    let new_plan = NewPlan {
        name: &plan.name,
        description: &plan.description,
        kickoff: plan.kickoff_date,
        time_zone: plan.time_zone.parse().context("time zone")?,
        launch_day: plan.launch_day,
        launch_time: plan.launch_time,
        horizon_days: plan.horizon_days,
    };
    let plan_id = plans::insert(conn, &new_plan).await?;
    sqlx::query!(
        "update plans set kickoff_confirmed = $2 where id = $1",
        plan_id,
        plan.kickoff_confirmed
    )
    .execute(&mut *conn)
    .await?;
    for term in &plan.terms {
        plans::insert_term(conn, plan_id, term.lang, &term.term, &term.translation).await?;
    }
    let mut teams_by_key = HashMap::new();
    for (position, team) in (0..).zip(&plan.teams) {
        let new_team = NewTeam {
            key: &team.key,
            name: &team.name,
            colour: &team.colour,
            position,
            triages_feedback: team.triages_feedback,
        };
        let id = teams::insert(conn, plan_id, &new_team).await?;
        teams_by_key.insert(team.key.as_str(), id);
    }
    let team = |key: &str| {
        teams_by_key
            .get(key)
            .copied()
            .with_context(|| format!("unknown team {key:?}"))
    };
    let mut phase_ids = HashMap::new();
    let mut item_ids: HashMap<ItemRef, Uuid> = HashMap::new();
    for (position, phase) in (0..).zip(&plan.phases) {
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
            .await?
            .with_context(|| format!("two phases are numbered {}", phase.section))?;
        sqlx::query!(
            "update phases set start_from_launch = $2, end_from_launch = $3 where id = $1",
            phase_id,
            phase.start_from_launch,
            phase.end_from_launch,
        )
        .execute(&mut *conn)
        .await?;
        phase_ids.insert(phase.section.as_str(), phase_id);
        for (index, item) in phase.items.iter().enumerate() {
            let draft = ItemDraft {
                title: item.title.clone(),
                group: item.group.clone(),
                due_day: item.due_day,
                required: item.required,
                assignee_id: person(&item.assignee),
                evidence_url: item.evidence_url.clone(),
            };
            let item_id = items::insert(conn, phase_id, &draft, item.key.as_deref(), None).await?;
            sqlx::query!(
                "update checklist_items set state = $2, blocked_reason = $3, done_at = $4,
                        due_from_launch = $5
                 where id = $1",
                item_id,
                item.state as ItemState,
                item.blocked_reason,
                item.done_at as Option<DateTime<Utc>>,
                item.due_from_launch,
            )
            .execute(&mut *conn)
            .await?;
            item_ids.insert(
                ItemRef {
                    section: phase.section.clone(),
                    number: index + 1,
                },
                item_id,
            );
        }
    }
    for phase in &plan.phases {
        for link in &phase.after {
            let (Some(before), Some(after)) = (
                phase_ids.get(link.section.as_str()),
                phase_ids.get(phase.section.as_str()),
            ) else {
                anyhow::bail!("phase {} starts after an unknown phase", phase.section);
            };
            phases::link(conn, *before, *after, link.lag).await?;
        }
    }
    for action in &plan.communications {
        let draft = CommunicationDraft {
            title: action.title.clone(),
            channel: action.channel,
            audience: action.audience.clone(),
            day: action.day,
            state: action.state,
            team_id: team(&action.team)?,
            owner_id: person(&action.owner),
        };
        let twin = action
            .item
            .as_ref()
            .and_then(|item| item_ids.get(item).copied());
        let action_id = communications::insert(conn, plan_id, &draft, twin).await?;
        if let Some(offset) = action.day_from_launch {
            communications::anchor(conn, action_id, offset).await?;
        }
    }
    for risk in &plan.risks {
        let level = |value: i16| Level::stored(value).context("a level outside 1–5");
        let residual = match (risk.residual_likelihood, risk.residual_impact) {
            (Some(likelihood), Some(impact)) => Some(Score {
                likelihood: level(likelihood)?,
                impact: level(impact)?,
            }),
            _ => None,
        };
        let draft = RiskDraft {
            title: risk.title.clone(),
            impact_description: risk.impact_description.clone(),
            score: Score {
                likelihood: level(risk.likelihood)?,
                impact: level(risk.impact)?,
            },
            residual,
            owner_team_id: team(&risk.owner_team)?,
            treatment: risk.treatment,
            mitigation: risk.mitigation.clone(),
            status: risk.status,
            next_review_day: risk.next_review_day,
        };
        let risk_id = risks::insert(conn, plan_id, &draft).await?;
        for item in &risk.mitigation_items {
            if let Some(item_id) = item_ids.get(item) {
                risks::link(conn, risk_id, *item_id).await?;
            }
        }
        for review in &risk.reviews {
            sqlx::query!(
                "insert into risk_reviews (risk_id, reviewer_id, reason, likelihood, impact, reviewed_at)
                 values ($1, $2, $3, $4, $5, $6)",
                risk_id,
                person(&review.reviewer),
                review.reason,
                review.likelihood,
                review.impact,
                review.reviewed_at as DateTime<Utc>,
            )
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok((plan_id, strangers))
}
