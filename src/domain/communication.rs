//! Communication actions (the plan's annex): channels, states, and the form.

use serde::Deserialize;
use uuid::Uuid;

use crate::domain::item::ItemInvalid;

/// The channels an action goes out on, as stored.
pub const CHANNELS: [&str; 8] = [
    "newsletter",
    "facebook",
    "x",
    "instagram",
    "press_release",
    "webinar",
    "website",
    "partners",
];

/// Where an action stands, as stored.
pub const STATES: [&str; 4] = ["planned", "in_progress", "done", "cancelled"];

/// An action as its team writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommunicationDraft {
    pub title: String,
    pub channel: &'static str,
    pub audience: String,
    pub day: i32,
    pub state: &'static str,
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

fn known(list: &[&'static str], value: &str) -> Option<&'static str> {
    list.iter().copied().find(|known| *known == value)
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
        }
        let audience = self.audience.trim();
        if audience.chars().count() > 200 {
            errors.push(("audience", ItemInvalid::TooLong));
        }
        let channel = known(&CHANNELS, &self.channel);
        if channel.is_none() {
            errors.push(("channel", ItemInvalid::AssigneeOutsideTeam));
        }
        let state = known(&STATES, &self.state);
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
            ("newsletter", 31, Some(person))
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
}
