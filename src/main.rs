use std::process::ExitCode;

use clap::Parser;
use launch_control::config::{Cli, Command};
use launch_control::telemetry::LogTo;
use launch_control::{cli, server, telemetry};

// glibc's malloc took about a fifth of the server's CPU under load
// (issue 16's page benchmark); mimalloc's thread-local free lists do not
// contend between the runtime's worker threads. Built without transparent
// huge pages (the `no_thp` feature): a 2 MiB page is resident as soon as
// one byte of it is used, and they took launch day's peak from 105 to
// 120 MiB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc 3 keeps memory that was freed for a second before it gives it
/// back to the system, ready to be used again; under launch day's bursts of
/// pages drawn again that second's memory piles up (a peak of 145 MiB
/// instead of 90, for no CPU measured). Given back at once instead.
fn give_freed_memory_back_at_once() {
    // SAFETY: sets one of mimalloc's own options, an integer it reads
    // atomically; no memory is touched.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
}

/// `mi_option_purge_delay` of mimalloc.h, which libmimalloc-sys does not
/// name (the test below reads its default back).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

#[tokio::main]
async fn main() -> ExitCode {
    give_freed_memory_back_at_once();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_set_is_mimallocs_purge_delay_of_a_second() {
        // SAFETY: reads one of mimalloc's options.
        let default = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(default, 1000, "mimalloc 3's purge delay, in milliseconds");
    }
}
