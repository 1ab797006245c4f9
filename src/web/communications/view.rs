//! An action as a row of `/communications`: its day in both counts, its
//! facts, whether it is late, and the moves its reader may make.

use uuid::Uuid;

use crate::db::communications::Communication;
use crate::db::users::User;
use crate::domain::calendar::Calendar;
use crate::domain::communication::{ActionState, is_late};
use crate::i18n::Lang;

/// What the last post said about a row: a conflict or a refused move.
#[derive(Debug, Default)]
pub struct RowFeedback {
    /// The move that was not applied, for the conflict message.
    pub conflict: Option<String>,
    pub refused: Option<String>,
}

/// A one-click move: the state posted and its button's label.
#[derive(Debug)]
pub struct Move {
    pub state: &'static str,
    pub label: String,
}

/// A row of the page.
#[derive(Debug)]
pub struct ActionRow {
    pub id: Uuid,
    /// "J+22 · mar. 18 déc."
    pub when: String,
    pub title: String,
    pub channel: String,
    pub audience: String,
    pub team: String,
    pub owner: Option<String>,
    pub state: &'static str,
    pub state_label: String,
    pub late: bool,
    /// The checklist twin, as (link, title).
    pub twin: Option<(String, String)>,
    pub version: i32,
    pub moves: Vec<Move>,
    pub feedback: RowFeedback,
}

/// The catalog key of the button that moves an action to `state`.
fn move_key(state: ActionState) -> &'static str {
    match state {
        ActionState::Planned => "communication-move-planned",
        ActionState::InProgress => "communication-move-in_progress",
        ActionState::Done => "communication-move-done",
        ActionState::Cancelled => "communication-move-cancelled",
    }
}

impl ActionRow {
    /// The row of `action` for `user`, on plan day `today`.
    pub fn of(
        lang: Lang,
        calendar: &Calendar,
        today: i64,
        user: &User,
        action: &Communication,
    ) -> ActionRow {
        let day = i64::from(action.day);
        let moves = if user.may_edit_items(action.team_id) {
            action
                .state
                .moves()
                .iter()
                .map(|state| Move {
                    state: state.as_str(),
                    label: lang.t(move_key(*state)),
                })
                .collect()
        } else {
            Vec::new()
        };
        ActionRow {
            id: action.id,
            when: lang.day_and_date(day, calendar.date_of(day)),
            title: action.title.clone(),
            channel: lang.t(action.channel.label_key()),
            audience: action.audience.clone(),
            team: action.team_name.clone(),
            owner: action.owner_name.clone(),
            state: action.state.as_str(),
            state_label: lang.t(action.state.label_key()),
            late: is_late(action.state, day, today),
            twin: action
                .item_id
                .zip(action.item_title.clone())
                .map(|(id, title)| (format!("/items/{id}"), title)),
            version: action.version,
            moves,
            feedback: RowFeedback::default(),
        }
    }
}
