use std::process::ExitCode;

use clap::Parser;
use launch_control::config::{Cli, Command};
use launch_control::{cli, server, telemetry};

#[tokio::main]
async fn main() -> ExitCode {
    let args = Cli::parse();
    telemetry::init(args.settings.log_format);
    let outcome = match args.command {
        None => server::run(args.settings).await,
        Some(Command::Healthcheck) => server::healthcheck(args.settings.bind_addr).await,
        Some(Command::User { action }) => cli::user(args.settings, action).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("launch-control: {error:#}");
            ExitCode::FAILURE
        }
    }
}
