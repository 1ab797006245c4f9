//! The plans, each with its teams, phases, glossary and members, kept in
//! memory: every page needs its plan, and they change a few times a day. A trigger on their tables notifies
//! [`CHANNEL`] at each change, whatever makes it (a form, an import, a hand
//! edit); the live hub, which listens on it, tells the cache, and the next
//! read takes them from the database again. While the hub does not listen
//! (starting, or after a lost connection) a change could go unheard: every
//! read then goes to the database, and nothing read is kept.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use sqlx::PgPool;
use uuid::Uuid;

use crate::db::plans::{self, PhaseOutline, Plan, Team};
use crate::domain::glossary::Glossary;

/// The PostgreSQL channel a change to the plan, its teams or its phases is
/// announced on (migration `0017_plan_changes.sql`).
pub const CHANNEL: &str = "plan_changed";

tokio::task_local! {
    /// The plan the request being served shows; none when its user may read none.
    static SHOWN: Option<Uuid>;
}

/// Serves `request` with `plan` shown: what it asks [`PlanCache::get`] for.
/// A task-local rather than an argument: the request's handler, and the
/// helpers it calls, ask the cache for "the plan" in forty places.
pub async fn showing<F: Future>(plan: Option<Uuid>, request: F) -> F::Output {
    SHOWN.scope(plan, request).await
}

/// The id of the plan the request being served shows ([`showing`]): none
/// when its user may read no plan, or outside a request. Chosen from the
/// plans as they stood when the request began, it needs no copy of them,
/// so no connection: a handler holding one may ask.
pub fn shown_id() -> Option<Uuid> {
    SHOWN.try_with(|shown| *shown).ok().flatten()
}

/// Every plan, the first created first, as read at one moment.
#[derive(Debug)]
pub struct Plans {
    pub all: Vec<Arc<PlanSnapshot>>,
}

impl Plans {
    async fn load(pool: &PgPool) -> sqlx::Result<Plans> {
        let mut all = Vec::new();
        for plan in plans::all(pool).await? {
            all.push(Arc::new(PlanSnapshot {
                teams: plans::teams(pool, plan.id).await?,
                phases: plans::phases(pool, plan.id).await?,
                glossary: plans::glossary(pool, plan.id).await?,
                members: plans::members(pool, plan.id).await?,
                plan,
            }));
        }
        Ok(Plans { all })
    }

    /// The installation's first plan.
    pub fn first(&self) -> sqlx::Result<&Arc<PlanSnapshot>> {
        self.all.first().ok_or(sqlx::Error::RowNotFound)
    }

    /// Plan `id`, if there is one.
    pub fn by_id(&self, id: Uuid) -> Option<&Arc<PlanSnapshot>> {
        self.all.iter().find(|held| held.plan.id == id)
    }
}

/// A plan with its teams and phases, as read at one moment.
#[derive(Debug)]
pub struct PlanSnapshot {
    pub plan: Plan,
    pub teams: Vec<Team>,
    pub phases: Vec<PhaseOutline>,
    /// Its terms in the interface's other languages.
    pub glossary: Glossary,
    /// The users who belong to it, in order (admins read every plan).
    pub members: Vec<Uuid>,
}

impl PlanSnapshot {
    /// Whether user `id` belongs to the plan.
    pub fn has_member(&self, id: Uuid) -> bool {
        self.members.binary_search(&id).is_ok()
    }

    /// The plan's phase `id`.
    pub fn phase(&self, id: Uuid) -> Option<&PhaseOutline> {
        self.phases.iter().find(|phase| phase.id == id)
    }

    /// The plan's team with this key (`devops`) or name (`DevOps`), ignoring case.
    pub fn team_named(&self, needle: &str) -> Option<&Team> {
        let needle = needle.trim().to_lowercase();
        self.teams
            .iter()
            .find(|team| team.key.to_lowercase() == needle || team.name.to_lowercase() == needle)
    }
}

/// This instance's copy of the plan, shared by its requests.
#[derive(Clone)]
pub struct PlanCache {
    pool: PgPool,
    shared: Arc<Shared>,
}

struct Shared {
    held: Mutex<Held>,
    /// Taken by the read that refills the cache, so that the requests
    /// arriving meanwhile wait for it rather than all ask the database.
    refilling: tokio::sync::Mutex<()>,
}

impl PlanCache {
    /// An empty cache over `pool`, which reads the database until the hub
    /// listens ([`PlanCache::watch`]).
    pub fn new(pool: PgPool) -> PlanCache {
        PlanCache {
            pool,
            shared: Arc::new(Shared {
                held: Mutex::new(Held::default()),
                refilling: tokio::sync::Mutex::new(()),
            }),
        }
    }

    /// The installation's first plan, its teams and its phases as they
    /// stand: what work that no request names a plan for serves.
    pub async fn first(&self) -> sqlx::Result<Arc<PlanSnapshot>> {
        Ok(Arc::clone(self.all().await?.first()?))
    }

    /// The plan the request being served shows ([`showing`]), as it stands.
    pub async fn plan(&self) -> sqlx::Result<Plan> {
        Ok(self.get().await?.plan.clone())
    }

    /// The plan the request being served shows ([`showing`]), its teams and
    /// its phases as they stand. Not found when its user may read no plan,
    /// or outside a request.
    pub async fn get(&self) -> sqlx::Result<Arc<PlanSnapshot>> {
        let id = shown_id().ok_or(sqlx::Error::RowNotFound)?;
        self.all()
            .await?
            .by_id(id)
            .cloned()
            .ok_or(sqlx::Error::RowNotFound)
    }

    /// Every plan as it stands.
    pub async fn all(&self) -> sqlx::Result<Arc<Plans>> {
        // Each lookup is its own statement: the guard must not live across an await.
        let lookup = self.held().lookup();
        match lookup {
            Lookup::Fresh(snapshot) => return Ok(snapshot),
            // Not one at a time: with the database away, requests would queue
            // behind each other's timeouts.
            Lookup::Unheard => return Ok(Arc::new(Plans::load(&self.pool).await?)),
            Lookup::Stale(_) => {}
        }
        let _refilling = self.shared.refilling.lock().await;
        let lookup = self.held().lookup();
        let generation = match lookup {
            Lookup::Fresh(snapshot) => return Ok(snapshot),
            Lookup::Unheard => return Ok(Arc::new(Plans::load(&self.pool).await?)),
            Lookup::Stale(generation) => generation,
        };
        let snapshot = Arc::new(Plans::load(&self.pool).await?);
        self.held().keep(generation, &snapshot);
        Ok(snapshot)
    }

    /// Changes are heard from now on: what was held may have missed one.
    pub fn watch(&self) {
        let mut held = self.held();
        held.watched = true;
        held.changed();
    }

    /// Changes may go unheard from now on: read the database until [`PlanCache::watch`].
    pub fn unwatch(&self) {
        let mut held = self.held();
        held.watched = false;
        held.changed();
    }

    /// A plan, a team, a phase or a member changed.
    pub fn invalidate(&self) {
        self.held().changed();
    }

    fn held(&self) -> MutexGuard<'_, Held> {
        // Nothing panics while holding it: what it guards is always whole.
        self.shared
            .held
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// What the cache holds, and whether it may serve it.
#[derive(Default)]
struct Held {
    /// Whether a change would be heard.
    watched: bool,
    /// Counts the changes heard: a snapshot read before the latest is stale.
    generation: u64,
    snapshot: Option<(u64, Arc<Plans>)>,
}

/// What a read finds in the cache.
enum Lookup {
    Fresh(Arc<Plans>),
    /// Nothing current; a snapshot read now may be kept, stamped with this generation.
    Stale(u64),
    /// A change would go unheard: read, and keep nothing.
    Unheard,
}

impl Held {
    fn lookup(&self) -> Lookup {
        if !self.watched {
            return Lookup::Unheard;
        }
        match &self.snapshot {
            Some((generation, snapshot)) if *generation == self.generation => {
                Lookup::Fresh(Arc::clone(snapshot))
            }
            _ => Lookup::Stale(self.generation),
        }
    }

    /// Keeps `snapshot`, read from the database once `generation` was
    /// current, unless a change was heard since: it may predate it.
    fn keep(&mut self, generation: u64, snapshot: &Arc<Plans>) {
        if self.watched && generation == self.generation {
            self.snapshot = Some((generation, Arc::clone(snapshot)));
        }
    }

    fn changed(&mut self) {
        self.generation += 1;
        self.snapshot = None;
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::*;

    fn snapshot() -> Arc<Plans> {
        Arc::new(Plans {
            all: vec![Arc::new(plan_with(Vec::new()))],
        })
    }

    /// A plan of one team and no phases, for the tests of what is drawn from it.
    pub(crate) fn plan_with(members: Vec<Uuid>) -> PlanSnapshot {
        PlanSnapshot {
            plan: Plan {
                id: Uuid::new_v4(),
                name: "Launch".into(),
                description: String::new(),
                kickoff_date: NaiveDate::from_ymd_opt(2025, 11, 26).unwrap(),
                kickoff_confirmed: true,
                time_zone: chrono_tz::Europe::Paris,
                launch_day: 31,
                launch_time: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
                horizon_days: 60,
                version: 1,
                archived: false,
            },
            teams: vec![Team {
                id: Uuid::new_v4(),
                key: "devops".into(),
                name: "DevOps".into(),
                colour: "#2563eb".into(),
            }],
            glossary: Glossary::default(),
            phases: Vec::new(),
            members,
        }
    }

    fn watched() -> Held {
        Held {
            watched: true,
            ..Held::default()
        }
    }

    fn stale_generation(held: &Held) -> u64 {
        match held.lookup() {
            Lookup::Stale(generation) => generation,
            Lookup::Fresh(_) => panic!("expected nothing current, found a snapshot"),
            Lookup::Unheard => panic!("expected a watched cache"),
        }
    }

    #[test]
    fn a_snapshot_is_served_until_a_change_is_heard() {
        let mut held = watched();
        let generation = stale_generation(&held);
        held.keep(generation, &snapshot());
        assert!(matches!(held.lookup(), Lookup::Fresh(_)));

        held.changed();

        assert!(matches!(held.lookup(), Lookup::Stale(_)));
    }

    #[test]
    fn a_snapshot_read_before_a_change_is_not_kept() {
        let mut held = watched();
        let generation = stale_generation(&held);

        held.changed();
        held.keep(generation, &snapshot());

        assert!(matches!(held.lookup(), Lookup::Stale(_)));
    }

    #[test]
    fn nothing_is_kept_or_served_while_changes_may_go_unheard() {
        let mut held = Held::default();
        assert!(matches!(held.lookup(), Lookup::Unheard));
        held.keep(held.generation, &snapshot());
        assert!(held.snapshot.is_none());

        let mut held = watched();
        let generation = stale_generation(&held);
        held.keep(generation, &snapshot());
        held.watched = false;
        assert!(matches!(held.lookup(), Lookup::Unheard));
    }

    #[test]
    fn a_team_is_found_by_its_key_or_its_name_whatever_the_case() {
        let plans = snapshot();
        let snapshot = plans.first().unwrap();
        let id = snapshot.teams[0].id;
        for needle in ["devops", "DevOps", " DEVOPS "] {
            assert_eq!(snapshot.team_named(needle).map(|team| team.id), Some(id));
        }
        assert!(snapshot.team_named("qa").is_none());
    }

    #[test]
    fn only_its_members_belong_to_a_plan() {
        let (member, stranger) = (Uuid::from_u128(2), Uuid::from_u128(1));
        let held = plan_with(vec![Uuid::from_u128(0), member, Uuid::from_u128(3)]);
        assert!(held.has_member(member));
        assert!(!held.has_member(stranger));
    }
}
