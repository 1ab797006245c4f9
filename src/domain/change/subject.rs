//! What changes are about, and who may read them: one rule for the activity
//! feed, the live updates of signed-in users and those of the wall screen.

use crate::domain::role::Role;

/// What changes are about, as `activity_events.subject_type` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    Item,
    Communication,
    Risk,
    Feedback,
    /// A Go / No-Go poll.
    Poll,
    Plan,
    /// An account.
    User,
    /// Where changes are sent (admins).
    Webhook,
    /// An API token.
    Token,
}

impl Subject {
    /// Every subject, in the order the activity feed's filter offers them.
    pub const ALL: [Subject; 9] = [
        Subject::Item,
        Subject::Communication,
        Subject::Risk,
        Subject::Feedback,
        Subject::Poll,
        Subject::Plan,
        Subject::User,
        Subject::Webhook,
        Subject::Token,
    ];

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Item => "item",
            Subject::Communication => "communication",
            Subject::Risk => "risk",
            Subject::Feedback => "feedback",
            Subject::Poll => "golive_poll",
            Subject::Plan => "plan",
            Subject::User => "user",
            Subject::Webhook => "webhook",
            Subject::Token => "token",
        }
    }

    /// The subject stored (or asked for) as `text`.
    pub fn parse(text: &str) -> Option<Subject> {
        Subject::ALL
            .into_iter()
            .find(|subject| subject.as_str() == text)
    }

    /// Whether changes about it are the plan's own, which the overview
    /// shows; those about accounts, webhooks and tokens (admins' audit) would crowd
    /// them out, and stay on `/activity`.
    pub fn of_the_plan(self) -> bool {
        !matches!(self, Subject::User | Subject::Webhook | Subject::Token)
    }

    /// Who may read the changes about it: the one rule behind the activity
    /// feed, the live updates of signed-in users and those of the wall screen.
    pub fn audience(self) -> Audience {
        match self {
            // What the countdown on the wall screen shows.
            Subject::Item | Subject::Poll | Subject::Plan | Subject::Communication => {
                Audience::Everyone
            }
            Subject::Risk | Subject::Feedback => Audience::SignedIn,
            // The audit of accounts (sign-ins, roles, passwords) and of
            // where changes are sent.
            Subject::User | Subject::Webhook | Subject::Token => Audience::Admins,
        }
    }
}

/// Who may read a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Every signed-in user, and the wall screen.
    Everyone,
    /// Every signed-in user.
    SignedIn,
    /// Admins only.
    Admins,
}

/// Who is reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    /// The kiosk link's wall screen, without a session.
    WallScreen,
    /// A signed-in user who is not an admin.
    Member,
    Admin,
}

impl Reader {
    /// A signed-in user with `role`.
    pub fn signed_in(role: Role) -> Reader {
        if role == Role::Admin {
            Reader::Admin
        } else {
            Reader::Member
        }
    }
}

impl Audience {
    /// Whether `reader` may read a change meant for this audience.
    pub fn admits(self, reader: Reader) -> bool {
        match self {
            Audience::Everyone => true,
            Audience::SignedIn => reader != Reader::WallScreen,
            Audience::Admins => reader == Reader::Admin,
        }
    }
}
