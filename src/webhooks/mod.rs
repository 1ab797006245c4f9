//! Webhooks (issue 18): changes sent to the URLs admins name, signed, to
//! public addresses only unless `WEBHOOK_ALLOW_PRIVATE` says otherwise.

pub mod deliver;
mod resolver;
pub mod target;

pub use resolver::Guard;

use crate::mail::Backoff;
use crate::public_url::PublicUrl;

/// How webhooks are sent.
#[derive(Clone, Debug)]
pub struct WebhookSettings {
    /// The addresses deliveries may reach.
    pub guard: Guard,
    /// How long a failed delivery waits before its next attempt.
    pub retry: Backoff,
    /// The dashboard's address, for the links of the messages.
    pub public_url: PublicUrl,
}

impl WebhookSettings {
    /// Public addresses only, or also private ones; the standard waits.
    pub fn new(allow_private: bool, public_url: PublicUrl) -> WebhookSettings {
        WebhookSettings {
            guard: Guard { allow_private },
            retry: Backoff::STANDARD,
            public_url,
        }
    }
}

/// The host of a webhook's `url`, which is what the history keeps and the
/// pages name: a chat service's URL is itself a secret.
pub fn host_of(url: &str) -> String {
    reqwest::Url::parse(url)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_alone_is_kept_of_a_url() {
        assert_eq!(
            host_of("https://hooks.slack.com/services/T000/B000/XXXX?x=1"),
            "hooks.slack.com"
        );
        assert_eq!(host_of("http://127.0.0.1:9000/hook"), "127.0.0.1");
        assert_eq!(host_of("not a url"), "");
    }
}
