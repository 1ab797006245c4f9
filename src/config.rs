//! Settings from the command line and the environment.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::connections::{self, Limits};
use crate::domain::role::Role;

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
}

impl Settings {
    /// The bounds on client connections these settings ask for.
    pub fn connection_limits(&self) -> Limits {
        Limits {
            header_read_timeout: Duration::from_secs(self.header_read_timeout_secs),
            idle_timeout: Duration::from_secs(self.idle_timeout_secs),
            max_connections: usize::try_from(self.max_connections).unwrap_or(usize::MAX),
        }
    }
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
