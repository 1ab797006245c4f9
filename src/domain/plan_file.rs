//! A whole plan as a file (issue 21): its teams, phases with their anchors
//! and links, items with their states and assignees (by e-mail), risks with
//! their reviews, communication actions and the plan's own words — versioned
//! JSON sealed with a SHA-256 checksum, so that a backup, a move to another
//! installation or the template of the next launch reads back exactly.
//! Nothing in it is an id of this installation: items are named by their
//! phase's section and their place in it, people by their e-mail.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::domain::communication::{ActionState, Channel};
use crate::domain::item::ItemState;
use crate::domain::lang::Lang;
use crate::domain::phase::PhaseStage;
use crate::domain::risk::{Level, RiskStatus, Treatment};
use crate::domain::schedule::{self, Link};

/// What every plan file says it is.
pub const FORMAT: &str = "launch-control/plan";
/// The version of the format this build writes and reads.
pub const VERSION: u32 = 1;

/// A plan file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    pub format: String,
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    /// `sha256:` and the hex digest of the file written with this field empty.
    pub checksum: String,
    pub plan: PlanData,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanData {
    pub name: String,
    pub description: String,
    pub kickoff_date: NaiveDate,
    pub kickoff_confirmed: bool,
    pub time_zone: String,
    pub launch_day: i32,
    pub launch_time: NaiveTime,
    pub horizon_days: i32,
    pub teams: Vec<TeamData>,
    pub phases: Vec<PhaseData>,
    pub communications: Vec<ActionData>,
    pub risks: Vec<RiskData>,
    /// The plan's words in other languages.
    pub terms: Vec<TermData>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamData {
    pub key: String,
    pub name: String,
    pub colour: String,
    pub triages_feedback: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseData {
    pub section: String,
    pub stage: PhaseStage,
    pub name: String,
    pub team: String,
    pub start_day: i32,
    pub end_day: i32,
    pub start_from_launch: Option<i32>,
    pub end_from_launch: Option<i32>,
    /// The phases it starts after, by section, with their lag in days.
    pub after: Vec<LinkData>,
    pub items: Vec<ItemData>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkData {
    pub section: String,
    pub lag: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemData {
    pub group: Option<String>,
    pub title: String,
    pub key: Option<String>,
    pub state: ItemState,
    pub blocked_reason: Option<String>,
    /// The e-mail of the person it is assigned to.
    pub assignee: Option<String>,
    pub due_day: i32,
    pub due_from_launch: Option<i32>,
    pub required: bool,
    pub evidence_url: Option<String>,
    pub done_at: Option<DateTime<Utc>>,
}

/// An item named by its phase's section and its place there, from 1.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRef {
    pub section: String,
    pub number: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionData {
    pub channel: Channel,
    pub title: String,
    pub audience: String,
    pub day: i32,
    pub day_from_launch: Option<i32>,
    pub team: String,
    pub owner: Option<String>,
    pub state: ActionState,
    /// The checklist item it is the twin of.
    pub item: Option<ItemRef>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskData {
    pub title: String,
    pub impact_description: String,
    pub likelihood: i16,
    pub impact: i16,
    pub residual_likelihood: Option<i16>,
    pub residual_impact: Option<i16>,
    pub owner_team: String,
    pub treatment: Treatment,
    pub mitigation: String,
    pub status: RiskStatus,
    pub next_review_day: Option<i32>,
    pub mitigation_items: Vec<ItemRef>,
    pub reviews: Vec<ReviewData>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewData {
    pub reviewer: Option<String>,
    pub reason: String,
    pub likelihood: i16,
    pub impact: i16,
    pub reviewed_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermData {
    pub lang: Lang,
    pub term: String,
    pub translation: String,
}

/// What is wrong with a plan file, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where: "line 3, column 7", or a path ("plan.phases[2].team").
    pub place: String,
    pub what: What,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// Not JSON, or not this shape: serde's words.
    Unreadable(String),
    NotAPlanFile,
    /// Written by a later version of the product.
    NewerVersion(u32),
    /// The checksum does not match the content: changed since exported.
    Checksum,
    UnknownTeam(String),
    UnknownItem(ItemRef),
    UnknownPhase(String),
    SameSection(String),
    SameTeam(String),
    /// A link that would close a cycle of phases.
    Cycle(String),
    /// A day outside 0 and the plan's horizon.
    Day(i32),
    /// A likelihood or impact outside 1–5.
    Level(i16),
    /// Empty where text is required.
    Empty,
    TimeZone(String),
}

impl PlanFile {
    /// `plan` as a sealed file exported at `at`.
    pub fn seal(plan: PlanData, at: DateTime<Utc>) -> PlanFile {
        let mut file = PlanFile {
            format: FORMAT.to_owned(),
            version: VERSION,
            exported_at: at,
            checksum: String::new(),
            plan,
        };
        file.checksum = file.digest();
        file
    }

    /// The checksum of the file as it reads, its own field left empty.
    fn digest(&self) -> String {
        let unsealed = PlanFile {
            checksum: String::new(),
            ..self.clone()
        };
        let bytes = serde_json::to_vec(&unsealed).unwrap_or_default();
        let hash = Sha256::digest(&bytes);
        let hex: String = hash.iter().map(|byte| format!("{byte:02x}")).collect();
        format!("sha256:{hex}")
    }

    /// The file as written to disk: pretty JSON ending in a newline.
    pub fn to_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads `text` and checks it whole: the problems found, or the file.
    pub fn read(text: &str) -> Result<PlanFile, Vec<Problem>> {
        let file: PlanFile = serde_json::from_str(text).map_err(|error| {
            vec![Problem {
                place: format!("line {}, column {}", error.line(), error.column()),
                what: What::Unreadable(error.to_string()),
            }]
        })?;
        let top = |what| Problem {
            place: String::new(),
            what,
        };
        if file.format != FORMAT {
            return Err(vec![top(What::NotAPlanFile)]);
        }
        if file.version > VERSION {
            return Err(vec![top(What::NewerVersion(file.version))]);
        }
        if file.checksum != file.digest() {
            return Err(vec![top(What::Checksum)]);
        }
        let problems = file.plan.problems();
        if problems.is_empty() {
            Ok(file)
        } else {
            Err(problems)
        }
    }
}

impl PlanData {
    /// The template of a new launch made from this plan: its structure,
    /// anchors, links, people and words kept, named `name` with J0 on
    /// `kickoff`; every item to do again, every action planned, every risk
    /// open with no review yet.
    pub fn fresh_copy(mut self, name: String, kickoff: NaiveDate) -> PlanData {
        self.name = name;
        self.kickoff_date = kickoff;
        self.kickoff_confirmed = true;
        for item in self
            .phases
            .iter_mut()
            .flat_map(|phase| phase.items.iter_mut())
        {
            item.state = ItemState::Todo;
            item.blocked_reason = None;
            item.done_at = None;
            item.evidence_url = None;
        }
        for action in &mut self.communications {
            action.state = ActionState::Planned;
        }
        for risk in &mut self.risks {
            risk.status = RiskStatus::Open;
            risk.reviews.clear();
        }
        self
    }

    /// Every item of the plan by its reference.
    fn item_refs(&self) -> BTreeSet<ItemRef> {
        self.phases
            .iter()
            .flat_map(|phase| {
                (1..=phase.items.len()).map(|number| ItemRef {
                    section: phase.section.clone(),
                    number,
                })
            })
            .collect()
    }

    /// Every inconsistency, each with its place.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut at = |place: String, what: What| problems.push(Problem { place, what });
        if self.name.trim().is_empty() {
            at("plan.name".to_owned(), What::Empty);
        }
        if self.time_zone.parse::<chrono_tz::Tz>().is_err() {
            at(
                "plan.time_zone".to_owned(),
                What::TimeZone(self.time_zone.clone()),
            );
        }
        if !(1..=366).contains(&self.horizon_days) {
            at("plan.horizon_days".to_owned(), What::Day(self.horizon_days));
        }
        let in_plan = |day: i32| (0..=self.horizon_days).contains(&day);
        if !(1..=self.horizon_days).contains(&self.launch_day) {
            at("plan.launch_day".to_owned(), What::Day(self.launch_day));
        }
        let mut teams = BTreeSet::new();
        for (index, team) in self.teams.iter().enumerate() {
            if !teams.insert(team.key.as_str()) {
                at(
                    format!("plan.teams[{index}].key"),
                    What::SameTeam(team.key.clone()),
                );
            }
            if team.name.trim().is_empty() {
                at(format!("plan.teams[{index}].name"), What::Empty);
            }
        }
        let known_team = |key: &str| teams.contains(key);
        // Each section names its first phase; a second one is a problem.
        let mut sections: BTreeMap<&str, usize> = BTreeMap::new();
        for (index, phase) in self.phases.iter().enumerate() {
            sections.entry(phase.section.as_str()).or_insert(index);
        }
        let items = self.item_refs();
        let mut links: Vec<Link> = Vec::new();
        let phase_id = |index: usize| Uuid::from_u128(index as u128 + 1);
        for (index, phase) in self.phases.iter().enumerate() {
            let place = format!("plan.phases[{index}]");
            if sections[phase.section.as_str()] != index {
                at(
                    format!("{place}.section"),
                    What::SameSection(phase.section.clone()),
                );
            }
            if phase.name.trim().is_empty() {
                at(format!("{place}.name"), What::Empty);
            }
            if !known_team(&phase.team) {
                at(
                    format!("{place}.team"),
                    What::UnknownTeam(phase.team.clone()),
                );
            }
            for day in [phase.start_day, phase.end_day] {
                if !in_plan(day) || phase.end_day < phase.start_day {
                    at(format!("{place}.end_day"), What::Day(day));
                    break;
                }
            }
            for (link_index, link) in phase.after.iter().enumerate() {
                let link_place = format!("{place}.after[{link_index}]");
                let Some(before) = sections.get(link.section.as_str()) else {
                    at(link_place, What::UnknownPhase(link.section.clone()));
                    continue;
                };
                let link = Link {
                    before: phase_id(*before),
                    after: phase_id(index),
                    lag: link.lag,
                };
                if schedule::cycle_through(&links, link).is_some() {
                    at(link_place, What::Cycle(phase.section.clone()));
                } else {
                    links.push(link);
                }
            }
            for (item_index, item) in phase.items.iter().enumerate() {
                let item_place = format!("{place}.items[{item_index}]");
                if item.title.trim().is_empty() {
                    at(format!("{item_place}.title"), What::Empty);
                }
                if !in_plan(item.due_day) {
                    at(format!("{item_place}.due_day"), What::Day(item.due_day));
                }
            }
        }
        for (index, action) in self.communications.iter().enumerate() {
            let place = format!("plan.communications[{index}]");
            if action.title.trim().is_empty() {
                at(format!("{place}.title"), What::Empty);
            }
            if !known_team(&action.team) {
                at(
                    format!("{place}.team"),
                    What::UnknownTeam(action.team.clone()),
                );
            }
            if !in_plan(action.day) {
                at(format!("{place}.day"), What::Day(action.day));
            }
            if let Some(item) = action.item.as_ref().filter(|item| !items.contains(item)) {
                at(format!("{place}.item"), What::UnknownItem(item.clone()));
            }
        }
        for (index, risk) in self.risks.iter().enumerate() {
            let place = format!("plan.risks[{index}]");
            if risk.title.trim().is_empty() {
                at(format!("{place}.title"), What::Empty);
            }
            if !known_team(&risk.owner_team) {
                at(
                    format!("{place}.owner_team"),
                    What::UnknownTeam(risk.owner_team.clone()),
                );
            }
            let levels = [
                Some(risk.likelihood),
                Some(risk.impact),
                risk.residual_likelihood,
                risk.residual_impact,
            ];
            let reviewed = risk
                .reviews
                .iter()
                .flat_map(|review| [Some(review.likelihood), Some(review.impact)]);
            for level in levels.into_iter().chain(reviewed).flatten() {
                if Level::stored(level).is_none() {
                    at(place.clone(), What::Level(level));
                }
            }
            for (item_index, item) in risk.mitigation_items.iter().enumerate() {
                if !items.contains(item) {
                    at(
                        format!("{place}.mitigation_items[{item_index}]"),
                        What::UnknownItem(item.clone()),
                    );
                }
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> PlanData {
        PlanData {
            name: "Launch".to_owned(),
            description: String::new(),
            kickoff_date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            kickoff_confirmed: true,
            time_zone: "Europe/Paris".to_owned(),
            launch_day: 10,
            launch_time: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            horizon_days: 20,
            teams: vec![TeamData {
                key: "ops".to_owned(),
                name: "Ops".to_owned(),
                colour: "#2563eb".to_owned(),
                triages_feedback: false,
            }],
            phases: ["1.1", "1.2"]
                .into_iter()
                .map(|section| PhaseData {
                    section: section.to_owned(),
                    stage: PhaseStage::Deployment,
                    name: format!("Phase {section}"),
                    team: "ops".to_owned(),
                    start_day: 1,
                    end_day: 4,
                    start_from_launch: None,
                    end_from_launch: None,
                    after: Vec::new(),
                    items: vec![ItemData {
                        group: None,
                        title: "Do it".to_owned(),
                        key: None,
                        state: ItemState::Todo,
                        blocked_reason: None,
                        assignee: None,
                        due_day: 4,
                        due_from_launch: None,
                        required: true,
                        evidence_url: None,
                        done_at: None,
                    }],
                })
                .collect(),
            communications: Vec::new(),
            risks: Vec::new(),
            terms: Vec::new(),
        }
    }

    fn at() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    #[test]
    fn a_sealed_file_reads_back_as_written() {
        let file = PlanFile::seal(plan(), at());
        assert!(file.checksum.starts_with("sha256:"));
        assert_eq!(PlanFile::read(&file.to_text()), Ok(file));
    }

    #[test]
    fn a_changed_byte_breaks_the_checksum() {
        let text = PlanFile::seal(plan(), at()).to_text();
        let changed = text.replacen("Do it", "Do It", 1);
        let problems = PlanFile::read(&changed).unwrap_err();
        assert_eq!(problems[0].what, What::Checksum);
    }

    #[test]
    fn every_problem_is_listed_with_its_place() {
        let mut plan = plan();
        plan.phases[1].section = "1.1".to_owned();
        plan.phases[0].team = "dev".to_owned();
        plan.phases[0].after.push(LinkData {
            section: "1.1".to_owned(),
            lag: 0,
        });
        plan.phases[0].items[0].due_day = 99;
        let problems = PlanFile::read(&PlanFile::seal(plan, at()).to_text()).unwrap_err();
        let places: Vec<&str> = problems.iter().map(|p| p.place.as_str()).collect();
        assert_eq!(
            places,
            [
                "plan.phases[0].team",
                "plan.phases[0].after[0]",
                "plan.phases[0].items[0].due_day",
                "plan.phases[1].section",
            ]
        );
        assert_eq!(problems[1].what, What::Cycle("1.1".to_owned()));
    }

    #[test]
    fn a_file_of_a_later_version_or_another_kind_is_refused() {
        let mut file = PlanFile::seal(plan(), at());
        file.version = VERSION + 1;
        file.checksum = file.digest();
        let problems = PlanFile::read(&file.to_text()).unwrap_err();
        assert_eq!(problems[0].what, What::NewerVersion(VERSION + 1));
        let problems = PlanFile::read("{\"plan\": 1}").unwrap_err();
        assert!(matches!(problems[0].what, What::Unreadable(_)));
        assert_eq!(problems[0].place, "line 1, column 10");
    }

    #[test]
    fn a_fresh_copy_keeps_the_structure_and_resets_every_state() {
        let mut done = plan();
        done.phases[0].after.push(LinkData {
            section: "1.2".to_owned(),
            lag: 2,
        });
        done.phases[0].start_from_launch = Some(-3);
        let item = &mut done.phases[0].items[0];
        item.state = ItemState::Done;
        item.done_at = Some(at());
        item.evidence_url = Some("https://ci.example.org/1".to_owned());
        item.assignee = Some("ana@example.org".to_owned());
        done.phases[1].items[0].state = ItemState::Blocked;
        done.phases[1].items[0].blocked_reason = Some("waiting".to_owned());
        done.communications.push(ActionData {
            channel: Channel::Newsletter,
            title: "News".to_owned(),
            audience: String::new(),
            day: 3,
            day_from_launch: None,
            team: "ops".to_owned(),
            owner: None,
            state: ActionState::Done,
            item: None,
        });
        done.risks.push(RiskData {
            title: "Outage".to_owned(),
            impact_description: String::new(),
            likelihood: 2,
            impact: 4,
            residual_likelihood: None,
            residual_impact: None,
            owner_team: "ops".to_owned(),
            treatment: Treatment::Mitigate,
            mitigation: String::new(),
            status: RiskStatus::Closed,
            next_review_day: Some(5),
            mitigation_items: Vec::new(),
            reviews: vec![ReviewData {
                reviewer: None,
                reason: "fine".to_owned(),
                likelihood: 2,
                impact: 4,
                reviewed_at: at(),
            }],
        });
        let kickoff = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();

        let copy = done.clone().fresh_copy("Launch 2".to_owned(), kickoff);

        assert_eq!(
            (copy.name.as_str(), copy.kickoff_date),
            ("Launch 2", kickoff)
        );
        assert!(copy.kickoff_confirmed);
        assert_eq!(copy.phases[0].after, done.phases[0].after, "links kept");
        assert_eq!(copy.phases[0].start_from_launch, Some(-3), "anchors kept");
        let items: Vec<&ItemData> = copy.phases.iter().flat_map(|p| &p.items).collect();
        assert!(items.iter().all(|item| item.state == ItemState::Todo
            && item.done_at.is_none()
            && item.blocked_reason.is_none()
            && item.evidence_url.is_none()));
        assert_eq!(items[0].assignee.as_deref(), Some("ana@example.org"));
        assert_eq!(copy.communications[0].state, ActionState::Planned);
        assert_eq!(copy.risks[0].status, RiskStatus::Open);
        assert!(copy.risks[0].reviews.is_empty());
        assert_eq!(
            copy.risks[0].likelihood, 2,
            "the scores are the last estimate"
        );
    }
}
