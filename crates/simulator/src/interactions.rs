//! Interactions: members invoking commands and pressing buttons (INTERACTION_CREATE),
//! and the bot answering through the callback and the interaction webhook, with
//! Discord's token rules (one callback within the deadline, then webhooks for 15 min).

use std::time::{Duration, Instant};

use chrono::Utc;
use serde_json::{json, Value};

use super::api::{self, Answer, ApiResult};
use super::messages::Origin;
use super::multipart::Body;
use super::options::{self, Opt, Resolved};
use super::payloads::{self, extend, ATTACHMENT_SIZE_LIMIT, FLAG_LOADING};
use super::state::{Callback, InteractionRec, SimMessage, World, ALL_PERMISSIONS};
use super::transcript;
use super::visible::{VisibleEvent, VisibleKind};
use super::SimError;

const KIND_COMMAND: u8 = 2;
const KIND_COMPONENT: u8 = 3;
/// Message type of a slash command's response.
const MESSAGE_COMMAND_RESPONSE: u8 = 20;

/// How the bot answered an interaction, as the member sees it now.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// 4 message, 5 deferred message, 6 deferred update, 7 update message, 9 modal.
    pub callback_type: u8,
    /// From dispatching INTERACTION_CREATE to receiving the callback.
    pub answered_after: Duration,
    pub ephemeral: bool,
    /// The shown message's fields (empty for a modal or a bare deferred update).
    pub content: String,
    pub embeds: Vec<Value>,
    pub components: Vec<Value>,
    pub flags: u64,
    pub allowed_mentions: Option<Value>,
    pub attachments: Vec<Value>,
    /// Edits the shown message received (for a deferred answer, the one that gave it counts).
    pub edits: u32,
    /// The shown message: the original response, or — when a deferred answer was given
    /// as a follow-up instead of an edit — the first follow-up.
    pub message: Option<SimMessage>,
    pub followups: Vec<SimMessage>,
    /// The modal's `data`, for callback type 9.
    pub modal: Option<Value>,
}

impl Reply {
    /// The shown message as a member would read it (content, embeds, buttons, files).
    pub fn text(&self) -> String {
        self.message.as_ref().map(transcript::render).unwrap_or_default()
    }
}

/// Who invokes what, where.
pub(crate) struct Invoker {
    pub channel_id: u64,
    pub user_id: u64,
}

impl World {
    /// Dispatch a slash command invocation; returns the interaction's id and token.
    pub fn invoke_command(&mut self, by: Invoker, name: &str, opts: &[Opt]) -> Result<(u64, String), SimError> {
        let guild_id = self.guild_of(&by)?;
        let mut resolved = Resolved::new(self.member_permissions(guild_id, by.user_id));
        let (command_id, registered_in_guild) = self.command_id(guild_id, name);
        let mut given = options::to_json(self, guild_id, opts, &mut resolved);
        if let Some(schema) = self.registered_options(guild_id, name) {
            options::apply_choices(&schema, &mut given);
        }
        let mut data = json!({
            "id": command_id.to_string(),
            "name": name,
            "type": 1,
            "options": given,
        });
        if registered_in_guild {
            extend(&mut data, json!({ "guild_id": guild_id.to_string() }));
        }
        if let Some(r) = resolved.into_json() {
            extend(&mut data, json!({ "resolved": r }));
        }
        let opened = self.open_interaction(&by, KIND_COMMAND, data, None)?;
        let line = options::command_line(self, name, opts);
        self.show_member_action(&by, VisibleKind::Command, None, line);
        Ok(opened)
    }

    /// The options a command was registered with (the server's registration first).
    fn registered_options(&self, guild_id: u64, name: &str) -> Option<Vec<Value>> {
        [Some(guild_id), None]
            .iter()
            .filter_map(|scope| self.commands.get(scope))
            .flatten()
            .find(|c| c["name"] == name)
            .map(|c| c["options"].as_array().cloned().unwrap_or_default())
    }

    /// Dispatch a button press on one of the bot's messages.
    pub fn press_button(&mut self, by: Invoker, message_id: u64, custom_id: &str) -> Result<(u64, String), SimError> {
        self.guild_of(&by)?;
        let message = self
            .messages
            .get(&message_id)
            .filter(|m| !m.deleted && m.channel_id == by.channel_id)
            .ok_or(SimError::Unknown("message"))?;
        let button = message
            .components
            .iter()
            .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
            .find(|c| c["custom_id"] == custom_id && c["type"] == 2 && c["disabled"] != true)
            .ok_or_else(|| SimError::NoSuchButton {
                message: message_id,
                custom_id: custom_id.to_owned(),
            })?;
        let label = format!("[{}]", button["label"].as_str().unwrap_or(custom_id));
        let data = json!({ "custom_id": custom_id, "component_type": 2 });
        let opened = self.open_interaction(&by, KIND_COMPONENT, data, Some(message_id))?;
        self.show_member_action(&by, VisibleKind::Pressed, Some(message_id), label);
        Ok(opened)
    }

    /// Send the same INTERACTION_CREATE again, as Discord occasionally does.
    pub fn redispatch(&mut self, id: u64) -> Result<(), SimError> {
        let (guild_id, payload) = self
            .interactions
            .get(&id)
            .map(|i| (i.guild_id, i.payload.clone()))
            .ok_or(SimError::Unknown("interaction"))?;
        if self.dispatch(guild_id, "INTERACTION_CREATE", payload) {
            Ok(())
        } else {
            Err(SimError::NoSession)
        }
    }

    /// `POST /interactions/{id}/{token}/callback`.
    pub fn callback(&mut self, id: u64, token: &str, body: &Body, deadline: Duration) -> ApiResult {
        let now = Instant::now();
        let rec = self
            .interactions
            .get(&id)
            .filter(|i| i.token == token)
            .ok_or_else(api::unknown_interaction)?;
        if rec.callback.is_some() {
            self.refused_acknowledgements += 1;
            return Err(api::already_acknowledged());
        }
        if now.saturating_duration_since(rec.dispatched_at) > deadline {
            return Err(api::unknown_interaction());
        }
        let payload = body
            .json
            .clone()
            .ok_or_else(|| api::invalid_form("a callback needs a body"))?;
        let kind = payload["type"].as_u64().and_then(|k| u8::try_from(k).ok()).unwrap_or(0);
        let data = Body {
            json: Some(payload.get("data").cloned().unwrap_or_else(|| json!({}))),
            uploads: body.uploads.clone(),
        };
        self.answer(id, kind, &data)?;
        if let Some(rec) = self.interactions.get_mut(&id) {
            rec.callback = Some(Callback { kind, at: now });
        }
        Ok(Answer::no_content())
    }

    /// Carry out one callback type.
    fn answer(&mut self, id: u64, kind: u8, data: &Body) -> Result<(), Answer> {
        let (channel_id, source, interaction_kind) = self
            .interactions
            .get(&id)
            .map(|i| (i.channel_id, i.source_message, i.kind))
            .ok_or_else(api::unknown_interaction)?;
        let response_kind = if interaction_kind == KIND_COMMAND {
            MESSAGE_COMMAND_RESPONSE
        } else {
            0
        };
        let original = match (kind, source) {
            (4, _) => Some(self.post_message(self.response_origin(channel_id, id, response_kind, 0), data)?),
            (5, _) => Some(self.post_deferred(channel_id, id, response_kind, data)?),
            (6, Some(message)) => Some(message),
            (7, Some(message)) => {
                self.edit_message(message, data)?;
                Some(message)
            }
            (9, _) => {
                self.open_modal(id, data)?;
                None
            }
            (6 | 7, None) => return Err(api::invalid_form("this interaction has no message to update")),
            _ => return Err(api::invalid_form(&format!("callback type {kind} is not valid here"))),
        };
        if let Some(rec) = self.interactions.get_mut(&id) {
            rec.original = original;
        }
        Ok(())
    }

    /// Type 5: a "thinking" placeholder, ephemeral when `data.flags` says so.
    fn post_deferred(&mut self, channel_id: u64, id: u64, kind: u8, data: &Body) -> Result<u64, Answer> {
        let flags = data.json.as_ref().and_then(|d| d["flags"].as_u64()).unwrap_or(0);
        let placeholder = Body {
            json: Some(json!({ "flags": flags })),
            uploads: Vec::new(),
        };
        self.post_message(self.response_origin(channel_id, id, kind, FLAG_LOADING), &placeholder)
    }

    fn open_modal(&mut self, id: u64, data: &Body) -> Result<(), Answer> {
        let modal = data.json.clone().unwrap_or_default();
        let title = modal["title"].as_str().filter(|t| !t.is_empty());
        let (Some(title), Some(_)) = (title, modal["custom_id"].as_str()) else {
            return Err(api::invalid_form("a modal needs a custom_id and a title"));
        };
        let title = title.to_owned();
        let Some(rec) = self.interactions.get_mut(&id) else {
            return Err(api::unknown_interaction());
        };
        rec.modal = Some(modal);
        let (channel_id, user_id) = (rec.channel_id, rec.user_id);
        let event = VisibleEvent {
            at: Utc::now(),
            channel: self.channel_name(channel_id),
            actor: self.user_name(self.bot_id()),
            kind: VisibleKind::Modal,
            message_id: None,
            private_to: Some(self.user_name(user_id)),
            text: title,
        };
        self.transcript.push(event);
        Ok(())
    }

    fn response_origin(&self, channel_id: u64, id: u64, kind: u8, extra_flags: u64) -> Origin {
        Origin {
            channel_id,
            author_id: self.bot_id(),
            kind,
            interaction_id: Some(id),
            extra_flags,
        }
    }

    /// The interaction behind an interaction webhook, checked like Discord does.
    pub fn webhook(&self, app: u64, token: &str, lifetime: Duration) -> Result<&InteractionRec, Answer> {
        if app != self.me.application_id {
            return Err(api::unknown_webhook());
        }
        let rec = self.interaction_by_token(token).ok_or_else(api::unknown_webhook)?;
        if rec.dispatched_at.elapsed() > lifetime {
            return Err(api::invalid_webhook_token());
        }
        if rec.callback.is_none() {
            return Err(api::unknown_webhook());
        }
        Ok(rec)
    }

    /// `POST /webhooks/{app}/{token}`: a follow-up message.
    pub fn create_followup(&mut self, id: u64, body: &Body) -> Result<u64, Answer> {
        let channel_id = self
            .interactions
            .get(&id)
            .map(|i| i.channel_id)
            .ok_or_else(api::unknown_webhook)?;
        let message = self.post_message(self.response_origin(channel_id, id, 0, 0), body)?;
        if let Some(rec) = self.interactions.get_mut(&id) {
            rec.followups.push(message);
        }
        Ok(message)
    }

    /// The current answer to an interaction, once it has a callback.
    pub fn reply(&self, id: u64) -> Option<Reply> {
        let rec = self.interactions.get(&id)?;
        let callback = rec.callback?;
        let followups: Vec<SimMessage> = rec
            .followups
            .iter()
            .filter_map(|m| self.messages.get(m))
            .cloned()
            .collect();
        let original = rec.original.and_then(|m| self.messages.get(&m)).cloned();
        let message = match original {
            Some(o) if is_placeholder(&o) && !followups.is_empty() => followups.first().cloned(),
            other => other,
        };
        Some(reply_from(callback, rec, message, followups))
    }

    /// Whether the member has seen an answer: any callback except a deferred message
    /// whose placeholder was neither edited nor followed up.
    pub fn is_answered(&self, id: u64) -> bool {
        self.reply(id)
            .is_some_and(|r| !r.message.as_ref().is_some_and(is_placeholder))
    }

    fn guild_of(&self, by: &Invoker) -> Result<u64, SimError> {
        let guild_id = self
            .channels
            .get(&by.channel_id)
            .map(|c| c.guild_id)
            .ok_or(SimError::Unknown("channel"))?;
        if !self.members.contains_key(&(guild_id, by.user_id)) {
            return Err(SimError::Unknown("member"));
        }
        Ok(guild_id)
    }

    /// The registered command's id (guild commands first), or a fresh one.
    fn command_id(&mut self, guild_id: u64, name: &str) -> (u64, bool) {
        let find = |list: Option<&Vec<Value>>| {
            list.into_iter()
                .flatten()
                .find(|c| c["name"] == name)
                .and_then(|c| c["id"].as_str()?.parse::<u64>().ok())
        };
        if let Some(id) = find(self.commands.get(&Some(guild_id))) {
            return (id, true);
        }
        (find(self.commands.get(&None)).unwrap_or_else(|| self.ids.next()), false)
    }

    fn open_interaction(
        &mut self,
        by: &Invoker,
        kind: u8,
        data: Value,
        source: Option<u64>,
    ) -> Result<(u64, String), SimError> {
        let guild_id = self.channels.get(&by.channel_id).map_or(0, |c| c.guild_id);
        if self.gateway.serving(guild_id).next().is_none() {
            return Err(SimError::NoSession);
        }
        let id = self.ids.next();
        let token = format!("sim.{id}.{}", uuid::Uuid::new_v4().simple());
        let mut payload = self.interaction_payload(by, id, &token, kind);
        extend(&mut payload, json!({ "data": data }));
        if let Some(m) = source.and_then(|m| self.messages.get(&m)) {
            extend(&mut payload, json!({ "message": payloads::message(self, m) }));
        }
        let rec = InteractionRec {
            id,
            token: token.clone(),
            kind,
            guild_id,
            channel_id: by.channel_id,
            user_id: by.user_id,
            payload: payload.clone(),
            dispatched_at: Instant::now(),
            callback: None,
            original: None,
            followups: Vec::new(),
            source_message: source,
            modal: None,
        };
        self.interactions.insert(id, rec);
        self.tokens.insert(token.clone(), id);
        self.dispatch(guild_id, "INTERACTION_CREATE", payload);
        Ok((id, token))
    }

    /// The INTERACTION_CREATE `d` without `data` and `message`.
    fn interaction_payload(&self, by: &Invoker, id: u64, token: &str, kind: u8) -> Value {
        let channel = self.channels.get(&by.channel_id);
        let guild_id = channel.map_or(0, |c| c.guild_id);
        let permissions = self.member_permissions(guild_id, by.user_id);
        json!({
            "id": id.to_string(),
            "application_id": self.me.application_id.to_string(),
            "type": kind,
            "token": token,
            "version": 1,
            "guild_id": guild_id.to_string(),
            "guild": { "id": guild_id.to_string(), "locale": "en-US", "features": [] },
            "channel_id": by.channel_id.to_string(),
            "channel": channel.map(|c| payloads::channel_with_permissions(c, permissions)),
            "member": payloads::member(self, guild_id, by.user_id, true, true),
            // The simulated bot holds every permission; the simulator does not enforce them.
            "app_permissions": ALL_PERMISSIONS.to_string(),
            "locale": self.locales.get(&by.user_id).map_or("en-US", String::as_str),
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": { "0": guild_id.to_string() },
            "context": 0,
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        })
    }

    fn show_member_action(&mut self, by: &Invoker, kind: VisibleKind, message_id: Option<u64>, text: String) {
        let event = VisibleEvent {
            at: Utc::now(),
            channel: self.channel_name(by.channel_id),
            actor: self.user_name(by.user_id),
            kind,
            message_id,
            private_to: None,
            text,
        };
        self.transcript.push(event);
    }
}

fn is_placeholder(m: &SimMessage) -> bool {
    !m.deleted && m.flags & FLAG_LOADING != 0
}

fn reply_from(
    callback: Callback,
    rec: &InteractionRec,
    message: Option<SimMessage>,
    followups: Vec<SimMessage>,
) -> Reply {
    let shown = message.as_ref();
    let field = |f: fn(&SimMessage) -> Vec<Value>| shown.map(f).unwrap_or_default();
    Reply {
        callback_type: callback.kind,
        answered_after: callback.at.saturating_duration_since(rec.dispatched_at),
        ephemeral: shown.is_some_and(SimMessage::is_ephemeral),
        content: shown.map(|m| m.content.clone()).unwrap_or_default(),
        embeds: field(|m| m.embeds.clone()),
        components: field(|m| m.components.clone()),
        flags: shown.map_or(0, |m| m.flags),
        allowed_mentions: shown.and_then(|m| m.allowed_mentions.clone()),
        attachments: field(|m| m.attachments.clone()),
        edits: shown.map_or(0, |m| m.edits),
        message,
        followups,
        modal: rec.modal.clone(),
    }
}
