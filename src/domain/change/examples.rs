//! One change of every kind, for the tests of whoever reads changes. The
//! match on the kind keeps the list whole: a new kind needs its example.

use chrono::NaiveDate;
use uuid::Uuid;

use super::*;
use crate::domain::communication::{ActionState, Channel};
use crate::domain::feedback::{Category, Status};
use crate::domain::golive::Vote;
use crate::domain::item::ItemState;
use crate::domain::lang::Lang;
use crate::domain::risk::{RiskStatus, Treatment};
use crate::domain::role::Role;
use crate::domain::verdict::Decision;

/// A change of `kind`, with plausible values.
pub fn example(kind: ChangeKind) -> Change {
    use ChangeKind as K;
    let id = Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
    let item_fields = ItemFields {
        title: "Tester la sauvegarde".to_owned(),
        group: Some("Infrastructure".to_owned()),
        due_day: -3,
        required: true,
        assignee_id: Some(id),
        evidence_url: None,
    };
    let action = ActionFields {
        title: "Annonce".to_owned(),
        channel: Channel::Newsletter,
        day: 2,
        state: ActionState::Planned,
    };
    let comment = CommentText {
        comment_id: id,
        title: "Tester la sauvegarde".to_owned(),
        body: "Qui a le contrat Azure ?".to_owned(),
        mentions: vec![id],
    };
    let risk = RiskFields {
        title: "Panne".to_owned(),
        likelihood: 3,
        impact: 4,
        residual_likelihood: Some(1),
        residual_impact: None,
        owner_team_id: id,
        treatment: Treatment::Mitigate,
        status: RiskStatus::Open,
        next_review_day: Some(5),
    };
    let review = RiskReview {
        title: "Panne".to_owned(),
        likelihood: 3,
        impact: 4,
        next_review_day: None,
        reason: None,
    };
    let link = RiskItemLink {
        title: "Panne".to_owned(),
        item_id: id,
        item: "Tester la sauvegarde".to_owned(),
    };
    let vote = |vote| CastVote {
        title: "QA".to_owned(),
        team_id: id,
        vote_id: id,
        vote,
        reason: "Corrigés".to_owned(),
        accepted_risk_id: None,
        decide_again_on: NaiveDate::from_ymd_opt(2026, 12, 1),
    };
    let decision = |decision| PollDecision {
        title: "Lootopia".to_owned(),
        decision,
        waiting: vec!["Support".to_owned()],
        no_go: Vec::new(),
        open_required: 2,
    };
    let plan = PlanFields {
        title: "Lootopia".to_owned(),
        description: "Déployer la plateforme.".to_owned(),
        kickoff_date: "2026-11-26".to_owned(),
        launch_day: "31".to_owned(),
        launch_time: "10:00".to_owned(),
        time_zone: "Europe/Paris".to_owned(),
    };
    let account = |role| AccountFields {
        name: "Dana".to_owned(),
        role,
        team_id: None,
    };
    match kind {
        K::ItemStateChanged => Change::ItemStateChanged {
            item: id,
            before: ItemStatus {
                evidence_url: None,
                via: None,
                title: "Tester la sauvegarde".to_owned(),
                state: ItemState::Todo,
                reason: None,
            },
            after: ItemStatus {
                evidence_url: None,
                via: None,
                title: "Tester la sauvegarde".to_owned(),
                state: ItemState::Blocked,
                reason: Some("Serveur absent".to_owned()),
            },
        },
        K::ItemCreated => Change::ItemCreated {
            item: id,
            after: item_fields,
        },
        K::ItemUpdated => Change::ItemUpdated {
            item: id,
            before: item_fields.clone(),
            after: ItemFields {
                required: false,
                ..item_fields
            },
        },
        K::ItemDeleted => Change::ItemDeleted {
            item: id,
            before: item_fields,
        },
        K::ItemRestored => Change::ItemRestored {
            item: id,
            after: item_fields,
        },
        K::ItemPurged => Change::ItemPurged {
            item: id,
            before: item_fields,
        },
        K::ItemCommented | K::RiskCommented | K::CommunicationCommented | K::FeedbackNoteAdded => {
            Change::Commented {
                on: commentable(kind, id),
                after: comment.clone(),
            }
        }
        K::ItemCommentEdited
        | K::RiskCommentEdited
        | K::CommunicationCommentEdited
        | K::FeedbackNoteEdited => Change::CommentEdited {
            on: commentable(kind, id),
            before: comment.clone(),
            after: CommentText {
                body: "Qui a le contrat Azure, @dana ?".to_owned(),
                ..comment.clone()
            },
        },
        K::ItemCommentDeleted
        | K::RiskCommentDeleted
        | K::CommunicationCommentDeleted
        | K::FeedbackNoteDeleted => Change::CommentDeleted {
            on: commentable(kind, id),
            before: comment.clone(),
        },
        K::CommunicationDeleted => Change::CommunicationDeleted {
            action: id,
            before: action,
        },
        K::CommunicationRestored => Change::CommunicationRestored {
            action: id,
            after: action,
        },
        K::CommunicationPurged => Change::CommunicationPurged {
            action: id,
            before: action,
        },
        K::ItemMoved => Change::ItemMoved {
            item: id,
            after: ItemMove {
                title: "Tester la sauvegarde".to_owned(),
                direction: Direction::Up,
            },
        },
        K::CommunicationCreated => Change::CommunicationCreated {
            action: id,
            after: action,
        },
        K::CommunicationUpdated => Change::CommunicationUpdated {
            action: id,
            before: action.clone(),
            after: ActionFields {
                state: ActionState::Done,
                ..action
            },
        },
        K::CommunicationStateChanged => Change::CommunicationStateChanged {
            action: id,
            before: ActionStatus {
                title: "Annonce".to_owned(),
                state: ActionState::Planned,
            },
            after: ActionStatus {
                title: "Annonce".to_owned(),
                state: ActionState::Done,
            },
        },
        K::RiskCreated => Change::RiskCreated {
            risk: id,
            after: risk,
        },
        K::RiskUpdated => Change::RiskUpdated {
            risk: id,
            before: risk.clone(),
            after: RiskFields {
                status: RiskStatus::Mitigating,
                ..risk
            },
        },
        K::RiskReviewDue => Change::RiskReviewDue {
            risk: id,
            after: ReviewDue {
                title: "Serveurs saturés".to_owned(),
                day: 20,
            },
        },
        K::ItemRehomed => Change::ItemRehomed {
            item: id,
            after: Rehoming {
                title: "Préparer la base".to_owned(),
                from_section: "2.4".to_owned(),
                to_section: "2.5".to_owned(),
            },
        },
        K::ItemLate => Change::ItemLate {
            item: id,
            after: Lateness {
                title: "Préparer la base".to_owned(),
                due_day: 12,
            },
        },
        K::RiskReviewed => Change::RiskReviewed {
            risk: id,
            before: review.clone(),
            after: RiskReview {
                likelihood: 2,
                reason: Some("Serveur doublé".to_owned()),
                ..review
            },
        },
        K::RiskItemLinked => Change::RiskItemLinked {
            risk: id,
            after: link,
        },
        K::RiskItemUnlinked => Change::RiskItemUnlinked {
            risk: id,
            before: link,
        },
        K::FeedbackCreated => Change::FeedbackCreated {
            entry: id,
            after: NewEntry {
                category: Category::Bug,
                rating: 2,
                source: EntrySource::Support,
                via: None,
            },
        },
        K::FeedbackStatusChanged => Change::FeedbackStatusChanged {
            entry: id,
            before: EntryStatus {
                status: Status::New,
            },
            after: EntryStatus {
                status: Status::Planned,
            },
        },
        K::FeedbackAssigned => Change::FeedbackAssigned {
            entry: id,
            before: EntryAssignee { assignee_id: None },
            after: EntryAssignee {
                assignee_id: Some(id),
            },
        },
        K::FeedbackRiskLinked => Change::FeedbackRiskLinked {
            entry: id,
            before: EntryRisk { risk_id: None },
            after: EntryRisk { risk_id: Some(id) },
        },
        K::FeedbackItemLinked => Change::FeedbackItemLinked {
            entry: id,
            before: EntryItem { item_id: Some(id) },
            after: EntryItem { item_id: None },
        },
        K::FeedbackTagAdded => Change::FeedbackTagAdded {
            entry: id,
            after: EntryTag {
                tag: "paiement".to_owned(),
            },
        },
        K::FeedbackTagRemoved => Change::FeedbackTagRemoved {
            entry: id,
            before: EntryTag {
                tag: "paiement".to_owned(),
            },
        },
        K::FeedbackMerged => Change::FeedbackMerged {
            entry: id,
            before: EntryMerge {
                merged_into_id: None,
                original_duplicate_count: 1,
            },
            after: EntryMerge {
                merged_into_id: Some(id),
                original_duplicate_count: 3,
            },
        },
        K::PollOpened => Change::PollOpened {
            poll: id,
            after: PollTitle {
                title: "Lootopia".to_owned(),
            },
        },
        K::VotedGo => Change::VoteCast {
            poll: id,
            before: Some(TeamVote {
                title: "QA".to_owned(),
                vote: Vote::NoGo,
            }),
            after: vote(Vote::Go),
        },
        K::VotedConditionalGo => Change::VoteCast {
            poll: id,
            before: None,
            after: vote(Vote::ConditionalGo),
        },
        K::VotedNoGo => Change::VoteCast {
            poll: id,
            before: None,
            after: vote(Vote::NoGo),
        },
        K::DecidedGo => Change::PollDecided {
            poll: id,
            after: decision(Decision::Go),
        },
        K::DecidedHold => Change::PollDecided {
            poll: id,
            after: decision(Decision::Hold),
        },
        K::PlanUpdated => Change::PlanUpdated {
            plan: id,
            before: plan.clone(),
            after: PlanFields {
                launch_day: "32".to_owned(),
                ..plan
            },
        },
        K::PlanImported => Change::PlanImported {
            plan: id,
            after: PlanImport {
                name: "Lootopia".to_owned(),
                kickoff_date: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default(),
                phases: 9,
                items: 120,
                risks: 6,
            },
        },
        K::PlanArchived => Change::PlanArchived {
            plan: id,
            archived: true,
        },
        K::PlanRestored => Change::PlanArchived {
            plan: id,
            archived: false,
        },
        K::KioskLinkIssued => Change::LinkIssued {
            plan: id,
            link: LiveLink::Kiosk,
            revoked: 1,
        },
        K::KioskLinkRevoked => Change::LinkRevoked {
            plan: id,
            link: LiveLink::Kiosk,
            revoked: 1,
        },
        K::CalendarLinkIssued => Change::LinkIssued {
            plan: id,
            link: LiveLink::Calendar,
            revoked: 0,
        },
        K::CalendarLinkRevoked => Change::LinkRevoked {
            plan: id,
            link: LiveLink::Calendar,
            revoked: 2,
        },
        K::ScreenCreated => Change::ScreenCreated {
            plan: id,
            after: Screen {
                screen: id,
                name: "Accueil".to_owned(),
            },
        },
        K::PhaseCreated => Change::PhaseCreated {
            phase: id,
            after: phase_fields(15),
        },
        K::PhaseUpdated => Change::PhaseUpdated {
            phase: id,
            before: phase_fields(15),
            after: phase_fields(17),
        },
        K::PhaseLinked => Change::PhaseLinked {
            phase: id,
            after: phase_link(),
        },
        K::PhaseRemoved => Change::PhaseRemoved {
            phase: id,
            before: PhaseRemoval {
                phase: phase_fields(15),
                items: 3,
                to_section: Some("2.5".to_owned()),
                trashed: false,
            },
        },
        K::PhaseUnlinked => Change::PhaseUnlinked {
            phase: id,
            before: phase_link(),
        },
        K::ScreenRevoked => Change::ScreenRevoked {
            plan: id,
            before: Screen {
                screen: id,
                name: "Open space".to_owned(),
            },
        },
        K::UserCreated => Change::UserCreated {
            user: id,
            after: NewAccount {
                email: "dana@example.org".to_owned(),
                name: "Dana".to_owned(),
                role: Role::Admin,
                team_id: None,
                via: Some(AccountOrigin::Setup),
            },
        },
        K::UserUpdated => Change::UserEdited {
            user: id,
            before: account(Role::Lead),
            after: AccountFields {
                name: "Dana K.".to_owned(),
                ..account(Role::Lead)
            },
        },
        K::UserRoleChanged => Change::UserEdited {
            user: id,
            before: account(Role::Member),
            after: account(Role::Lead),
        },
        K::UserDisabled => Change::UserAccessChanged {
            user: id,
            before: Access { disabled: false },
            after: Access { disabled: true },
        },
        K::UserEnabled => Change::UserAccessChanged {
            user: id,
            before: Access { disabled: true },
            after: Access { disabled: false },
        },
        K::UserJoinedPlan => Change::UserMembership {
            user: id,
            plan: id,
            member: true,
        },
        K::UserLeftPlan => Change::UserMembership {
            user: id,
            plan: id,
            member: false,
        },
        K::PasswordResetIssued => Change::PasswordResetIssued { user: id },
        K::PasswordReset => Change::PasswordReset { user: id },
        K::PasswordChanged => Change::PasswordChanged { user: id },
        K::LoggedIn => Change::LoggedIn { user: id },
        K::LoginFailed => Change::LoginFailed {
            after: LoginAttempt {
                email: "nobody@example.org".to_owned(),
            },
        },
        K::LoggedOut => Change::LoggedOut { user: id },
        K::LoggedOutEverywhere => Change::LoggedOutEverywhere { user: id },
        K::LanguageChanged => Change::LanguageChanged {
            user: id,
            after: Language { language: Lang::En },
        },
        K::MyCalendarLinkIssued => Change::MyCalendarLinkIssued {
            user: id,
            revoked: 1,
        },
        K::MyCalendarLinkRevoked => Change::MyCalendarLinkRevoked {
            user: id,
            revoked: 1,
        },
        K::NotificationsRead => Change::NotificationsRead {
            user: id,
            after: MarkedRead { count: 3 },
        },
        K::NotificationsChosen => Change::NotificationsChosen {
            user: id,
            after: ChosenDeliveries {
                choices: vec![ChosenDelivery {
                    kind: "mention".to_owned(),
                    delivery: "inbox".to_owned(),
                }],
            },
        },
        K::WebhookCreated => Change::WebhookCreated {
            webhook: id,
            after: webhook_fields(),
        },
        K::WebhookDeleted => Change::WebhookDeleted {
            webhook: id,
            before: webhook_fields(),
        },
        K::WebhookDisabled => Change::WebhookAccessChanged {
            webhook: id,
            before: webhook_access(false, 9),
            after: webhook_access(true, 10),
        },
        K::WebhookEnabled => Change::WebhookAccessChanged {
            webhook: id,
            before: webhook_access(true, 10),
            after: webhook_access(false, 0),
        },
        K::TokenIssued => Change::TokenIssued {
            token: id,
            after: token_fields(),
        },
        K::TokenRevoked => Change::TokenRevoked {
            token: id,
            before: token_fields(),
        },
        K::WebhookRedelivered => Change::WebhookRedelivered {
            webhook: id,
            after: Redelivery {
                host: "hooks.example.org".to_owned(),
                event_id: 42,
            },
        },
    }
}

fn phase_fields(end_day: i32) -> PhaseFields {
    PhaseFields {
        section: "2.3".to_owned(),
        name: "Tests".to_owned(),
        team_id: Uuid::from_u128(3),
        start_day: 11,
        end_day,
    }
}

fn phase_link() -> PhaseLink {
    PhaseLink {
        section: "2.4".to_owned(),
        before_section: "2.3".to_owned(),
        before_name: "Tests".to_owned(),
        lag: 0,
    }
}

fn token_fields() -> TokenFields {
    TokenFields {
        name: "CI — DevOps".to_owned(),
        team_id: Some(Uuid::from_u128(5)),
        owner_id: None,
        scopes: vec!["items:write".to_owned()],
    }
}

fn webhook_fields() -> WebhookFields {
    WebhookFields {
        host: "hooks.example.org".to_owned(),
        format: "standard".to_owned(),
        kinds: vec!["item.state_changed".to_owned()],
    }
}

fn webhook_access(disabled: bool, failures: i32) -> WebhookAccess {
    WebhookAccess {
        host: "hooks.example.org".to_owned(),
        disabled,
        failures,
    }
}

/// What a comment change of `kind` is on.
fn commentable(kind: ChangeKind, id: Uuid) -> Commentable {
    match kind.subject() {
        Subject::Item => Commentable::Item(id),
        Subject::Risk => Commentable::Risk(id),
        Subject::Communication => Commentable::Communication(id),
        _ => Commentable::Feedback(id),
    }
}
