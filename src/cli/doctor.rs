//! `flagwatch doctor`: one report an admin can read top to bottom — the token, the
//! database, pending migrations, the audit chains, and for every configured server the
//! bot's permissions in its review and coordination channels. Exit 1 on any problem.

use poise::serenity_prelude as serenity;

use super::Outcome;
use crate::config::Config;
use crate::discord::render::labels;
use crate::discord::setup_checks::{self, Access, ChannelCheck, Purpose};
use crate::discord::Connection;
use crate::domain::language::Language;
use crate::store::{Backend, Store};

/// The lines printed so far, and whether any was a problem.
#[derive(Default)]
struct Report {
    failed: bool,
}

impl Report {
    fn ok(&mut self, what: &str, detail: impl std::fmt::Display) {
        println!("ok    {what}: {detail}");
    }

    fn fail(&mut self, what: &str, detail: impl std::fmt::Display) {
        self.failed = true;
        println!("FAIL  {what}: {detail}");
    }
}

pub async fn run(config: &Config) -> anyhow::Result<Outcome> {
    let mut report = Report::default();
    let discord = token(config, &mut report).await;
    if let Ok(file) = super::backup::sqlite_file(config) {
        if !file.exists() {
            // Connecting would create an empty database where a typo points.
            report.fail(
                "database",
                format!("no file at {} (flagwatch migrate creates one)", file.display()),
            );
            return Ok(Outcome::Failure);
        }
    }
    match Store::connect(&config.database_url).await {
        Ok(store) => {
            let backend = match store.backend() {
                Backend::Sqlite => "SQLite",
                Backend::Postgres => "PostgreSQL",
            };
            report.ok("database", format!("reachable ({backend})"));
            if database(&store, &mut report).await? {
                servers(&store, discord.as_ref(), &mut report).await?;
            }
            store.close().await;
        }
        Err(e) => report.fail("database", e),
    }
    Ok(if report.failed {
        Outcome::Failure
    } else {
        Outcome::Success
    })
}

/// Whether Discord accepts the token: the client and the bot's id when it does.
async fn token(config: &Config, report: &mut Report) -> Option<(serenity::Http, serenity::UserId)> {
    let token = match config.token() {
        Ok(token) => token,
        Err(e) => {
            report.fail("token", e);
            return None;
        }
    };
    let connection = Connection {
        token,
        api_base: config.api_base.clone(),
        dev_guild: None,
        shards: None,
    };
    let http = crate::discord::build_http(&connection);
    match http.get_current_user().await {
        Ok(me) => {
            report.ok("token", format!("Discord accepts it (the bot is {})", me.name));
            Some((http, me.id))
        }
        Err(e) => {
            report.fail("token", format!("Discord refused it or did not answer: {e}"));
            None
        }
    }
}

/// Migrations and audit chains; `false` when the schema is not current, so nothing
/// further can be read.
async fn database(store: &Store, report: &mut Report) -> anyhow::Result<bool> {
    let pending = store.pending_migrations().await?;
    if pending.is_empty() {
        report.ok("migrations", "up to date");
    } else {
        let versions: Vec<String> = pending.iter().map(i64::to_string).collect();
        report.fail(
            "migrations",
            format!(
                "{} pending ({}): run flagwatch migrate; the rest is checked after",
                pending.len(),
                versions.join(", ")
            ),
        );
        return Ok(false);
    }
    match store.verify_audit(None).await? {
        Ok(events) => report.ok("audit chains", format!("{events} events verified")),
        Err(f) => report.fail(
            "audit chains",
            format!(
                "broken in server {} at event {}: {}",
                f.guild_id, f.broken.seq, f.broken.problem
            ),
        ),
    }
    Ok(true)
}

async fn servers(
    store: &Store,
    discord: Option<&(serenity::Http, serenity::UserId)>,
    report: &mut Report,
) -> anyhow::Result<()> {
    let guilds = store.configured_guilds().await?;
    if guilds.is_empty() {
        report.ok("servers", "none set up yet (/setup set in Discord)");
    }
    for guild in guilds {
        let what = format!("server {guild}");
        let settings = store.guild_settings(guild, super::now()).await?;
        let missing = settings.missing();
        if !missing.is_empty() {
            report.fail(&what, format!("setup incomplete: {} not set", missing.join(", ")));
        }
        let Some((http, bot)) = discord else {
            report.fail(&what, "channels not checked: no token Discord accepts");
            continue;
        };
        match setup_checks::check_channels(http, *bot, &settings).await {
            Ok(checks) => checks.iter().for_each(|c| channel(&what, c, report)),
            Err(e) => report.fail(&what, format!("cannot read the server from Discord: {e}")),
        }
    }
    Ok(())
}

fn channel(server: &str, check: &ChannelCheck, report: &mut Report) {
    let what = format!(
        "{server} {} {}",
        labels::purpose(check.purpose, Language::English),
        check.channel
    );
    match &check.access {
        Access::Unreadable => report.fail(&what, "the bot cannot see this channel"),
        Access::Read { missing, everyone_sees } => {
            if *everyone_sees && check.purpose == Purpose::Review {
                report.fail(
                    &what,
                    "visible to @everyone: pending accounts and vote tallies would be public",
                );
            }
            if missing.is_empty() {
                report.ok(&what, "the bot can view, send, embed, pin and manage messages");
            } else {
                let names: Vec<String> = missing.iter().map(|n| labels::needed(*n, Language::English)).collect();
                report.fail(&what, format!("the bot lacks {}", names.join(", ")));
            }
        }
    }
}
