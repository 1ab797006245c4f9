//! Webhooks (issue 18): changes sent to the URLs admins name, signed, to
//! public addresses only unless `WEBHOOK_ALLOW_PRIVATE` says otherwise.

pub mod deliver;
mod resolver;
pub mod target;

pub use resolver::Guard;

use crate::mail::Backoff;

/// How webhooks are sent.
#[derive(Clone, Copy, Debug)]
pub struct WebhookSettings {
    /// The addresses deliveries may reach.
    pub guard: Guard,
    /// How long a failed delivery waits before its next attempt.
    pub retry: Backoff,
}

impl WebhookSettings {
    /// Public addresses only, or also private ones; the standard waits.
    pub fn new(allow_private: bool) -> WebhookSettings {
        WebhookSettings {
            guard: Guard { allow_private },
            retry: Backoff::STANDARD,
        }
    }
}
