//! Who a change tells, and why (issue 18): the kinds of notification and,
//! for each recorded change, the people it concerns. Whoever made the
//! change is never told of it; that is left to the query that finds them.

use uuid::Uuid;

use crate::domain::change::Change;
use crate::domain::golive::Vote;
use crate::domain::item::ItemState;
use crate::domain::role::Role;

/// Declares [`NotificationKind`] from one table, so that each stored
/// spelling is written once and the list of every kind misses none.
macro_rules! kinds {
    ($($kind:ident = $stored:literal,)*) => {
        /// Why someone is told of a change, as `notifications.kind` spells it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum NotificationKind {
            $(
                #[doc = concat!("`", $stored, "`")]
                $kind,
            )*
        }

        impl NotificationKind {
            /// Every kind, in the order of the table.
            pub const ALL: &'static [NotificationKind] = &[$(NotificationKind::$kind,)*];

            /// The spelling stored in `notifications.kind`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(NotificationKind::$kind => $stored,)*
                }
            }
        }
    };
}

kinds! {
    Mention = "mention",
    Assigned = "assigned",
    Blocked = "blocked",
    Late = "late",
    PollOpened = "poll_opened",
    NoGo = "no_go",
    ReviewDue = "review_due",
    FeedbackAssigned = "feedback_assigned",
    WebhookDisabled = "webhook_disabled",
}

impl NotificationKind {
    /// The kind stored as `text`, if this version knows it.
    pub fn parse(text: &str) -> Option<NotificationKind> {
        NotificationKind::ALL
            .iter()
            .copied()
            .find(|kind| kind.as_str() == text)
    }

    /// Whether someone with `role` can be told of this kind: only admins
    /// hear of webhooks.
    pub fn concerns(self, role: Role) -> bool {
        self != NotificationKind::WebhookDisabled || role == Role::Admin
    }

    /// The catalog key of the words that say why the reader is told.
    pub fn reason_key(self) -> String {
        format!("notification-{}", self.as_str().replace('_', "-"))
    }
}

/// How someone wants to be told of a kind of notification.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Delivery {
    /// In the inbox only.
    Inbox,
    /// In the inbox, and by e-mail at once (when the server sends e-mail).
    #[default]
    Email,
    /// In the inbox, and in the morning's e-mail digest.
    Digest,
}

impl Delivery {
    /// Every delivery, in the order the choice offers them.
    pub const ALL: [Delivery; 3] = [Delivery::Inbox, Delivery::Email, Delivery::Digest];

    /// The spelling stored in `notification_choices.delivery`.
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Inbox => "inbox",
            Delivery::Email => "email",
            Delivery::Digest => "digest",
        }
    }

    /// The delivery stored or sent as `text`, if this version knows it.
    pub fn parse(text: &str) -> Option<Delivery> {
        Delivery::ALL
            .into_iter()
            .find(|delivery| delivery.as_str() == text)
    }

    /// The catalog key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Delivery::Inbox => "delivery-inbox",
            Delivery::Email => "delivery-email",
            Delivery::Digest => "delivery-digest",
        }
    }
}

/// Who a change tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recipients {
    /// One user.
    User(Uuid),
    /// The members of the team whose phase holds this item.
    TeamOfItem(Uuid),
    /// The members of the team that owns this risk.
    TeamOfRisk(Uuid),
    /// Everyone in the plan: its admins and the members of its teams.
    Plan,
    /// Those who decide the launch: the plan's admins and team leads.
    Deciders,
    /// The admins.
    Admins,
}

/// One reason to tell some people of a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NotificationKind,
    pub to: Recipients,
}

/// What `change` tells, and to whom.
pub fn notices(change: &Change) -> Vec<Notice> {
    let notice = |kind, to| Notice { kind, to };
    let user = |kind, id: Option<Uuid>| id.map(|id| notice(kind, Recipients::User(id)));
    match change {
        Change::Commented { after, .. } => mentions(&after.mentions, &[]),
        Change::CommentEdited { before, after, .. } => mentions(&after.mentions, &before.mentions),
        Change::ItemCreated { after, .. } => user(NotificationKind::Assigned, after.assignee_id)
            .into_iter()
            .collect(),
        Change::ItemUpdated { before, after, .. } if after.assignee_id != before.assignee_id => {
            user(NotificationKind::Assigned, after.assignee_id)
                .into_iter()
                .collect()
        }
        Change::ItemStateChanged {
            item,
            before,
            after,
        } if after.state == ItemState::Blocked && before.state != ItemState::Blocked => {
            vec![notice(
                NotificationKind::Blocked,
                Recipients::TeamOfItem(*item),
            )]
        }
        Change::ItemLate { item, .. } => {
            vec![notice(
                NotificationKind::Late,
                Recipients::TeamOfItem(*item),
            )]
        }
        Change::RiskReviewDue { risk, .. } => {
            vec![notice(
                NotificationKind::ReviewDue,
                Recipients::TeamOfRisk(*risk),
            )]
        }
        Change::PollOpened { .. } => vec![notice(NotificationKind::PollOpened, Recipients::Plan)],
        Change::VoteCast { after, .. } if after.vote == Vote::NoGo => {
            vec![notice(NotificationKind::NoGo, Recipients::Deciders)]
        }
        Change::FeedbackAssigned { before, after, .. }
            if after.assignee_id != before.assignee_id =>
        {
            user(NotificationKind::FeedbackAssigned, after.assignee_id)
                .into_iter()
                .collect()
        }
        Change::WebhookAccessChanged { before, after, .. }
            if after.disabled && !before.disabled =>
        {
            vec![notice(
                NotificationKind::WebhookDisabled,
                Recipients::Admins,
            )]
        }
        _ => Vec::new(),
    }
}

/// The users `mentioned` names that `already` did not: an edited comment
/// tells only those it names anew.
/// How far a page counts its user's unread notifications: the statements
/// that count (`db::sessions`, `db::notifications::unread`) stop at this
/// many, written in their SQL, so that a page view costs the same however
/// long an inbox has gone unread; the badge then says "99+".
pub const UNREAD_COUNTED: i64 = 100;

/// What the header's badge says of `counted` unread notifications,
/// counted up to [`UNREAD_COUNTED`].
pub fn unread_badge(counted: i64) -> String {
    if counted >= UNREAD_COUNTED {
        format!("{}+", UNREAD_COUNTED - 1)
    } else {
        counted.to_string()
    }
}

fn mentions(mentioned: &[Uuid], already: &[Uuid]) -> Vec<Notice> {
    mentioned
        .iter()
        .filter(|id| !already.contains(id))
        .map(|id| Notice {
            kind: NotificationKind::Mention,
            to: Recipients::User(*id),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::examples::example;
    use crate::domain::change::{ChangeKind, EntryAssignee, ItemStatus};

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn the_badge_counts_up_to_ninety_nine_then_says_more() {
        assert_eq!(unread_badge(0), "0");
        assert_eq!(unread_badge(99), "99");
        assert_eq!(unread_badge(UNREAD_COUNTED), "99+");
    }

    #[test]
    fn each_kind_reads_back_from_its_spelling() {
        for kind in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse(kind.as_str()), Some(*kind));
        }
        assert_eq!(NotificationKind::parse("everything"), None);
        assert_eq!(NotificationKind::NoGo.reason_key(), "notification-no-go");
    }

    #[test]
    fn each_delivery_reads_back_and_email_is_the_default() {
        for delivery in Delivery::ALL {
            assert_eq!(Delivery::parse(delivery.as_str()), Some(delivery));
        }
        assert_eq!(Delivery::parse("pigeon"), None);
        assert_eq!(Delivery::default(), Delivery::Email);
    }

    #[test]
    fn a_comment_tells_each_user_it_mentions_and_an_edit_only_the_new_ones() {
        let Change::Commented { on, mut after } = example(ChangeKind::ItemCommented) else {
            panic!("an item comment");
        };
        after.mentions = vec![id(1), id(2)];
        let told = |change: &Change| -> Vec<Recipients> {
            notices(change)
                .into_iter()
                .inspect(|notice| assert_eq!(notice.kind, NotificationKind::Mention))
                .map(|notice| notice.to)
                .collect()
        };
        let commented = Change::Commented {
            on,
            after: after.clone(),
        };
        assert_eq!(
            told(&commented),
            [Recipients::User(id(1)), Recipients::User(id(2))]
        );

        let mut edited = after.clone();
        edited.mentions = vec![id(2), id(3)];
        let change = Change::CommentEdited {
            on,
            before: after,
            after: edited,
        };
        assert_eq!(told(&change), [Recipients::User(id(3))]);
    }

    #[test]
    fn an_item_tells_its_new_assignee_and_no_one_when_the_assignee_stays() {
        let Change::ItemUpdated { item, before, .. } = example(ChangeKind::ItemUpdated) else {
            panic!("an item update");
        };
        let mut after = before.clone();
        after.title = "Autre titre".to_owned();
        let same = Change::ItemUpdated {
            item,
            before: before.clone(),
            after: after.clone(),
        };
        assert_eq!(notices(&same), []);

        after.assignee_id = Some(id(7));
        let reassigned = Change::ItemUpdated {
            item,
            before: before.clone(),
            after: after.clone(),
        };
        assert_eq!(
            notices(&reassigned),
            [Notice {
                kind: NotificationKind::Assigned,
                to: Recipients::User(id(7))
            }]
        );

        after.assignee_id = None;
        let unassigned = Change::ItemUpdated {
            item,
            before,
            after: after.clone(),
        };
        assert_eq!(notices(&unassigned), [], "nobody to tell");

        after.assignee_id = Some(id(8));
        let created = Change::ItemCreated { item, after };
        assert_eq!(
            notices(&created),
            [Notice {
                kind: NotificationKind::Assigned,
                to: Recipients::User(id(8))
            }]
        );
    }

    #[test]
    fn only_a_move_into_blocked_tells_the_items_team() {
        let Change::ItemStateChanged {
            item,
            mut before,
            mut after,
        } = example(ChangeKind::ItemStateChanged)
        else {
            panic!("a state change");
        };
        let moved = |before: &ItemStatus, after: &ItemStatus| {
            notices(&Change::ItemStateChanged {
                item,
                before: before.clone(),
                after: after.clone(),
            })
        };
        before.state = ItemState::InProgress;
        after.state = ItemState::Blocked;
        assert_eq!(
            moved(&before, &after),
            [Notice {
                kind: NotificationKind::Blocked,
                to: Recipients::TeamOfItem(item)
            }]
        );
        before.state = ItemState::Blocked;
        assert_eq!(moved(&before, &after), [], "a new reason is no new block");
        after.state = ItemState::Done;
        assert_eq!(moved(&before, &after), []);
    }

    #[test]
    fn the_poll_tells_the_plan_when_it_opens_and_the_deciders_of_a_no_go() {
        assert_eq!(
            notices(&example(ChangeKind::PollOpened)),
            [Notice {
                kind: NotificationKind::PollOpened,
                to: Recipients::Plan
            }]
        );
        assert_eq!(
            notices(&example(ChangeKind::VotedNoGo)),
            [Notice {
                kind: NotificationKind::NoGo,
                to: Recipients::Deciders
            }]
        );
        assert_eq!(notices(&example(ChangeKind::VotedGo)), []);
        assert_eq!(notices(&example(ChangeKind::VotedConditionalGo)), []);
    }

    #[test]
    fn feedback_tells_whom_it_is_newly_assigned_to() {
        let Change::FeedbackAssigned { entry, before, .. } = example(ChangeKind::FeedbackAssigned)
        else {
            panic!("an assignment");
        };
        let to = |assignee| {
            notices(&Change::FeedbackAssigned {
                entry,
                before: EntryAssignee { assignee_id: None },
                after: EntryAssignee {
                    assignee_id: assignee,
                },
            })
        };
        assert_eq!(
            to(Some(id(4))),
            [Notice {
                kind: NotificationKind::FeedbackAssigned,
                to: Recipients::User(id(4))
            }]
        );
        assert_eq!(to(None), []);
        let same = Change::FeedbackAssigned {
            entry,
            before: before.clone(),
            after: before,
        };
        assert_eq!(notices(&same), []);
    }

    #[test]
    fn a_disabled_webhook_tells_the_admins_and_only_they_choose_how() {
        assert_eq!(
            notices(&example(ChangeKind::WebhookDisabled)),
            [Notice {
                kind: NotificationKind::WebhookDisabled,
                to: Recipients::Admins
            }]
        );
        assert_eq!(notices(&example(ChangeKind::WebhookEnabled)), []);
        assert!(NotificationKind::WebhookDisabled.concerns(Role::Admin));
        assert!(!NotificationKind::WebhookDisabled.concerns(Role::Lead));
        assert!(NotificationKind::Mention.concerns(Role::Viewer));
    }

    #[test]
    fn a_late_item_tells_its_team_and_a_review_due_the_risks_owners() {
        let Change::ItemLate { item, .. } = example(ChangeKind::ItemLate) else {
            panic!("a late item");
        };
        assert_eq!(
            notices(&example(ChangeKind::ItemLate)),
            [Notice {
                kind: NotificationKind::Late,
                to: Recipients::TeamOfItem(item)
            }]
        );
        let Change::RiskReviewDue { risk, .. } = example(ChangeKind::RiskReviewDue) else {
            panic!("a review due");
        };
        assert_eq!(
            notices(&example(ChangeKind::RiskReviewDue)),
            [Notice {
                kind: NotificationKind::ReviewDue,
                to: Recipients::TeamOfRisk(risk)
            }]
        );
    }

    #[test]
    fn the_other_kinds_tell_no_one() {
        let telling = [
            ChangeKind::ItemCommented,
            ChangeKind::RiskCommented,
            ChangeKind::CommunicationCommented,
            ChangeKind::ItemCommentEdited,
            ChangeKind::RiskCommentEdited,
            ChangeKind::CommunicationCommentEdited,
            ChangeKind::FeedbackNoteAdded,
            ChangeKind::FeedbackNoteEdited,
            ChangeKind::ItemCreated,
            ChangeKind::ItemUpdated,
            ChangeKind::ItemStateChanged,
            ChangeKind::PollOpened,
            ChangeKind::VotedNoGo,
            ChangeKind::FeedbackAssigned,
            ChangeKind::WebhookDisabled,
            ChangeKind::ItemLate,
            ChangeKind::RiskReviewDue,
        ];
        for kind in ChangeKind::ALL {
            if !telling.contains(kind) {
                assert_eq!(notices(&example(*kind)), [], "{kind:?}");
            }
        }
    }
}
