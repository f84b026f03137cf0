//! The `flagwatch` binary: command line → configuration → run, with every outcome mapped
//! to an exit code here and nowhere else.

use std::process::ExitCode;

use clap::Parser;
use flagwatch::cli::{self, Cli, Outcome};
use flagwatch::config::Config;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "warn,serenity::gateway=error".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let result = match Config::from_env() {
        Ok(config) => cli::run(cli.command.unwrap_or(cli::Command::Run), &config).await,
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failure) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
