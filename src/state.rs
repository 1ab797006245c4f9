//! What every handler can reach: the database, this instance's live updates,
//! its copy of the plan and the pages' data held while nothing changes.

use std::ops::Deref;
use std::sync::Arc;

use sqlx::PgPool;

use crate::live::Hub;
use crate::mail::{MailSettings, deliver};
use crate::plan_cache::PlanCache;
use crate::public_url::PublicUrl;
use crate::snapshot_cache::SnapshotCache;
use crate::webhooks::{self, Guard, WebhookSettings};
use crate::{fan_out, reminders};

/// What every handler can reach, shared: axum clones the state into each
/// layer and extractor of every request, so a clone is one reference count
/// rather than one per channel and pool inside.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What [`AppState`] shares.
pub struct Shared {
    pub db: PgPool,
    /// This instance's live updates.
    pub live: Hub,
    /// The plan, its teams and its phases, kept current by the live updates.
    pub plans: PlanCache,
    /// Pages' data, kept while the database has not changed.
    pub snapshots: SnapshotCache,
    /// Whether this instance sends e-mail (it has SMTP settings).
    pub mail: bool,
    /// The addresses webhooks may be sent to, checked when one is saved.
    pub webhook_guard: Guard,
    /// `PUBLIC_URL`, when set: the base of every link the pages hand out.
    pub public_url: Option<PublicUrl>,
}

impl AppState {
    /// The state over `db`, without e-mail, webhooks to public addresses only.
    pub fn new(db: PgPool) -> AppState {
        let webhooks = WebhookSettings::new(false, PublicUrl::new("http://localhost"));
        AppState::with_outbound(db, None, webhooks, None)
    }

    /// The state over `db`; starts listening for live updates, fanning out
    /// the changes heard into notifications, sending the webhooks they call
    /// for to the addresses `webhooks` admits and, with `mail`, the e-mails;
    /// its pages' links are made on `public_url` when it is set.
    pub fn with_outbound(
        db: PgPool,
        mail: Option<MailSettings>,
        webhooks: WebhookSettings,
        public_url: Option<PublicUrl>,
    ) -> AppState {
        let plans = PlanCache::new(db.clone());
        let live = Hub::start(db.clone(), plans.clone());
        let sends_mail = mail.is_some();
        tokio::spawn(fan_out::run(db.clone(), live.subscribe(), sends_mail));
        tokio::spawn(reminders::run(db.clone(), plans.clone()));
        let guard = webhooks.guard;
        tokio::spawn(webhooks::deliver::run(db.clone(), plans.clone(), webhooks));
        if let Some(settings) = mail {
            tokio::spawn(deliver::run(
                db.clone(),
                plans.clone(),
                Arc::new(settings),
                live.subscribe(),
            ));
        }
        AppState(Arc::new(Shared {
            live,
            plans,
            snapshots: SnapshotCache::default(),
            mail: sends_mail,
            webhook_guard: guard,
            public_url,
            db,
        }))
    }
}
