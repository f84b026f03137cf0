//! The command line: parsed by clap, each subcommand in its own file, every outcome
//! mapped to an exit code in one place (`main`).

mod account;
mod audit;
mod backup;
mod doctor;
mod export;
mod import;
mod taxii;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::domain::account::Platform;
use crate::domain::audit::ChainHead;
use crate::domain::case::Decision;
use crate::domain::reason::ReasonCategory;
use crate::domain::stix::Collection;
use crate::domain::time::Millis;
use crate::export::Format;
use crate::store::Store;

#[derive(Debug, Parser)]
#[command(
    name = "flagwatch",
    version,
    about = "Report, decide on and coordinate action against extremist accounts, from Discord."
)]
pub struct Cli {
    /// What to do; `run` when left out.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Connect to Discord and serve (the default); needs DISCORD_TOKEN.
    Run,
    /// Run the real bot against a built-in simulated Discord with a scripted community, offline.
    Demo {
        /// The language of the server and its members in the story: en, fr, ar or hi.
        #[arg(long, default_value = "en")]
        language: crate::domain::language::Language,
    },
    /// Apply database migrations.
    Migrate,
    /// Write a consistent copy of the SQLite database (while the bot runs) to a new file, and verify its audit chains.
    Backup { file: PathBuf },
    /// Replace the SQLite database with a backup, after verifying it; refused while the database is in use.
    Restore { file: PathBuf },
    /// Check the token, the database, pending migrations, the audit chains and the bot's permissions in every configured server's channels; exit 1 on any problem.
    Doctor,
    /// Ask the running bot's /readyz on FLAGWATCH_METRICS_ADDR; exit 0 when ready, 1 when not.
    Healthcheck,
    /// Print the account key and canonical URL of each input.
    Account {
        /// Links or handles, e.g. https://x.com/someone or @someone.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Platform of bare handles (default: x).
        #[arg(long, value_parser = account::platform_option)]
        platform: Option<Platform>,
    },
    /// Import a list of accounts into a server's cases (one per line, or CSV with an `account` column).
    Import {
        file: PathBuf,
        /// The Discord server (guild) id.
        #[arg(long)]
        guild: u64,
        /// Reason for lines that do not give one.
        #[arg(long, default_value = "other")]
        reason: ReasonCategory,
    },
    /// Export a server's cases.
    Export {
        #[arg(long)]
        guild: u64,
        #[arg(long)]
        format: Format,
        /// Only cases with this decision.
        #[arg(long)]
        decision: Option<Decision>,
        /// Write to this file instead of standard output.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Check the audit log.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Agencies' credentials for the TAXII 2.1 feed (served by `run` on FLAGWATCH_TAXII_ADDR).
    Taxii {
        #[command(subcommand)]
        action: TaxiiAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum TaxiiAction {
    /// Create a credential for an agency and print its secret (shown once).
    Grant {
        #[arg(long)]
        guild: u64,
        /// The agency, as it appears in the audit log.
        #[arg(long)]
        name: String,
        /// Collections besides report-now (which every credential reads): `held`.
        #[arg(long = "collection")]
        collections: Vec<Collection>,
    },
    /// List credentials (never their secrets).
    List {
        #[arg(long)]
        guild: Option<u64>,
    },
    /// Revoke a credential by the id `grant` and `list` print.
    Revoke {
        #[arg(long)]
        guild: u64,
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditAction {
    /// Recompute the hash chain; exit 1 naming the first bad event.
    Verify {
        #[arg(long)]
        guild: Option<u64>,
        /// A head printed earlier by `audit head` (`<seq>:<hash>`, needs --guild): fail if
        /// the database no longer holds it, as when the tail was cut and the head rewritten.
        #[arg(long, requires = "guild")]
        expect: Option<ChainHead>,
    },
    /// Print each server's chain head (`<seq>:<hash>`) to keep outside the database.
    Head {
        #[arg(long)]
        guild: Option<u64>,
    },
}

/// How a command ended, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything asked for was done.
    Success,
    /// The command ran, but found bad input or a broken chain (exit code 1).
    Failure,
}

/// Run a command that does not need Discord.
pub async fn run(command: Command, config: &Config) -> anyhow::Result<Outcome> {
    match command {
        Command::Run => run_bot(config).await,
        Command::Demo { language } => {
            crate::demo::run(language).await?;
            Ok(Outcome::Success)
        }
        Command::Account { inputs, platform } => Ok(account::run(&inputs, platform)),
        Command::Healthcheck => healthcheck(config).await,
        Command::Doctor => doctor::run(config).await,
        Command::Backup { file } => backup::backup(config, &file).await,
        Command::Restore { file } => backup::restore(config, &file).await,
        Command::Migrate => {
            Store::open(&config.database_url).await?;
            println!("database is up to date");
            Ok(Outcome::Success)
        }
        Command::Import { file, guild, reason } => {
            let store = Store::open(&config.database_url).await?;
            import::run(&store, &file, guild, reason).await
        }
        Command::Export {
            guild,
            format,
            decision,
            output,
        } => {
            let store = Store::open(&config.database_url).await?;
            export::run(&store, guild, format, decision, output.as_deref()).await
        }
        Command::Audit { action } => {
            let store = Store::open(&config.database_url).await?;
            match action {
                AuditAction::Verify { guild, expect } => audit::verify(&store, guild, expect.as_ref()).await,
                AuditAction::Head { guild } => audit::head(&store, guild).await,
            }
        }
        Command::Taxii { action } => {
            let store = Store::open(&config.database_url).await?;
            match action {
                TaxiiAction::Grant {
                    guild,
                    name,
                    collections,
                } => taxii::grant(&store, guild, &name, &collections).await,
                TaxiiAction::List { guild } => taxii::list(&store, guild).await,
                TaxiiAction::Revoke { guild, id } => taxii::revoke(&store, guild, id).await,
            }
        }
    }
}

/// `flagwatch run`: serve until Ctrl-C or SIGTERM, then finish the work in hand.
async fn run_bot(config: &Config) -> anyhow::Result<Outcome> {
    let connection = crate::discord::Connection {
        token: config.token()?,
        api_base: config.api_base.clone(),
        dev_guild: config.dev_guild,
        shards: config.shards,
    };
    let store = Store::open(&config.database_url).await?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing the work in hand");
        let _ = stop.send(true);
    });
    let clock = crate::clock::Clock::system();
    crate::app::run(
        store.clone(),
        connection,
        clock,
        config.outbox_lease,
        crate::app::Listeners {
            taxii: config.taxii,
            ops: config.ops,
            web: config.web,
        },
        stopped,
    )
    .await?;
    store.close().await;
    Ok(Outcome::Success)
}

/// `flagwatch healthcheck`: the bot's own readiness, as `/readyz` reports it. Not being
/// able to ask counts as not ready (exit 1), as a service manager needs.
async fn healthcheck(config: &Config) -> anyhow::Result<Outcome> {
    let Some(ops) = config.ops else {
        eprintln!("not ready: FLAGWATCH_METRICS_ADDR is not set, so the bot serves no /readyz");
        return Ok(Outcome::Failure);
    };
    match crate::ops::healthcheck(ops.addr).await {
        Ok((true, _)) => {
            println!("ready");
            Ok(Outcome::Success)
        }
        Ok((false, report)) => {
            eprint!("not ready:\n{report}");
            Ok(Outcome::Failure)
        }
        Err(e) => {
            eprintln!("not ready: cannot ask http://{}/readyz: {e}", ops.addr);
            Ok(Outcome::Failure)
        }
    }
}

/// Ctrl-C, or SIGTERM on Unix (what service managers send).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The current time, read at the edge and passed into the core.
pub fn now() -> Millis {
    Millis(chrono::Utc::now().timestamp_millis())
}
