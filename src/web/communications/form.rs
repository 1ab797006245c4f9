//! The action form of `/communications/new` and `/communications/{id}`:
//! drawn with its choices, read back into a draft.

use askama::Template;
use askama_web::WebTemplate;
use uuid::Uuid;

use crate::db::accounts;
use crate::db::communications::{self, Communication};
use crate::db::users::User;
use crate::domain::change::ActionFields;
use crate::domain::communication::{ActionState, Channel, CommunicationDraft, CommunicationForm};
use crate::error::Result;
use crate::state::AppState;
use crate::web::comments::Thread;
use crate::web::form::{Choice, FieldErrors};
use crate::web::page::PageCtx;

#[derive(Template, WebTemplate)]
#[template(path = "communications/form.html")]
pub(super) struct ActionPage {
    ctx: PageCtx,
    action: String,
    form: CommunicationForm,
    errors: FieldErrors,
    channels: Vec<Choice>,
    states: Vec<Choice>,
    teams: Vec<Choice>,
    owners: Vec<Choice>,
    conflict: Option<String>,
    pub(super) editable: bool,
    /// A stored action's comments; none on the new action's form.
    pub(super) thread: Option<Thread>,
}

fn choices(ctx: &PageCtx, values: &[&str], prefix: &str, selected: &str) -> Vec<Choice> {
    values
        .iter()
        .map(|value| Choice {
            value: (*value).to_owned(),
            label: ctx.t(&format!("{prefix}-{value}")),
            selected: *value == selected,
        })
        .collect()
}

/// The teams `user` may give an action to: all for admins, their own for leads.
pub(super) async fn editable_teams(state: &AppState, user: &User) -> Result<Vec<(Uuid, String)>> {
    let teams = accounts::team_choices(&state.db).await?;
    Ok(teams
        .into_iter()
        .filter(|(id, _)| user.may_edit_items(*id))
        .collect())
}

pub(super) async fn action_page(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    action: String,
    form: CommunicationForm,
    errors: Option<FieldErrors>,
    conflict: Option<String>,
) -> Result<ActionPage> {
    let teams = editable_teams(state, user).await?;
    let owners = communications::possible_owners(&state.db).await?;
    let team_choices = teams
        .iter()
        .map(|(id, name)| Choice {
            value: id.to_string(),
            label: ctx.term(name).to_owned(),
            selected: id.to_string() == form.team,
        })
        .collect();
    let owner_choices = std::iter::once(Choice {
        value: String::new(),
        label: ctx.t("item-unassigned"),
        selected: form.owner.is_empty(),
    })
    .chain(
        owners
            .iter()
            .filter(|(_, team, _)| team.to_string() == form.team)
            .map(|(id, _, name)| Choice {
                value: id.to_string(),
                label: name.clone(),
                selected: id.to_string() == form.owner,
            }),
    )
    .collect();
    Ok(ActionPage {
        channels: choices(
            &ctx,
            &Channel::ALL.map(Channel::as_str),
            "channel",
            &form.channel,
        ),
        states: choices(
            &ctx,
            &ActionState::ALL.map(ActionState::as_str),
            "communication-state",
            &form.state,
        ),
        teams: team_choices,
        owners: owner_choices,
        errors: errors.unwrap_or_else(|| FieldErrors::new(ctx.lang)),
        editable: !teams.is_empty(),
        thread: None,
        conflict,
        action,
        form,
        ctx,
    })
}

pub(super) fn form_of(action: &Communication) -> CommunicationForm {
    CommunicationForm {
        title: action.title.clone(),
        channel: action.channel.as_str().to_owned(),
        audience: action.audience.clone(),
        day: action.day.to_string(),
        state: action.state.as_str().to_owned(),
        team: action.team_id.to_string(),
        owner: action.owner_id.map(|id| id.to_string()).unwrap_or_default(),
        version: action.version,
    }
}

/// Parses the form for `user`, or the errors to show beside its fields.
pub(super) async fn parse(
    state: &AppState,
    ctx: &PageCtx,
    user: &User,
    form: &CommunicationForm,
) -> Result<Result<CommunicationDraft, FieldErrors>> {
    let plan = state.plans.plan().await?;
    let teams: Vec<Uuid> = editable_teams(state, user)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let members: Vec<(Uuid, Uuid)> = communications::possible_owners(&state.db)
        .await?
        .into_iter()
        .map(|(id, team, _)| (id, team))
        .collect();
    Ok(form
        .parse(plan.horizon_days, &teams, &members)
        .map_err(|invalid| {
            let mut errors = FieldErrors::new(ctx.lang);
            for (field, why) in invalid {
                errors.add(field, why.key());
            }
            errors
        }))
}

pub(super) fn stored_fields(action: &Communication) -> ActionFields {
    ActionFields {
        title: action.title.clone(),
        channel: action.channel,
        day: action.day,
        state: action.state,
    }
}

pub(super) fn draft_fields(draft: &CommunicationDraft) -> ActionFields {
    ActionFields {
        title: draft.title.clone(),
        channel: draft.channel,
        day: draft.day,
        state: draft.state,
    }
}
