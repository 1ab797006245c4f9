//! `GET /communications`: the plan's communication actions by day, late ones
//! marked, filtered by channel, state and owner, each with its next moves.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};
use chrono::Utc;
use uuid::Uuid;

use super::filter::{ActionQuery, OwnerFilter};
use super::view::{ActionRow, RowFeedback};
use crate::auth::CurrentUser;
use crate::db::accounts;
use crate::db::communications::{self, Communication};
use crate::db::plans::Plan;
use crate::db::users::User;
use crate::domain::communication::{ActionState, Channel};
use crate::error::Result;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::form::Choice;
use crate::web::page::PageCtx;

#[derive(Template, WebTemplate)]
#[template(path = "communications/list.html")]
pub(super) struct ListPage {
    ctx: PageCtx,
    today: String,
    rows: Vec<ActionRow>,
    channels: Vec<Choice>,
    states: Vec<Choice>,
    owners: Vec<Choice>,
    /// "8 actions · 2 late".
    summary: String,
    /// The filters, for the export's link and the state forms.
    query: String,
    export: String,
    may_add: bool,
}

pub(super) async fn list_actions(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    RawQuery(raw): RawQuery,
) -> Result<ListPage> {
    let query = ActionQuery::parse(raw.as_deref());
    list_page(&state, &plan, ctx, &user, query, None).await
}

/// The page as `query` filters it, with `feedback` on one row after a refused move.
pub(super) async fn list_page(
    state: &AppState,
    plan: &Plan,
    ctx: PageCtx,
    user: &User,
    query: ActionQuery,
    feedback: Option<(Uuid, RowFeedback)>,
) -> Result<ListPage> {
    let lang = ctx.lang;
    let calendar = plan.calendar();
    let today = calendar.today_day(Utc::now());
    let actions = communications::list(&state.db, plan.id).await?;
    let owners = owner_choices(lang, &actions, query.owner);
    let mut feedback = feedback;
    let rows: Vec<ActionRow> = actions
        .iter()
        .filter(|action| query.keeps(action))
        .map(|action| {
            let mut row = ActionRow::of(lang, &calendar, today, user, action);
            if let Some((_, given)) = feedback.take_if(|(id, _)| *id == action.id) {
                row.feedback = given;
            }
            row
        })
        .collect();
    let late = rows.iter().filter(|row| row.late).count();
    let may_add = accounts::team_choices(&state.db)
        .await?
        .iter()
        .any(|(team, _)| user.may_edit_items(*team));
    Ok(ListPage {
        today: lang.day_and_date(today, calendar.date_of(today)),
        summary: lang.t_args(
            "communications-summary",
            &[("count", rows.len().into()), ("late", late.into())],
        ),
        channels: choices(
            lang,
            "communications-filter-all-channels",
            Channel::ALL.map(|channel| (channel.as_str(), channel.label_key())),
            query.channel.map(Channel::as_str),
        ),
        states: choices(
            lang,
            "communications-filter-all-states",
            ActionState::ALL.map(|state| (state.as_str(), state.label_key())),
            query.state.map(ActionState::as_str),
        ),
        owners,
        export: query.on("/communications.csv"),
        query: query.encoded(),
        may_add,
        rows,
        ctx,
    })
}

/// "All ..." then every value, the chosen one selected.
fn choices<const N: usize>(
    lang: Lang,
    all_key: &str,
    values: [(&'static str, &'static str); N],
    chosen: Option<&str>,
) -> Vec<Choice> {
    std::iter::once(Choice {
        value: String::new(),
        label: lang.t(all_key),
        selected: chosen.is_none(),
    })
    .chain(values.into_iter().map(|(value, key)| Choice {
        value: value.to_owned(),
        label: lang.t(key),
        selected: chosen == Some(value),
    }))
    .collect()
}

/// Everyone, nobody, then each person who owns an action of the plan.
fn owner_choices(
    lang: Lang,
    actions: &[Communication],
    chosen: Option<OwnerFilter>,
) -> Vec<Choice> {
    let mut owners: Vec<(Uuid, &str)> = actions
        .iter()
        .filter_map(|action| action.owner_id.zip(action.owner_name.as_deref()))
        .collect();
    owners.sort_by_key(|(id, name)| (name.to_lowercase(), *id));
    owners.dedup_by_key(|(id, _)| *id);
    let choice = |filter: Option<OwnerFilter>, label: String| Choice {
        value: filter.map(OwnerFilter::value).unwrap_or_default(),
        label,
        selected: filter == chosen,
    };
    [
        choice(None, lang.t("communications-filter-all-owners")),
        choice(
            Some(OwnerFilter::Nobody),
            lang.t("communications-filter-unassigned"),
        ),
    ]
    .into_iter()
    .chain(
        owners
            .into_iter()
            .map(|(id, name)| choice(Some(OwnerFilter::Owner(id)), name.to_owned())),
    )
    .collect()
}
