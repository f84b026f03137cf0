//! The simulated world (guilds, members, messages, interactions) and everything recorded
//! about the bot's calls, behind one lock that is never held across an `.await`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde_json::Value;
use tokio::sync::watch;

use super::announced::Announced;
use super::nonces::Nonces;
use super::ratelimit::RateLimiter;
use super::session::Gateway;
use super::visible::VisibleEvent;
use super::SimConfig;

/// Message flags (Discord's bit values): ephemeral, and "thinking…" (a deferred answer).
pub(crate) const FLAG_EPHEMERAL: u64 = 1 << 6;
pub(crate) const FLAG_LOADING: u64 = 1 << 7;

/// Discord's epoch (2015-01-01) in unix milliseconds: snowflakes count from it.
const DISCORD_EPOCH_MS: i64 = 1_420_070_400_000;

/// `@everyone`'s default permissions: view channels, send messages, use application commands.
pub(crate) const EVERYONE_PERMISSIONS: u64 = (1 << 10) | (1 << 11) | (1 << 31);
/// Every permission bit Discord defines today; what an administrator effectively has.
pub(crate) const ALL_PERMISSIONS: u64 = (1 << 50) - 1;
/// What the bot's invite asked for, given to its managed role: view channels, send
/// messages, manage messages (which pins, too), embed links, attach files, read history
/// and use application commands.
pub(crate) const BOT_PERMISSIONS: u64 =
    (1 << 10) | (1 << 11) | (1 << 13) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 31);
const ADMINISTRATOR: u64 = 1 << 3;

/// The world plus the lock and the change signal that `wait_for` listens to.
pub(crate) struct Shared {
    pub config: SimConfig,
    world: Mutex<World>,
    changed: watch::Sender<u64>,
}

impl Shared {
    pub fn new(config: SimConfig, world: World) -> Self {
        Shared {
            config,
            world: Mutex::new(world),
            changed: watch::channel(0).0,
        }
    }

    /// Change the world and wake every waiter; the lock is released before waking.
    pub fn with<R>(&self, f: impl FnOnce(&mut World) -> R) -> R {
        let result = f(&mut self.lock());
        self.changed.send_modify(|v| *v += 1);
        result
    }

    /// Read the world without waking anyone.
    pub fn read<R>(&self, f: impl FnOnce(&World) -> R) -> R {
        f(&self.lock())
    }

    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.changed.subscribe()
    }

    /// A panicking test thread must not wedge the simulator for the others: take the
    /// world as it was left.
    fn lock(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// How long before the simulator started its guilds were created: their ids count
/// from there, one millisecond apart, below every other id.
const GUILD_AGE_MS: u64 = 30 * 24 * 3600 * 1000;

/// Strictly increasing snowflakes whose timestamp part is the creation time, as
/// serenity derives `created_at` from ids.
pub(crate) struct Snowflakes {
    last: u64,
    /// The timestamp part of the next guild id.
    next_guild_ms: u64,
}

impl Default for Snowflakes {
    fn default() -> Self {
        Snowflakes {
            last: 0,
            next_guild_ms: since_epoch_ms().saturating_sub(GUILD_AGE_MS),
        }
    }
}

impl Snowflakes {
    pub fn next(&mut self) -> u64 {
        self.last = (since_epoch_ms() << 22).max(self.last + 1);
        self.last
    }

    /// A guild id. Sharding reads the timestamp part (`(id >> 22) % count`), so guild ids
    /// differ there, one millisecond apart: successive guilds land on successive shards,
    /// and `on` = `(shard, count)` skips ahead to the next id of that shard.
    pub fn next_guild(&mut self, on: Option<(u32, u32)>) -> u64 {
        let mut ms = self.next_guild_ms;
        if let Some((shard, count)) = on.filter(|(_, count)| *count > 0) {
            let count = u64::from(count);
            ms += (u64::from(shard) + count - ms % count) % count;
        }
        self.next_guild_ms = ms + 1;
        ms << 22
    }
}

fn since_epoch_ms() -> u64 {
    (Utc::now().timestamp_millis() - DISCORD_EPOCH_MS).max(0) as u64
}

/// When a snowflake was made.
pub(crate) fn snowflake_time(id: u64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis((id >> 22) as i64 + DISCORD_EPOCH_MS).unwrap_or_default()
}

pub(crate) struct GuildRec {
    pub id: u64,
    pub name: String,
    /// A user who owns the server; not a member, so it never appears in listings.
    pub owner_id: u64,
    pub channels: Vec<u64>,
    /// The first role is `@everyone`, whose id is the guild's id.
    pub roles: Vec<u64>,
    pub members: Vec<u64>,
    pub created: DateTime<Utc>,
}

pub(crate) struct ChannelRec {
    pub id: u64,
    pub guild_id: u64,
    pub name: String,
    pub position: usize,
    /// Discord's `permission_overwrites`, at most one per role or member.
    pub overwrites: Vec<OverwriteRec>,
}

/// A channel's permission overwrite for a role (`kind` 0) or a member (`kind` 1).
pub(crate) struct OverwriteRec {
    pub id: u64,
    pub kind: u8,
    pub allow: u64,
    pub deny: u64,
}

pub(crate) struct RoleRec {
    pub id: u64,
    pub name: String,
    pub permissions: u64,
    pub position: usize,
    /// The bot this role was made for when it was invited (a managed role), if any.
    pub bot: Option<u64>,
}

pub(crate) struct UserRec {
    pub id: u64,
    pub name: String,
    pub bot: bool,
}

pub(crate) struct MemberRec {
    pub roles: Vec<u64>,
    pub joined_at: DateTime<Utc>,
}

/// A message as the simulator keeps it: its current state plus bookkeeping.
#[derive(Debug, Clone, PartialEq)]
pub struct SimMessage {
    pub id: u64,
    pub channel_id: u64,
    pub guild_id: u64,
    pub author_id: u64,
    /// The author's username.
    pub author: String,
    /// Discord's message type: 0 default, 6 "pinned a message", 20 slash command response.
    pub kind: u8,
    pub content: String,
    pub embeds: Vec<Value>,
    pub components: Vec<Value>,
    pub attachments: Vec<Value>,
    pub allowed_mentions: Option<Value>,
    /// Message flags: 64 ephemeral, 128 "thinking" (a deferred answer not yet given).
    pub flags: u64,
    pub pinned: bool,
    pub edits: u32,
    pub deleted: bool,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    /// The interaction this message answers, for interaction responses and follow-ups.
    pub interaction_id: Option<u64>,
    /// The message this one refers to (the pinned message, for a pin notice).
    pub reference: Option<u64>,
    /// The `nonce` the post carried (a string or an integer), echoed as given.
    pub nonce: Option<Value>,
}

impl SimMessage {
    pub fn is_ephemeral(&self) -> bool {
        self.flags & FLAG_EPHEMERAL != 0
    }

    /// Every `custom_id` of the message's buttons and selects, in order.
    pub fn custom_ids(&self) -> Vec<String> {
        self.components
            .iter()
            .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
            .filter_map(|c| c["custom_id"].as_str().map(str::to_owned))
            .collect()
    }
}

/// How an interaction was answered through its callback.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Callback {
    pub kind: u8,
    pub at: Instant,
}

pub(crate) struct InteractionRec {
    pub id: u64,
    pub token: String,
    pub kind: u8,
    pub guild_id: u64,
    pub channel_id: u64,
    pub user_id: u64,
    /// The INTERACTION_CREATE `d`, kept to re-dispatch it unchanged.
    pub payload: Value,
    pub dispatched_at: Instant,
    pub callback: Option<Callback>,
    /// The original response: created by callback 4/5, or the pressed message for 6/7.
    pub original: Option<u64>,
    pub followups: Vec<u64>,
    /// The message a component was pressed on.
    pub source_message: Option<u64>,
    pub modal: Option<Value>,
}

/// Bytes served under `/attachments/{id}/{filename}`.
pub(crate) struct HostedFile {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
    /// Where the attachment's payload says it is, when not on the simulator (a hostile
    /// or spoofed link).
    pub url: Option<String>,
    /// Answer a download with a redirect here instead of the bytes.
    pub redirect_to: Option<String>,
}

/// One HTTP request the simulator received, with the answer it gave.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    pub method: String,
    /// The path without the `/api/v10` prefix, e.g. `/channels/1/messages`.
    pub path: String,
    pub query: Option<String>,
    /// The JSON body, or a multipart request's `payload_json`.
    pub body: Option<Value>,
    /// Names of the files uploaded with a multipart request.
    pub files: Vec<String>,
    pub status: u16,
    /// The route is not one the simulator knows (answered 404).
    pub unexpected: bool,
    pub at: DateTime<Utc>,
}

/// The calls a test's rule applies to: the next `remaining` with `method` whose path
/// starts with `path_prefix`.
pub(crate) struct Calls {
    pub method: String,
    pub path_prefix: String,
    pub remaining: usize,
}

impl Calls {
    pub fn new(method: &str, path_prefix: &str, times: usize) -> Self {
        Calls {
            method: method.to_owned(),
            path_prefix: path_prefix.to_owned(),
            remaining: times,
        }
    }

    /// Whether this call is one of them, consuming one use if so.
    fn take(&mut self, method: &str, path: &str) -> bool {
        let applies =
            self.remaining > 0 && self.method.eq_ignore_ascii_case(method) && path.starts_with(&self.path_prefix);
        if applies {
            self.remaining -= 1;
        }
        applies
    }
}

/// An answer a test asked for in advance: `status` with Discord's JSON error `code`
/// (0 for a plain server error).
pub(crate) struct FailRule {
    pub calls: Calls,
    pub status: u16,
    pub code: u32,
}

/// A 429 a test asked for in advance, announcing `retry_after`.
pub(crate) struct LimitRule {
    pub calls: Calls,
    pub retry_after: Duration,
    pub global: bool,
}

#[derive(Default)]
pub(crate) struct Faults {
    pub fail_next: Vec<FailRule>,
    pub limit_next: Vec<LimitRule>,
    pub refuse_edits: HashSet<u64>,
}

impl Faults {
    /// The status and error code to fail this call with, consuming one use of the
    /// matching rule.
    pub fn take(&mut self, method: &str, path: &str) -> Option<(u16, u32)> {
        self.fail_next
            .iter_mut()
            .find_map(|r| r.calls.take(method, path).then_some((r.status, r.code)))
    }

    /// The wait and scope (global or not) of a 429 to answer this call with.
    pub fn take_limit(&mut self, method: &str, path: &str) -> Option<(Duration, bool)> {
        self.limit_next
            .iter_mut()
            .find_map(|r| r.calls.take(method, path).then_some((r.retry_after, r.global)))
    }
}

/// Who the bot is and where the simulator listens.
pub(crate) struct Identity {
    pub token: String,
    pub application_id: u64,
    pub api_base: String,
    pub gateway_url: String,
}

pub(crate) struct World {
    pub ids: Snowflakes,
    pub me: Identity,
    pub guilds: BTreeMap<u64, GuildRec>,
    pub channels: HashMap<u64, ChannelRec>,
    pub roles: HashMap<u64, RoleRec>,
    pub users: HashMap<u64, UserRec>,
    /// Each user's Discord client language, sent as an interaction's `locale` (default `en-US`).
    pub locales: HashMap<u64, String>,
    pub members: HashMap<(u64, u64), MemberRec>,
    /// By id, so iteration is in creation order.
    pub messages: BTreeMap<u64, SimMessage>,
    pub interactions: HashMap<u64, InteractionRec>,
    pub tokens: HashMap<String, u64>,
    /// Registered commands: global under `None`, per guild under its id.
    pub commands: HashMap<Option<u64>, Vec<Value>>,
    pub files: HashMap<u64, HostedFile>,
    pub requests: Vec<RecordedRequest>,
    pub transcript: Vec<VisibleEvent>,
    pub faults: Faults,
    pub limiter: RateLimiter,
    pub rate_limited: usize,
    /// The 429s' running waits, and the requests that broke them.
    pub announced: Announced,
    /// Callbacks refused because the interaction was already acknowledged.
    pub refused_acknowledgements: usize,
    pub nonces: Nonces,
    pub gateway: Gateway,
}

impl World {
    pub fn new(config: &SimConfig, api_base: String, gateway_url: String) -> Self {
        let mut ids = Snowflakes::default();
        let application_id = ids.next();
        let mut users = HashMap::new();
        users.insert(
            application_id,
            UserRec {
                id: application_id,
                name: config.bot_name.clone(),
                bot: true,
            },
        );
        World {
            ids,
            me: Identity {
                token: config.token.clone(),
                application_id,
                api_base,
                gateway_url,
            },
            guilds: BTreeMap::new(),
            channels: HashMap::new(),
            roles: HashMap::new(),
            users,
            locales: HashMap::new(),
            members: HashMap::new(),
            messages: BTreeMap::new(),
            interactions: HashMap::new(),
            tokens: HashMap::new(),
            commands: HashMap::new(),
            files: HashMap::new(),
            requests: Vec::new(),
            transcript: Vec::new(),
            faults: Faults::default(),
            limiter: RateLimiter::new(config.rate_limits.clone()),
            rate_limited: 0,
            announced: Announced::default(),
            refused_acknowledgements: 0,
            nonces: Nonces::new(config.nonce_window),
            gateway: Gateway::default(),
        }
    }

    /// The bot's own user id, which Discord makes equal to the application id.
    pub fn bot_id(&self) -> u64 {
        self.me.application_id
    }

    /// A guild on the next shard in turn, or on `(shard, count)`.
    pub fn add_guild(&mut self, name: &str, on: Option<(u32, u32)>) -> u64 {
        let id = self.ids.next_guild(on);
        let owner_id = self.ids.next();
        let owner = UserRec {
            id: owner_id,
            name: "owner".to_owned(),
            bot: false,
        };
        self.users.insert(owner_id, owner);
        self.guilds.insert(
            id,
            GuildRec {
                id,
                name: name.to_owned(),
                owner_id,
                channels: Vec::new(),
                roles: vec![id],
                members: vec![self.bot_id()],
                created: snowflake_time(id),
            },
        );
        self.roles.insert(
            id,
            RoleRec {
                id,
                name: "@everyone".to_owned(),
                permissions: EVERYONE_PERMISSIONS,
                position: 0,
                bot: None,
            },
        );
        // Inviting a bot with permissions gives it a managed role holding them.
        let bot_role = self.ids.next();
        if let Some(g) = self.guilds.get_mut(&id) {
            g.roles.push(bot_role);
        }
        let role = RoleRec {
            id: bot_role,
            name: self.user_name(self.bot_id()),
            permissions: BOT_PERMISSIONS,
            position: 1,
            bot: Some(self.bot_id()),
        };
        self.roles.insert(bot_role, role);
        self.members.insert(
            (id, self.bot_id()),
            MemberRec {
                roles: vec![bot_role],
                joined_at: Utc::now(),
            },
        );
        id
    }

    /// Set (or replace) a channel's overwrite for role or member `id`; `kind` 0 is a role.
    pub fn set_overwrite(&mut self, channel_id: u64, id: u64, kind: u8, allow: u64, deny: u64) -> Option<()> {
        let channel = self.channels.get_mut(&channel_id)?;
        channel.overwrites.retain(|o| o.id != id);
        channel.overwrites.push(OverwriteRec { id, kind, allow, deny });
        Some(())
    }

    pub fn add_channel(&mut self, guild_id: u64, name: &str) -> Option<u64> {
        let id = self.ids.next();
        let guild = self.guilds.get_mut(&guild_id)?;
        let position = guild.channels.len();
        guild.channels.push(id);
        let name = name.trim_start_matches('#').to_owned();
        self.channels.insert(
            id,
            ChannelRec {
                id,
                guild_id,
                name,
                position,
                overwrites: Vec::new(),
            },
        );
        Some(id)
    }

    pub fn add_role(&mut self, guild_id: u64, name: &str, permissions: u64) -> Option<u64> {
        let id = self.ids.next();
        let guild = self.guilds.get_mut(&guild_id)?;
        let position = guild.roles.len();
        guild.roles.push(id);
        let name = name.to_owned();
        self.roles.insert(
            id,
            RoleRec {
                id,
                name,
                permissions,
                position,
                bot: None,
            },
        );
        Some(id)
    }

    pub fn add_member(&mut self, guild_id: u64, name: &str, roles: &[u64], joined_at: DateTime<Utc>) -> Option<u64> {
        let id = self.ids.next();
        self.guilds.get_mut(&guild_id)?.members.push(id);
        let name = name.trim_start_matches('@').to_owned();
        self.users.insert(id, UserRec { id, name, bot: false });
        let roles = roles.to_vec();
        self.members.insert((guild_id, id), MemberRec { roles, joined_at });
        Some(id)
    }

    /// A member's permissions at server level: `@everyone` and their roles combined, and
    /// everything for an administrator. Interactions carry these: channels' overwrites are
    /// served (`permission_overwrites`) but not applied to them.
    pub fn member_permissions(&self, guild_id: u64, user_id: u64) -> u64 {
        let everyone = self.roles.get(&guild_id).map_or(0, |r| r.permissions);
        let granted = self
            .members
            .get(&(guild_id, user_id))
            .map(|m| {
                m.roles
                    .iter()
                    .filter_map(|r| self.roles.get(r))
                    .fold(0, |acc, r| acc | r.permissions)
            })
            .unwrap_or(0);
        let all = everyone | granted;
        if all & ADMINISTRATOR != 0 {
            ALL_PERMISSIONS
        } else {
            all
        }
    }

    /// A member's permissions in a channel, by Discord's rules: the server-level ones,
    /// then the channel's `@everyone` overwrite, the overwrites of the member's roles
    /// together, and the member's own; an administrator has everything everywhere.
    pub fn channel_permissions(&self, channel_id: u64, user_id: u64) -> u64 {
        let Some(channel) = self.channels.get(&channel_id) else {
            return 0;
        };
        let base = self.member_permissions(channel.guild_id, user_id);
        if base & ADMINISTRATOR != 0 {
            return ALL_PERMISSIONS;
        }
        let roles = self
            .members
            .get(&(channel.guild_id, user_id))
            .map(|m| m.roles.clone())
            .unwrap_or_default();
        let find = |id: u64, kind: u8| channel.overwrites.iter().find(|o| o.id == id && o.kind == kind);
        let apply = |perms: u64, (allow, deny): (u64, u64)| (perms & !deny) | allow;
        let everyone = find(channel.guild_id, 0).map_or((0, 0), |o| (o.allow, o.deny));
        let by_roles = roles
            .iter()
            .filter_map(|r| find(*r, 0))
            .fold((0, 0), |(a, d), o| (a | o.allow, d | o.deny));
        let own = find(user_id, 1).map_or((0, 0), |o| (o.allow, o.deny));
        apply(apply(apply(base, everyone), by_roles), own)
    }

    pub fn user_name(&self, user_id: u64) -> String {
        self.users
            .get(&user_id)
            .map_or_else(|| user_id.to_string(), |u| u.name.clone())
    }

    pub fn channel_name(&self, channel_id: u64) -> String {
        self.channels
            .get(&channel_id)
            .map_or_else(|| channel_id.to_string(), |c| c.name.clone())
    }

    /// Keep an uploaded or test-provided file; returns its attachment id.
    pub fn host_file(&mut self, filename: &str, content_type: &str, bytes: Vec<u8>) -> u64 {
        let id = self.ids.next();
        let file = HostedFile {
            filename: filename.to_owned(),
            content_type: content_type.to_owned(),
            bytes,
            url: None,
            redirect_to: None,
        };
        self.files.insert(id, file);
        id
    }

    /// The interaction a webhook token belongs to.
    pub fn interaction_by_token(&self, token: &str) -> Option<&InteractionRec> {
        self.tokens.get(token).and_then(|id| self.interactions.get(id))
    }
}
