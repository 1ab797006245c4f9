//! A change as a row of `activity_events`, and a row read back as a change.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Change, ChangeKind, Commentable, LiveLink, Subject};

/// The columns of a change's row (its plan, actor and time aside).
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    pub kind: &'static str,
    pub subject_type: &'static str,
    pub subject_id: Option<Uuid>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// A stored row this version cannot read as a change: a kind it does not
/// know, a payload that does not fit its kind, or a missing subject.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unreadable {kind} change: {why}")]
pub struct Unreadable {
    pub kind: String,
    pub why: String,
}

/// Whether a user belongs to a plan, before and after.
#[derive(Serialize, Deserialize)]
struct Membership {
    plan: Uuid,
    member: bool,
}

/// Whether a plan is archived, before and after.
#[derive(Serialize, Deserialize)]
struct Archival {
    archived: bool,
}

/// How many live links a link event counts, before and after.
#[derive(Serialize, Deserialize)]
struct LiveLinks {
    live_links: u64,
}

fn json(payload: &impl Serialize) -> serde_json::Result<Option<Value>> {
    serde_json::to_value(payload).map(Some)
}

impl Change {
    /// Its row's columns. Serialising a payload fails only if a type in it
    /// cannot be written as JSON, which none of them is.
    pub fn columns(&self) -> serde_json::Result<Columns> {
        let (before, after) = match self {
            Change::ItemStateChanged { before, after, .. } => (json(before)?, json(after)?),
            Change::ItemCreated { after, .. } => (None, json(after)?),
            Change::ItemUpdated { before, after, .. } => (json(before)?, json(after)?),
            Change::ItemDeleted { before, .. } => (json(before)?, None),
            Change::ItemMoved { after, .. } => (None, json(after)?),
            Change::ItemRestored { after, .. } => (None, json(after)?),
            Change::ItemPurged { before, .. } => (json(before)?, None),
            Change::CommunicationCreated { after, .. } => (None, json(after)?),
            Change::CommunicationUpdated { before, after, .. } => (json(before)?, json(after)?),
            Change::CommunicationStateChanged { before, after, .. } => {
                (json(before)?, json(after)?)
            }
            Change::CommunicationDeleted { before, .. } => (json(before)?, None),
            Change::CommunicationRestored { after, .. } => (None, json(after)?),
            Change::CommunicationPurged { before, .. } => (json(before)?, None),
            Change::RiskCreated { after, .. } => (None, json(after)?),
            Change::RiskUpdated { before, after, .. } => (json(before)?, json(after)?),
            Change::RiskReviewed { before, after, .. } => (json(before)?, json(after)?),
            Change::RiskReviewDue { after, .. } => (None, json(after)?),
            Change::ItemLate { after, .. } => (None, json(after)?),
            Change::ItemRehomed { after, .. } => (None, json(after)?),
            Change::RiskItemLinked { after, .. } => (None, json(after)?),
            Change::RiskItemUnlinked { before, .. } => (json(before)?, None),
            Change::FeedbackCreated { after, .. } => (None, json(after)?),
            Change::FeedbackStatusChanged { before, after, .. } => (json(before)?, json(after)?),
            Change::FeedbackAssigned { before, after, .. } => (json(before)?, json(after)?),
            Change::FeedbackRiskLinked { before, after, .. } => (json(before)?, json(after)?),
            Change::FeedbackItemLinked { before, after, .. } => (json(before)?, json(after)?),
            Change::FeedbackTagAdded { after, .. } => (None, json(after)?),
            Change::FeedbackTagRemoved { before, .. } => (json(before)?, None),
            Change::FeedbackMerged { before, after, .. } => (json(before)?, json(after)?),
            Change::Commented { after, .. } => (None, json(after)?),
            Change::CommentEdited { before, after, .. } => (json(before)?, json(after)?),
            Change::CommentDeleted { before, .. } => (json(before)?, None),
            Change::PollOpened { after, .. } => (None, json(after)?),
            Change::VoteCast { before, after, .. } => (
                before.as_ref().map(json).transpose()?.flatten(),
                json(after)?,
            ),
            Change::PollDecided { after, .. } => (Some(json!({ "open": true })), json(after)?),
            Change::PlanUpdated { before, after, .. } => (json(before)?, json(after)?),
            Change::PlanImported { after, .. } => (None, json(after)?),
            Change::PlanArchived { archived, .. } => (
                json(&Archival {
                    archived: !archived,
                })?,
                json(&Archival {
                    archived: *archived,
                })?,
            ),
            Change::LinkIssued { revoked, .. } => (
                json(&LiveLinks {
                    live_links: *revoked,
                })?,
                json(&LiveLinks { live_links: 1 })?,
            ),
            Change::MyCalendarLinkIssued { revoked, .. } => (
                json(&LiveLinks {
                    live_links: *revoked,
                })?,
                json(&LiveLinks { live_links: 1 })?,
            ),
            Change::MyCalendarLinkRevoked { revoked, .. } => (
                json(&LiveLinks {
                    live_links: *revoked,
                })?,
                json(&LiveLinks { live_links: 0 })?,
            ),
            Change::LinkRevoked { revoked, .. } => (
                json(&LiveLinks {
                    live_links: *revoked,
                })?,
                json(&LiveLinks { live_links: 0 })?,
            ),
            Change::ScreenCreated { after, .. } => (None, json(after)?),
            Change::ScreenRevoked { before, .. } => (json(before)?, None),
            Change::PhaseCreated { after, .. } => (None, json(after)?),
            Change::PhaseUpdated { before, after, .. } => (json(before)?, json(after)?),
            Change::PhaseLinked { after, .. } => (None, json(after)?),
            Change::PhaseUnlinked { before, .. } => (json(before)?, None),
            Change::PhaseRemoved { before, .. } => (json(before)?, None),
            Change::UserCreated { after, .. } => (None, json(after)?),
            Change::UserEdited { before, after, .. } => (json(before)?, json(after)?),
            Change::UserAccessChanged { before, after, .. } => (json(before)?, json(after)?),
            Change::UserMembership { plan, member, .. } => (
                json(&Membership {
                    plan: *plan,
                    member: !member,
                })?,
                json(&Membership {
                    plan: *plan,
                    member: *member,
                })?,
            ),
            Change::LoginFailed { after } => (None, json(after)?),
            Change::LanguageChanged { after, .. } => (None, json(after)?),
            Change::NotificationsRead { after, .. } => (None, json(after)?),
            Change::NotificationsChosen { after, .. } => (None, json(after)?),
            Change::WebhookCreated { after, .. } => (None, json(after)?),
            Change::WebhookDeleted { before, .. } => (json(before)?, None),
            Change::WebhookAccessChanged { before, after, .. } => (json(before)?, json(after)?),
            Change::WebhookRedelivered { after, .. } => (None, json(after)?),
            Change::TokenIssued { after, .. } => (None, json(after)?),
            Change::TokenRevoked { before, .. } => (json(before)?, None),
            Change::PasswordResetIssued { .. }
            | Change::PasswordReset { .. }
            | Change::PasswordChanged { .. }
            | Change::LoggedIn { .. }
            | Change::LoggedOut { .. }
            | Change::LoggedOutEverywhere { .. } => (None, None),
        };
        let (subject, subject_id) = self.subject();
        Ok(Columns {
            kind: self.kind().as_str(),
            subject_type: subject.as_str(),
            subject_id,
            before,
            after,
        })
    }

    /// The change a stored row records. The row's `subject_type` follows from
    /// its kind and is not read.
    pub fn from_columns(
        kind: &str,
        subject_id: Option<Uuid>,
        before: Option<Value>,
        after: Option<Value>,
    ) -> Result<Change, Unreadable> {
        let Some(known) = ChangeKind::parse(kind) else {
            return Err(Unreadable {
                kind: kind.to_owned(),
                why: "unknown kind".to_owned(),
            });
        };
        let mut row = Row {
            kind: known,
            subject_id,
            before,
            after,
        };
        let change = row.read()?;
        // A vote, a decision or a role says its own kind: both must agree.
        if change.kind() != known {
            return Err(row.unreadable(format!(
                "its payload is a {} change",
                change.kind().as_str()
            )));
        }
        Ok(change)
    }
}

/// A row being read.
struct Row {
    kind: ChangeKind,
    subject_id: Option<Uuid>,
    before: Option<Value>,
    after: Option<Value>,
}

impl Row {
    fn unreadable(&self, why: String) -> Unreadable {
        Unreadable {
            kind: self.kind.as_str().to_owned(),
            why,
        }
    }

    fn id(&self) -> Result<Uuid, Unreadable> {
        self.subject_id
            .ok_or_else(|| self.unreadable("no subject id".to_owned()))
    }

    fn payload<T: DeserializeOwned>(
        &self,
        column: &str,
        value: Option<Value>,
    ) -> Result<T, Unreadable> {
        serde_json::from_value(value.unwrap_or(Value::Null))
            .map_err(|error| self.unreadable(format!("{column}: {error}")))
    }

    fn before<T: DeserializeOwned>(&mut self) -> Result<T, Unreadable> {
        let value = self.before.take();
        self.payload("before", value)
    }

    fn after<T: DeserializeOwned>(&mut self) -> Result<T, Unreadable> {
        let value = self.after.take();
        self.payload("after", value)
    }

    /// What a comment's row is on: its kind's subject, its subject id.
    fn commentable(&self) -> Result<Commentable, Unreadable> {
        let id = self.id()?;
        Ok(match self.kind.subject() {
            Subject::Item => Commentable::Item(id),
            Subject::Risk => Commentable::Risk(id),
            Subject::Communication => Commentable::Communication(id),
            Subject::Feedback => Commentable::Feedback(id),
            other => return Err(self.unreadable(format!("no comments on a {}", other.as_str()))),
        })
    }

    fn revoked(&mut self) -> Result<u64, Unreadable> {
        Ok(self.before::<LiveLinks>()?.live_links)
    }

    fn read(&mut self) -> Result<Change, Unreadable> {
        use ChangeKind as K;
        Ok(match self.kind {
            K::ItemStateChanged => Change::ItemStateChanged {
                item: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::ItemCreated => Change::ItemCreated {
                item: self.id()?,
                after: self.after()?,
            },
            K::ItemUpdated => Change::ItemUpdated {
                item: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::ItemDeleted => Change::ItemDeleted {
                item: self.id()?,
                before: self.before()?,
            },
            K::ItemMoved => Change::ItemMoved {
                item: self.id()?,
                after: self.after()?,
            },
            K::ItemRestored => Change::ItemRestored {
                item: self.id()?,
                after: self.after()?,
            },
            K::ItemPurged => Change::ItemPurged {
                item: self.id()?,
                before: self.before()?,
            },
            K::ItemCommented
            | K::RiskCommented
            | K::CommunicationCommented
            | K::FeedbackNoteAdded => Change::Commented {
                on: self.commentable()?,
                after: self.after()?,
            },
            K::ItemCommentEdited
            | K::RiskCommentEdited
            | K::CommunicationCommentEdited
            | K::FeedbackNoteEdited => Change::CommentEdited {
                on: self.commentable()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::ItemCommentDeleted
            | K::RiskCommentDeleted
            | K::CommunicationCommentDeleted
            | K::FeedbackNoteDeleted => Change::CommentDeleted {
                on: self.commentable()?,
                before: self.before()?,
            },
            K::CommunicationCreated => Change::CommunicationCreated {
                action: self.id()?,
                after: self.after()?,
            },
            K::CommunicationUpdated => Change::CommunicationUpdated {
                action: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::CommunicationStateChanged => Change::CommunicationStateChanged {
                action: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::CommunicationDeleted => Change::CommunicationDeleted {
                action: self.id()?,
                before: self.before()?,
            },
            K::CommunicationRestored => Change::CommunicationRestored {
                action: self.id()?,
                after: self.after()?,
            },
            K::CommunicationPurged => Change::CommunicationPurged {
                action: self.id()?,
                before: self.before()?,
            },
            K::RiskCreated => Change::RiskCreated {
                risk: self.id()?,
                after: self.after()?,
            },
            K::RiskUpdated => Change::RiskUpdated {
                risk: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::RiskReviewed => Change::RiskReviewed {
                risk: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::RiskReviewDue => Change::RiskReviewDue {
                risk: self.id()?,
                after: self.after()?,
            },
            K::ItemLate => Change::ItemLate {
                item: self.id()?,
                after: self.after()?,
            },
            K::ItemRehomed => Change::ItemRehomed {
                item: self.id()?,
                after: self.after()?,
            },
            K::RiskItemLinked => Change::RiskItemLinked {
                risk: self.id()?,
                after: self.after()?,
            },
            K::RiskItemUnlinked => Change::RiskItemUnlinked {
                risk: self.id()?,
                before: self.before()?,
            },
            K::FeedbackCreated => Change::FeedbackCreated {
                entry: self.id()?,
                after: self.after()?,
            },
            K::FeedbackStatusChanged => Change::FeedbackStatusChanged {
                entry: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::FeedbackAssigned => Change::FeedbackAssigned {
                entry: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::FeedbackRiskLinked => Change::FeedbackRiskLinked {
                entry: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::FeedbackItemLinked => Change::FeedbackItemLinked {
                entry: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::FeedbackTagAdded => Change::FeedbackTagAdded {
                entry: self.id()?,
                after: self.after()?,
            },
            K::FeedbackTagRemoved => Change::FeedbackTagRemoved {
                entry: self.id()?,
                before: self.before()?,
            },
            K::FeedbackMerged => Change::FeedbackMerged {
                entry: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::PollOpened => Change::PollOpened {
                poll: self.id()?,
                after: self.after()?,
            },
            K::VotedGo | K::VotedConditionalGo | K::VotedNoGo => Change::VoteCast {
                poll: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::DecidedGo | K::DecidedHold => Change::PollDecided {
                poll: self.id()?,
                after: self.after()?,
            },
            K::PlanUpdated => Change::PlanUpdated {
                plan: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::PlanImported => Change::PlanImported {
                plan: self.id()?,
                after: self.after()?,
            },
            K::PlanArchived | K::PlanRestored => Change::PlanArchived {
                plan: self.id()?,
                archived: self.after::<Archival>()?.archived,
            },
            K::KioskLinkIssued => self.link_issued(LiveLink::Kiosk)?,
            K::CalendarLinkIssued => self.link_issued(LiveLink::Calendar)?,
            K::KioskLinkRevoked => self.link_revoked(LiveLink::Kiosk)?,
            K::CalendarLinkRevoked => self.link_revoked(LiveLink::Calendar)?,
            K::ScreenCreated => Change::ScreenCreated {
                plan: self.id()?,
                after: self.after()?,
            },
            K::ScreenRevoked => Change::ScreenRevoked {
                plan: self.id()?,
                before: self.before()?,
            },
            K::PhaseCreated => Change::PhaseCreated {
                phase: self.id()?,
                after: self.after()?,
            },
            K::PhaseUpdated => Change::PhaseUpdated {
                phase: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::PhaseLinked => Change::PhaseLinked {
                phase: self.id()?,
                after: self.after()?,
            },
            K::PhaseUnlinked => Change::PhaseUnlinked {
                phase: self.id()?,
                before: self.before()?,
            },
            K::PhaseRemoved => Change::PhaseRemoved {
                phase: self.id()?,
                before: self.before()?,
            },
            K::UserCreated => Change::UserCreated {
                user: self.id()?,
                after: self.after()?,
            },
            K::UserUpdated | K::UserRoleChanged => Change::UserEdited {
                user: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::UserJoinedPlan | K::UserLeftPlan => {
                let after = self.after::<Membership>()?;
                Change::UserMembership {
                    user: self.id()?,
                    plan: after.plan,
                    member: after.member,
                }
            }
            K::UserDisabled | K::UserEnabled => Change::UserAccessChanged {
                user: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::PasswordResetIssued => Change::PasswordResetIssued { user: self.id()? },
            K::PasswordReset => Change::PasswordReset { user: self.id()? },
            K::PasswordChanged => Change::PasswordChanged { user: self.id()? },
            K::LoggedIn => Change::LoggedIn { user: self.id()? },
            K::LoginFailed => Change::LoginFailed {
                after: self.after()?,
            },
            K::LoggedOut => Change::LoggedOut { user: self.id()? },
            K::LoggedOutEverywhere => Change::LoggedOutEverywhere { user: self.id()? },
            K::LanguageChanged => Change::LanguageChanged {
                user: self.id()?,
                after: self.after()?,
            },
            K::NotificationsRead => Change::NotificationsRead {
                user: self.id()?,
                after: self.after()?,
            },
            K::NotificationsChosen => Change::NotificationsChosen {
                user: self.id()?,
                after: self.after()?,
            },
            K::MyCalendarLinkIssued => Change::MyCalendarLinkIssued {
                user: self.id()?,
                revoked: self.revoked()?,
            },
            K::MyCalendarLinkRevoked => Change::MyCalendarLinkRevoked {
                user: self.id()?,
                revoked: self.revoked()?,
            },
            K::WebhookCreated => Change::WebhookCreated {
                webhook: self.id()?,
                after: self.after()?,
            },
            K::WebhookDeleted => Change::WebhookDeleted {
                webhook: self.id()?,
                before: self.before()?,
            },
            K::WebhookDisabled | K::WebhookEnabled => Change::WebhookAccessChanged {
                webhook: self.id()?,
                before: self.before()?,
                after: self.after()?,
            },
            K::WebhookRedelivered => Change::WebhookRedelivered {
                webhook: self.id()?,
                after: self.after()?,
            },
            K::TokenIssued => Change::TokenIssued {
                token: self.id()?,
                after: self.after()?,
            },
            K::TokenRevoked => Change::TokenRevoked {
                token: self.id()?,
                before: self.before()?,
            },
        })
    }

    fn link_issued(&mut self, link: LiveLink) -> Result<Change, Unreadable> {
        Ok(Change::LinkIssued {
            plan: self.id()?,
            link,
            revoked: self.revoked()?,
        })
    }

    fn link_revoked(&mut self, link: LiveLink) -> Result<Change, Unreadable> {
        Ok(Change::LinkRevoked {
            plan: self.id()?,
            link,
            revoked: self.revoked()?,
        })
    }
}
