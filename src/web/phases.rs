//! `/phases/{id}`: a phase's checklist, ticked off in place.

use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use chrono::Utc;
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::auth::policy::ItemScope;
use crate::db::items::{self, Item};
use crate::db::snapshots::Snapshot;
use crate::db::users::User;
use crate::domain::item::{ItemForm, ItemState};
use crate::domain::phase::{PhaseState, Progress};
use crate::error::{AppError, Result};
use crate::i18n;
use crate::live::versions::Scope;
use crate::plan_cache::PlanSnapshot;
use crate::state::AppState;
use crate::web::extract::IdPath;
use crate::web::form::{Choice, FieldErrors};
use crate::web::items::view::{ItemRow, RowBuilder, RowFeedback};
use crate::web::live_version::{LiveVersion, Viewer};
use crate::web::page::PageCtx;

/// `/phases/{id}`.
pub fn router() -> Router<AppState> {
    Router::new().route("/phases/{id}", get(show_phase))
}

/// The checklist page.
#[derive(Template, WebTemplate)]
#[template(path = "phases/show.html")]
pub struct PhasePage {
    ctx: PageCtx,
    id: String,
    section: String,
    name: String,
    team: String,
    days: String,
    state: &'static str,
    state_label: String,
    progress_label: String,
    required_label: String,
    percent: i64,
    gate_open: bool,
    items: Arc<HeldRows>,
    may_edit: bool,
    editor: ItemEditor,
    live: LiveVersion,
}

/// An item form (add or edit), with what was typed when it was refused.
pub struct ItemEditor {
    pub form: ItemForm,
    pub errors: FieldErrors,
    pub assignees: Vec<Choice>,
}

async fn show_phase(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    snapshot: Snapshot,
    ctx: PageCtx,
    IdPath(id): IdPath,
    headers: HeaderMap,
) -> Result<Response> {
    let live = live_version(&state, &ctx, &user, id);
    if live.shown_by(&state, &headers) {
        return Ok(live.not_modified());
    }
    let page = phase_page(&state, ctx, &user, id, Some(&snapshot), None, None).await?;
    Ok(page.live.clone().answer(page))
}

fn live_version(state: &AppState, ctx: &PageCtx, user: &User, id: Uuid) -> LiveVersion {
    LiveVersion::of(
        state,
        Scope::Phase(id),
        Viewer::User(user, ctx.lang),
        Utc::now(),
    )
}

/// The assignee choices for a team: nobody, then its members.
pub fn assignee_choices(ctx: &PageCtx, members: &[(Uuid, String)], selected: &str) -> Vec<Choice> {
    std::iter::once(Choice {
        value: String::new(),
        label: ctx.t("item-unassigned"),
        selected: selected.is_empty(),
    })
    .chain(members.iter().map(|(id, name)| Choice {
        value: id.to_string(),
        label: name.clone(),
        selected: id.to_string() == selected,
    }))
    .collect()
}

/// What a phase page reads: its items, and who they may be assigned to
/// when the viewer may edit them.
struct PhaseData {
    items: Vec<Item>,
    members: Vec<(Uuid, String)>,
}

impl PhaseData {
    async fn read(pool: &PgPool, id: Uuid, editors_of: Option<Uuid>) -> Result<PhaseData> {
        Ok(PhaseData {
            items: items::list_for_phase(pool, id).await?,
            members: match editors_of {
                Some(team) => items::assignable(pool, team).await?,
                None => Vec::new(),
            },
        })
    }
}

/// Draws the page; `row` carries what a refused change on one item left to
/// say, `new_item` a refused "add an item" form. The phase comes from the
/// instance's copy of the plan, its progress from the items listed: one
/// query, two for whoever may edit, whatever the number of items; none when
/// the database did not change since the page was drawn at `read_at`
/// (`snapshot_cache`; a page drawn again after a refused change reads them),
/// and then its rows are held too ([`HeldRows`]).
pub async fn phase_page(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    id: Uuid,
    read_at: Option<&Snapshot>,
    row: Option<(Uuid, RowFeedback)>,
    new_item: Option<(ItemForm, FieldErrors)>,
) -> Result<PhasePage> {
    let live = live_version(state, &ctx, user, id);
    let snapshot = state.plans.get().await?;
    let phase = snapshot.phase(id).ok_or(AppError::NotFound)?;
    let calendar = snapshot.plan.calendar();
    let now = Utc::now();
    let builder = RowBuilder {
        lang: ctx.lang,
        calendar: &calendar,
        viewer: user,
        now,
    };
    let may_edit = user.may_edit_items(phase.team_id);
    let read = || PhaseData::read(&state.db, id, may_edit.then_some(phase.team_id));
    let data = match read_at {
        Some(read_at) => {
            let key = format!("{id}/{may_edit}");
            state.snapshots.get_or_read(read_at, key, read).await?
        }
        None => Arc::new(read().await?),
    };
    let progress = progress_of(&data.items);
    let minute = now.timestamp().div_euclid(60);
    let draw = || HeldRows {
        plan: snapshot.clone(),
        minute,
        rows: builder.rows(data.items.clone()),
    };
    let items = match (read_at, row) {
        (Some(read_at), None) => {
            let key = format!(
                "{id}/{}/{may_edit}/{}",
                ctx.lang.code(),
                tick_pattern(user, &data.items)
            );
            let current = |held: &HeldRows| held.current(&snapshot, minute);
            let drawn = || async { Ok::<_, AppError>(draw()) };
            state
                .snapshots
                .get_or_read_if(read_at, key, current, drawn)
                .await?
        }
        (_, row) => {
            let mut drawn = draw();
            if let Some((item_id, feedback)) = row {
                let item_id = item_id.to_string();
                if let Some(row) = drawn.rows.iter_mut().find(|row| row.id == item_id) {
                    row.feedback = feedback;
                }
            }
            Arc::new(drawn)
        }
    };
    let (form, errors) = new_item.unwrap_or_else(|| {
        let due = ItemForm {
            due_day: phase.end_day.to_string(),
            required: Some("on".into()),
            ..ItemForm::default()
        };
        (due, FieldErrors::new(ctx.lang))
    });
    let lang = ctx.lang;
    let (start, end) = phase.days();
    let phase_state = PhaseState::of(start, end, calendar.today_day(now), progress);
    Ok(PhasePage {
        id: id.to_string(),
        section: phase.section.clone(),
        name: phase.name.clone(),
        team: phase.team_name.clone(),
        days: i18n::span(
            lang.day_and_date(start, calendar.date_of(start)),
            lang.day_and_date(end, calendar.date_of(end)),
        ),
        state: phase_state.as_str(),
        state_label: lang.t(phase_state.label_key()),
        progress_label: lang.t_args(
            "progress-count",
            &[
                ("done", progress.done.into()),
                ("total", progress.total.into()),
            ],
        ),
        required_label: lang.t_args(
            "progress-required",
            &[
                ("done", progress.required_done.into()),
                ("total", progress.required_total.into()),
            ],
        ),
        percent: progress.percent(),
        gate_open: progress.gate_open(),
        items,
        may_edit,
        editor: ItemEditor {
            assignees: assignee_choices(&ctx, &data.members, &form.assignee),
            form,
            errors,
        },
        live,
        ctx,
    })
}

/// A phase's rows as drawn for the viewers who may tick the same items, in
/// one language, from one copy of the plan (its calendar dates them), within
/// one minute (their "5 min ago"): held while the database has not changed.
/// The rows are what a live phase page draws again at each change.
pub struct HeldRows {
    plan: Arc<PlanSnapshot>,
    minute: i64,
    pub rows: Vec<ItemRow>,
}

impl HeldRows {
    /// Whether these rows may be shown at `minute`, `plan` being the
    /// instance's copy of the plan.
    fn current(&self, plan: &Arc<PlanSnapshot>, minute: i64) -> bool {
        self.minute == minute && Arc::ptr_eq(&self.plan, plan)
    }
}

/// Which of `items` `viewer` may tick, one digit an item: what the rows'
/// buttons depend on besides the phase's team, which the editors share.
fn tick_pattern(viewer: &User, items: &[Item]) -> String {
    items
        .iter()
        .map(|item| {
            if viewer.may_tick(ItemScope::of(item)) {
                '1'
            } else {
                '0'
            }
        })
        .collect()
}

/// The phase's progress, counted from its items.
fn progress_of(items: &[Item]) -> Progress {
    items.iter().fold(Progress::default(), |sum, item| {
        let done = item.state == ItemState::Done;
        Progress {
            done: sum.done + i64::from(done),
            total: sum.total + 1,
            required_done: sum.required_done + i64::from(item.required && done),
            required_total: sum.required_total + i64::from(item.required),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan_cache::tests::plan_with;

    #[test]
    fn held_rows_are_drawn_again_each_minute_and_with_each_copy_of_the_plan() {
        let plan = Arc::new(plan_with(Vec::new()));
        let held = HeldRows {
            plan: plan.clone(),
            minute: 10,
            rows: Vec::new(),
        };
        assert!(held.current(&plan, 10));
        assert!(
            !held.current(&plan, 11),
            "a minute later: \"5 min ago\" moved"
        );
        let refreshed = Arc::new(plan_with(Vec::new()));
        assert!(
            !held.current(&refreshed, 10),
            "the plan's copy was read again"
        );
    }
}
