//! Risks, their mitigation items and their reviews.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::item::ItemState;
use crate::domain::risk::form::{ReviewDraft, RiskDraft};
use crate::domain::risk::{Level, MitigationProgress, RiskStatus, Score, Treatment};

/// A risk as the register and its page show it, with its mitigation progress.
#[derive(Clone, Debug)]
pub struct Risk {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub title: String,
    pub impact_description: String,
    pub likelihood: i16,
    pub impact: i16,
    pub residual_likelihood: Option<i16>,
    pub residual_impact: Option<i16>,
    pub owner_team_id: Uuid,
    pub owner_team_name: String,
    pub treatment: Treatment,
    pub mitigation: String,
    pub status: RiskStatus,
    pub next_review_day: Option<i32>,
    pub version: i32,
    pub items_total: i64,
    pub items_done: i64,
}

impl Risk {
    /// Its score; the table's checks keep both levels from 1 to 5.
    pub fn score(&self) -> Score {
        let level = |value| Level::stored(value).unwrap_or(Level::ALL[0]);
        Score {
            likelihood: level(self.likelihood),
            impact: level(self.impact),
        }
    }

    /// Its residual score, when estimated.
    pub fn residual(&self) -> Option<Score> {
        Some(Score {
            likelihood: Level::stored(self.residual_likelihood?)?,
            impact: Level::stored(self.residual_impact?)?,
        })
    }

    /// The share of its mitigation items done.
    pub fn progress(&self) -> MitigationProgress {
        MitigationProgress {
            done: self.items_done,
            total: self.items_total,
        }
    }
}

/// A checked query for risks with their mitigation progress: the shared
/// columns and joins, then `$tail` (the filter and order), then its arguments
/// (a macro, since sqlx's macros check only literals).
macro_rules! select_risks {
    ($tail:tt, $($arg:expr),*) => {
        sqlx::query_as!(
            Risk,
            r#"select r.id, r.plan_id, r.title, r.impact_description, r.likelihood, r.impact,
                      r.residual_likelihood, r.residual_impact, r.owner_team_id,
                      t.name as owner_team_name, r.treatment as "treatment: Treatment", r.mitigation,
                      r.status as "status: RiskStatus", r.next_review_day, r.version,
                      (select count(*) from risk_mitigation_items m
                       join checklist_items i on i.id = m.item_id
                       where m.risk_id = r.id and i.deleted_at is null) as "items_total!",
                      (select count(*) from risk_mitigation_items m
                       join checklist_items i on i.id = m.item_id
                       where m.risk_id = r.id and i.deleted_at is null and i.state = 'done') as "items_done!"
               from risks r join teams t on t.id = r.owner_team_id "# + $tail,
            $($arg),*
        )
    };
}

/// Which risks the register shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// The statuses shown; empty is every status.
    pub statuses: Vec<RiskStatus>,
    /// The owner team; `None` is every team.
    pub team_id: Option<Uuid>,
}

/// The plan's risks matching `filter`, the highest score first.
pub async fn list(pool: &PgPool, plan_id: Uuid, filter: &Filter) -> sqlx::Result<Vec<Risk>> {
    let statuses = (!filter.statuses.is_empty()).then_some(filter.statuses.as_slice());
    select_risks!(
        "where r.plan_id = $1 and ($2::text[] is null or r.status = any($2))
           and ($3::uuid is null or r.owner_team_id = $3)
         order by r.likelihood * r.impact desc, r.impact desc, lower(r.title), r.id",
        plan_id,
        statuses as Option<&[RiskStatus]>,
        filter.team_id
    )
    .fetch_all(pool)
    .await
}

/// One risk.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Risk>> {
    select_risks!("where r.id = $1", id)
        .fetch_optional(conn)
        .await
}

fn level(level: Level) -> i16 {
    level.value().into()
}

/// Adds a risk.
pub async fn insert(
    conn: &mut PgConnection,
    plan_id: Uuid,
    draft: &RiskDraft,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into risks (plan_id, title, impact_description, likelihood, impact, residual_likelihood,
                            residual_impact, owner_team_id, treatment, mitigation, status, next_review_day)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id",
        plan_id,
        draft.title,
        draft.impact_description,
        level(draft.score.likelihood),
        level(draft.score.impact),
        draft.residual.map(|score| level(score.likelihood)),
        draft.residual.map(|score| level(score.impact)),
        draft.owner_team_id,
        draft.treatment as Treatment,
        draft.mitigation,
        draft.status as RiskStatus,
        draft.next_review_day,
    )
    .fetch_one(conn)
    .await
}

/// Rewrites a risk if it is still at `version`; `false` when someone changed it first.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    draft: &RiskDraft,
) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        "update risks
         set title = $3, impact_description = $4, likelihood = $5, impact = $6, residual_likelihood = $7,
             residual_impact = $8, owner_team_id = $9, treatment = $10, mitigation = $11, status = $12,
             next_review_day = $13, version = version + 1
         where id = $1 and version = $2",
        id,
        version,
        draft.title,
        draft.impact_description,
        level(draft.score.likelihood),
        level(draft.score.impact),
        draft.residual.map(|score| level(score.likelihood)),
        draft.residual.map(|score| level(score.impact)),
        draft.owner_team_id,
        draft.treatment as Treatment,
        draft.mitigation,
        draft.status as RiskStatus,
        draft.next_review_day,
    )
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Records a review and gives the risk its new scores (and review day, when
/// one is given) if it is still at `version`; `false` when someone changed it first.
pub async fn review(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    reviewer: Uuid,
    draft: &ReviewDraft,
) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        "update risks
         set likelihood = $3, impact = $4, next_review_day = coalesce($5, next_review_day),
             version = version + 1
         where id = $1 and version = $2",
        id,
        version,
        level(draft.score.likelihood),
        level(draft.score.impact),
        draft.next_review_day,
    )
    .execute(&mut *conn)
    .await?;
    if updated.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query!(
        "insert into risk_reviews (risk_id, reviewer_id, reason, likelihood, impact)
         values ($1, $2, $3, $4, $5)",
        id,
        reviewer,
        draft.reason,
        level(draft.score.likelihood),
        level(draft.score.impact),
    )
    .execute(conn)
    .await?;
    Ok(true)
}

/// A past review of a risk.
#[derive(Clone, Debug)]
pub struct Review {
    pub reviewer_name: Option<String>,
    pub reason: String,
    pub likelihood: i16,
    pub impact: i16,
    pub reviewed_at: DateTime<Utc>,
}

/// A risk's reviews, newest first.
pub async fn reviews(pool: &PgPool, risk_id: Uuid) -> sqlx::Result<Vec<Review>> {
    sqlx::query_as!(
        Review,
        r#"select u.display_name as "reviewer_name?", v.reason, v.likelihood, v.impact,
                  v.reviewed_at as "reviewed_at: DateTime<Utc>"
           from risk_reviews v left join users u on u.id = v.reviewer_id
           where v.risk_id = $1 order by v.reviewed_at desc, v.id"#,
        risk_id
    )
    .fetch_all(pool)
    .await
}

/// A checklist item that mitigates a risk.
#[derive(Clone, Debug)]
pub struct MitigationItem {
    pub id: Uuid,
    pub title: String,
    pub state: ItemState,
    pub phase_section: String,
    pub team_name: String,
    pub due_day: i32,
}

/// The items that mitigate a risk, in the plan's order.
pub async fn mitigation_items(pool: &PgPool, risk_id: Uuid) -> sqlx::Result<Vec<MitigationItem>> {
    sqlx::query_as!(
        MitigationItem,
        r#"select i.id, i.title, i.state as "state: ItemState", p.section as phase_section,
                  t.name as team_name, i.due_day
           from risk_mitigation_items m
           join checklist_items i on i.id = m.item_id
           join phases p on p.id = i.phase_id
           join teams t on t.id = p.team_id
           where m.risk_id = $1 and i.deleted_at is null
           order by p.position, i.position, i.id"#,
        risk_id
    )
    .fetch_all(pool)
    .await
}

/// Ties an item to a risk; `false` when it already was.
pub async fn link(conn: &mut PgConnection, risk_id: Uuid, item_id: Uuid) -> sqlx::Result<bool> {
    let inserted = sqlx::query!(
        "insert into risk_mitigation_items (risk_id, item_id) values ($1, $2) on conflict do nothing",
        risk_id,
        item_id
    )
    .execute(conn)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// Unties an item from a risk; `false` when it was not tied.
pub async fn unlink(conn: &mut PgConnection, risk_id: Uuid, item_id: Uuid) -> sqlx::Result<bool> {
    let deleted = sqlx::query!(
        "delete from risk_mitigation_items where risk_id = $1 and item_id = $2",
        risk_id,
        item_id
    )
    .execute(conn)
    .await?;
    Ok(deleted.rows_affected() == 1)
}
