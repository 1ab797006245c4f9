//! Extractors shared by the pages: the id in a route, the plan served, the
//! base of the links they hand out, the database's snapshot.

use axum::extract::FromRequestParts;
use axum::http::header::HOST;
use axum::http::request::Parts;
use uuid::Uuid;

use crate::db::comments::Target;
use crate::db::communications::Communication;
use crate::db::feedback::Entry;
use crate::db::items::{Item, Movable};
use crate::db::plans::Plan;
use crate::db::risks::Risk;
use crate::db::snapshots::{self, Snapshot};
use crate::error::{AppError, Result};
use crate::plan_cache;
use crate::public_url::PublicUrl;
use crate::state::AppState;
pub use crate::web::id::{IdPath, parse_id};
use crate::web::shown_plan::ShownPlan;

/// The plan the request's pages show ([`ShownPlan`]), from the instance's
/// copy: a page reads it without a query. What writes the plan itself reads
/// it from the database, with the version it checks.
#[derive(Clone, Debug)]
pub struct CurrentPlan(pub Plan);

impl FromRequestParts<AppState> for CurrentPlan {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<CurrentPlan> {
        // None shown: its user may read no plan (403).
        ShownPlan::from_request_parts(parts, state).await?;
        Ok(CurrentPlan(state.plans.plan().await?))
    }
}

/// What belongs to a plan, found by its id.
pub trait OfPlan {
    fn plan_id(&self) -> Uuid;
}

/// Each of these names its plan.
macro_rules! of_plan {
    ($($kind:ty),*) => {
        $(impl OfPlan for $kind {
            fn plan_id(&self) -> Uuid {
                self.plan_id
            }
        })*
    };
}

of_plan!(Item, Movable, Risk, Communication, Entry, Target);

/// `found`, when it belongs to the plan the pages show: an item, risk,
/// action or feedback entry of another plan (imported, or copied) is not
/// found here, whoever asks. It compares ids only: a handler may hold a
/// pooled connection while it asks, even as the plan's copy waits to be
/// read again (which takes a connection of its own).
pub fn in_shown_plan<T: OfPlan>(found: Option<T>) -> Result<T> {
    let shown = plan_cache::shown_id();
    found
        .filter(|found| shown == Some(found.plan_id()))
        .ok_or(AppError::NotFound)
}

/// The dashboard's address for the links a page hands out (reset links,
/// kiosk and calendar links): `PUBLIC_URL` when it is set — a `Host`
/// header is the client's to choose — else the address the browser reached
/// (through a TLS-terminating proxy, `X-Forwarded-Proto` says https).
pub struct LinkBase(pub PublicUrl);

impl FromRequestParts<AppState> for LinkBase {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<LinkBase> {
        if let Some(url) = &state.public_url {
            return Ok(LinkBase(url.clone()));
        }
        let header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|value| value.to_str().ok())
        };
        let host = header(HOST.as_str()).unwrap_or("localhost");
        let scheme = if header("x-forwarded-proto") == Some("https") {
            "https"
        } else {
            "http"
        };
        Ok(LinkBase(PublicUrl::new(format!("{scheme}://{host}"))))
    }
}

/// The database's snapshot as the request began: the one read with the
/// signed-in user, else one asked for now. Taken before the handler reads
/// anything, so data read afterwards is never older than it.
impl FromRequestParts<AppState> for Snapshot {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Snapshot> {
        match parts.extensions.get::<Snapshot>() {
            Some(snapshot) => Ok(snapshot.clone()),
            None => Ok(snapshots::current(&state.db).await?),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Found(Uuid);

    impl OfPlan for Found {
        fn plan_id(&self) -> Uuid {
            self.0
        }
    }

    #[tokio::test]
    async fn only_what_belongs_to_the_shown_plan_is_found() {
        let (shown, other) = (Uuid::new_v4(), Uuid::new_v4());
        plan_cache::showing(Some(shown), async {
            assert_eq!(
                in_shown_plan(Some(Found(shown))).map(|found| found.0).ok(),
                Some(shown)
            );
            assert!(in_shown_plan(Some(Found(other))).is_err());
            assert!(in_shown_plan(None::<Found>).is_err());
        })
        .await;
        plan_cache::showing(None, async {
            assert!(in_shown_plan(Some(Found(shown))).is_err());
        })
        .await;
        assert!(in_shown_plan(Some(Found(shown))).is_err());
    }
}
