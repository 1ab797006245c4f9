//! The changes the product records, in one vocabulary: the audit trail, the
//! activity feed, the live updates and whatever reads them next all match on
//! [`Change`], so a new kind of change is a compile error until each of them
//! says what it does with it. The stored spellings of its kinds are in
//! `kind.rs`, what each carries (before and after, where a reader shows them)
//! in `payload.rs`, its row in `row.rs`, who may read it in `subject.rs`.

mod kind;
mod payload;
mod row;
mod subject;

use uuid::Uuid;

use crate::domain::golive::Vote;
use crate::domain::verdict::Decision;

pub use kind::ChangeKind;
pub use payload::*;
pub use row::{Columns, Unreadable};
pub use subject::{Audience, Reader, Subject};

/// Which secret link of the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveLink {
    /// The wall screen's countdown.
    Kiosk,
    /// The calendar feed.
    Calendar,
}

/// What a comment is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Commentable {
    Item(Uuid),
    Risk(Uuid),
    Communication(Uuid),
    /// A piece of feedback: its comments are the triage's internal notes.
    Feedback(Uuid),
}

/// What happened to a comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentVerb {
    Added,
    Edited,
    Deleted,
}

impl Commentable {
    /// The id of what the comment is on.
    pub fn id(self) -> Uuid {
        match self {
            Commentable::Item(id)
            | Commentable::Risk(id)
            | Commentable::Communication(id)
            | Commentable::Feedback(id) => id,
        }
    }

    /// The kind of a change to one of its comments.
    pub fn kind(self, verb: CommentVerb) -> ChangeKind {
        use ChangeKind as K;
        use CommentVerb as V;
        match (self, verb) {
            (Commentable::Item(_), V::Added) => K::ItemCommented,
            (Commentable::Item(_), V::Edited) => K::ItemCommentEdited,
            (Commentable::Item(_), V::Deleted) => K::ItemCommentDeleted,
            (Commentable::Risk(_), V::Added) => K::RiskCommented,
            (Commentable::Risk(_), V::Edited) => K::RiskCommentEdited,
            (Commentable::Risk(_), V::Deleted) => K::RiskCommentDeleted,
            (Commentable::Communication(_), V::Added) => K::CommunicationCommented,
            (Commentable::Communication(_), V::Edited) => K::CommunicationCommentEdited,
            (Commentable::Communication(_), V::Deleted) => K::CommunicationCommentDeleted,
            (Commentable::Feedback(_), V::Added) => K::FeedbackNoteAdded,
            (Commentable::Feedback(_), V::Edited) => K::FeedbackNoteEdited,
            (Commentable::Feedback(_), V::Deleted) => K::FeedbackNoteDeleted,
        }
    }
}

/// Every change the product records, with what its readers need. Where a
/// change has a state before and after, `before` and `after` are what the
/// row's columns hold.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    ItemStateChanged {
        item: Uuid,
        before: ItemStatus,
        after: ItemStatus,
    },
    ItemCreated {
        item: Uuid,
        after: ItemFields,
    },
    ItemUpdated {
        item: Uuid,
        before: ItemFields,
        after: ItemFields,
    },
    /// Recorded before the row goes: the history keeps its last fields.
    ItemDeleted {
        item: Uuid,
        before: ItemFields,
    },
    ItemMoved {
        item: Uuid,
        after: ItemMove,
    },
    /// Taken out of the trash, with its links, history and comments.
    ItemRestored {
        item: Uuid,
        after: ItemFields,
    },
    /// Gone for good, 30 days after it went to the trash.
    ItemPurged {
        item: Uuid,
        before: ItemFields,
    },
    /// Moved to another phase, its own being removed.
    ItemRehomed {
        item: Uuid,
        after: Rehoming,
    },
    /// Its due day passed while it was open: recorded by the product the
    /// next morning.
    ItemLate {
        item: Uuid,
        after: Lateness,
    },
    CommunicationCreated {
        action: Uuid,
        after: ActionFields,
    },
    CommunicationUpdated {
        action: Uuid,
        before: ActionFields,
        after: ActionFields,
    },
    /// A one-click move, or a move with its tied checklist item.
    CommunicationStateChanged {
        action: Uuid,
        before: ActionStatus,
        after: ActionStatus,
    },
    /// Put in the trash.
    CommunicationDeleted {
        action: Uuid,
        before: ActionFields,
    },
    CommunicationRestored {
        action: Uuid,
        after: ActionFields,
    },
    CommunicationPurged {
        action: Uuid,
        before: ActionFields,
    },
    RiskCreated {
        risk: Uuid,
        after: RiskFields,
    },
    RiskUpdated {
        risk: Uuid,
        before: RiskFields,
        after: RiskFields,
    },
    RiskReviewed {
        risk: Uuid,
        before: RiskReview,
        after: RiskReview,
    },
    /// Its review day came: recorded by the product that morning.
    RiskReviewDue {
        risk: Uuid,
        after: ReviewDue,
    },
    RiskItemLinked {
        risk: Uuid,
        after: RiskItemLink,
    },
    RiskItemUnlinked {
        risk: Uuid,
        before: RiskItemLink,
    },
    FeedbackCreated {
        entry: Uuid,
        after: NewEntry,
    },
    FeedbackStatusChanged {
        entry: Uuid,
        before: EntryStatus,
        after: EntryStatus,
    },
    FeedbackAssigned {
        entry: Uuid,
        before: EntryAssignee,
        after: EntryAssignee,
    },
    FeedbackRiskLinked {
        entry: Uuid,
        before: EntryRisk,
        after: EntryRisk,
    },
    FeedbackItemLinked {
        entry: Uuid,
        before: EntryItem,
        after: EntryItem,
    },
    FeedbackTagAdded {
        entry: Uuid,
        after: EntryTag,
    },
    FeedbackTagRemoved {
        entry: Uuid,
        before: EntryTag,
    },
    /// The duplicate `entry` merged into another.
    FeedbackMerged {
        entry: Uuid,
        before: EntryMerge,
        after: EntryMerge,
    },
    /// A comment on `on` (on feedback: an internal note); its kind says on what.
    Commented {
        on: Commentable,
        after: CommentText,
    },
    CommentEdited {
        on: Commentable,
        before: CommentText,
        after: CommentText,
    },
    CommentDeleted {
        on: Commentable,
        before: CommentText,
    },
    PollOpened {
        poll: Uuid,
        after: PollTitle,
    },
    /// A team's vote, replacing its previous one if any; its kind says which vote.
    VoteCast {
        poll: Uuid,
        before: Option<TeamVote>,
        after: CastVote,
    },
    /// The poll closed; its kind says the decision.
    PollDecided {
        poll: Uuid,
        after: PollDecision,
    },
    PlanUpdated {
        plan: Uuid,
        before: PlanFields,
        after: PlanFields,
    },
    /// A plan file loaded into an empty database.
    PlanImported {
        plan: Uuid,
        after: PlanImport,
    },
    /// Put in the archive (read only), or taken out of it.
    PlanArchived {
        plan: Uuid,
        archived: bool,
    },
    /// A new secret link, `revoked` live ones replaced.
    LinkIssued {
        plan: Uuid,
        link: LiveLink,
        revoked: u64,
    },
    LinkRevoked {
        plan: Uuid,
        link: LiveLink,
        revoked: u64,
    },
    /// A wall screen and its own kiosk link.
    ScreenCreated {
        plan: Uuid,
        after: Screen,
    },
    /// A wall screen's link revoked: that screen goes dark, the others stay on.
    ScreenRevoked {
        plan: Uuid,
        before: Screen,
    },
    /// A phase added to the plan.
    PhaseCreated {
        phase: Uuid,
        after: PhaseFields,
    },
    /// A phase's name, team or days; one moved by a linked phase's change too.
    PhaseUpdated {
        phase: Uuid,
        before: PhaseFields,
        after: PhaseFields,
    },
    /// `phase` starts after another.
    PhaseLinked {
        phase: Uuid,
        after: PhaseLink,
    },
    PhaseUnlinked {
        phase: Uuid,
        before: PhaseLink,
    },
    /// Removed, its items moved to another phase or put in the trash.
    PhaseRemoved {
        phase: Uuid,
        before: PhaseRemoval,
    },
    UserCreated {
        user: Uuid,
        after: NewAccount,
    },
    /// An account's name, role or team; a new role makes it a role change.
    UserEdited {
        user: Uuid,
        before: AccountFields,
        after: AccountFields,
    },
    /// Made a member of plan `plan`, or no longer one, as `member` says.
    UserMembership {
        user: Uuid,
        plan: Uuid,
        member: bool,
    },
    /// Disabled or enabled again, as `after` says.
    UserAccessChanged {
        user: Uuid,
        before: Access,
        after: Access,
    },
    PasswordResetIssued {
        user: Uuid,
    },
    PasswordReset {
        user: Uuid,
    },
    PasswordChanged {
        user: Uuid,
    },
    LoggedIn {
        user: Uuid,
    },
    /// A refused sign-in, whoever it claimed to be: about no account.
    LoginFailed {
        after: LoginAttempt,
    },
    LoggedOut {
        user: Uuid,
    },
    LoggedOutEverywhere {
        user: Uuid,
    },
    LanguageChanged {
        user: Uuid,
        after: Language,
    },
    /// Someone marked notifications of their inbox read.
    NotificationsRead {
        user: Uuid,
        after: MarkedRead,
    },
    /// Someone chose how they are told of some kinds of notification (or
    /// unsubscribed from one through an e-mail's link).
    NotificationsChosen {
        user: Uuid,
        after: ChosenDeliveries,
    },
    /// A new link to someone's own calendar feed, `revoked` live ones replaced.
    MyCalendarLinkIssued {
        user: Uuid,
        revoked: u64,
    },
    MyCalendarLinkRevoked {
        user: Uuid,
        revoked: u64,
    },
    WebhookCreated {
        webhook: Uuid,
        after: WebhookFields,
    },
    WebhookDeleted {
        webhook: Uuid,
        before: WebhookFields,
    },
    /// Disabled after failing again and again, or enabled again by an
    /// admin, as `after` says.
    WebhookAccessChanged {
        webhook: Uuid,
        before: WebhookAccess,
        after: WebhookAccess,
    },
    /// A change sent again at an admin's request.
    WebhookRedelivered {
        webhook: Uuid,
        after: Redelivery,
    },
    TokenIssued {
        token: Uuid,
        after: TokenFields,
    },
    TokenRevoked {
        token: Uuid,
        before: TokenFields,
    },
}

impl Change {
    /// Its kind; for a vote, a decision, a link, an account's edit or access,
    /// the payload says which.
    pub fn kind(&self) -> ChangeKind {
        use ChangeKind as K;
        match self {
            Change::ItemStateChanged { .. } => K::ItemStateChanged,
            Change::ItemCreated { .. } => K::ItemCreated,
            Change::ItemUpdated { .. } => K::ItemUpdated,
            Change::ItemDeleted { .. } => K::ItemDeleted,
            Change::ItemMoved { .. } => K::ItemMoved,
            Change::ItemRestored { .. } => K::ItemRestored,
            Change::ItemPurged { .. } => K::ItemPurged,
            Change::ItemLate { .. } => K::ItemLate,
            Change::ItemRehomed { .. } => K::ItemRehomed,
            Change::CommunicationCreated { .. } => K::CommunicationCreated,
            Change::CommunicationUpdated { .. } => K::CommunicationUpdated,
            Change::CommunicationStateChanged { .. } => K::CommunicationStateChanged,
            Change::CommunicationDeleted { .. } => K::CommunicationDeleted,
            Change::CommunicationRestored { .. } => K::CommunicationRestored,
            Change::CommunicationPurged { .. } => K::CommunicationPurged,
            Change::RiskCreated { .. } => K::RiskCreated,
            Change::RiskUpdated { .. } => K::RiskUpdated,
            Change::RiskReviewed { .. } => K::RiskReviewed,
            Change::RiskReviewDue { .. } => K::RiskReviewDue,
            Change::RiskItemLinked { .. } => K::RiskItemLinked,
            Change::RiskItemUnlinked { .. } => K::RiskItemUnlinked,
            Change::FeedbackCreated { .. } => K::FeedbackCreated,
            Change::FeedbackStatusChanged { .. } => K::FeedbackStatusChanged,
            Change::FeedbackAssigned { .. } => K::FeedbackAssigned,
            Change::FeedbackRiskLinked { .. } => K::FeedbackRiskLinked,
            Change::FeedbackItemLinked { .. } => K::FeedbackItemLinked,
            Change::FeedbackTagAdded { .. } => K::FeedbackTagAdded,
            Change::FeedbackTagRemoved { .. } => K::FeedbackTagRemoved,
            Change::FeedbackMerged { .. } => K::FeedbackMerged,
            Change::Commented { on, .. } => on.kind(CommentVerb::Added),
            Change::CommentEdited { on, .. } => on.kind(CommentVerb::Edited),
            Change::CommentDeleted { on, .. } => on.kind(CommentVerb::Deleted),
            Change::PollOpened { .. } => K::PollOpened,
            Change::VoteCast { after, .. } => match after.vote {
                Vote::Go => K::VotedGo,
                Vote::ConditionalGo => K::VotedConditionalGo,
                Vote::NoGo => K::VotedNoGo,
            },
            Change::PollDecided { after, .. } => match after.decision {
                Decision::Go => K::DecidedGo,
                Decision::Hold => K::DecidedHold,
            },
            Change::PlanUpdated { .. } => K::PlanUpdated,
            Change::PlanImported { .. } => K::PlanImported,
            Change::PlanArchived { archived: true, .. } => K::PlanArchived,
            Change::PlanArchived {
                archived: false, ..
            } => K::PlanRestored,
            Change::LinkIssued { link, .. } => match link {
                LiveLink::Kiosk => K::KioskLinkIssued,
                LiveLink::Calendar => K::CalendarLinkIssued,
            },
            Change::LinkRevoked { link, .. } => match link {
                LiveLink::Kiosk => K::KioskLinkRevoked,
                LiveLink::Calendar => K::CalendarLinkRevoked,
            },
            Change::ScreenCreated { .. } => K::ScreenCreated,
            Change::ScreenRevoked { .. } => K::ScreenRevoked,
            Change::PhaseCreated { .. } => K::PhaseCreated,
            Change::PhaseUpdated { .. } => K::PhaseUpdated,
            Change::PhaseLinked { .. } => K::PhaseLinked,
            Change::PhaseUnlinked { .. } => K::PhaseUnlinked,
            Change::PhaseRemoved { .. } => K::PhaseRemoved,
            Change::UserCreated { .. } => K::UserCreated,
            Change::UserEdited { before, after, .. } if before.role != after.role => {
                K::UserRoleChanged
            }
            Change::UserEdited { .. } => K::UserUpdated,
            Change::UserMembership { member: true, .. } => K::UserJoinedPlan,
            Change::UserMembership { member: false, .. } => K::UserLeftPlan,
            Change::UserAccessChanged { after, .. } if after.disabled => K::UserDisabled,
            Change::UserAccessChanged { .. } => K::UserEnabled,
            Change::PasswordResetIssued { .. } => K::PasswordResetIssued,
            Change::PasswordReset { .. } => K::PasswordReset,
            Change::PasswordChanged { .. } => K::PasswordChanged,
            Change::LoggedIn { .. } => K::LoggedIn,
            Change::LoginFailed { .. } => K::LoginFailed,
            Change::LoggedOut { .. } => K::LoggedOut,
            Change::LoggedOutEverywhere { .. } => K::LoggedOutEverywhere,
            Change::LanguageChanged { .. } => K::LanguageChanged,
            Change::NotificationsRead { .. } => K::NotificationsRead,
            Change::NotificationsChosen { .. } => K::NotificationsChosen,
            Change::MyCalendarLinkIssued { .. } => K::MyCalendarLinkIssued,
            Change::MyCalendarLinkRevoked { .. } => K::MyCalendarLinkRevoked,
            Change::WebhookCreated { .. } => K::WebhookCreated,
            Change::WebhookDeleted { .. } => K::WebhookDeleted,
            Change::WebhookAccessChanged { after, .. } if after.disabled => K::WebhookDisabled,
            Change::WebhookAccessChanged { .. } => K::WebhookEnabled,
            Change::WebhookRedelivered { .. } => K::WebhookRedelivered,
            Change::TokenIssued { .. } => K::TokenIssued,
            Change::TokenRevoked { .. } => K::TokenRevoked,
        }
    }

    /// What it is about: the kind of subject and its id (none for a refused
    /// sign-in, which names no account).
    pub fn subject(&self) -> (Subject, Option<Uuid>) {
        let id = match self {
            Change::ItemStateChanged { item, .. }
            | Change::ItemCreated { item, .. }
            | Change::ItemUpdated { item, .. }
            | Change::ItemDeleted { item, .. }
            | Change::ItemMoved { item, .. }
            | Change::ItemRestored { item, .. }
            | Change::ItemPurged { item, .. }
            | Change::ItemLate { item, .. }
            | Change::ItemRehomed { item, .. } => Some(*item),
            Change::CommunicationCreated { action, .. }
            | Change::CommunicationUpdated { action, .. }
            | Change::CommunicationStateChanged { action, .. }
            | Change::CommunicationDeleted { action, .. }
            | Change::CommunicationRestored { action, .. }
            | Change::CommunicationPurged { action, .. } => Some(*action),
            Change::RiskCreated { risk, .. }
            | Change::RiskUpdated { risk, .. }
            | Change::RiskReviewed { risk, .. }
            | Change::RiskReviewDue { risk, .. }
            | Change::RiskItemLinked { risk, .. }
            | Change::RiskItemUnlinked { risk, .. } => Some(*risk),
            Change::FeedbackCreated { entry, .. }
            | Change::FeedbackStatusChanged { entry, .. }
            | Change::FeedbackAssigned { entry, .. }
            | Change::FeedbackRiskLinked { entry, .. }
            | Change::FeedbackItemLinked { entry, .. }
            | Change::FeedbackTagAdded { entry, .. }
            | Change::FeedbackTagRemoved { entry, .. }
            | Change::FeedbackMerged { entry, .. } => Some(*entry),
            Change::Commented { on, .. }
            | Change::CommentEdited { on, .. }
            | Change::CommentDeleted { on, .. } => Some(on.id()),
            Change::PollOpened { poll, .. }
            | Change::VoteCast { poll, .. }
            | Change::PollDecided { poll, .. } => Some(*poll),
            Change::PlanUpdated { plan, .. }
            | Change::PlanImported { plan, .. }
            | Change::PlanArchived { plan, .. }
            | Change::LinkIssued { plan, .. }
            | Change::LinkRevoked { plan, .. }
            | Change::ScreenCreated { plan, .. }
            | Change::ScreenRevoked { plan, .. } => Some(*plan),
            Change::PhaseCreated { phase, .. }
            | Change::PhaseUpdated { phase, .. }
            | Change::PhaseLinked { phase, .. }
            | Change::PhaseUnlinked { phase, .. }
            | Change::PhaseRemoved { phase, .. } => Some(*phase),
            Change::UserCreated { user, .. }
            | Change::UserEdited { user, .. }
            | Change::UserAccessChanged { user, .. }
            | Change::UserMembership { user, .. }
            | Change::PasswordResetIssued { user }
            | Change::PasswordReset { user }
            | Change::PasswordChanged { user }
            | Change::LoggedIn { user }
            | Change::LoggedOut { user }
            | Change::LoggedOutEverywhere { user }
            | Change::LanguageChanged { user, .. }
            | Change::NotificationsRead { user, .. }
            | Change::NotificationsChosen { user, .. }
            | Change::MyCalendarLinkIssued { user, .. }
            | Change::MyCalendarLinkRevoked { user, .. } => Some(*user),
            Change::WebhookCreated { webhook, .. }
            | Change::WebhookDeleted { webhook, .. }
            | Change::WebhookAccessChanged { webhook, .. }
            | Change::WebhookRedelivered { webhook, .. } => Some(*webhook),
            Change::TokenIssued { token, .. } | Change::TokenRevoked { token, .. } => Some(*token),
            Change::LoginFailed { .. } => None,
        };
        (self.kind().subject(), id)
    }

    /// Who may read it.
    pub fn audience(&self) -> Audience {
        self.kind().subject().audience()
    }
}

#[cfg(test)]
pub mod examples;
#[cfg(test)]
mod tests;
