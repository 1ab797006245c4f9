//! What each change carries: the JSON objects of its row's `before` and
//! `after` columns. The field names are those of the rows written before
//! changes were typed, so that every stored row still reads.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::communication::{ActionState, Channel};
use crate::domain::feedback::{Category, Status};
use crate::domain::golive::Vote;
use crate::domain::item::ItemState;
use crate::domain::lang::Lang;
use crate::domain::risk::{RiskStatus, Treatment};
use crate::domain::role::Role;
use crate::domain::verdict::Decision;

/// Where an item stands: the feed shows the move from one to the other.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemStatus {
    pub title: String,
    pub state: ItemState,
    /// Why it is blocked.
    pub reason: Option<String>,
    /// The link to what shows it done, when the change set one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_url: Option<String>,
    /// The API token the change came through, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

/// An item's editable fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemFields {
    pub title: String,
    pub group: Option<String>,
    pub due_day: i32,
    pub required: bool,
    pub assignee_id: Option<Uuid>,
    pub evidence_url: Option<String>,
}

/// An item moved one place within its phase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemMove {
    pub title: String,
    pub direction: Direction,
}

/// Which way an item moved in its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
}

/// A communication action's fields the feed and the audit keep.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionFields {
    pub title: String,
    pub channel: Channel,
    pub day: i32,
    pub state: ActionState,
}

/// Where a communication action stands: the feed shows the move from one to the other.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionStatus {
    pub title: String,
    pub state: ActionState,
}

/// A risk's assessment and ownership.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskFields {
    pub title: String,
    pub likelihood: i16,
    pub impact: i16,
    pub residual_likelihood: Option<i16>,
    pub residual_impact: Option<i16>,
    pub owner_team_id: Uuid,
    pub treatment: Treatment,
    pub status: RiskStatus,
    pub next_review_day: Option<i32>,
}

/// A risk's scores around a review; after it, why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskReview {
    pub title: String,
    pub likelihood: i16,
    pub impact: i16,
    pub next_review_day: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A checklist item linked to (or unlinked from) a risk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskItemLink {
    /// The risk's title.
    pub title: String,
    pub item_id: Uuid,
    /// The item's title.
    pub item: String,
}

/// A new piece of feedback, without its message (personal data stays in its row).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEntry {
    pub category: Category,
    pub rating: i16,
    pub source: EntrySource,
    /// The API token it came through (a support widget), by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

/// Who entered a piece of feedback.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntrySource {
    /// The public form.
    Public,
    /// The support team, on someone's behalf.
    Support,
}

/// A piece of feedback's triage status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryStatus {
    pub status: Status,
}

/// Who handles a piece of feedback.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryAssignee {
    pub assignee_id: Option<Uuid>,
}

/// The risk a piece of feedback is linked to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRisk {
    pub risk_id: Option<Uuid>,
}

/// The checklist item a piece of feedback is linked to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryItem {
    pub item_id: Option<Uuid>,
}

/// A tag on a piece of feedback.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryTag {
    pub tag: String,
}

/// A comment, as the feed and the audit keep it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentText {
    /// Rows of feedback notes written before comments call it `note_id`.
    #[serde(alias = "note_id")]
    pub comment_id: Uuid,
    /// The name of what it is on; empty on feedback, which stays anonymous.
    #[serde(default)]
    pub title: String,
    /// Its text; empty on feedback, whose notes may quote personal data
    /// that stays in its row.
    #[serde(default)]
    pub body: String,
    /// The users it mentions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Uuid>,
}

/// Where a duplicate went, and how many the original then counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryMerge {
    pub merged_into_id: Option<Uuid>,
    pub original_duplicate_count: i32,
}

/// The plan a poll was opened for, by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollTitle {
    pub title: String,
}

/// A team's previous vote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamVote {
    /// The team's name.
    pub title: String,
    pub vote: Vote,
}

/// A vote as cast.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CastVote {
    /// The team's name.
    pub title: String,
    pub team_id: Uuid,
    pub vote_id: Uuid,
    pub vote: Vote,
    /// The lead's comment, empty when none.
    pub reason: String,
    pub accepted_risk_id: Option<Uuid>,
    pub decide_again_on: Option<NaiveDate>,
}

/// A closed poll's decision and what held it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollDecision {
    /// The plan's name.
    pub title: String,
    pub decision: Decision,
    /// Teams that had not voted.
    pub waiting: Vec<String>,
    /// Teams that voted No-Go.
    pub no_go: Vec<String>,
    /// Required items still open.
    pub open_required: i64,
}

/// The plan's settings as the settings form shows them (the day as typed,
/// the time as `HH:MM`), the spelling of the rows written so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFields {
    /// The plan's name.
    pub title: String,
    /// Absent from the rows written before plans had one.
    #[serde(default)]
    pub description: String,
    pub kickoff_date: String,
    pub launch_day: String,
    pub launch_time: String,
    pub time_zone: String,
}

/// A wall screen, by name (never with its link's secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Screen {
    pub screen: Uuid,
    pub name: String,
}

/// What a plan file brought.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanImport {
    pub name: String,
    pub kickoff_date: NaiveDate,
    pub phases: usize,
    pub items: usize,
    pub risks: usize,
}

/// A new account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAccount {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub team_id: Option<Uuid>,
    /// How it was made, when not by an admin's form.
    pub via: Option<AccountOrigin>,
}

/// How an account was made without an admin's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountOrigin {
    /// The first admin, through the setup link.
    Setup,
    /// The `user create` command.
    Cli,
}

/// An account's fields an admin edits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountFields {
    pub name: String,
    pub role: Role,
    pub team_id: Option<Uuid>,
}

/// Whether an account may sign in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Access {
    pub disabled: bool,
}

/// A user's chosen language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Language {
    pub language: Lang,
}

/// How someone now wants to be told of some kinds of notification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenDeliveries {
    pub choices: Vec<ChosenDelivery>,
}

/// One kind of notification (`mention`...) and how it is delivered
/// (`inbox`, `email`), as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenDelivery {
    pub kind: String,
    pub delivery: String,
}

/// How many notifications someone marked read at once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkedRead {
    pub count: i64,
}

/// The address a refused sign-in gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginAttempt {
    pub email: String,
}

/// A webhook as the history keeps it: its host only, since a chat
/// service's URL is itself a secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookFields {
    pub host: String,
    /// `standard` or `chat`.
    pub format: String,
    /// The kinds of change it receives.
    pub kinds: Vec<String>,
}

/// Whether a webhook is sent to, and its failures in a row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookAccess {
    pub host: String,
    pub disabled: bool,
    pub failures: i32,
}

/// A change sent again to a webhook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redelivery {
    pub host: String,
    /// The change's event.
    pub event_id: i64,
}

/// An open item whose due day passed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lateness {
    pub title: String,
    pub due_day: i32,
}

/// A risk whose review day came.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDue {
    pub title: String,
    pub day: i32,
}

/// An API token as the history keeps it (never its secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenFields {
    pub name: String,
    /// The team a service token acts for.
    pub team_id: Option<Uuid>,
    /// The person a personal token acts for.
    pub owner_id: Option<Uuid>,
    pub scopes: Vec<String>,
}

/// A phase's fields as an edit changes them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseFields {
    pub section: String,
    pub name: String,
    pub team_id: Uuid,
    pub start_day: i32,
    pub end_day: i32,
}

/// A finish-to-start link: the phase starts no sooner than `lag` days after
/// the phase `before` (its section and name) ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseLink {
    pub section: String,
    pub before_section: String,
    pub before_name: String,
    pub lag: i32,
}

/// An item taken from a phase being removed to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rehoming {
    pub title: String,
    /// The removed phase's section, and the one it went to.
    pub from_section: String,
    pub to_section: String,
}

/// A removed phase: its fields, and where its items went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseRemoval {
    pub phase: PhaseFields,
    /// How many open (not trashed) items it had.
    pub items: i64,
    /// The phase its items went to (or will be restored to, from the trash).
    pub to_section: Option<String>,
    /// Whether they went to the trash rather than to that phase.
    pub trashed: bool,
}
