//! A plan document read into a plan file (issue 21): the Markdown a launch
//! team writes before any tool — like `seed/lootopia-launch-plan.md` — with
//! headings for its sections and phases, bullets for the items (a bold label
//! opening a bullet with bullets under it names their group), the calendar table
//! giving each phase its days and team, the risks with their impact and
//! mitigation, and the communication channels its launch bullets name.
//! French and English headings both read. Every line that says something
//! this reading cannot place is kept with its number, for the preview.
//!
//! Written by hand rather than over a Markdown crate: the document's meaning
//! lives in a handful of line shapes (headings, bullets and their depth,
//! table rows, numbered risks), and each unread line must keep its number.

use chrono::{NaiveDate, NaiveTime};

use crate::domain::communication::{ActionState, Channel};
use crate::domain::item::ItemState;
use crate::domain::phase::PhaseStage;
use crate::domain::plan_file::{ActionData, ItemData, PhaseData, PlanData, RiskData, TeamData};
use crate::domain::risk::{RiskStatus, Treatment};

/// What a document gives: the plan — every item to do, every action
/// planned, every risk open and to mitigate — and what could not be read.
#[derive(Debug)]
pub struct Reading {
    pub plan: PlanData,
    pub unread: Vec<Unread>,
    /// Sections left out on purpose (a conclusion, the annexes): their
    /// heading's line and text.
    pub skipped: Vec<(usize, String)>,
}

/// A line of the document that could not be read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unread {
    /// Its number, from 1.
    pub line: usize,
    pub text: String,
    pub why: Why,
}

/// Why a line was not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Text where a heading, bullet or table row was expected.
    NotUnderstood,
    /// A bullet under a stage before any phase heading.
    OutsidePhase,
    /// A phase heading without its section number ("2.1").
    NoSection,
    /// A calendar row whose days are not "J+n" or "J+n - J+m".
    BadDays,
    /// A calendar row naming no phase of the document.
    UnknownPhase,
    /// A phase the calendar gives no days: it is left out with its items.
    NoDays,
    /// A second phase with the same section number.
    SameSection,
}

impl Why {
    /// The catalog key of its message.
    pub fn key(self) -> &'static str {
        match self {
            Why::NotUnderstood => "import-why-not-understood",
            Why::OutsidePhase => "import-why-outside-phase",
            Why::NoSection => "import-why-no-section",
            Why::BadDays => "import-why-bad-days",
            Why::UnknownPhase => "import-why-unknown-phase",
            Why::NoDays => "import-why-no-days",
            Why::SameSection => "import-why-same-section",
        }
    }
}

/// The settings a document does not give, taken from the installation.
#[derive(Clone, Debug)]
pub struct Defaults {
    /// J0 until an admin confirms it.
    pub kickoff: NaiveDate,
    pub time_zone: String,
    pub launch_time: NaiveTime,
}

/// The colours given to the teams, in the order they appear.
const PALETTE: [&str; 8] = [
    "#2563eb", "#7c3aed", "#0f766e", "#be185d", "#b45309", "#15803d", "#b91c1c", "#475569",
];

/// The first estimate of a risk the document does not score.
const UNSCORED: i16 = 3;

/// What a second-level heading opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// Before the first section, or a section with nothing to read.
    Preamble,
    Objectives,
    Stage(PhaseStage),
    Calendar,
    Risks,
    Skipped,
}

/// Words of section headings, in French and English, lower case.
fn part_of(title: &str) -> Part {
    let title = title.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|word| title.contains(word));
    if has(&["objectif", "objective", "goal"]) {
        Part::Objectives
    } else if has(&["calendrier", "calendar", "schedule", "planning"]) {
        Part::Calendar
    } else if has(&["risque", "risk"]) {
        Part::Risks
    } else if has(&["déploiement", "deploiement", "deployment"]) {
        Part::Stage(PhaseStage::Deployment)
    } else if has(&["lancement", "launch"]) {
        Part::Stage(PhaseStage::Launch)
    } else {
        Part::Skipped
    }
}

/// The words that name a communication channel in a launch bullet.
const CHANNEL_WORDS: [(Channel, &[&str]); 8] = [
    (
        Channel::Website,
        &[
            "site de présentation",
            "site web",
            "website",
            "landing page",
        ],
    ),
    (Channel::Newsletter, &["newsletter", "lettre d'information"]),
    (Channel::Facebook, &["facebook"]),
    (Channel::X, &["twitter"]),
    (Channel::Instagram, &["instagram"]),
    (
        Channel::PressRelease,
        &["communiqué de presse", "press release"],
    ),
    (
        Channel::Webinar,
        &["webinaire", "webinar", "live streaming"],
    ),
    (Channel::Partners, &["partenaire", "partner"]),
];

/// Text without Markdown's bold marks, trimmed.
fn plain(text: &str) -> String {
    text.replace("**", "").replace("__", "").trim().to_owned()
}

/// A bullet line: its depth (leading spaces) and text.
fn bullet(line: &str) -> Option<(usize, &str)> {
    let text = line.trim_start();
    let depth = line.len() - text.len();
    let text = text
        .strip_prefix("- ")
        .or_else(|| text.strip_prefix("* "))
        .or_else(|| text.strip_prefix("+ "))?;
    Some((depth, text))
}

/// A numbered line ("1. **Title** :"): its text.
fn numbered(line: &str) -> Option<&str> {
    let text = line.trim_start();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    text[digits..]
        .strip_prefix(". ")
        .or_else(|| text[digits..].strip_prefix(") "))
}

/// A bullet's bold label and what follows it: "**Sécurité** :" gives
/// ("Sécurité", ""), "**Impact** : Retard." gives ("Impact", "Retard.").
fn labelled(text: &str) -> Option<(String, String)> {
    let rest = text.trim_start().strip_prefix("**")?;
    let (label, after) = rest.split_once("**")?;
    let label = label.trim().trim_end_matches(':').trim();
    let after = after.trim_start();
    let after = after.strip_prefix(':').unwrap_or(after);
    (!label.is_empty()).then(|| (label.to_owned(), plain(after)))
}

/// A heading's section number and title: "2.1 Préparation" gives
/// (Some("2.1"), "Préparation"); a title without a number gives None.
fn numbered_title(heading: &str) -> (Option<String>, String) {
    let heading = plain(heading);
    let (first, rest) = heading.split_once(' ').unwrap_or((heading.as_str(), ""));
    let number = first.trim_end_matches('.');
    if !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit() || c == '.')
        && number.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        (Some(number.to_owned()), rest.trim().to_owned())
    } else {
        (None, heading)
    }
}

/// The days of a calendar cell: "J+1 - J+5", "J+31", "D+1 – D+5".
fn days(cell: &str) -> Option<(i32, i32)> {
    let numbers: Vec<i32> = cell
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '+'))
        .filter(|word| !word.is_empty())
        .map(|word| {
            word.strip_prefix(['J', 'j', 'D', 'd'])
                .map(|rest| rest.trim_start_matches('+'))
                .and_then(|number| number.parse().ok())
        })
        .collect::<Option<Vec<i32>>>()?;
    match numbers[..] {
        [day] => Some((day, day)),
        [start, end] if start <= end => Some((start, end)),
        _ => None,
    }
}

/// A team's name in a calendar cell, without "Équipe" / "team".
fn team_name(cell: &str) -> String {
    let cell = plain(cell);
    let lower = cell.to_lowercase();
    for prefix in ["équipe ", "equipe ", "team "] {
        if lower.starts_with(prefix) {
            return cell[prefix.len()..].trim().to_owned();
        }
    }
    // The suffix is ASCII: its bytes end `cell` as they end `lower`.
    if lower.ends_with(" team") {
        cell[..cell.len() - " team".len()].trim().to_owned()
    } else {
        cell
    }
}

/// A team's key: its name in lower-case ASCII, words joined by dashes.
fn team_key(name: &str) -> String {
    let folded: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            c if c.is_ascii_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    let key = folded.split_whitespace().collect::<Vec<_>>().join("-");
    if key.is_empty() {
        "team".to_owned()
    } else {
        key
    }
}

/// A phase as read, before the calendar gives its days and team.
struct PhaseDraft {
    line: usize,
    section: String,
    stage: PhaseStage,
    name: String,
    /// Group and title.
    items: Vec<(Option<String>, String)>,
}

/// A calendar row: its line, the phase it names, its days and team.
struct Row {
    line: usize,
    text: String,
    name: String,
    days: Option<(i32, i32)>,
    team: String,
}

/// Reads `document`.
pub fn read(document: &str, defaults: &Defaults) -> Reading {
    let mut name = String::new();
    let mut objectives: Vec<String> = Vec::new();
    let mut phases: Vec<PhaseDraft> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut risks: Vec<RiskData> = Vec::new();
    let mut unread: Vec<Unread> = Vec::new();
    let mut skipped: Vec<(usize, String)> = Vec::new();
    let mut part = Part::Preamble;
    // The group the bullets under a labelled bullet belong to.
    let mut group: Option<String> = None;
    let mut table_header_seen = false;

    let lines: Vec<&str> = document.lines().collect();
    for (index, raw) in lines.iter().enumerate() {
        let number = index + 1;
        let line = raw.trim_end();
        let text = line.trim();
        let mut not_read = |why: Why| {
            unread.push(Unread {
                line: number,
                text: text.to_owned(),
                why,
            });
        };
        if text.is_empty() || text.chars().all(|c| matches!(c, '-' | '*' | '_')) {
            continue;
        }
        if let Some(title) = text.strip_prefix("# ") {
            if name.is_empty() {
                name = plain(title);
            }
            continue;
        }
        if let Some(title) = text.strip_prefix("## ") {
            part = part_of(&plain(title));
            group = None;
            table_header_seen = false;
            if part == Part::Skipped {
                skipped.push((number, plain(title)));
            }
            continue;
        }
        if let Some(title) = text.strip_prefix("### ") {
            group = None;
            match part {
                Part::Stage(stage) => match numbered_title(title) {
                    (Some(section), phase_name) => {
                        if phases.iter().any(|phase| phase.section == section) {
                            not_read(Why::SameSection);
                        } else {
                            phases.push(PhaseDraft {
                                line: number,
                                section,
                                stage,
                                name: phase_name,
                                items: Vec::new(),
                            });
                        }
                    }
                    (None, _) => not_read(Why::NoSection),
                },
                _ => {
                    // A sub-heading of its section ("5.1 Risques identifiés"),
                    // unless it opens a part of its own ("Annexes").
                    if part_of(&plain(title)) == Part::Skipped && numbered_title(title).0.is_none()
                    {
                        part = Part::Skipped;
                        skipped.push((number, plain(title)));
                    }
                }
            }
            continue;
        }
        match part {
            Part::Skipped => {}
            Part::Preamble => not_read(Why::NotUnderstood),
            Part::Objectives => match bullet(line) {
                Some((_, item)) => objectives.push(format!("- {}", plain(item))),
                None => objectives.push(plain(text)),
            },
            Part::Stage(_) => {
                let Some((depth, item)) = bullet(line) else {
                    not_read(Why::NotUnderstood);
                    continue;
                };
                let Some(phase) = phases.last_mut() else {
                    not_read(Why::OutsidePhase);
                    continue;
                };
                let has_children = lines[index + 1..]
                    .iter()
                    .find(|next| !next.trim().is_empty())
                    .and_then(|next| bullet(next))
                    .is_some_and(|(below, _)| below > depth);
                let (item_group, title) = if depth == 0 {
                    match labelled(item) {
                        // "**Label** : text" alone is one item, read whole.
                        Some((_, rest)) if !rest.is_empty() && !has_children => {
                            group = None;
                            (None, plain(item))
                        }
                        Some((label, rest)) => {
                            group = Some(label.clone());
                            (Some(label), rest)
                        }
                        None => {
                            group = None;
                            (None, plain(item))
                        }
                    }
                } else {
                    (group.clone(), plain(item))
                };
                if !title.is_empty() {
                    phase.items.push((item_group, title));
                }
            }
            Part::Calendar => {
                if !text.starts_with('|') {
                    not_read(Why::NotUnderstood);
                    continue;
                }
                let cells: Vec<&str> = text.trim_matches('|').split('|').map(str::trim).collect();
                if cells
                    .iter()
                    .all(|cell| cell.chars().all(|c| matches!(c, '-' | ':' | ' ')))
                {
                    continue;
                }
                if !table_header_seen {
                    table_header_seen = true;
                    continue;
                }
                match cells[..] {
                    [phase, when, team, ..] => rows.push(Row {
                        line: number,
                        text: text.to_owned(),
                        name: plain(phase),
                        days: days(when),
                        team: team_name(team),
                    }),
                    _ => not_read(Why::NotUnderstood),
                }
            }
            Part::Risks => {
                if let Some(title) = numbered(line) {
                    let title = plain(title).trim_end_matches(':').trim().to_owned();
                    risks.push(RiskData {
                        title,
                        impact_description: String::new(),
                        likelihood: UNSCORED,
                        impact: UNSCORED,
                        residual_likelihood: None,
                        residual_impact: None,
                        owner_team: String::new(),
                        treatment: Treatment::Mitigate,
                        mitigation: String::new(),
                        status: RiskStatus::Open,
                        next_review_day: None,
                        mitigation_items: Vec::new(),
                        reviews: Vec::new(),
                    });
                    continue;
                }
                let field = bullet(line).and_then(|(_, item)| labelled(item));
                let (Some((label, value)), Some(risk)) = (field, risks.last_mut()) else {
                    not_read(Why::NotUnderstood);
                    continue;
                };
                match label.to_lowercase().as_str() {
                    "impact" => risk.impact_description = value,
                    "mitigation" | "atténuation" | "attenuation" => risk.mitigation = value,
                    _ => not_read(Why::NotUnderstood),
                }
            }
        }
    }

    // The calendar gives each phase its days and team, by name.
    let mut dated: Vec<(PhaseDraft, (i32, i32), String)> = Vec::new();
    let mut teams: Vec<TeamData> = Vec::new();
    let mut used_rows = vec![false; rows.len()];
    for phase in phases {
        let wanted = phase.name.to_lowercase();
        let found = rows.iter().enumerate().find(|(at, row)| {
            let named = row.name.to_lowercase();
            !used_rows[*at] && !named.is_empty() && wanted.starts_with(&named)
        });
        let Some((at, row)) = found else {
            unread.push(Unread {
                line: phase.line,
                text: format!("{} {}", phase.section, phase.name),
                why: Why::NoDays,
            });
            continue;
        };
        used_rows[at] = true;
        let Some(span) = row.days else {
            continue;
        };
        let key = team_key(&row.team);
        if !teams.iter().any(|team| team.key == key) {
            teams.push(TeamData {
                key: key.clone(),
                name: row.team.clone(),
                colour: PALETTE[teams.len() % PALETTE.len()].to_owned(),
                triages_feedback: false,
            });
        }
        dated.push((phase, span, key));
    }
    for (row, used) in rows.iter().zip(&used_rows) {
        let why = match (row.days, used) {
            (None, _) => Why::BadDays,
            (Some(_), false) => Why::UnknownPhase,
            (Some(_), true) => continue,
        };
        unread.push(Unread {
            line: row.line,
            text: row.text.clone(),
            why,
        });
    }
    unread.sort_by_key(|line| line.line);

    // Launch day: the first one-day phase of the launch stage, else the
    // launch stage's first day, else the day after the last phase.
    let launch_phase = dated
        .iter()
        .find(|(phase, (start, end), _)| phase.stage == PhaseStage::Launch && start == end);
    let last_day = dated.iter().map(|(_, (_, end), _)| *end).max().unwrap_or(0);
    let launch_day = launch_phase
        .map(|(_, (start, _), _)| *start)
        .or_else(|| {
            dated
                .iter()
                .filter(|(phase, ..)| phase.stage == PhaseStage::Launch)
                .map(|(_, (start, _), _)| *start)
                .min()
        })
        .unwrap_or(last_day + 1)
        .max(1);
    let horizon_days = last_day.max(launch_day);
    // The team of the last phase after launch supports the public: it
    // triages their feedback.
    if let Some((_, _, key)) = dated
        .iter()
        .rev()
        .find(|(phase, (start, _), _)| phase.stage == PhaseStage::Launch && *start > launch_day)
        && let Some(team) = teams.iter_mut().find(|team| &team.key == key)
    {
        team.triages_feedback = true;
    }

    let mut communications = Vec::new();
    let mut phase_entries = Vec::new();
    for (phase, (start_day, end_day), team) in dated {
        let on_launch = start_day == launch_day && end_day == launch_day;
        let after_launch = start_day > launch_day && phase.stage == PhaseStage::Launch;
        if phase.stage == PhaseStage::Launch {
            for (_, title) in &phase.items {
                let lower = title.to_lowercase();
                for (channel, words) in CHANNEL_WORDS {
                    if words.iter().any(|word| lower.contains(word)) {
                        communications.push(ActionData {
                            channel,
                            title: title.clone(),
                            audience: String::new(),
                            day: end_day,
                            day_from_launch: on_launch.then_some(0),
                            team: team.clone(),
                            owner: None,
                            state: ActionState::Planned,
                            item: None,
                        });
                    }
                }
            }
        }
        // Items are due on their phase's last day, and move with it when
        // it is anchored to launch.
        let end_from_launch = on_launch.then_some(0);
        phase_entries.push(PhaseData {
            section: phase.section,
            stage: phase.stage,
            name: phase.name,
            team,
            start_day,
            end_day,
            start_from_launch: if on_launch {
                Some(0)
            } else {
                after_launch.then(|| start_day - launch_day)
            },
            end_from_launch,
            after: Vec::new(),
            items: phase
                .items
                .into_iter()
                .map(|(group, title)| ItemData {
                    group,
                    title,
                    key: None,
                    state: ItemState::Todo,
                    blocked_reason: None,
                    assignee: None,
                    due_day: end_day,
                    due_from_launch: end_from_launch,
                    required: true,
                    evidence_url: None,
                    done_at: None,
                })
                .collect(),
        });
    }
    // A risk names no owner: the team of the first phase holds it until
    // someone says otherwise.
    let owner = teams
        .first()
        .map(|team| team.key.clone())
        .unwrap_or_default();
    for risk in &mut risks {
        risk.owner_team.clone_from(&owner);
    }

    Reading {
        plan: PlanData {
            name,
            description: objectives.join("\n"),
            kickoff_date: defaults.kickoff,
            kickoff_confirmed: false,
            time_zone: defaults.time_zone.clone(),
            launch_day,
            launch_time: defaults.launch_time,
            horizon_days,
            teams,
            phases: phase_entries,
            communications,
            risks,
            terms: Vec::new(),
        },
        unread,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Defaults {
        Defaults {
            kickoff: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            time_zone: "Europe/Paris".to_owned(),
            launch_time: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        }
    }

    const SEED_DOCUMENT: &str = include_str!("../seed/lootopia-launch-plan.md");

    #[test]
    fn the_seed_document_reads_whole() {
        let reading = read(SEED_DOCUMENT, &defaults());
        assert_eq!(reading.unread, [], "every line read");
        let skipped: Vec<&str> = reading.skipped.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(skipped, ["6. Conclusion", "Annexes"]);
        let plan = &reading.plan;
        assert_eq!(plan.name, "Plan de Déploiement et de Lancement de Lootopia");
        assert_eq!(plan.description.lines().count(), 3);
        assert_eq!((plan.launch_day, plan.horizon_days), (31, 60));
        let teams: Vec<(&str, &str, bool)> = plan
            .teams
            .iter()
            .map(|t| (t.key.as_str(), t.name.as_str(), t.triages_feedback))
            .collect();
        assert_eq!(
            teams,
            [
                ("devops", "DevOps", false),
                ("developpement", "Développement", false),
                ("qa", "QA", false),
                ("marketing", "Marketing", false),
                ("support", "Support", true),
            ]
        );
        let launch = &plan.phases[6];
        assert_eq!(
            (
                launch.section.as_str(),
                launch.start_from_launch,
                launch.end_from_launch
            ),
            ("3.2", Some(0), Some(0))
        );
        assert_eq!(plan.phases[7].start_from_launch, Some(1));
        assert_eq!(plan.phases[7].end_from_launch, None);
        let first = &plan.phases[0].items[0];
        assert_eq!(
            (first.group.as_deref(), first.title.as_str()),
            (
                None,
                "Sélection de l'Hébergeur : Utilisation de Microsoft Azure pour l'hébergement de la plateforme."
            ),
            "a labelled bullet without bullets under it is one item"
        );
        let second = &plan.phases[0].items[1];
        assert_eq!(second.group.as_deref(), Some("Configuration des Serveurs"));
        let risk = &plan.risks[1];
        assert_eq!(risk.title, "Indisponibilité du Serveur");
        assert_eq!(
            risk.impact_description,
            "Perte de confiance des utilisateurs."
        );
        assert!(
            risk.mitigation
                .starts_with("Configuration de serveurs de secours")
        );
        let launch_day_actions: Vec<&str> = plan
            .communications
            .iter()
            .filter(|action| action.day_from_launch == Some(0))
            .map(|action| action.channel.as_str())
            .collect();
        assert_eq!(
            launch_day_actions,
            ["webinar", "newsletter", "press_release"]
        );
    }

    #[test]
    fn an_english_document_reads_the_same_way() {
        let document = "# Launch plan\n\n## 1. Goals\n\n- Ship it.\n\n## 2. Deployment steps\n\n\
            ### 2.1 Servers\n\n- **Security** :\n  - Set up HTTPS.\n- Buy a domain.\n\n\
            ## 3. Launch steps\n\n### 3.1 Launch day\n\n- Send the newsletter.\n\n\
            ## 4. Schedule\n\n| Step | Date | Owner |\n| --- | --- | --- |\n\
            | Servers | D+1 - D+4 | Ops team |\n| Launch day | D+6 | Marketing team |\n\n\
            ## 5. Risks\n\n1. **Outage** :\n   - **Impact** : Users leave.\n   - **Mitigation** : Standby.\n";
        let reading = read(document, &defaults());
        assert_eq!(reading.unread, []);
        let plan = reading.plan;
        assert_eq!(plan.description, "- Ship it.");
        let phases: Vec<(&str, i32, i32, &str)> = plan
            .phases
            .iter()
            .map(|p| (p.section.as_str(), p.start_day, p.end_day, p.team.as_str()))
            .collect();
        assert_eq!(phases, [("2.1", 1, 4, "ops"), ("3.1", 6, 6, "marketing")]);
        let items: Vec<(Option<&str>, &str)> = plan.phases[0]
            .items
            .iter()
            .map(|i| (i.group.as_deref(), i.title.as_str()))
            .collect();
        assert_eq!(
            items,
            [(Some("Security"), "Set up HTTPS."), (None, "Buy a domain.")]
        );
        assert_eq!(plan.launch_day, 6);
        assert_eq!(plan.communications[0].channel, Channel::Newsletter);
        assert_eq!(plan.risks[0].mitigation, "Standby.");
    }

    #[test]
    fn lines_it_cannot_place_are_kept_with_their_number() {
        let document = "# Plan\n## 2. Déploiement\n- Perdu avant toute phase.\n\
            ### 2.1 Serveurs\nUne phrase au lieu d'une puce.\n- Acheter un domaine.\n\
            ### Sans numéro\n### 2.2 Réseau\n### 2.1 Encore\n## 4. Calendrier\n\
            | Étape | Date | Responsable |\n|---|---|---|\n\
            | Serveurs | bientôt | Équipe Ops |\n| Fantôme | J+3 | Équipe Ops |\n";
        let reading = read(document, &defaults());
        let unread: Vec<(usize, Why)> = reading.unread.iter().map(|u| (u.line, u.why)).collect();
        assert_eq!(
            unread,
            [
                (3, Why::OutsidePhase),
                (5, Why::NotUnderstood),
                (7, Why::NoSection),
                (8, Why::NoDays),
                (9, Why::SameSection),
                (13, Why::BadDays),
                (14, Why::UnknownPhase),
            ]
        );
        assert!(reading.plan.phases.is_empty(), "neither phase has days");
    }

    #[test]
    fn calendar_days_read_in_both_languages() {
        assert_eq!(days("J+1 - J+5"), Some((1, 5)));
        assert_eq!(days("D+11 – D+15"), Some((11, 15)));
        assert_eq!(days("J+31"), Some((31, 31)));
        assert_eq!(days("J+5 - J+1"), None);
        assert_eq!(days("bientôt"), None);
        assert_eq!(days("J+1 - J+2 - J+3"), None);
    }

    #[test]
    fn team_names_lose_their_team_word_and_keys_their_accents() {
        assert_eq!(team_name("Équipe DevOps"), "DevOps");
        assert_eq!(team_name("Marketing team"), "Marketing");
        assert_eq!(team_key("Développement"), "developpement");
        assert_eq!(team_key("Relations Presse"), "relations-presse");
    }
}
