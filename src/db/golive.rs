//! The Go / No-Go polls and their votes. Votes are never updated: a changed
//! vote is a new row, so the record keeps every one.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::golive::{Ballot, Vote};
use crate::domain::verdict::Decision;

/// A poll as the pages show it.
#[derive(Clone, Debug)]
pub struct Poll {
    pub id: Uuid,
    pub opened_at: DateTime<Utc>,
    pub opened_by_name: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by_name: Option<String>,
    /// The decision recorded when it closed.
    pub decision: Option<Decision>,
}

impl Poll {
    /// Whether leads may still vote.
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }
}

/// The plan's open poll, locked until the caller's transaction ends so that
/// votes and its closing do not cross.
pub async fn lock_open(conn: &mut PgConnection, plan_id: Uuid) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select id from golive_polls where plan_id = $1 and closed_at is null for update",
        plan_id,
    )
    .fetch_optional(conn)
    .await
}

/// Opens a poll; `None` when one is open already.
pub async fn open(conn: &mut PgConnection, plan_id: Uuid, by: Uuid) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "insert into golive_polls (plan_id, opened_by) values ($1, $2)
         on conflict (plan_id) where closed_at is null do nothing
         returning id",
        plan_id,
        by,
    )
    .fetch_optional(conn)
    .await
}

/// Closes the poll with its decision.
pub async fn close(
    conn: &mut PgConnection,
    poll_id: Uuid,
    by: Uuid,
    decision: Decision,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update golive_polls set closed_at = now(), closed_by = $2, decision = $3
         where id = $1 and closed_at is null",
        poll_id,
        by,
        decision as Decision,
    )
    .execute(conn)
    .await
    .map(drop)
}

/// A team with its current vote in a poll, if it voted.
#[derive(Clone, Debug)]
pub struct TeamVote {
    pub team_id: Uuid,
    pub team_name: String,
    pub vote_id: Option<Uuid>,
    pub vote: Option<Vote>,
    pub comment: Option<String>,
    pub accepted_risk_id: Option<Uuid>,
    pub accepted_risk: Option<String>,
    pub decide_again_on: Option<NaiveDate>,
    pub voter_name: Option<String>,
    pub cast_at: Option<DateTime<Utc>>,
}

/// Every team of the plan, in order, with its latest vote in `poll_id`
/// (none without a poll), in one query.
pub async fn team_votes(
    pool: &PgPool,
    plan_id: Uuid,
    poll_id: Option<Uuid>,
) -> sqlx::Result<Vec<TeamVote>> {
    sqlx::query_as!(
        TeamVote,
        r#"select t.id as team_id, t.name as team_name, v.id as "vote_id?",
                  v.vote as "vote?: Vote", v.comment as "comment?",
                  v.accepted_risk_id as "accepted_risk_id?", r.title as "accepted_risk?",
                  v.decide_again_on as "decide_again_on?: NaiveDate",
                  u.display_name as "voter_name?", v.cast_at as "cast_at?: DateTime<Utc>"
           from teams t
           left join lateral (
               select * from golive_votes v where v.poll_id = $2 and v.team_id = t.id
               order by v.cast_at desc, v.id desc limit 1
           ) v on true
           left join risks r on r.id = v.accepted_risk_id
           left join users u on u.id = v.voter_id
           where t.plan_id = $1 order by t.position, t.name"#,
        plan_id,
        poll_id,
    )
    .fetch_all(pool)
    .await
}

/// The plan's latest poll (open or closed) and every team of the plan, in
/// order, with its latest vote in that poll, in one query: the pages that
/// show where the launch stands.
pub async fn latest_with_votes(
    pool: &PgPool,
    plan_id: Uuid,
) -> sqlx::Result<(Option<Poll>, Vec<TeamVote>)> {
    // One row per team carrying the poll; a single row of nulls but the poll
    // when the plan has no team yet.
    let rows = sqlx::query!(
        r#"with latest as (
               select p.id, p.opened_at, o.display_name as opened_by_name, p.closed_at,
                      c.display_name as closed_by_name, p.decision
               from golive_polls p
               left join users o on o.id = p.opened_by
               left join users c on c.id = p.closed_by
               where p.plan_id = $1 order by p.opened_at desc, p.id desc limit 1
           )
           select l.id as "poll_id?", l.opened_at as "opened_at?: DateTime<Utc>",
                  l.opened_by_name as "opened_by_name?", l.closed_at as "closed_at?: DateTime<Utc>",
                  l.closed_by_name as "closed_by_name?", l.decision as "decision?: Decision",
                  t.id as "team_id?", t.name as "team_name?", v.id as "vote_id?",
                  v.vote as "vote?: Vote", v.comment as "comment?",
                  v.accepted_risk_id as "accepted_risk_id?", r.title as "accepted_risk?",
                  v.decide_again_on as "decide_again_on?: NaiveDate",
                  u.display_name as "voter_name?", v.cast_at as "cast_at?: DateTime<Utc>"
           from (select 1) one
           left join latest l on true
           left join teams t on t.plan_id = $1
           left join lateral (
               select * from golive_votes v where v.poll_id = l.id and v.team_id = t.id
               order by v.cast_at desc, v.id desc limit 1
           ) v on true
           left join risks r on r.id = v.accepted_risk_id
           left join users u on u.id = v.voter_id
           order by t.position, t.name"#,
        plan_id,
    )
    .fetch_all(pool)
    .await?;
    let poll = rows.first().and_then(|row| {
        Some(Poll {
            id: row.poll_id?,
            opened_at: row.opened_at?,
            opened_by_name: row.opened_by_name.clone(),
            closed_at: row.closed_at,
            closed_by_name: row.closed_by_name.clone(),
            decision: row.decision,
        })
    });
    let teams = rows
        .into_iter()
        .filter_map(|row| {
            Some(TeamVote {
                team_id: row.team_id?,
                team_name: row.team_name?,
                vote_id: row.vote_id,
                vote: row.vote,
                comment: row.comment,
                accepted_risk_id: row.accepted_risk_id,
                accepted_risk: row.accepted_risk,
                decide_again_on: row.decide_again_on,
                voter_name: row.voter_name,
                cast_at: row.cast_at,
            })
        })
        .collect();
    Ok((poll, teams))
}

/// A team's current vote in a poll (its id and value), on the caller's transaction.
pub async fn current_vote(
    conn: &mut PgConnection,
    poll_id: Uuid,
    team_id: Uuid,
) -> sqlx::Result<Option<(Uuid, Vote)>> {
    let row = sqlx::query!(
        r#"select id, vote as "vote: Vote" from golive_votes where poll_id = $1 and team_id = $2
           order by cast_at desc, id desc limit 1"#,
        poll_id,
        team_id,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| (row.id, row.vote)))
}

/// Records a vote; returns its id.
pub async fn cast(
    conn: &mut PgConnection,
    poll_id: Uuid,
    team_id: Uuid,
    voter_id: Uuid,
    ballot: &Ballot,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into golive_votes (poll_id, team_id, voter_id, vote, comment, accepted_risk_id, decide_again_on)
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
        poll_id,
        team_id,
        voter_id,
        ballot.vote() as Vote,
        ballot.comment(),
        ballot.accepted_risk(),
        ballot.decide_again_on() as Option<NaiveDate>,
    )
    .fetch_one(conn)
    .await
}

/// Every vote of a poll, newest first: the record.
pub async fn history(pool: &PgPool, poll_id: Uuid) -> sqlx::Result<Vec<TeamVote>> {
    sqlx::query_as!(
        TeamVote,
        r#"select t.id as team_id, t.name as team_name, v.id as "vote_id?",
                  v.vote as "vote?: Vote", v.comment as "comment?",
                  v.accepted_risk_id, r.title as "accepted_risk?",
                  v.decide_again_on as "decide_again_on: NaiveDate",
                  u.display_name as "voter_name?", v.cast_at as "cast_at?: DateTime<Utc>"
           from golive_votes v
           join teams t on t.id = v.team_id
           left join risks r on r.id = v.accepted_risk_id
           left join users u on u.id = v.voter_id
           where v.poll_id = $1 order by v.cast_at desc, v.id desc"#,
        poll_id,
    )
    .fetch_all(pool)
    .await
}
