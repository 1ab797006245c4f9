//! `/admin/webhooks`: where changes are sent. An admin names a URL, the
//! kinds of change and a format; the secret that signs the deliveries is
//! shown once. A webhook's page keeps its delivery log, sends a change
//! again, enables a webhook disabled after failing, or deletes it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sqlx::PgConnection;
use tower_sessions::Session;
use uuid::Uuid;

use crate::auth::session::Admin;
use crate::db::events;
use crate::db::webhooks::{self, DISABLED_AFTER, Delivery, NewWebhook, Webhook};
use crate::domain::calendar::Calendar;
use crate::domain::change::{
    Change, ChangeKind, Redelivery, Subject, WebhookAccess, WebhookFields,
};
use crate::domain::webhook::{Format, Secret, sendable};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::activity::line::{Moment, moment};
use crate::web::extract::{CurrentPlan, IdPath};
use crate::web::form::{Choice, FieldErrors};
use crate::web::page::{self, PageCtx};
use crate::webhooks::{host_of, target};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/webhooks", get(list_webhooks).post(create_webhook))
        .route("/admin/webhooks/{id}", get(show_webhook))
        .route("/admin/webhooks/{id}/enable", post(enable_webhook))
        .route("/admin/webhooks/{id}/delete", post(delete_webhook))
        .route("/admin/webhooks/{id}/redeliver", post(redeliver))
}

/// The session key under which a new webhook's secret waits to be shown,
/// once, on its page.
const NEW_SECRET: &str = "webhook_secret";
/// How many deliveries a webhook's page lists.
const LOG_SIZE: i64 = 50;

#[derive(Template, WebTemplate)]
#[template(path = "admin/webhooks.html")]
struct WebhooksPage {
    ctx: PageCtx,
    webhooks: Vec<WebhookRow>,
    url: String,
    formats: Vec<Choice>,
    groups: Vec<KindGroup>,
    errors: FieldErrors,
    /// Whether webhooks may reach private addresses (`WEBHOOK_ALLOW_PRIVATE`).
    private_allowed: bool,
}

/// A row of the list.
struct WebhookRow {
    href: String,
    host: String,
    format: String,
    kinds: usize,
    disabled: bool,
    last_delivered: Option<Moment>,
}

/// The kinds of change about one subject, as checkboxes.
struct KindGroup {
    legend: String,
    kinds: Vec<KindChoice>,
}

/// A kind of change a webhook may receive.
struct KindChoice {
    /// The field's id: the first of the form's is `kinds`, for the error
    /// summary's link.
    id: String,
    value: &'static str,
    checked: bool,
}

/// What the "new webhook" form posts: `kind` once per kind checked.
#[derive(Default)]
struct WebhookForm {
    url: String,
    format: String,
    kinds: Vec<String>,
}

impl WebhookForm {
    fn read(fields: Vec<(String, String)>) -> WebhookForm {
        let mut form = WebhookForm::default();
        for (name, value) in fields {
            match name.as_str() {
                "url" => form.url = value,
                "format" => form.format = value,
                "kind" => form.kinds.push(value),
                _ => {}
            }
        }
        form
    }
}

async fn list_webhooks(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    _admin: Admin,
    ctx: PageCtx,
) -> Result<WebhooksPage> {
    let form = WebhookForm {
        format: Format::Standard.as_str().to_owned(),
        ..WebhookForm::default()
    };
    webhooks_page(&state, &plan.calendar(), ctx, form, None).await
}

async fn webhooks_page(
    state: &AppState,
    calendar: &Calendar,
    ctx: PageCtx,
    form: WebhookForm,
    errors: Option<FieldErrors>,
) -> Result<WebhooksPage> {
    let lang = ctx.lang;
    let rows = webhooks::list(&mut *state.db.acquire().await?)
        .await?
        .into_iter()
        .map(|webhook| WebhookRow {
            href: format!("/admin/webhooks/{}", webhook.id),
            host: host_of(&webhook.url),
            format: format_label(&ctx, &webhook.format),
            kinds: webhook.kinds.len(),
            disabled: webhook.disabled_at.is_some(),
            last_delivered: webhook
                .last_delivered_at
                .map(|at| moment(lang, calendar, at)),
        })
        .collect();
    let formats = Format::ALL
        .into_iter()
        .map(|format| Choice {
            value: format.as_str().to_owned(),
            label: ctx.t(format.label_key()),
            selected: format.as_str() == form.format,
        })
        .collect();
    Ok(WebhooksPage {
        webhooks: rows,
        url: form.url,
        formats,
        groups: kind_groups(&ctx, &form.kinds),
        errors: errors.unwrap_or_else(|| FieldErrors::new(lang)),
        private_allowed: state.webhook_guard.allow_private,
        ctx,
    })
}

/// The kinds a webhook may receive, by subject, those in `checked` checked.
fn kind_groups(ctx: &PageCtx, checked: &[String]) -> Vec<KindGroup> {
    let mut first = true;
    Subject::ALL
        .into_iter()
        .filter_map(|subject| {
            let kinds: Vec<KindChoice> = ChangeKind::ALL
                .iter()
                .filter(|kind| kind.subject() == subject && sendable(**kind))
                .map(|kind| {
                    let value = kind.as_str();
                    let id = if std::mem::take(&mut first) {
                        "kinds".to_owned()
                    } else {
                        format!("kind-{}", value.replace('.', "-"))
                    };
                    KindChoice {
                        id,
                        value,
                        checked: checked.iter().any(|chosen| chosen == value),
                    }
                })
                .collect();
            (!kinds.is_empty()).then(|| KindGroup {
                legend: ctx.t(&format!("activity-kind-{}", subject.as_str())),
                kinds,
            })
        })
        .collect()
}

/// The name of a stored format.
fn format_label(ctx: &PageCtx, stored: &str) -> String {
    Format::parse(stored).map_or_else(|| stored.to_owned(), |format| ctx.t(format.label_key()))
}

async fn create_webhook(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response> {
    let form = WebhookForm::read(fields);
    let mut errors = FieldErrors::new(ctx.lang);
    let url = target::check(&form.url, state.webhook_guard)
        .await
        .map_err(|refusal| errors.add("url", refusal.key()))
        .ok();
    let format = Format::parse(&form.format);
    if format.is_none() {
        errors.add("format", "invalid-choice");
    }
    let kinds: Option<Vec<ChangeKind>> = form
        .kinds
        .iter()
        .map(|kind| ChangeKind::parse(kind).filter(|kind| sendable(*kind)))
        .collect();
    match &kinds {
        None => errors.add("kinds", "invalid-choice"),
        Some(kinds) if kinds.is_empty() => errors.add("kinds", "webhook-kinds-none"),
        Some(_) => {}
    }
    let (Some(url), Some(format), Some(kinds)) = (url, format, kinds.filter(|k| !k.is_empty()))
    else {
        let page = webhooks_page(&state, &plan.calendar(), ctx, form, Some(errors)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };

    let secret = Secret::from_random(rand::random()).expose();
    let kinds: Vec<&str> = kinds.iter().map(|kind| kind.as_str()).collect();
    let mut tx = state.db.begin().await?;
    let new = NewWebhook {
        url: url.as_str(),
        kinds: &kinds,
        format: format.as_str(),
        secret: &secret,
        lang: ctx.lang,
        created_by: admin.id,
    };
    let id = webhooks::create(&mut tx, &new).await?;
    let created = Change::WebhookCreated {
        webhook: id,
        after: WebhookFields {
            host: host_of(url.as_str()),
            format: format.as_str().to_owned(),
            kinds: kinds.iter().map(|kind| (*kind).to_owned()).collect(),
        },
    };
    events::record(&mut tx, None, Some(admin.id), &created).await?;
    tx.commit().await?;
    session.insert(NEW_SECRET, secret).await?;
    page::flash(&session, ctx.t("admin-webhook-created")).await?;
    Ok(Redirect::to(&format!("/admin/webhooks/{id}")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/webhook.html")]
struct WebhookPage {
    ctx: PageCtx,
    id: String,
    title: String,
    host: String,
    url: String,
    format: String,
    kinds: Vec<String>,
    /// Enabled (with its failures in a row) or disabled.
    state: String,
    disabled: Option<Moment>,
    /// Why it was disabled.
    disabled_text: String,
    /// The secret of a webhook just made: shown this once.
    secret: Option<String>,
    deliveries: Vec<DeliveryRow>,
}

/// A line of the delivery log.
struct DeliveryRow {
    id: i64,
    kind: String,
    queued: Moment,
    attempts: i32,
    /// The last answer's status, if one came.
    status: Option<i32>,
    /// How long the last attempt took.
    duration: Option<String>,
    excerpt: String,
    delivered: Option<Moment>,
    /// When the next attempt is due, while it is not delivered.
    next: Option<Moment>,
}

async fn show_webhook(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    _admin: Admin,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
) -> Result<WebhookPage> {
    let webhook = load(&mut *state.db.acquire().await?, id).await?;
    let calendar = plan.calendar();
    let lang = ctx.lang;
    let deliveries = webhooks::deliveries(&mut *state.db.acquire().await?, id, LOG_SIZE)
        .await?
        .into_iter()
        .map(|delivery: Delivery| DeliveryRow {
            id: delivery.id,
            kind: delivery.kind,
            queued: moment(lang, &calendar, delivery.created_at),
            attempts: delivery.attempts,
            status: delivery.last_status,
            duration: delivery
                .last_duration_ms
                .map(|ms| ctx.lang.t_args("webhook-ms", &[("ms", ms.into())])),
            excerpt: delivery.last_response.unwrap_or_default(),
            next: delivery
                .delivered_at
                .is_none()
                .then(|| moment(lang, &calendar, delivery.next_attempt_at)),
            delivered: delivery.delivered_at.map(|at| moment(lang, &calendar, at)),
        })
        .collect();
    let host = host_of(&webhook.url);
    let failures = [("failures", webhook.failures.into())];
    let state = match webhook.disabled_at {
        Some(_) => ctx.t("webhook-disabled"),
        None => lang.t_args(
            "webhook-failures",
            &[
                ("failures", webhook.failures.into()),
                ("limit", DISABLED_AFTER.into()),
            ],
        ),
    };
    Ok(WebhookPage {
        id: webhook.id.to_string(),
        title: lang.t_args("webhook-title", &[("host", host.clone().into())]),
        host,
        format: format_label(&ctx, &webhook.format),
        state,
        disabled: webhook.disabled_at.map(|at| moment(lang, &calendar, at)),
        disabled_text: lang.t_args("webhook-disabled-since", &failures),
        secret: page::take_once(&session, NEW_SECRET).await?,
        deliveries,
        url: webhook.url,
        kinds: webhook.kinds,
        ctx,
    })
}

/// Webhook `id`, locked until `conn`'s transaction ends; 404 without it.
async fn load(conn: &mut PgConnection, id: Uuid) -> Result<Webhook> {
    webhooks::find(conn, id).await?.ok_or(AppError::NotFound)
}

async fn enable_webhook(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
) -> Result<Redirect> {
    let mut tx = state.db.begin().await?;
    let webhook = load(&mut tx, id).await?;
    // Enabled already (by another admin, or a second click): nothing to do.
    if webhook.disabled_at.is_some() {
        webhooks::enable(&mut tx, id).await?;
        let host = host_of(&webhook.url);
        let enabled = Change::WebhookAccessChanged {
            webhook: id,
            before: WebhookAccess {
                host: host.clone(),
                disabled: true,
                failures: webhook.failures,
            },
            after: WebhookAccess {
                host,
                disabled: false,
                failures: 0,
            },
        };
        events::record(&mut tx, None, Some(admin.id), &enabled).await?;
    }
    tx.commit().await?;
    page::flash(&session, ctx.t("admin-webhook-enabled")).await?;
    Ok(Redirect::to(&format!("/admin/webhooks/{id}")))
}

async fn delete_webhook(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
) -> Result<Redirect> {
    let mut tx = state.db.begin().await?;
    let webhook = load(&mut tx, id).await?;
    let deleted = Change::WebhookDeleted {
        webhook: id,
        before: WebhookFields {
            host: host_of(&webhook.url),
            format: webhook.format,
            kinds: webhook.kinds,
        },
    };
    events::record(&mut tx, None, Some(admin.id), &deleted).await?;
    webhooks::delete(&mut tx, id).await?;
    tx.commit().await?;
    page::flash(&session, ctx.t("admin-webhook-deleted")).await?;
    Ok(Redirect::to("/admin/webhooks"))
}

/// What the "send again" button posts.
#[derive(serde::Deserialize)]
struct RedeliverForm {
    delivery: i64,
}

async fn redeliver(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<RedeliverForm>,
) -> Result<Redirect> {
    let mut tx = state.db.begin().await?;
    let webhook = load(&mut tx, id).await?;
    let event_id = webhooks::redeliver(&mut tx, id, form.delivery)
        .await?
        .ok_or(AppError::NotFound)?;
    let redelivered = Change::WebhookRedelivered {
        webhook: id,
        after: Redelivery {
            host: host_of(&webhook.url),
            event_id,
        },
    };
    events::record(&mut tx, None, Some(admin.id), &redelivered).await?;
    tx.commit().await?;
    page::flash(&session, ctx.t("admin-webhook-redelivered")).await?;
    Ok(Redirect::to(&format!("/admin/webhooks/{id}")))
}
