//! `GET /work`: the queue's page, its filter form, its counts per state and
//! its rows, items and communication actions alike.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};
use std::collections::HashMap;

use super::Queue;
use super::entry::Entry;
use super::filter::AssigneeFilter;
use super::kind::Kind;
use super::state::WorkState;
use crate::auth::CurrentUser;
use crate::db::work::Facet;
use crate::domain::calendar::Calendar;
use crate::error::Result;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::form::Choice;
use crate::web::page::PageCtx;

#[derive(Template, WebTemplate)]
#[template(path = "work/list.html")]
pub(super) struct WorkPage {
    ctx: PageCtx,
    today: String,
    teams: Vec<Choice>,
    phases: Vec<Choice>,
    kinds: Vec<Choice>,
    states: Vec<Choice>,
    assignees: Vec<Choice>,
    required: bool,
    open: bool,
    late: bool,
    blocked: bool,
    due_within: String,
    text: String,
    /// "12 items and 3 communication actions".
    summary: String,
    /// "All 42", then each state with its count, each a link.
    counts: Vec<CountLink>,
    /// Whether the counts hold actions: the page then says how states meet.
    counts_actions: bool,
    export: String,
    rows: Vec<WorkRow>,
}

/// A state's count, linked to the queue of that state.
pub(super) struct CountLink {
    label: String,
    count: usize,
    href: String,
    current: bool,
}

/// One item or action of the queue, ready to draw.
pub(super) struct WorkRow {
    /// `item` or `action`: its class, and its id's prefix.
    kind: &'static str,
    id: String,
    href: String,
    title: String,
    /// An action's marker: "Action · Newsletter".
    marker: Option<String>,
    /// An action's checklist twin: its link and title.
    twin: Option<(String, String)>,
    /// Where it belongs: an item's phase, an action's communication plan.
    place_href: String,
    place: String,
    team: String,
    /// The item's assignee, the action's owner.
    assignee: Option<String>,
    due: String,
    state: &'static str,
    state_label: String,
    late: bool,
    reason: Option<String>,
}

pub(super) async fn list_work(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    RawQuery(raw): RawQuery,
) -> Result<WorkPage> {
    let lang = ctx.lang;
    let calendar = plan.calendar();
    let queue = Queue::load(&state, &plan, user.id, raw.as_deref()).await?;
    let team_names: HashMap<_, _> = queue
        .teams
        .iter()
        .map(|team| (team.id, ctx.term(&team.name)))
        .collect();
    let rows = queue
        .entries
        .iter()
        .map(|entry| row(lang, &calendar, queue.today, &team_names, entry))
        .collect();
    let query = &queue.query;
    let total = queue.counts.iter().map(|(_, count)| count).sum();
    let counts = std::iter::once(CountLink {
        label: lang.t("work-all-states"),
        count: total,
        href: query.with_state(None).on("/work"),
        current: query.state.is_none(),
    })
    .chain(queue.counts.iter().map(|(state, count)| CountLink {
        label: lang.t(state.label_key()),
        count: *count,
        href: query.with_state(Some(*state)).on("/work"),
        current: query.state == Some(*state),
    }))
    .collect();
    let all = |key: &str, chosen: bool| Choice {
        value: String::new(),
        label: lang.t(key),
        selected: chosen,
    };
    let states = std::iter::once(all("work-all-states", query.state.is_none()))
        .chain(WorkState::ALL.iter().map(|state| Choice {
            value: state.as_str().to_owned(),
            label: lang.t(state.label_key()),
            selected: query.state == Some(*state),
        }))
        .collect();
    let kinds = std::iter::once(all("work-all-kinds", query.kind.is_none()))
        .chain(
            [
                (Kind::Items, "work-kind-items"),
                (Kind::Actions, "work-kind-actions"),
            ]
            .map(|(kind, key)| Choice {
                value: kind.value().to_owned(),
                label: lang.t(key),
                selected: query.kind == Some(kind),
            }),
        )
        .collect();
    let shown = |kind: Kind| {
        queue
            .entries
            .iter()
            .filter(|entry| entry.kind() == kind)
            .count()
    };
    let summary = lang.t_args(
        "work-summary",
        &[
            ("items", shown(Kind::Items).into()),
            ("actions", shown(Kind::Actions).into()),
        ],
    );
    let assignees = std::iter::once(all("work-anyone", query.assignee.is_none()))
        .chain(
            [
                (AssigneeFilter::Me, "work-assignee-me"),
                (AssigneeFilter::Nobody, "work-unassigned"),
            ]
            .map(|(filter, key)| Choice {
                value: filter.value().to_owned(),
                label: lang.t(key),
                selected: query.assignee == Some(filter),
            }),
        )
        .collect();
    Ok(WorkPage {
        today: lang.day_and_date(queue.today, calendar.date_of(queue.today)),
        teams: facet_choices(
            &ctx,
            all("work-all-teams", query.team.is_none()),
            &queue.teams,
            query.team.as_deref(),
        ),
        phases: facet_choices(
            &ctx,
            all("work-all-phases", query.phase.is_none()),
            &queue.phases,
            query.phase.as_deref(),
        ),
        kinds,
        states,
        assignees,
        required: query.required,
        open: query.open,
        late: query.late,
        blocked: query.blocked,
        due_within: query
            .due_within
            .map(|days| days.to_string())
            .unwrap_or_default(),
        text: query.text.clone().unwrap_or_default(),
        summary,
        counts,
        counts_actions: query.admits(Kind::Actions),
        export: query.on("/work.csv"),
        rows,
        ctx,
    })
}

/// "All ..." then each team or phase, the chosen one selected.
fn facet_choices(
    ctx: &PageCtx,
    all: Choice,
    facets: &[Facet],
    chosen: Option<&str>,
) -> Vec<Choice> {
    std::iter::once(all)
        .chain(facets.iter().map(|facet| Choice {
            value: facet.key.clone(),
            label: ctx.term(&facet.name).to_owned(),
            selected: chosen.is_some_and(|key| facet.key.eq_ignore_ascii_case(key)),
        }))
        .collect()
}

fn row(
    lang: Lang,
    calendar: &Calendar,
    today: i64,
    team_names: &HashMap<uuid::Uuid, &str>,
    entry: &Entry,
) -> WorkRow {
    let due = entry.day();
    let due = lang.day_and_date(due, calendar.date_of(due));
    let late = entry.is_late(today);
    let team = |id| team_names.get(&id).copied().unwrap_or_default().to_owned();
    match entry {
        Entry::Item(item) => WorkRow {
            kind: "item",
            id: item.id.to_string(),
            href: format!("/items/{}", item.id),
            title: item.title.clone(),
            marker: None,
            twin: None,
            place_href: format!("/phases/{}", item.phase_id),
            place: format!("{} {}", item.phase_section, item.phase_name),
            team: team(item.team_id),
            assignee: item.assignee_name.clone(),
            due,
            state: item.state.as_str(),
            state_label: lang.t(item.state.label_key()),
            late,
            reason: item.blocked_reason.clone(),
        },
        Entry::Action(action) => WorkRow {
            kind: "action",
            id: action.id.to_string(),
            href: format!("/communications/{}", action.id),
            title: action.title.clone(),
            marker: Some(lang.t_args(
                "work-action-marker",
                &[("channel", lang.t(action.channel.label_key()).into())],
            )),
            twin: action
                .item_id
                .zip(action.item_title.clone())
                .map(|(id, title)| (format!("/items/{id}"), title)),
            place_href: "/communications".to_owned(),
            place: lang.t("communications-title"),
            team: action.team_name.clone(),
            assignee: action.owner_name.clone(),
            due,
            state: action.state.as_str(),
            state_label: lang.t(action.state.label_key()),
            late,
            reason: None,
        },
    }
}
