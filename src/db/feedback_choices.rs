//! What the triage forms offer to choose from: assignees, risks, checklist
//! items, and the entries a duplicate may be merged into.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

/// Something to pick in a list: its id and what the list shows.
#[derive(Clone, Debug)]
pub struct Pick {
    pub id: Uuid,
    pub label: String,
}

/// The enabled users who may triage feedback (the policy's rule, in SQL):
/// admins, and the leads and members of a team that triages it.
pub async fn assignees(pool: &PgPool) -> sqlx::Result<Vec<Pick>> {
    sqlx::query_as!(
        Pick,
        "select u.id, u.display_name as label
         from users u left join teams t on t.id = u.team_id
         where u.disabled_at is null
           and (u.role = 'admin' or (u.role in ('lead', 'member') and coalesce(t.triages_feedback, false)))
         order by lower(u.display_name), u.id",
    )
    .fetch_all(pool)
    .await
}

/// The plan's risks, highest score first.
pub async fn risks(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<Pick>> {
    sqlx::query_as!(
        Pick,
        "select id, title as label from risks where plan_id = $1
         order by likelihood * impact desc, title",
        plan_id,
    )
    .fetch_all(pool)
    .await
}

/// A checklist item and the phase it belongs to, for a grouped list.
#[derive(Clone, Debug)]
pub struct ItemOption {
    pub id: Uuid,
    pub label: String,
    pub phase: String,
}

/// The plan's checklist items, in plan order.
pub async fn items(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<ItemOption>> {
    sqlx::query_as!(
        ItemOption,
        r#"select i.id, i.title as label, p.section || ' ' || p.name as "phase!"
           from checklist_items i join phases p on p.id = i.phase_id
           where p.plan_id = $1 and i.deleted_at is null
           order by p.position, p.start_day, i.position, i.title"#,
        plan_id,
    )
    .fetch_all(pool)
    .await
}

/// An entry a duplicate may be merged into.
#[derive(Debug)]
pub struct Candidate {
    pub id: Uuid,
    pub message: String,
    pub created_at: DateTime<Utc>,
}

/// How many merge candidates the form lists.
const CANDIDATES: i64 = 50;

/// The entries `id` may be merged into: the plan's others not merged
/// themselves, those whose words it shares first, then the same category,
/// then the newest. Its words are joined with `or` for
/// `websearch_to_tsquery`, which never fails on odd input, unlike `to_tsquery`.
pub async fn merge_candidates(pool: &PgPool, id: Uuid) -> sqlx::Result<Vec<Candidate>> {
    sqlx::query_as!(
        Candidate,
        r#"select o.id, o.message, o.created_at as "created_at: DateTime<Utc>"
           from feedback f
         join feedback o on o.plan_id = f.plan_id and o.id <> f.id and o.merged_into_id is null
         where f.id = $1
         order by ts_rank(o.search, websearch_to_tsquery('public.french_unaccent',
                      array_to_string(tsvector_to_array(f.search), ' or '))) desc,
                  o.category = f.category desc, o.created_at desc, o.id
         limit $2"#,
        id,
        CANDIDATES,
    )
    .fetch_all(pool)
    .await
}
