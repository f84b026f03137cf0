//! A local stand-in for Discord's API v10 (REST and gateway) on loopback, for the
//! end-to-end tests and `flagwatch demo`.
//!
//! The real bot talks to it over real HTTP and WebSocket (serenity with
//! `HttpBuilder::proxy(sim.api_base())` and its ratelimiter off), so what is tested is the
//! bot as deployed. It follows Discord's documented shapes and rules — payloads,
//! interaction deadlines and token lifetimes, rate limits and their headers, error codes —
//! and records everything so tests can assert on what members would see
//! ([`Simulator::transcript`], [`Simulator::messages`], [`Simulator::wait_reply`]) and on
//! how the bot behaved ([`Simulator::requests`], [`Simulator::rate_limited_count`]).
//!
//! Several bot processes may connect at once, as when they share one database: each
//! IDENTIFY opens its own session of its shard (`[id, count]`), and every event of a
//! guild goes to each session of that guild's shard ([`Simulator::session_stats`],
//! [`Simulator::wait_for_shards`]). What they do together is measured: answers refused
//! because another process acknowledged first ([`Simulator::refused_acknowledgements`]),
//! retries that did not wait out a 429 ([`Simulator::rate_limit_violations`]), and the
//! busiest channel's request rate ([`Simulator::max_channel_requests_within`]).
//!
//! ```no_run
//! # use flagwatch_simulator::{Opt, SimConfig, Simulator};
//! # use std::time::Duration;
//! # async fn demo() -> Result<(), flagwatch_simulator::SimError> {
//! let sim = Simulator::start(SimConfig::default()).await?;
//! let g = sim.add_guild("Volunteers");
//! let general = sim.add_channel(g, "general");
//! let alice = sim.add_member(g, "alice", &[], chrono::Utc::now());
//! // … start the bot with sim.api_base() and sim.token() …
//! sim.wait_for_bot_ready(Duration::from_secs(10)).await?;
//! let report = sim.slash(general, alice, "report", vec![Opt::string("account", "x.com/foo")])?;
//! let reply = sim.wait_reply(&report, Duration::from_secs(5)).await?;
//! assert!(reply.ephemeral);
//! # Ok(()) }
//! ```

mod announced;
mod api;
mod commands;
mod gateway;
mod handlers;
mod interactions;
mod measure;
mod messages;
mod multipart;
mod nonces;
mod options;
mod payloads;
mod ratelimit;
mod rest;
mod routes;
mod session;
mod state;
mod transcript;
mod validate;
mod visible;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use interactions::Reply;
pub use options::Opt;
pub use ratelimit::{Limit, RateLimits};
pub use session::{GatewayStats, SessionStats};
pub use state::{RecordedRequest, SimMessage};
pub use visible::{VisibleEvent, VisibleKind};

use interactions::Invoker;
use state::{Calls, FailRule, LimitRule, Shared, World};

/// Discord permission bits a test gives roles (see Discord's permissions table).
pub mod permissions {
    pub const ADMINISTRATOR: u64 = 1 << 3;
    pub const VIEW_CHANNEL: u64 = 1 << 10;
    pub const SEND_MESSAGES: u64 = 1 << 11;
    /// Also what pinning takes (API v10 as serenity 0.12 knows it).
    pub const MANAGE_MESSAGES: u64 = 1 << 13;
    pub const EMBED_LINKS: u64 = 1 << 14;
    /// "Manage Server": what flagwatch's admins need.
    pub const MANAGE_GUILD: u64 = 1 << 5;
}

/// Whom a channel permission overwrite is for.
#[derive(Debug, Clone, Copy)]
pub enum OverwriteTarget {
    /// The server's `@everyone` role.
    Everyone,
    Role(RoleRef),
    Member(UserRef),
}

/// How the simulated Discord behaves.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// The bot token the simulator accepts (REST `Authorization: Bot …` and IDENTIFY).
    pub token: String,
    pub bot_name: String,
    /// How long after dispatch the first callback is accepted (Discord: 3 s).
    pub interaction_deadline: Duration,
    /// How long after dispatch the interaction webhook works (Discord: 15 min).
    pub interaction_token_lifetime: Duration,
    /// Sent in HELLO (Discord: 41.25 s).
    pub heartbeat_interval: Duration,
    pub rate_limits: RateLimits,
    /// `shards` of `GET /gateway/bot`: how many shards Discord recommends.
    pub recommended_shards: u32,
    /// How long a message nonce with `enforce_nonce` deduplicates posts (Discord: "a
    /// few minutes").
    pub nonce_window: Duration,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            token: "simulated.bot.token".to_owned(),
            bot_name: "flagwatch".to_owned(),
            interaction_deadline: Duration::from_secs(3),
            interaction_token_lifetime: Duration::from_secs(15 * 60),
            heartbeat_interval: Duration::from_millis(41_250),
            rate_limits: RateLimits::default(),
            recommended_shards: 1,
            nonce_window: Duration::from_secs(5 * 60),
        }
    }
}

/// What the simulator could not do.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("cannot listen on loopback: {0}")]
    Bind(#[from] std::io::Error),
    #[error("timed out after {after:?} waiting for {what}")]
    Timeout { what: String, after: Duration },
    #[error("unknown {0}")]
    Unknown(&'static str),
    #[error("the bot has no gateway session for this server's shard (it has not identified)")]
    NoSession,
    #[error("shard {shard} does not exist among {count}")]
    InvalidShard { shard: u32, count: u32 },
    #[error("message {message} has no enabled button {custom_id:?}")]
    NoSuchButton { message: u64, custom_id: String },
}

/// A server of the simulated world.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GuildRef(pub u64);
/// A text channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChannelRef(pub u64);
/// A role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RoleRef(pub u64);
/// A user who is a member of a server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UserRef(pub u64);

/// A file the simulator serves, to give to an attachment option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentRef {
    pub id: u64,
    pub filename: String,
    pub url: String,
}

/// An interaction the simulator dispatched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InteractionRef {
    pub id: u64,
    pub token: String,
}

/// A running simulator; dropping it stops the servers and cuts the bot's connection.
pub struct Simulator {
    shared: Arc<Shared>,
    api_base: String,
    gateway_url: String,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for Simulator {
    fn drop(&mut self) {
        self.shared.with(|w| w.gateway.drop_live(None));
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl Simulator {
    /// Bind REST and gateway on free loopback ports and start serving.
    pub async fn start(config: SimConfig) -> Result<Simulator, SimError> {
        let rest_listener = TcpListener::bind("127.0.0.1:0").await?;
        let gateway_listener = TcpListener::bind("127.0.0.1:0").await?;
        let api_base = format!("http://{}", rest_listener.local_addr()?);
        let gateway_url = format!("ws://{}", gateway_listener.local_addr()?);
        let world = World::new(&config, api_base.clone(), gateway_url.clone());
        let shared = Arc::new(Shared::new(config, world));
        let tasks = vec![
            tokio::spawn(rest::serve(rest_listener, shared.clone())),
            tokio::spawn(gateway::serve(gateway_listener, shared.clone())),
        ];
        Ok(Simulator {
            shared,
            api_base,
            gateway_url,
            tasks,
        })
    }

    /// What to give serenity's `HttpBuilder::proxy`: `http://127.0.0.1:PORT`.
    pub fn api_base(&self) -> &str {
        &self.api_base
    }

    /// The gateway URL that `GET /gateway` returns: `ws://127.0.0.1:PORT`.
    pub fn gateway_url(&self) -> &str {
        &self.gateway_url
    }

    pub fn token(&self) -> &str {
        &self.shared.config.token
    }

    /// The application id, which is also the bot user's id.
    pub fn application_id(&self) -> u64 {
        self.shared.read(|w| w.me.application_id)
    }

    // ---- building the world ----

    /// A server with its `@everyone` role; the bot is a member. Successive servers land
    /// on successive shards (whatever the shard count), as their ids are a millisecond apart.
    pub fn add_guild(&self, name: &str) -> GuildRef {
        self.create_guild(name, None)
    }

    /// A server on shard `shard` of `count` (`(id >> 22) % count == shard`), so a sharded
    /// test knows which session gets its events.
    pub fn add_guild_on_shard(&self, name: &str, shard: u32, count: u32) -> Result<GuildRef, SimError> {
        if shard >= count {
            return Err(SimError::InvalidShard { shard, count });
        }
        Ok(self.create_guild(name, Some((shard, count))))
    }

    /// Sessions of the guild's shard get GUILD_CREATE.
    fn create_guild(&self, name: &str, on: Option<(u32, u32)>) -> GuildRef {
        GuildRef(self.shared.with(|w| {
            let id = w.add_guild(name, on);
            let create = payloads::guild_create(w, id);
            w.dispatch(id, "GUILD_CREATE", create);
            id
        }))
    }

    /// A text channel; a connected bot gets CHANNEL_CREATE. (The `add_*` methods take
    /// refs this simulator handed out; a foreign ref yields an unusable ref 0.)
    pub fn add_channel(&self, guild: GuildRef, name: &str) -> ChannelRef {
        ChannelRef(self.shared.with(|w| {
            let id = w.add_channel(guild.0, name).unwrap_or_default();
            if let Some(c) = w.channels.get(&id) {
                let channel = payloads::channel(c);
                w.dispatch(guild.0, "CHANNEL_CREATE", channel);
            }
            id
        }))
    }

    /// A role with Discord permission bits (see [`permissions`]); a connected bot gets
    /// GUILD_ROLE_CREATE.
    pub fn add_role(&self, guild: GuildRef, name: &str, permissions: u64) -> RoleRef {
        RoleRef(self.shared.with(|w| {
            let id = w.add_role(guild.0, name, permissions).unwrap_or_default();
            if let Some(r) = w.roles.get(&id) {
                let event = json!({ "guild_id": guild.0.to_string(), "role": payloads::role(r) });
                w.dispatch(guild.0, "GUILD_ROLE_CREATE", event);
            }
            id
        }))
    }

    /// A member with roles and a join time (membership age matters to intake rules).
    /// No member event is dispatched: the bot asks only for the GUILDS intent and reads
    /// members from interactions.
    pub fn add_member(&self, guild: GuildRef, name: &str, roles: &[RoleRef], joined_at: DateTime<Utc>) -> UserRef {
        let roles: Vec<u64> = roles.iter().map(|r| r.0).collect();
        UserRef(
            self.shared
                .with(|w| w.add_member(guild.0, name, &roles, joined_at).unwrap_or_default()),
        )
    }

    /// The language of the user's Discord client (`fr`, `hi`, `en-US`…), sent as the
    /// `locale` of their interactions from now on.
    pub fn set_locale(&self, user: UserRef, locale: &str) {
        self.shared.with(|w| {
            w.locales.insert(user.0, locale.to_owned());
        });
    }

    /// Serve `bytes` as an attachment, for [`Opt::attachment`].
    pub fn host_attachment(&self, bytes: Vec<u8>, filename: &str, content_type: &str) -> AttachmentRef {
        self.attachment_with(bytes, filename, content_type, |_| {})
    }

    /// An attachment whose payload names `url` (not the simulator) as where it is.
    pub fn attachment_elsewhere(&self, url: &str, filename: &str) -> AttachmentRef {
        self.attachment_with(Vec::new(), filename, "image/png", |f| f.url = Some(url.to_owned()))
    }

    /// An attachment on the simulator whose download redirects to `to`.
    pub fn attachment_redirecting(&self, to: &str, filename: &str) -> AttachmentRef {
        self.attachment_with(Vec::new(), filename, "image/png", |f| {
            f.redirect_to = Some(to.to_owned())
        })
    }

    fn attachment_with(
        &self,
        bytes: Vec<u8>,
        filename: &str,
        content_type: &str,
        shape: impl FnOnce(&mut state::HostedFile),
    ) -> AttachmentRef {
        self.shared.with(|w| {
            let id = w.host_file(filename, content_type, bytes);
            if let Some(file) = w.files.get_mut(&id) {
                shape(file);
            }
            let url = payloads::attachment(w, id)["url"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            AttachmentRef {
                id,
                filename: filename.to_owned(),
                url,
            }
        })
    }

    // ---- members acting ----

    /// A member runs a slash command: INTERACTION_CREATE type 2 with the member, the
    /// options (subcommands included) and their `resolved` data.
    pub fn slash(
        &self,
        channel: ChannelRef,
        user: UserRef,
        command: &str,
        options: Vec<Opt>,
    ) -> Result<InteractionRef, SimError> {
        let by = Invoker {
            channel_id: channel.0,
            user_id: user.0,
        };
        let (id, token) = self.shared.with(|w| w.invoke_command(by, command, &options))?;
        Ok(InteractionRef { id, token })
    }

    /// A member presses an enabled button of a message: INTERACTION_CREATE type 3
    /// carrying the message.
    pub fn press(
        &self,
        channel: ChannelRef,
        user: UserRef,
        message_id: u64,
        custom_id: &str,
    ) -> Result<InteractionRef, SimError> {
        let by = Invoker {
            channel_id: channel.0,
            user_id: user.0,
        };
        let (id, token) = self.shared.with(|w| w.press_button(by, message_id, custom_id))?;
        Ok(InteractionRef { id, token })
    }

    /// Dispatch the very same INTERACTION_CREATE again (a duplicated gateway event).
    pub fn replay(&self, interaction: &InteractionRef) -> Result<(), SimError> {
        self.shared.with(|w| w.redispatch(interaction.id))
    }

    /// The answer to an interaction as it stands, once it has a callback.
    pub fn reply(&self, interaction: &InteractionRef) -> Option<Reply> {
        self.shared.read(|w| w.reply(interaction.id))
    }

    /// Wait until the member sees an answer (see [`Reply`]), and return it.
    pub async fn wait_reply(&self, interaction: &InteractionRef, timeout: Duration) -> Result<Reply, SimError> {
        let what = format!("an answer to interaction {}", interaction.id);
        self.wait_until(&what, timeout, |s| s.shared.read(|w| w.is_answered(interaction.id)))
            .await?;
        self.reply(interaction).ok_or(SimError::Unknown("interaction"))
    }

    /// A member deletes a message (a moderator tidying up, say).
    pub fn delete_message(&self, channel: ChannelRef, message_id: u64) -> Result<(), SimError> {
        self.shared.with(|w| {
            let m = w.live_message(message_id).map_err(|_| SimError::Unknown("message"))?;
            if m.channel_id != channel.0 {
                return Err(SimError::Unknown("message"));
            }
            let owner = w.guilds.get(&m.guild_id).map_or(0, |g| g.owner_id);
            w.delete_message(message_id, owner)
                .map_err(|_| SimError::Unknown("message"))
        })
    }

    // ---- the gateway ----

    /// Wait until the bot has identified (or resumed) and been sent its guilds: some
    /// session is connected.
    pub async fn wait_for_bot_ready(&self, timeout: Duration) -> Result<(), SimError> {
        self.wait_until("the bot to connect to the gateway", timeout, |s| {
            s.gateway_stats().connected
        })
        .await
    }

    /// Wait until every shard `0..count` (identified with that `count`) has a connected
    /// session, as a sharded bot, or several processes together, must have.
    pub async fn wait_for_shards(&self, count: u32, timeout: Duration) -> Result<(), SimError> {
        let what = format!("sessions of all {count} shards");
        self.wait_until(&what, timeout, |s| {
            s.shared.read(|w| w.gateway.all_shards_connected(count))
        })
        .await
    }

    /// Cut every gateway connection of the bot without a close frame; the sessions stay
    /// resumable.
    pub fn drop_gateway(&self) {
        self.shared.with(|w| w.gateway.drop_live(None));
    }

    /// Cut the connections of the sessions of shard `id` (of any count), like
    /// [`Simulator::drop_gateway`] for that shard alone.
    pub fn drop_shard(&self, id: u32) {
        self.shared.with(|w| w.gateway.drop_live(Some(id)));
    }

    /// Set (or replace) `channel`'s permission overwrite for `target`, as a server admin
    /// does in the channel's settings.
    pub fn set_overwrite(&self, channel: ChannelRef, target: OverwriteTarget, allow: u64, deny: u64) {
        self.shared.with(|w| {
            let (id, kind) = match target {
                OverwriteTarget::Everyone => (w.channels.get(&channel.0).map_or(0, |c| c.guild_id), 0),
                OverwriteTarget::Role(r) => (r.0, 0),
                OverwriteTarget::Member(u) => (u.0, 1),
            };
            w.set_overwrite(channel.0, id, kind, allow, deny);
        });
    }

    /// The bot's own user.
    pub fn bot_user(&self) -> UserRef {
        UserRef(self.shared.read(|w| w.bot_id()))
    }

    /// A gateway outage while `down`: live connections are cut and new ones end before
    /// the WebSocket handshake, so the bot stays disconnected until the outage ends.
    pub fn gateway_outage(&self, down: bool) {
        self.shared.with(|w| {
            w.gateway.down = down;
            if down {
                w.gateway.drop_live(None);
            }
        });
    }

    /// Counts over every session; `connected` when any session is.
    pub fn gateway_stats(&self) -> GatewayStats {
        self.shared.read(|w| w.gateway.stats())
    }

    /// Each session the bot opened (one per IDENTIFY), in order.
    pub fn session_stats(&self) -> Vec<SessionStats> {
        self.shared.read(|w| w.gateway.session_stats())
    }

    // ---- faults ----

    /// Answer the next `times` calls with `method` whose path (without `/api/v10`)
    /// starts with `path_prefix` with HTTP `status`.
    pub fn fail_next(&self, method: &str, path_prefix: &str, status: u16, times: usize) {
        self.fail_next_with_code(method, path_prefix, status, 0, times);
    }

    /// Like [`Simulator::fail_next`], answering with Discord's JSON error `code` (such as
    /// 50013 Missing Permissions or 10003 Unknown Channel).
    pub fn fail_next_with_code(&self, method: &str, path_prefix: &str, status: u16, code: u32, times: usize) {
        let rule = FailRule {
            calls: Calls::new(method, path_prefix, times),
            status,
            code,
        };
        self.shared.with(|w| w.faults.fail_next.push(rule));
    }

    /// Answer the next `times` calls like [`Simulator::fail_next`] with a 429 announcing
    /// `retry_after`, shaped as the rate limiter's own: `Retry-After` (whole seconds,
    /// rounded up), `X-RateLimit-Scope` (`user`, or `global` with
    /// `X-RateLimit-Global: true`) and a body with the precise `retry_after`. Requests
    /// that do not wait it out count in [`Simulator::rate_limit_violations`].
    pub fn rate_limit_next(&self, method: &str, path_prefix: &str, retry_after: Duration, global: bool, times: usize) {
        let rule = LimitRule {
            calls: Calls::new(method, path_prefix, times),
            retry_after,
            global,
        };
        self.shared.with(|w| w.faults.limit_next.push(rule));
    }

    /// Refuse every further edit of the message with Discord's error 30046, as Discord
    /// does for messages older than an hour that were edited too often.
    pub fn refuse_edits_30046(&self, message_id: u64) {
        self.shared.with(|w| w.faults.refuse_edits.insert(message_id));
    }

    // ---- what happened ----

    /// A message in any state (deleted and ephemeral ones included).
    pub fn message(&self, id: u64) -> Option<SimMessage> {
        self.shared.read(|w| w.messages.get(&id).cloned())
    }

    /// The channel's messages that members see, oldest first, deleted ones included
    /// (marked) and Discord's "pinned a message" notices (kind 6) among them. Ephemeral
    /// answers are not channel messages: see [`Simulator::reply`].
    pub fn messages(&self, channel: ChannelRef) -> Vec<SimMessage> {
        self.shared.read(|w| {
            w.messages
                .values()
                .filter(|m| m.channel_id == channel.0 && !m.is_ephemeral())
                .cloned()
                .collect()
        })
    }

    /// Every HTTP request received, in order, with the status answered.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.read(|w| w.requests.clone())
    }

    /// Requests to routes the simulator does not know (each answered 404).
    pub fn unexpected_requests(&self) -> Vec<RecordedRequest> {
        self.shared
            .read(|w| w.requests.iter().filter(|r| r.unexpected).cloned().collect())
    }

    /// 429s sent by the rate limiter (route or global); 30046 refusals and the 429s of
    /// [`Simulator::rate_limit_next`] are not counted.
    pub fn rate_limited_count(&self) -> usize {
        self.shared.read(|w| w.rate_limited)
    }

    /// Requests that arrived while a 429's wait (its body's `retry_after`) was still
    /// running: after a global 429, any request the global limit applies to (interaction
    /// callbacks and webhooks are exempt); after a route 429, one to the same bucket.
    pub fn rate_limit_violations(&self) -> usize {
        self.shared.read(|w| w.announced.violations)
    }

    /// Callbacks refused with 40060 because the interaction was already acknowledged
    /// (by another bot process, say).
    pub fn refused_acknowledgements(&self) -> usize {
        self.shared.read(|w| w.refused_acknowledgements)
    }

    /// Channel posts that repeated an enforced nonce and were answered with the first
    /// message instead of creating one.
    pub fn deduplicated_posts(&self) -> usize {
        self.shared.read(|w| w.nonces.deduplicated)
    }

    /// The most requests to one channel's message routes (create, edit, delete — what
    /// its message buckets cover), whatever their answer, within any `window` of time:
    /// what Discord limits to about 5 per 5 s per channel, whichever process sends them.
    pub fn max_channel_requests_within(&self, window: Duration) -> usize {
        self.shared.read(|w| measure::peak_per_channel(&w.requests, window))
    }

    /// Like [`Simulator::max_channel_requests_within`] for one channel, and only for
    /// `method` when given (`"POST"` for posts alone).
    pub fn channel_requests_within(&self, channel: ChannelRef, method: Option<&str>, window: Duration) -> usize {
        self.shared.read(|w| {
            measure::peak(&w.requests, window, |r| {
                measure::message_channel(r) == Some(channel.0) && method.is_none_or(|m| r.method == m)
            })
        })
    }

    /// What members saw happen, in order.
    pub fn transcript(&self) -> Vec<VisibleEvent> {
        self.shared.read(|w| w.transcript.clone())
    }

    /// Commands the bot registered globally (`None`) or in a guild.
    pub fn registered_commands(&self, guild: Option<GuildRef>) -> Vec<Value> {
        self.shared
            .read(|w| w.commands.get(&guild.map(|g| g.0)).cloned().unwrap_or_default())
    }

    /// Wait until `condition` holds, re-checking whenever the simulator's state changes.
    pub async fn wait_for(&self, condition: impl FnMut(&Simulator) -> bool, timeout: Duration) -> Result<(), SimError> {
        self.wait_until("a condition", timeout, condition).await
    }

    async fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        mut condition: impl FnMut(&Simulator) -> bool,
    ) -> Result<(), SimError> {
        let mut changes = self.shared.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            changes.borrow_and_update();
            if condition(self) {
                return Ok(());
            }
            if tokio::time::timeout_at(deadline, changes.changed()).await.is_err() {
                return Err(SimError::Timeout {
                    what: what.to_owned(),
                    after: timeout,
                });
            }
        }
    }
}
