use std::process::ExitCode;

use clap::Parser;
use launch_control::config::{Cli, Command};
use launch_control::{cli, server, telemetry};

// glibc's malloc took about a fifth of the server's CPU under load
// (issue 16's page benchmark); mimalloc's thread-local free lists do not
// contend between the runtime's worker threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
