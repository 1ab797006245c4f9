//! `/admin/plan`: the plan's name and description (its objectives, shown on
//! the overview), kickoff date (J0), launch day and time, and time zone.
//! Every date of the plan is a J+n, so moving J0 moves them all. The wall
//! screens and the calendar link are on `/screens`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use tower_sessions::Session;

use crate::auth::session::Admin;
use crate::db::plans::{self, Plan};
use crate::db::{events, phases};
use crate::domain::change::{Change, PhaseFields, PlanFields};
use crate::domain::plan::{COMMON_TIME_ZONES, DESCRIPTION_MAX_CHARS, PlanSettings, SettingsInput};
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::form::{Choice, FieldErrors};
use crate::web::page::{self, PageCtx};
use crate::web::shown_plan::ShownPlan;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/admin/plan", get(show_plan).post(update_plan))
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/plan.html")]
struct PlanPage {
    ctx: PageCtx,
    form: Values,
    version: i32,
    description_max: usize,
    zones: Vec<Choice>,
    horizon: i32,
    /// "J0 · jeu. 26 nov. — lancement J+31 · dim. 27 déc. à 10:00".
    summary: String,
    kickoff_confirmed: bool,
    errors: FieldErrors,
    /// Set when someone else changed the plan first: what this admin tried.
    conflict: Option<String>,
}

/// The settings as typed (or as stored, on a fresh form).
struct Values {
    name: String,
    description: String,
    kickoff_date: String,
    launch_day: String,
    launch_time: String,
    time_zone: String,
}

impl Values {
    fn of(plan: &Plan) -> Values {
        Values {
            name: plan.name.clone(),
            description: plan.description.clone(),
            kickoff_date: plan.kickoff_date.format("%Y-%m-%d").to_string(),
            launch_day: plan.launch_day.to_string(),
            launch_time: plan.launch_time.format("%H:%M").to_string(),
            time_zone: plan.time_zone.name().to_owned(),
        }
    }

    /// The settings as the plan's changes record them.
    fn into_fields(self) -> PlanFields {
        PlanFields {
            title: self.name,
            description: self.description,
            kickoff_date: self.kickoff_date,
            launch_day: self.launch_day,
            launch_time: self.launch_time,
            time_zone: self.time_zone,
        }
    }
}

/// What the settings form posts (PRODUCT.md's contract: `kickoff_date`).
/// A field left out keeps its stored value, so a client may post only what
/// it changes; the version is then checked only when it is sent.
#[derive(Default, Deserialize)]
#[serde(default)]
struct SettingsForm {
    name: Option<String>,
    description: Option<String>,
    kickoff_date: Option<String>,
    launch_day: Option<String>,
    launch_time: Option<String>,
    time_zone: Option<String>,
    version: Option<i32>,
}

impl SettingsForm {
    fn over(self, plan: &Plan) -> Values {
        let stored = Values::of(plan);
        Values {
            name: self.name.unwrap_or(stored.name),
            description: self.description.unwrap_or(stored.description),
            kickoff_date: self.kickoff_date.unwrap_or(stored.kickoff_date),
            launch_day: self.launch_day.unwrap_or(stored.launch_day),
            launch_time: self.launch_time.unwrap_or(stored.launch_time),
            time_zone: self.time_zone.unwrap_or(stored.time_zone),
        }
    }
}

async fn show_plan(
    CurrentPlan(plan): CurrentPlan,
    _admin: Admin,
    ctx: PageCtx,
) -> Result<PlanPage> {
    let values = Values::of(&plan);
    plan_page(ctx, &plan, values, None, None).await
}

async fn plan_page(
    ctx: PageCtx,
    plan: &Plan,
    form: Values,
    errors: Option<FieldErrors>,
    conflict: Option<String>,
) -> Result<PlanPage> {
    let lang = ctx.lang;
    let calendar = plan.calendar();
    let zones = COMMON_TIME_ZONES
        .iter()
        .copied()
        .chain(std::iter::once(form.time_zone.as_str()))
        .chain(std::iter::once(plan.time_zone.name()))
        .fold(Vec::<Choice>::new(), |mut zones, zone| {
            if !zones.iter().any(|known| known.value == zone) {
                zones.push(Choice {
                    value: zone.to_owned(),
                    label: zone.to_owned(),
                    selected: zone == form.time_zone,
                });
            }
            zones
        });
    let launch = calendar.launch_at().with_timezone(&calendar.time_zone);
    Ok(PlanPage {
        summary: lang.t_args(
            "plan-summary",
            &[
                ("kickoff", lang.day_and_date(0, calendar.kickoff).into()),
                (
                    "launch",
                    lang.day_and_date(calendar.launch_day, calendar.date_of(calendar.launch_day))
                        .into(),
                ),
                ("time", launch.format("%H:%M").to_string().into()),
                ("zone", plan.time_zone.name().into()),
            ],
        ),
        version: plan.version,
        description_max: DESCRIPTION_MAX_CHARS,
        horizon: plan.horizon_days,
        kickoff_confirmed: plan.kickoff_confirmed,
        errors: errors.unwrap_or_else(|| FieldErrors::new(lang)),
        zones,
        form,
        conflict,
        ctx,
    })
}

async fn update_plan(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
    ShownPlan(shown): ShownPlan,
    Form(form): Form<SettingsForm>,
) -> Result<Response> {
    let before = plans::by_id(&state.db, shown).await?;
    let version = form.version.unwrap_or(before.version);
    let values = form.over(&before);
    let input = SettingsInput {
        name: &values.name,
        description: &values.description,
        kickoff_date: &values.kickoff_date,
        launch_day: &values.launch_day,
        launch_time: &values.launch_time,
        time_zone: &values.time_zone,
    };
    let settings = match PlanSettings::parse(input, before.horizon_days) {
        Ok(settings) => settings,
        Err(invalid) => {
            let mut errors = FieldErrors::new(ctx.lang);
            for (field, why) in invalid {
                errors.add(field, why.key());
            }
            let page = plan_page(ctx, &before, values, Some(errors), None).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    if !plans::update(&mut tx, before.id, version, &settings).await? {
        drop(tx);
        let current = plans::by_id(&state.db, shown).await?;
        let attempted = ctx.lang.t_args(
            "plan-conflict",
            &[
                ("name", values.name.clone().into()),
                ("kickoff", values.kickoff_date.clone().into()),
            ],
        );
        let stored = Values::of(&current);
        let page = plan_page(ctx, &current, stored, None, Some(attempted)).await?;
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    let after = Values {
        name: settings.name.clone(),
        description: settings.description.clone(),
        kickoff_date: settings.kickoff.format("%Y-%m-%d").to_string(),
        launch_day: settings.launch_day.to_string(),
        launch_time: settings.launch_time.format("%H:%M").to_string(),
        time_zone: settings.time_zone.name().to_owned(),
    };
    let updated = Change::PlanUpdated {
        plan: before.id,
        before: Values::of(&before).into_fields(),
        after: after.into_fields(),
    };
    events::record(&mut tx, Some(before.id), Some(admin.id), &updated).await?;
    // What is anchored to launch day moves with it, in the same transaction.
    for moved in phases::follow_launch(&mut tx, before.id).await? {
        let fields = |start_day, end_day| PhaseFields {
            section: moved.section.clone(),
            name: moved.name.clone(),
            team_id: moved.team_id,
            start_day,
            end_day,
        };
        let change = Change::PhaseUpdated {
            phase: moved.id,
            before: fields(moved.start_day, moved.end_day),
            after: fields(moved.new_start, moved.new_end),
        };
        events::record(&mut tx, Some(before.id), Some(admin.id), &change).await?;
    }
    tx.commit().await?;
    // The page this redirects to may come before the trigger's notification:
    // this instance reads its own write.
    state.plans.invalidate();
    page::flash(&session, ctx.t("plan-saved")).await?;
    Ok(Redirect::to("/admin/plan").into_response())
}
