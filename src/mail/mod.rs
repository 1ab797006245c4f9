//! E-mail (issue 18): the SMTP settings, the messages, and the worker that
//! sends the queued ones. Without SMTP settings the product tells people in
//! its inbox only.

pub mod deliver;
pub mod message;
pub mod unsubscribe;

use std::time::Duration;

use chrono::NaiveTime;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, Tokio1Executor};

use crate::public_url::PublicUrl;

/// How the connection to the SMTP server is secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Security {
    /// Plain TCP upgraded with STARTTLS, which the server must offer (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: a mail server on the same host or network only.
    None,
}

/// How long a failed e-mail waits before its next attempt: `first`, doubled
/// at each failure, never more than `max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    pub first: Duration,
    pub max: Duration,
}

impl Backoff {
    /// Half a minute, doubled up to an hour: a mail server down for a
    /// minute delays the e-mails by about that, one down for a day is tried
    /// every hour.
    pub const STANDARD: Backoff = Backoff {
        first: Duration::from_secs(30),
        max: Duration::from_secs(3600),
    };

    /// The wait after the `failures`-th failure in a row (from 1).
    pub fn after(self, failures: u32) -> Duration {
        let doublings = failures.saturating_sub(1).min(31);
        self.first
            .checked_mul(1 << doublings)
            .map_or(self.max, |wait| wait.min(self.max))
    }
}

/// Where and how e-mails are sent.
#[derive(Clone, Debug)]
pub struct MailSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub credentials: Option<(String, String)>,
    pub from: Mailbox,
    /// The dashboard's address as people reach it, for the links in e-mails.
    pub public_url: PublicUrl,
    pub retry: Backoff,
    /// When, in the plan's time zone, the day's digests go out.
    pub digest_at: NaiveTime,
}

/// The digests' time of day: 08:00.
pub const DIGEST_AT: NaiveTime = match NaiveTime::from_hms_opt(8, 0, 0) {
    Some(time) => time,
    None => panic!("08:00 is a time"),
};

impl MailSettings {
    /// The SMTP transport these settings describe.
    pub fn transport(
        &self,
    ) -> Result<AsyncSmtpTransport<Tokio1Executor>, lettre::transport::smtp::Error> {
        type Smtp = AsyncSmtpTransport<Tokio1Executor>;
        let builder = match self.security {
            Security::Tls => Smtp::relay(&self.host)?,
            Security::Starttls => Smtp::starttls_relay(&self.host)?,
            Security::None => Smtp::builder_dangerous(&self.host),
        };
        let builder = builder
            .port(self.port)
            .timeout(Some(Duration::from_secs(10)));
        Ok(match &self.credentials {
            Some((user, password)) => builder
                .credentials(Credentials::new(user.clone(), password.clone()))
                .build(),
            None => builder.build(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_from_the_first_up_to_the_most() {
        let backoff = Backoff {
            first: Duration::from_secs(30),
            max: Duration::from_secs(300),
        };
        let waits: Vec<u64> = (1..=6).map(|n| backoff.after(n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 300, 300]);
        assert_eq!(
            backoff.after(0).as_secs(),
            30,
            "no failure yet waits the first"
        );
        assert_eq!(backoff.after(u32::MAX), backoff.max, "no overflow");
    }
}
