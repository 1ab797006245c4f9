//! Communication actions (the plan's annex): channels, states, and the form.

mod state;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::item::{ItemInvalid, is_one_line};

pub use state::{ActionState, MoveNotOffered, is_late, twin_action_state, twin_item_state};

/// The channel an action goes out on. Stored as its snake_case name, the
/// spelling of the column's check constraint; a stored value it does not
/// name fails to decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Channel {
    Newsletter,
    Facebook,
    X,
    Instagram,
    PressRelease,
    Webinar,
    Website,
    Partners,
}

impl Channel {
    /// Every channel, in the order the form offers them.
    pub const ALL: [Channel; 8] = [
        Channel::Newsletter,
        Channel::Facebook,
        Channel::X,
        Channel::Instagram,
        Channel::PressRelease,
        Channel::Webinar,
        Channel::Website,
        Channel::Partners,
    ];

    /// The value stored in the database and posted by the form.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Newsletter => "newsletter",
            Channel::Facebook => "facebook",
            Channel::X => "x",
            Channel::Instagram => "instagram",
            Channel::PressRelease => "press_release",
            Channel::Webinar => "webinar",
            Channel::Website => "website",
            Channel::Partners => "partners",
        }
    }

    /// Parses the posted value.
    pub fn parse(value: &str) -> Option<Channel> {
        Channel::ALL
            .into_iter()
            .find(|channel| channel.as_str() == value)
    }

    /// The catalog key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Channel::Newsletter => "channel-newsletter",
            Channel::Facebook => "channel-facebook",
            Channel::X => "channel-x",
            Channel::Instagram => "channel-instagram",
            Channel::PressRelease => "channel-press_release",
            Channel::Webinar => "channel-webinar",
            Channel::Website => "channel-website",
            Channel::Partners => "channel-partners",
        }
    }
}

/// An action as its team writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommunicationDraft {
    pub title: String,
    pub channel: Channel,
    pub audience: String,
    pub day: i32,
    pub state: ActionState,
    pub team_id: Uuid,
    pub owner_id: Option<Uuid>,
}

/// What the action form posts, as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CommunicationForm {
    pub title: String,
    pub channel: String,
    pub audience: String,
    pub day: String,
    pub state: String,
    pub team: String,
    pub owner: String,
    pub version: i32,
}

impl CommunicationForm {
    /// Parses the form: the team among `teams`, the owner among `members` of
    /// that team (or none), the day within 0..=`horizon`. Every invalid field
    /// is reported, by field name.
    pub fn parse(
        &self,
        horizon: i32,
        teams: &[Uuid],
        members: &[(Uuid, Uuid)],
    ) -> Result<CommunicationDraft, Vec<(&'static str, ItemInvalid)>> {
        let mut errors = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            errors.push(("title", ItemInvalid::TitleRequired));
        } else if title.chars().count() > 200 {
            errors.push(("title", ItemInvalid::TooLong));
        } else if !is_one_line(title) {
            errors.push(("title", ItemInvalid::ControlCharacters));
        }
        let audience = self.audience.trim();
        if audience.chars().count() > 200 {
            errors.push(("audience", ItemInvalid::TooLong));
        } else if !is_one_line(audience) {
            errors.push(("audience", ItemInvalid::ControlCharacters));
        }
        let channel = Channel::parse(&self.channel);
        if channel.is_none() {
            errors.push(("channel", ItemInvalid::AssigneeOutsideTeam));
        }
        let state = ActionState::parse(&self.state);
        if state.is_none() {
            errors.push(("state", ItemInvalid::UnknownState));
        }
        let day = self
            .day
            .trim()
            .trim_start_matches(['J', 'D', '+'])
            .parse::<i32>()
            .ok()
            .filter(|day| (0..=horizon).contains(day));
        if day.is_none() {
            errors.push(("day", ItemInvalid::DueDayOutOfPlan));
        }
        let team = Uuid::parse_str(&self.team)
            .ok()
            .filter(|team| teams.contains(team));
        if team.is_none() {
            errors.push(("team", ItemInvalid::AssigneeOutsideTeam));
        }
        let owner = match self.owner.trim() {
            "" => Some(None),
            raw => Uuid::parse_str(raw)
                .ok()
                .filter(|owner| {
                    members
                        .iter()
                        .any(|(member, member_team)| member == owner && Some(*member_team) == team)
                })
                .map(Some),
        };
        if owner.is_none() {
            errors.push(("owner", ItemInvalid::AssigneeOutsideTeam));
        }
        match (channel, state, day, team, owner) {
            (Some(channel), Some(state), Some(day), Some(team_id), Some(owner_id))
                if errors.is_empty() =>
            {
                Ok(CommunicationDraft {
                    title: title.to_owned(),
                    channel,
                    audience: audience.to_owned(),
                    day,
                    state,
                    team_id,
                    owner_id,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_and_states_read_back_what_the_form_posts() {
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
        }
        for state in ActionState::ALL {
            assert_eq!(ActionState::parse(state.as_str()), Some(state));
        }
        assert_eq!(Channel::parse("fax"), None);
    }

    #[test]
    fn an_action_needs_a_known_channel_a_plan_day_and_an_owner_of_its_team() {
        let (team, other_team, person) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let form = CommunicationForm {
            title: "Newsletter de lancement".into(),
            channel: "newsletter".into(),
            day: "31".into(),
            state: "planned".into(),
            team: team.to_string(),
            owner: person.to_string(),
            ..CommunicationForm::default()
        };
        let draft = form.parse(60, &[team], &[(person, team)]).unwrap();
        assert_eq!(
            (draft.channel, draft.day, draft.owner_id),
            (Channel::Newsletter, 31, Some(person))
        );
        let fields: Vec<&str> = CommunicationForm {
            channel: "fax".into(),
            day: "99".into(),
            ..form.clone()
        }
        .parse(60, &[team], &[(person, other_team)])
        .unwrap_err()
        .iter()
        .map(|(field, _)| *field)
        .collect();
        assert_eq!(fields, ["channel", "day", "owner"]);
    }

    #[test]
    fn an_action_title_or_audience_with_a_bare_cr_or_a_nul_is_refused() {
        let team = Uuid::new_v4();
        let form = CommunicationForm {
            title: "Newsletter\rBEGIN:VEVENT".into(),
            channel: "newsletter".into(),
            audience: "Joueurs\0".into(),
            day: "31".into(),
            state: "planned".into(),
            team: team.to_string(),
            ..CommunicationForm::default()
        };

        let invalid = form.parse(60, &[team], &[]).unwrap_err();

        assert_eq!(
            invalid,
            [
                ("title", ItemInvalid::ControlCharacters),
                ("audience", ItemInvalid::ControlCharacters)
            ]
        );
    }
}
