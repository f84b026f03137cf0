//! The `flagwatch` binary: command line → configuration → run, with every outcome mapped
//! to an exit code here and nowhere else.

use std::process::ExitCode;

use clap::Parser;
use flagwatch::cli::{self, Cli, Outcome};
use flagwatch::config::{Config, LogFormat};

#[tokio::main]
async fn main() -> ExitCode {
    let config = Config::from_env();
    init_logging(config.as_ref().map(|c| c.log_format).unwrap_or_default());
    let cli = Cli::parse();
    let result = match config {
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

/// Log to standard error, filtered by `RUST_LOG`, as text or one JSON object a line.
fn init_logging(format: LogFormat) {
    let filter =
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn,serenity::gateway=error".into());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().with_current_span(false).with_span_list(true).init(),
    }
}
