//! Settings from the command line and the environment.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::connections::{self, Limits};
use crate::domain::role::Role;
use crate::mail::{Backoff, DIGEST_AT, MailSettings, Security};
use crate::public_url::PublicUrl;

/// The launch-control command line.
#[derive(Debug, Parser)]
#[command(
    name = "launch-control",
    version,
    about = "The dashboard a launch team runs its launch from"
)]
pub struct Cli {
    #[command(flatten)]
    pub settings: Settings,
    /// Without a sub-command, the server runs.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Settings shared by the server and the sub-commands.
#[derive(Clone, Debug, Args)]
pub struct Settings {
    /// Address the server listens on.
    #[arg(
        long,
        env = "BIND_ADDR",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub bind_addr: SocketAddr,
    /// PostgreSQL to use; without it, a private cluster runs under DATA_DIR.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// Where the private PostgreSQL cluster lives.
    #[arg(long, env = "DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,
    /// Log lines as text for people, or JSON for production.
    #[arg(
        long,
        env = "LOG_FORMAT",
        value_enum,
        default_value = "text",
        global = true
    )]
    pub log_format: LogFormat,
    /// Mark cookies `Secure`; set it when the dashboard is served over HTTPS.
    #[arg(long, env = "SECURE_COOKIES", default_value_t = false, global = true)]
    pub secure_cookies: bool,
    /// Bearer token that opens `/metrics` to a scraper; without it, there is no `/metrics`.
    #[arg(long, env = "METRICS_TOKEN", global = true, hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// Reverse proxies in front of the server (a load balancer, an ingress):
    /// the throttles then key on the client address they forward.
    #[arg(long, env = "TRUSTED_PROXY_HOPS", default_value_t = 0, global = true)]
    pub trusted_proxy_hops: usize,
    /// A plan file (the format of `seed/lootopia.toml`) to load into an empty
    /// database instead of the Lootopia plan.
    #[arg(long, env = "PLAN_FILE", global = true)]
    pub plan_file: Option<PathBuf>,
    /// Seconds a client has to send a request's head, on a new connection and
    /// between requests on a kept-alive one.
    #[arg(
        long,
        env = "HEADER_READ_TIMEOUT_SECS",
        default_value_t = connections::HEADER_READ_TIMEOUT.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..),
        global = true
    )]
    pub header_read_timeout_secs: u64,
    /// Seconds a connection may go without a byte read or written.
    #[arg(
        long,
        env = "IDLE_TIMEOUT_SECS",
        default_value_t = connections::IDLE_TIMEOUT.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..),
        global = true
    )]
    pub idle_timeout_secs: u64,
    /// Connections open at once; at the cap, a new one replaces the oldest
    /// that has not sent a request yet.
    #[arg(
        long,
        env = "MAX_CONNECTIONS",
        default_value_t = connections::MAX_CONNECTIONS as u64,
        value_parser = clap::value_parser!(u64).range(1..),
        global = true
    )]
    pub max_connections: u64,
    /// SMTP server that sends e-mail; without it, people are told in their
    /// inbox only.
    #[arg(long, env = "SMTP_HOST", global = true)]
    pub smtp_host: Option<String>,
    /// Its port: 587 with STARTTLS, 465 with TLS, 25 without, unless given.
    #[arg(long, env = "SMTP_PORT", global = true)]
    pub smtp_port: Option<u16>,
    /// How the connection to it is secured.
    #[arg(
        long,
        env = "SMTP_SECURITY",
        value_enum,
        default_value = "starttls",
        global = true
    )]
    pub smtp_security: Security,
    /// The account to sign in to it with, if it asks for one.
    #[arg(long, env = "SMTP_USER", global = true)]
    pub smtp_user: Option<String>,
    /// That account's password.
    #[arg(long, env = "SMTP_PASSWORD", global = true, hide_env_values = true)]
    pub smtp_password: Option<String>,
    /// The sender of the e-mails, e.g. `Launch Control <launch@example.org>`.
    #[arg(long, env = "SMTP_FROM", global = true)]
    pub smtp_from: Option<String>,
    /// The dashboard's address as people reach it, for the links of its
    /// e-mails; `http://BIND_ADDR` unless given.
    #[arg(long, env = "PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Let webhooks reach private, loopback and link-local addresses (an
    /// on-premise receiver); refused otherwise.
    #[arg(
        long,
        env = "WEBHOOK_ALLOW_PRIVATE",
        default_value_t = false,
        global = true
    )]
    pub webhook_allow_private: bool,
}

impl Settings {
    /// How e-mail is sent, if it is: none without `SMTP_HOST`.
    pub fn mail(&self) -> anyhow::Result<Option<MailSettings>> {
        let Some(host) = given(&self.smtp_host) else {
            return Ok(None);
        };
        let from = given(&self.smtp_from)
            .context("SMTP_FROM must name the sender when SMTP_HOST is set")?
            .parse()
            .context("SMTP_FROM is not an e-mail address (name <address> or address)")?;
        let port = self.smtp_port.unwrap_or(match self.smtp_security {
            Security::Starttls => 587,
            Security::Tls => 465,
            Security::None => 25,
        });
        let credentials = match (given(&self.smtp_user), given(&self.smtp_password)) {
            (Some(user), Some(password)) => Some((user, password)),
            (None, None) => None,
            _ => anyhow::bail!("SMTP_USER and SMTP_PASSWORD go together"),
        };
        Ok(Some(MailSettings {
            host,
            port,
            security: self.smtp_security,
            credentials,
            from,
            public_url: self.public_url(),
            retry: Backoff::STANDARD,
            digest_at: DIGEST_AT,
        }))
    }

    /// `PUBLIC_URL`, when it is set.
    pub fn given_public_url(&self) -> Option<PublicUrl> {
        given(&self.public_url).map(PublicUrl::new)
    }

    /// The dashboard's address as people reach it: `PUBLIC_URL`, or
    /// `http://BIND_ADDR`.
    pub fn public_url(&self) -> PublicUrl {
        PublicUrl::new(
            given(&self.public_url).unwrap_or_else(|| format!("http://{}", self.bind_addr)),
        )
    }

    /// The bounds on client connections these settings ask for.
    pub fn connection_limits(&self) -> Limits {
        Limits {
            header_read_timeout: Duration::from_secs(self.header_read_timeout_secs),
            idle_timeout: Duration::from_secs(self.idle_timeout_secs),
            max_connections: usize::try_from(self.max_connections).unwrap_or(usize::MAX),
        }
    }
}

/// A setting's value, if it has one: set but empty (`SMTP_HOST=` in a
/// compose file) is not given.
fn given(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .map(str::to_owned)
}

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// The sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Exit 0 if the server on BIND_ADDR answers /healthz: the container's HEALTHCHECK.
    Healthcheck,
    /// Manage users.
    User {
        #[command(subcommand)]
        action: UserCommand,
    },
    /// Export or import a whole plan as a checksummed plan file.
    Plan {
        #[command(subcommand)]
        action: PlanCommand,
    },
}

/// The `plan` sub-commands.
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Write the plan the dashboard shows as a plan file (JSON).
    Export {
        /// The file to write; standard output without it.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Read a plan file and store it as a new plan.
    Import {
        /// The plan file, as `plan export` wrote it.
        file: std::path::PathBuf,
    },
}

/// The `user` sub-commands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user; the password is read from standard input.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        role: Role,
        /// The team's key or name, e.g. `devops` or `DevOps`.
        #[arg(long)]
        team: Option<String>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(args: &[&str]) -> anyhow::Result<Option<MailSettings>> {
        let cli =
            Cli::try_parse_from(std::iter::once("launch-control").chain(args.iter().copied()))
                .expect("the arguments parse");
        cli.settings.mail()
    }

    #[test]
    fn without_a_host_or_with_an_empty_one_no_mail_is_sent() {
        assert!(mail(&[]).unwrap().is_none());
        assert!(
            mail(&["--smtp-host=", "--smtp-from=a@example.org"])
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn the_port_follows_the_security_and_links_the_bind_address() {
        let starttls = mail(&["--smtp-host=mail", "--smtp-from=Launch <a@example.org>"])
            .unwrap()
            .unwrap();
        assert_eq!(
            (starttls.port, starttls.security),
            (587, Security::Starttls)
        );
        assert_eq!(starttls.public_url.link("/"), "http://127.0.0.1:8080/");
        assert_eq!(starttls.credentials, None);
        let tls = mail(&[
            "--smtp-host=mail",
            "--smtp-from=a@example.org",
            "--smtp-security=tls",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(tls.port, 465);
        let plain = mail(&[
            "--smtp-host=mail",
            "--smtp-from=a@example.org",
            "--smtp-security=none",
            "--smtp-port=1025",
            "--public-url=https://launch.example.org",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(plain.port, 1025);
        assert_eq!(
            plain.public_url.link("/items/1"),
            "https://launch.example.org/items/1"
        );
    }

    #[test]
    fn a_host_needs_a_sender_and_a_user_a_password() {
        assert!(mail(&["--smtp-host=mail"]).is_err());
        assert!(mail(&["--smtp-host=mail", "--smtp-from=not an address"]).is_err());
        assert!(
            mail(&[
                "--smtp-host=mail",
                "--smtp-from=a@example.org",
                "--smtp-user=me"
            ])
            .is_err()
        );
        let signed = mail(&[
            "--smtp-host=mail",
            "--smtp-from=a@example.org",
            "--smtp-user=me",
            "--smtp-password=secret",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(
            signed.credentials,
            Some(("me".to_owned(), "secret".to_owned()))
        );
    }
}
