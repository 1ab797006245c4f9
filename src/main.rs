use std::process::ExitCode;

use clap::Parser;
use launch_control::config::{Cli, Command};
use launch_control::telemetry::LogTo;
use launch_control::{cli, server, telemetry};

// glibc's malloc took about a fifth of the server's CPU under load
// (issue 16's page benchmark); mimalloc's thread-local free lists do not
// contend between the runtime's worker threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let args = Cli::parse();
    let log_to = if args.command.is_some() {
        LogTo::Stderr
    } else {
        LogTo::Stdout
    };
    telemetry::init(args.settings.log_format, log_to);
    let outcome = match args.command {
        None => server::run(args.settings).await,
        Some(Command::Healthcheck) => server::healthcheck(args.settings.bind_addr).await,
        Some(Command::User { action }) => cli::user(args.settings, action).await,
        Some(Command::Plan { action }) => cli::plan(args.settings, action).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("launch-control: {error:#}");
            ExitCode::FAILURE
        }
    }
}
