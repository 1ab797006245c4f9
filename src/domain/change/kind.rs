//! The kinds of change, as the `kind` column of `activity_events` spells them.

use super::Subject;

/// Declares [`ChangeKind`] from one table, so that its list of every kind
/// cannot miss one and each stored spelling is written once.
macro_rules! kinds {
    ($($kind:ident = $stored:literal,)*) => {
        /// What kind of change a row records, as its `kind` column names it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ChangeKind {
            $(
                #[doc = concat!("`", $stored, "`")]
                $kind,
            )*
        }

        impl ChangeKind {
            /// Every kind, in the order of the table.
            pub const ALL: &'static [ChangeKind] = &[$(ChangeKind::$kind,)*];

            /// The spelling stored in `activity_events.kind`, unchanged since
            /// the first rows: `subject.verb`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ChangeKind::$kind => $stored,)*
                }
            }
        }
    };
}

kinds! {
    ItemStateChanged = "item.state_changed",
    ItemCreated = "item.created",
    ItemUpdated = "item.updated",
    ItemDeleted = "item.deleted",
    ItemMoved = "item.moved",
    ItemRestored = "item.restored",
    ItemPurged = "item.purged",
    ItemLate = "item.late",
    ItemRehomed = "item.rehomed",
    ItemCommented = "item.commented",
    ItemCommentEdited = "item.comment_edited",
    ItemCommentDeleted = "item.comment_deleted",
    CommunicationCreated = "communication.created",
    CommunicationUpdated = "communication.updated",
    CommunicationStateChanged = "communication.state_changed",
    CommunicationDeleted = "communication.deleted",
    CommunicationRestored = "communication.restored",
    CommunicationPurged = "communication.purged",
    CommunicationCommented = "communication.commented",
    CommunicationCommentEdited = "communication.comment_edited",
    CommunicationCommentDeleted = "communication.comment_deleted",
    RiskCreated = "risk.created",
    RiskUpdated = "risk.updated",
    RiskReviewed = "risk.reviewed",
    RiskReviewDue = "risk.review_due",
    RiskItemLinked = "risk.item_linked",
    RiskItemUnlinked = "risk.item_unlinked",
    RiskCommented = "risk.commented",
    RiskCommentEdited = "risk.comment_edited",
    RiskCommentDeleted = "risk.comment_deleted",
    FeedbackCreated = "feedback.created",
    FeedbackStatusChanged = "feedback.status_changed",
    FeedbackAssigned = "feedback.assigned",
    FeedbackRiskLinked = "feedback.risk_linked",
    FeedbackItemLinked = "feedback.item_linked",
    FeedbackTagAdded = "feedback.tag_added",
    FeedbackTagRemoved = "feedback.tag_removed",
    FeedbackNoteAdded = "feedback.note_added",
    FeedbackNoteEdited = "feedback.note_edited",
    FeedbackNoteDeleted = "feedback.note_deleted",
    FeedbackMerged = "feedback.merged",
    PollOpened = "golive.opened",
    VotedGo = "golive.voted_go",
    VotedConditionalGo = "golive.voted_conditional_go",
    VotedNoGo = "golive.voted_no_go",
    DecidedGo = "golive.decided_go",
    DecidedHold = "golive.decided_hold",
    PlanUpdated = "plan.updated",
    PlanImported = "plan.imported",
    PlanArchived = "plan.archived",
    PlanRestored = "plan.restored",
    KioskLinkIssued = "plan.kiosk_link_issued",
    KioskLinkRevoked = "plan.kiosk_link_revoked",
    CalendarLinkIssued = "plan.calendar_link_issued",
    CalendarLinkRevoked = "plan.calendar_link_revoked",
    ScreenCreated = "plan.screen_created",
    ScreenRevoked = "plan.screen_revoked",
    PhaseCreated = "plan.phase_created",
    PhaseUpdated = "plan.phase_updated",
    PhaseLinked = "plan.phase_linked",
    PhaseUnlinked = "plan.phase_unlinked",
    PhaseRemoved = "plan.phase_removed",
    UserCreated = "user.created",
    UserUpdated = "user.updated",
    UserRoleChanged = "user.role_changed",
    UserDisabled = "user.disabled",
    UserEnabled = "user.enabled",
    UserJoinedPlan = "user.joined_plan",
    UserLeftPlan = "user.left_plan",
    PasswordResetIssued = "user.password_reset_issued",
    PasswordReset = "user.password_reset",
    PasswordChanged = "user.password_changed",
    LoggedIn = "user.logged_in",
    LoginFailed = "user.login_failed",
    LoggedOut = "user.logged_out",
    LoggedOutEverywhere = "user.logged_out_everywhere",
    LanguageChanged = "user.language_changed",
    NotificationsRead = "user.notifications_read",
    NotificationsChosen = "user.notifications_chosen",
    MyCalendarLinkIssued = "user.calendar_link_issued",
    MyCalendarLinkRevoked = "user.calendar_link_revoked",
    WebhookCreated = "webhook.created",
    WebhookDeleted = "webhook.deleted",
    WebhookDisabled = "webhook.disabled",
    WebhookEnabled = "webhook.enabled",
    WebhookRedelivered = "webhook.redelivered",
    TokenIssued = "token.issued",
    TokenRevoked = "token.revoked",
}

impl ChangeKind {
    /// The kind stored as `text`, if this version knows it.
    pub fn parse(text: &str) -> Option<ChangeKind> {
        ChangeKind::ALL
            .iter()
            .copied()
            .find(|kind| kind.as_str() == text)
    }

    /// What a change of this kind is about.
    pub fn subject(self) -> Subject {
        use ChangeKind as K;
        match self {
            K::ItemStateChanged
            | K::ItemCreated
            | K::ItemUpdated
            | K::ItemDeleted
            | K::ItemMoved
            | K::ItemRestored
            | K::ItemPurged
            | K::ItemLate
            | K::ItemRehomed
            | K::ItemCommented
            | K::ItemCommentEdited
            | K::ItemCommentDeleted => Subject::Item,
            K::CommunicationCreated
            | K::CommunicationUpdated
            | K::CommunicationStateChanged
            | K::CommunicationDeleted
            | K::CommunicationRestored
            | K::CommunicationPurged
            | K::CommunicationCommented
            | K::CommunicationCommentEdited
            | K::CommunicationCommentDeleted => Subject::Communication,
            K::RiskCreated
            | K::RiskUpdated
            | K::RiskReviewed
            | K::RiskReviewDue
            | K::RiskItemLinked
            | K::RiskItemUnlinked
            | K::RiskCommented
            | K::RiskCommentEdited
            | K::RiskCommentDeleted => Subject::Risk,
            K::FeedbackCreated
            | K::FeedbackStatusChanged
            | K::FeedbackAssigned
            | K::FeedbackRiskLinked
            | K::FeedbackItemLinked
            | K::FeedbackTagAdded
            | K::FeedbackTagRemoved
            | K::FeedbackNoteAdded
            | K::FeedbackNoteEdited
            | K::FeedbackNoteDeleted
            | K::FeedbackMerged => Subject::Feedback,
            K::PollOpened
            | K::VotedGo
            | K::VotedConditionalGo
            | K::VotedNoGo
            | K::DecidedGo
            | K::DecidedHold => Subject::Poll,
            K::PlanUpdated
            | K::PlanImported
            | K::PlanArchived
            | K::PlanRestored
            | K::KioskLinkIssued
            | K::KioskLinkRevoked
            | K::CalendarLinkIssued
            | K::CalendarLinkRevoked
            | K::ScreenCreated
            | K::ScreenRevoked
            | K::PhaseCreated
            | K::PhaseUpdated
            | K::PhaseLinked
            | K::PhaseUnlinked
            | K::PhaseRemoved => Subject::Plan,
            K::UserCreated
            | K::UserUpdated
            | K::UserRoleChanged
            | K::UserDisabled
            | K::UserEnabled
            | K::UserJoinedPlan
            | K::UserLeftPlan
            | K::PasswordResetIssued
            | K::PasswordReset
            | K::PasswordChanged
            | K::LoggedIn
            | K::LoginFailed
            | K::LoggedOut
            | K::LoggedOutEverywhere
            | K::LanguageChanged
            | K::NotificationsRead
            | K::NotificationsChosen
            | K::MyCalendarLinkIssued
            | K::MyCalendarLinkRevoked => Subject::User,
            K::WebhookCreated
            | K::WebhookDeleted
            | K::WebhookDisabled
            | K::WebhookEnabled
            | K::WebhookRedelivered => Subject::Webhook,
            K::TokenIssued | K::TokenRevoked => Subject::Token,
        }
    }
}
