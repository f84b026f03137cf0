//! JSON builders for the objects Discord sends, shaped like `../shared/discord-payloads` (beside the repository)
//! (Discord API v10 as documented, complete enough for serenity 0.12.5 to deserialize).

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

use super::session::Shard;
use super::state::{ChannelRec, RoleRec, SimMessage, UserRec, World};

pub(crate) use super::state::{FLAG_EPHEMERAL, FLAG_LOADING};
/// The upload cap Discord reports to interactions (10 MiB for unboosted servers).
pub(crate) const ATTACHMENT_SIZE_LIMIT: u64 = 10 * 1024 * 1024;

/// Discord's timestamp format: ISO 8601 with microseconds and an explicit offset.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, false)
}

/// Discord's error body: `{"message", "code"}`.
pub(crate) fn error(code: u32, message: &str) -> Value {
    json!({ "message": message, "code": code })
}

pub(crate) fn user(u: &UserRec) -> Value {
    json!({
        "id": u.id.to_string(),
        "username": u.name,
        "discriminator": "0",
        "global_name": u.name,
        "avatar": null,
        "bot": u.bot,
        "system": false,
        "public_flags": 0,
        "banner": null,
        "accent_color": null,
    })
}

/// A user by id; an unknown id still gets a well-formed object.
pub(crate) fn user_by_id(w: &World, id: u64) -> Value {
    match w.users.get(&id) {
        Some(u) => user(u),
        None => user(&UserRec {
            id,
            name: id.to_string(),
            bot: false,
        }),
    }
}

/// The bot's own user, as in READY and `GET /users/@me`.
pub(crate) fn current_user(w: &World) -> Value {
    let mut me = user_by_id(w, w.bot_id());
    extend(
        &mut me,
        json!({ "verified": true, "mfa_enabled": false, "email": null, "flags": 0 }),
    );
    me
}

pub(crate) fn role(r: &RoleRec) -> Value {
    let mut v = json!({
        "id": r.id.to_string(),
        "name": r.name,
        "color": 0,
        // serenity 0.12.5 drops a whole event whose roles lack `colors`.
        "colors": { "primary_color": 0, "secondary_color": null, "tertiary_color": null },
        "hoist": false,
        "icon": null,
        "unicode_emoji": null,
        "position": r.position,
        "permissions": r.permissions.to_string(),
        "managed": r.bot.is_some(),
        "mentionable": false,
        "flags": 0,
    });
    if let Some(bot) = r.bot {
        extend(&mut v, json!({ "tags": { "bot_id": bot.to_string() } }));
    }
    v
}

pub(crate) fn channel(c: &ChannelRec) -> Value {
    json!({
        "id": c.id.to_string(),
        "type": 0,
        "guild_id": c.guild_id.to_string(),
        "position": c.position,
        "permission_overwrites": c.overwrites.iter().map(|o| json!({
            "id": o.id.to_string(),
            "type": o.kind,
            "allow": o.allow.to_string(),
            "deny": o.deny.to_string(),
        })).collect::<Vec<Value>>(),
        "name": c.name,
        "topic": null,
        "nsfw": false,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "parent_id": null,
        "last_pin_timestamp": null,
        "flags": 0,
    })
}

/// A channel as interactions carry it: with the invoking member's permissions in it.
pub(crate) fn channel_with_permissions(c: &ChannelRec, permissions: u64) -> Value {
    let mut v = channel(c);
    extend(&mut v, json!({ "permissions": permissions.to_string() }));
    v
}

/// A guild member; interactions add `user` and `permissions`, `resolved.members` omits `user`.
pub(crate) fn member(w: &World, guild_id: u64, user_id: u64, with_user: bool, with_permissions: bool) -> Value {
    let (roles, joined_at) = w
        .members
        .get(&(guild_id, user_id))
        .map(|m| (m.roles.iter().map(u64::to_string).collect::<Vec<_>>(), m.joined_at))
        .unwrap_or_else(|| (Vec::new(), Utc::now()));
    let mut v = json!({
        "nick": null,
        "avatar": null,
        "roles": roles,
        "joined_at": timestamp(joined_at),
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "communication_disabled_until": null,
    });
    if with_user {
        extend(&mut v, json!({ "user": user_by_id(w, user_id) }));
    }
    if with_permissions {
        let permissions = w.member_permissions(guild_id, user_id).to_string();
        extend(&mut v, json!({ "permissions": permissions }));
    }
    v
}

/// The guild object of `GET /guilds/{id}`.
pub(crate) fn guild(w: &World, guild_id: u64) -> Value {
    let Some(g) = w.guilds.get(&guild_id) else {
        return Value::Null;
    };
    let roles: Vec<Value> = g.roles.iter().filter_map(|r| w.roles.get(r)).map(role).collect();
    json!({
        "id": g.id.to_string(),
        "name": g.name,
        "icon": null,
        "icon_hash": null,
        "splash": null,
        "discovery_splash": null,
        "owner_id": g.owner_id.to_string(),
        "afk_channel_id": null,
        "afk_timeout": 300,
        "widget_enabled": false,
        "widget_channel_id": null,
        "verification_level": 1,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "roles": roles,
        "emojis": [],
        "features": [],
        "mfa_level": 0,
        "application_id": null,
        "system_channel_id": null,
        "system_channel_flags": 0,
        "rules_channel_id": null,
        "max_presences": null,
        "max_members": 500000,
        "vanity_url_code": null,
        "description": null,
        "banner": null,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": null,
        "max_video_channel_users": 25,
        "max_stage_video_channel_users": 50,
        "nsfw_level": 0,
        "stickers": [],
        "premium_progress_bar_enabled": false,
        "safety_alerts_channel_id": null,
    })
}

/// The GUILD_CREATE `d`: the guild plus what only the gateway sends.
pub(crate) fn guild_create(w: &World, guild_id: u64) -> Value {
    let Some(g) = w.guilds.get(&guild_id) else {
        return Value::Null;
    };
    let channels: Vec<Value> = g
        .channels
        .iter()
        .filter_map(|c| w.channels.get(c))
        .map(channel)
        .collect();
    let members: Vec<Value> = g.members.iter().map(|u| member(w, guild_id, *u, true, false)).collect();
    let joined_at = w
        .members
        .get(&(guild_id, w.bot_id()))
        .map_or(g.created, |m| m.joined_at);
    let mut v = guild(w, guild_id);
    extend(
        &mut v,
        json!({
            "joined_at": timestamp(joined_at),
            "large": false,
            "unavailable": false,
            "member_count": g.members.len(),
            "voice_states": [],
            "members": members,
            "channels": channels,
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }),
    );
    v
}

/// The READY `d` for a new session of `shard`, which gets `guilds`.
pub(crate) fn ready(w: &World, session_id: &str, shard: Shard, guilds: &[u64]) -> Value {
    let guilds: Vec<Value> = guilds
        .iter()
        .map(|id| json!({ "id": id.to_string(), "unavailable": true }))
        .collect();
    json!({
        "v": 10,
        "user": current_user(w),
        "guilds": guilds,
        "session_id": session_id,
        "resume_gateway_url": w.me.gateway_url,
        "shard": [shard.id, shard.count],
        "application": { "id": w.me.application_id.to_string(), "flags": 0 },
    })
}

/// `GET /oauth2/applications/@me`: a bot owned by a single user, no team.
pub(crate) fn application(w: &World) -> Value {
    let mut owner = user_by_id(w, w.bot_id());
    extend(
        &mut owner,
        json!({ "bot": false, "username": "owner", "global_name": "owner" }),
    );
    json!({
        "id": w.me.application_id.to_string(),
        "name": w.user_name(w.bot_id()),
        "icon": null,
        "description": "",
        "rpc_origins": [],
        "bot_public": false,
        "bot_require_code_grant": false,
        "bot": current_user(w),
        "owner": owner,
        "verify_key": "0".repeat(64),
        "team": null,
        "flags": 0,
        "tags": [],
        "integration_types_config": { "0": {} },
        "approximate_guild_count": w.guilds.len(),
        "role_connections_verification_url": null,
        "redirect_uris": [],
        "interactions_endpoint_url": null,
    })
}

/// A message object as REST returns it and as components carry it.
pub(crate) fn message(w: &World, m: &SimMessage) -> Value {
    let mut v = json!({
        "id": m.id.to_string(),
        "channel_id": m.channel_id.to_string(),
        "guild_id": m.guild_id.to_string(),
        "author": user_by_id(w, m.author_id),
        "content": m.content,
        "timestamp": timestamp(m.created_at),
        "edited_timestamp": m.edited_at.map(timestamp),
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": m.attachments,
        "embeds": m.embeds,
        "pinned": m.pinned,
        "type": m.kind,
        "flags": m.flags,
        "components": m.components,
    });
    if m.author_id == w.bot_id() {
        extend(&mut v, json!({ "application_id": w.me.application_id.to_string() }));
    }
    if let Some(nonce) = &m.nonce {
        extend(&mut v, json!({ "nonce": nonce }));
    }
    if let Some(reference) = m.reference {
        let r = json!({ "type": 0, "message_id": reference.to_string(), "channel_id": m.channel_id.to_string(), "guild_id": m.guild_id.to_string() });
        extend(&mut v, json!({ "message_reference": r }));
    }
    if let Some(meta) = m.interaction_id.and_then(|id| interaction_metadata(w, id)) {
        extend(
            &mut v,
            json!({ "webhook_id": w.me.application_id.to_string(), "interaction_metadata": meta }),
        );
    }
    v
}

/// `interaction_metadata` of a message that answers an interaction.
fn interaction_metadata(w: &World, interaction_id: u64) -> Option<Value> {
    let i = w.interactions.get(&interaction_id)?;
    let mut meta = json!({
        "id": i.id.to_string(),
        "type": i.kind,
        "user": user_by_id(w, i.user_id),
        "authorizing_integration_owners": { "0": i.guild_id.to_string() },
    });
    if let Some(original) = i.original {
        extend(
            &mut meta,
            json!({ "original_response_message_id": original.to_string() }),
        );
    }
    if let Some(source) = i.source_message {
        extend(&mut meta, json!({ "interacted_message_id": source.to_string() }));
    }
    Some(meta)
}

/// An attachment object for a hosted file, pointing at the simulator's own URL.
pub(crate) fn attachment(w: &World, id: u64) -> Value {
    let Some(f) = w.files.get(&id) else {
        return Value::Null;
    };
    let url = f
        .url
        .clone()
        .unwrap_or_else(|| format!("{}/attachments/{id}/{}", w.me.api_base, f.filename));
    json!({
        "id": id.to_string(),
        "filename": f.filename,
        "description": null,
        "content_type": f.content_type,
        "size": f.bytes.len(),
        "url": url,
        "proxy_url": url,
        "height": null,
        "width": null,
        "ephemeral": false,
    })
}

/// Add `extra`'s keys to `base` (both JSON objects).
pub(crate) fn extend(base: &mut Value, extra: Value) {
    if let (Some(b), Value::Object(e)) = (base.as_object_mut(), extra) {
        b.extend(e);
    }
}
