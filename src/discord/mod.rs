//! The Discord adapter: it translates between Discord (serenity + poise) and the core and
//! store, and holds no rules of its own.

pub mod checks;
pub mod commands;
pub mod components;
pub mod convert;
pub mod error;
pub mod events;
pub mod evidence;
pub mod render;
pub mod setup_checks;
mod spans;

use anyhow::Context as _;
use poise::serenity_prelude as serenity;
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::watch;

use crate::clock::Clock;
use crate::config::ShardSpec;
use crate::metrics::Metrics;
use crate::store::Store;

/// What every handler can reach.
pub struct Data {
    pub store: Store,
    pub clock: Clock,
    /// For downloading evidence attachments.
    pub downloader: evidence::Downloader,
    pub metrics: Metrics,
}

/// How to reach Discord.
#[derive(Debug, Clone)]
pub struct Connection {
    pub token: SecretString,
    /// REST calls go here instead of discord.com (a rate-limiting proxy, or the simulator).
    pub api_base: Option<String>,
    /// Register commands on this server only (instant), instead of globally.
    pub dev_guild: Option<u64>,
    /// The gateway shards to run; `None`: as many as Discord recommends, all here.
    pub shards: Option<ShardSpec>,
}

/// A Discord client with flagwatch's commands and handlers, not yet connected.
pub async fn client(
    store: Store,
    connection: &Connection,
    clock: Clock,
    metrics: Metrics,
) -> anyhow::Result<serenity::Client> {
    let data = Data {
        store,
        clock,
        metrics,
        downloader: evidence::Downloader::new(evidence::AttachmentHosts::new(connection.api_base.as_deref()))?,
    };
    let framework = framework(data, connection.dev_guild);
    serenity::ClientBuilder::new_with_http(build_http(connection), serenity::GatewayIntents::GUILDS)
        .framework(spans::Traced(framework))
        .await
        .context("cannot create the Discord client")
}

/// Serve the gateway shards `shards` until `stop` turns true.
pub async fn serve(
    mut client: serenity::Client,
    shards: Option<ShardSpec>,
    mut stop: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let manager = client.shard_manager.clone();
    tokio::spawn(async move {
        let _ = stop.wait_for(|&s| s).await;
        manager.shutdown_all().await;
    });
    let started = match shards {
        None => client.start_autosharded().await,
        // serenity's range end is the last shard, included.
        Some(s) => client.start_shard_range(s.first..s.last, s.count).await,
    };
    started.context("the Discord connection failed")
}

pub fn build_http(connection: &Connection) -> serenity::Http {
    let builder = serenity::HttpBuilder::new(connection.token.expose_secret());
    match &connection.api_base {
        // serenity only honours the proxy with its own ratelimiter off: the proxy (or our
        // outbox pacing) owns rate limiting then.
        Some(base) => builder.proxy(base.as_str()).ratelimiter_disabled(true).build(),
        None => builder.build(),
    }
}

fn framework(data: Data, dev_guild: Option<u64>) -> poise::Framework<Data, error::Error> {
    let options = poise::FrameworkOptions {
        commands: commands::all(),
        on_error: |e| Box::pin(error::on_error(e)),
        post_command: |ctx| Box::pin(async move { error::record(ctx, crate::metrics::Outcome::Ok) }),
        event_handler: |framework, event| {
            Box::pin(events::on_event(framework.serenity_context, event, framework.user_data))
        },
        allowed_mentions: Some(serenity::CreateAllowedMentions::new()),
        ..Default::default()
    };
    poise::Framework::builder()
        .options(options)
        .initialize_owners(false)
        .setup(move |ctx, _ready, framework| {
            Box::pin(async move {
                let commands = &framework.options().commands;
                match dev_guild {
                    Some(g) => poise::builtins::register_in_guild(ctx, commands, serenity::GuildId::new(g)).await?,
                    None => poise::builtins::register_globally(ctx, commands).await?,
                }
                Ok(data)
            })
        })
        .build()
}
