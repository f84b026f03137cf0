//! What each REST route does to the world and answers.

use serde_json::{json, Value};

use super::api::{self, Answer, ApiResult};
use super::commands;
use super::messages::Origin;
use super::multipart::Body;
use super::payloads;
use super::routes::{Op, Route};
use super::state::{ChannelRec, World};
use super::SimConfig;

/// Default and maximum `limit` of `GET /channels/{id}/messages`.
const DEFAULT_PAGE: usize = 50;
const MAX_PAGE: usize = 100;

/// The parts of a request a handler reads besides the route.
pub(crate) struct Context<'a> {
    pub config: &'a SimConfig,
    pub query: Option<&'a str>,
    pub body: &'a Body,
}

pub(crate) fn handle(w: &mut World, route: Route, cx: &Context) -> ApiResult {
    match route {
        Route::Gateway => Ok(Answer::json(json!({ "url": w.me.gateway_url }))),
        Route::GatewayBot => Ok(Answer::json(gateway_bot(w, cx.config))),
        Route::CurrentUser => Ok(Answer::json(payloads::current_user(w))),
        Route::CurrentApplication => Ok(Answer::json(payloads::application(w))),
        Route::Commands { app, guild, op } => commands::handle(w, app, guild, op, cx.body),
        Route::Callback { id, token } => w.callback(id, &token, cx.body, cx.config.interaction_deadline),
        Route::CreateFollowup { app, token } => followup(w, app, &token, cx),
        Route::WebhookMessage {
            app,
            token,
            message,
            op,
        } => webhook_message(w, (app, &token), message, op, cx),
        Route::CreateMessage { channel } => create_message(w, channel, cx.body),
        Route::ListMessages { channel } => list_messages(w, channel, cx.query),
        Route::Message { channel, message, op } => channel_message(w, channel, message, op, cx.body),
        Route::Pin {
            channel,
            message,
            pinned,
        } => {
            known_channel(w, channel)?;
            bot_may(w, channel, MANAGE_MESSAGES)?;
            w.set_pinned(channel, message, pinned, w.bot_id())?;
            Ok(Answer::no_content())
        }
        Route::ListPins { channel, new_format } => list_pins(w, channel, new_format),
        Route::Channel { channel } => Ok(Answer::json(payloads::channel(known_channel(w, channel)?))),
        Route::Guild { guild } => Ok(Answer::json(known_guild(w, guild).map(|g| payloads::guild(w, g))?)),
        Route::Member { guild, user } => member(w, guild, user),
        Route::Roles { guild } => roles(w, guild),
        Route::GuildChannels { guild } => guild_channels(w, guild),
        Route::Attachment { id } => attachment(w, id),
    }
}

fn gateway_bot(w: &World, config: &SimConfig) -> Value {
    json!({
        "url": w.me.gateway_url,
        "shards": config.recommended_shards,
        "session_start_limit": { "total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1 },
    })
}

fn known_channel(w: &World, channel: u64) -> Result<&ChannelRec, Answer> {
    w.channels.get(&channel).ok_or_else(api::unknown_channel)
}

fn known_guild(w: &World, guild: u64) -> Result<u64, Answer> {
    w.guilds
        .contains_key(&guild)
        .then_some(guild)
        .ok_or_else(api::unknown_guild)
}

fn message_answer(w: &World, id: u64) -> ApiResult {
    let m = w.messages.get(&id).ok_or_else(api::unknown_message)?;
    Ok(Answer::json(payloads::message(w, m)))
}

fn create_message(w: &mut World, channel: u64, body: &Body) -> ApiResult {
    bot_may(w, channel, SEND_MESSAGES)?;
    let origin = Origin {
        channel_id: channel,
        author_id: w.bot_id(),
        kind: 0,
        interaction_id: None,
        extra_flags: 0,
    };
    let id = w.post_message(origin, body)?;
    message_answer(w, id)
}

const VIEW_CHANNEL: u64 = 1 << 10;
const SEND_MESSAGES: u64 = 1 << 11;
/// What pinning takes in API v10 as serenity 0.12 knows it.
const MANAGE_MESSAGES: u64 = 1 << 13;

/// Refuse the bot as Discord does when its permissions in `channel` (overwrites applied)
/// lack View Channel or `needed`.
fn bot_may(w: &World, channel: u64, needed: u64) -> Result<(), api::Answer> {
    if !w.channels.contains_key(&channel) {
        return Ok(()); // the handler answers Unknown Channel itself
    }
    let granted = w.channel_permissions(channel, w.bot_id());
    if granted & VIEW_CHANNEL == 0 {
        Err(api::missing_access())
    } else if granted & needed != needed {
        Err(api::missing_permissions())
    } else {
        Ok(())
    }
}

/// A message of a channel that members see: not in another channel, not ephemeral.
fn channel_message(w: &mut World, channel: u64, message: u64, op: Op, body: &Body) -> ApiResult {
    known_channel(w, channel)?;
    let m = w.live_message(message)?;
    if m.channel_id != channel || m.is_ephemeral() {
        return Err(api::unknown_message());
    }
    match op {
        Op::Get => message_answer(w, message),
        Op::Edit => {
            w.edit_message(message, body)?;
            message_answer(w, message)
        }
        Op::Delete => {
            w.delete_message(message, w.bot_id())?;
            Ok(Answer::no_content())
        }
    }
}

/// Newest first, as Discord pages them; `before`, `after` and `limit` are honoured.
fn list_messages(w: &World, channel: u64, query: Option<&str>) -> ApiResult {
    known_channel(w, channel)?;
    let param = |key: &str| query_param(query, key).and_then(|v| v.parse::<u64>().ok());
    let limit = param("limit").map_or(DEFAULT_PAGE, |l| (l as usize).clamp(1, MAX_PAGE));
    let (before, after) = (param("before").unwrap_or(u64::MAX), param("after").unwrap_or(0));
    let page: Vec<Value> = w
        .channel_messages(channel)
        .rev()
        .filter(|m| m.id < before && m.id > after)
        .take(limit)
        .map(|m| payloads::message(w, m))
        .collect();
    Ok(Answer::json(Value::Array(page)))
}

/// Pinned messages, newest first. The newer format's `pinned_at` is the message's own
/// time, as the simulator does not keep pin times.
fn list_pins(w: &World, channel: u64, new_format: bool) -> ApiResult {
    known_channel(w, channel)?;
    let pinned: Vec<_> = w.channel_messages(channel).rev().filter(|m| m.pinned).collect();
    let body = if new_format {
        let items: Vec<Value> = pinned
            .iter()
            .map(|m| json!({ "pinned_at": payloads::timestamp(m.created_at), "message": payloads::message(w, m) }))
            .collect();
        json!({ "items": items, "has_more": false })
    } else {
        Value::Array(pinned.iter().map(|m| payloads::message(w, m)).collect())
    };
    Ok(Answer::json(body))
}

fn followup(w: &mut World, app: u64, token: &str, cx: &Context) -> ApiResult {
    let id = w.webhook(app, token, cx.config.interaction_token_lifetime)?.id;
    let message = w.create_followup(id, cx.body)?;
    message_answer(w, message)
}

/// `@original` (`message: None`) or a follow-up of the interaction behind the webhook.
fn webhook_message(w: &mut World, hook: (u64, &str), message: Option<u64>, op: Op, cx: &Context) -> ApiResult {
    let rec = w.webhook(hook.0, hook.1, cx.config.interaction_token_lifetime)?;
    let target = match message {
        None => rec.original,
        Some(m) => (rec.original == Some(m) || rec.followups.contains(&m)).then_some(m),
    };
    let target = target.ok_or_else(api::unknown_message)?;
    w.live_message(target)?;
    match op {
        Op::Get => message_answer(w, target),
        Op::Edit => {
            w.edit_message(target, cx.body)?;
            message_answer(w, target)
        }
        Op::Delete => {
            w.delete_message(target, w.bot_id())?;
            Ok(Answer::no_content())
        }
    }
}

fn member(w: &World, guild: u64, user: u64) -> ApiResult {
    known_guild(w, guild)?;
    if !w.members.contains_key(&(guild, user)) {
        return Err(api::unknown_member());
    }
    Ok(Answer::json(payloads::member(w, guild, user, true, false)))
}

fn roles(w: &World, guild: u64) -> ApiResult {
    let g = w.guilds.get(&guild).ok_or_else(api::unknown_guild)?;
    let roles: Vec<Value> = g
        .roles
        .iter()
        .filter_map(|r| w.roles.get(r))
        .map(payloads::role)
        .collect();
    Ok(Answer::json(Value::Array(roles)))
}

fn guild_channels(w: &World, guild: u64) -> ApiResult {
    let g = w.guilds.get(&guild).ok_or_else(api::unknown_guild)?;
    let channels: Vec<Value> = g
        .channels
        .iter()
        .filter_map(|c| w.channels.get(c))
        .map(payloads::channel)
        .collect();
    Ok(Answer::json(Value::Array(channels)))
}

/// By id alone: the file name in the URL is informational (and may be percent-encoded).
fn attachment(w: &World, id: u64) -> ApiResult {
    let file = w.files.get(&id).ok_or_else(api::not_found)?;
    match &file.redirect_to {
        Some(to) => Ok(Answer::redirect(to)),
        None => Ok(Answer::bytes(&file.content_type, file.bytes.clone())),
    }
}

fn query_param<'a>(query: Option<&'a str>, key: &str) -> Option<&'a str> {
    query?.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == key).then_some(v)
    })
}
