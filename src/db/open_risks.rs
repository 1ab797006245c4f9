//! The plan's risks that are not closed, worst first: the overview's top
//! risks and the risks a conditional go may accept.

use sqlx::PgPool;
use uuid::Uuid;

/// A risk with its score (likelihood × impact).
#[derive(Clone, Debug)]
pub struct OpenRisk {
    pub id: Uuid,
    pub title: String,
    pub likelihood: i16,
    pub impact: i16,
    pub score: i32,
    pub owner_team: String,
}

/// Up to `limit` of the plan's risks not closed, the highest score first.
pub async fn ranked(pool: &PgPool, plan_id: Uuid, limit: i64) -> sqlx::Result<Vec<OpenRisk>> {
    sqlx::query_as!(
        OpenRisk,
        r#"select r.id, r.title, r.likelihood, r.impact,
                  (r.likelihood * r.impact)::int as "score!", t.name as owner_team
           from risks r join teams t on t.id = r.owner_team_id
           where r.plan_id = $1 and r.status <> 'closed'
           order by r.likelihood * r.impact desc, r.impact desc, r.title
           limit $2"#,
        plan_id,
        limit,
    )
    .fetch_all(pool)
    .await
}
