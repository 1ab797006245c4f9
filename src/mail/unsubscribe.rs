//! The one-click unsubscribe link every e-mail carries (RFC 8058). Its
//! address is made here, where the messages are written, and served by
//! `web::unsubscribe`.

use uuid::Uuid;

use crate::domain::notification::NotificationKind;

/// The path every unsubscribe link starts with: its token is the proof, so
/// its posts need no CSRF token (`auth::csrf::CAPABILITY_PREFIXES`).
pub const PREFIX: &str = "/unsubscribe/";

/// The path of the link that stops `kind`'s e-mails to the user of `token`.
pub fn path(token: Uuid, kind: NotificationKind) -> String {
    format!("{PREFIX}{token}/{}", kind.as_str())
}
