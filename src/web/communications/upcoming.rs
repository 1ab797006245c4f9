//! Today's communication actions and the next three, for the countdown and
//! the wall screen: what goes out now and what comes next.

use crate::db::communications::Communication;
use crate::domain::calendar::Calendar;
use crate::domain::communication::ActionState;
use crate::i18n::Lang;

/// How many actions after today are shown.
const NEXT: usize = 3;

/// The actions of today and the next ones, cancelled actions left out.
#[derive(Debug, Default)]
pub struct Upcoming {
    pub today: Vec<UpcomingAction>,
    pub next: Vec<UpcomingAction>,
}

/// An action as one line.
#[derive(Debug)]
pub struct UpcomingAction {
    /// "J+31 · dim. 27 déc."
    pub when: String,
    pub channel: String,
    pub title: String,
    pub audience: String,
    pub team: String,
    /// The stored state, for the badge's class.
    pub state: &'static str,
    pub state_label: String,
}

impl Upcoming {
    /// Lays out `actions`, in the order of their days, around plan day `today`.
    pub fn of(lang: Lang, calendar: &Calendar, today: i64, actions: &[Communication]) -> Upcoming {
        let line = |action: &Communication| {
            let day = i64::from(action.day);
            UpcomingAction {
                when: lang.day_and_date(day, calendar.date_of(day)),
                channel: lang.t(action.channel.label_key()),
                title: action.title.clone(),
                audience: action.audience.clone(),
                team: action.team_name.clone(),
                state: action.state.as_str(),
                state_label: lang.t(action.state.label_key()),
            }
        };
        let going = || {
            actions
                .iter()
                .filter(|action| action.state != ActionState::Cancelled)
        };
        Upcoming {
            today: going()
                .filter(|action| i64::from(action.day) == today)
                .map(line)
                .collect(),
            next: going()
                .filter(|action| i64::from(action.day) > today)
                .take(NEXT)
                .map(line)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};
    use uuid::Uuid;

    use super::*;
    use crate::domain::communication::Channel;

    fn action(day: i32, title: &str, state: ActionState) -> Communication {
        Communication {
            id: Uuid::new_v4(),
            plan_id: Uuid::nil(),
            channel: Channel::Newsletter,
            title: title.to_owned(),
            audience: String::new(),
            day,
            team_id: Uuid::nil(),
            team_name: "Marketing".to_owned(),
            team_colour: "#000".to_owned(),
            owner_id: None,
            owner_name: None,
            state,
            version: 1,
            item_id: None,
            item_title: None,
        }
    }

    #[test]
    fn today_holds_the_days_actions_and_next_the_three_after_it() {
        let calendar = Calendar {
            kickoff: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            time_zone: chrono_tz::Europe::Paris,
            launch_day: 31,
            launch_time: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            horizon: 60,
        };
        let actions = [
            action(22, "Site", ActionState::Planned),
            action(24, "Teaser", ActionState::Done),
            action(26, "Annulée", ActionState::Cancelled),
            action(26, "Campagne", ActionState::Planned),
            action(27, "Kit", ActionState::Planned),
            action(31, "Newsletter", ActionState::Planned),
            action(31, "Communiqué", ActionState::Planned),
        ];
        let upcoming = Upcoming::of(Lang::Fr, &calendar, 24, &actions);
        let titles = |lines: &[UpcomingAction]| -> Vec<String> {
            lines.iter().map(|line| line.title.clone()).collect()
        };
        assert_eq!(titles(&upcoming.today), ["Teaser"]);
        assert_eq!(titles(&upcoming.next), ["Campagne", "Kit", "Newsletter"]);
        assert!(upcoming.next[0].when.starts_with("J+26"));
    }
}
