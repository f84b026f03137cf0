//! Messages: create, edit, delete and pin, shared by the channel routes, interaction
//! callbacks and webhooks, so every path applies the same rules and feeds the transcript.

use chrono::Utc;
use serde_json::{json, Value};

use super::api::{self, Answer};
use super::multipart::{Body, Upload};
use super::nonces::Key;
use super::payloads::{self, FLAG_LOADING};
use super::state::{SimMessage, World};
use super::transcript;
use super::validate;
use super::visible::{VisibleEvent, VisibleKind};

/// Discord's cap on pinned messages per channel.
const MAX_PINS: usize = 50;
/// Message type of the "pinned a message" notice Discord posts on a pin.
const KIND_PIN_NOTICE: u8 = 6;

/// Where a new message goes and what it answers, beyond its payload.
pub(crate) struct Origin {
    pub channel_id: u64,
    pub author_id: u64,
    /// Discord's message type.
    pub kind: u8,
    pub interaction_id: Option<u64>,
    /// Flags the simulator adds (the "thinking" flag of a deferred answer).
    pub extra_flags: u64,
}

impl World {
    /// Create a message from a create-message payload; `Err` is Discord's refusal. A
    /// channel post that repeats an enforced nonce answers the first message's id.
    pub fn post_message(&mut self, origin: Origin, body: &Body) -> Result<u64, Answer> {
        let payload = body.json.clone().unwrap_or_else(|| json!({}));
        validate::message_payload(&payload).map_err(|e| Answer::error_body(400, e))?;
        let guild_id = self
            .channels
            .get(&origin.channel_id)
            .ok_or_else(api::unknown_channel)?
            .guild_id;
        let placeholder = origin.extra_flags & FLAG_LOADING != 0;
        if !placeholder && is_empty_payload(&payload, &body.uploads) {
            return Err(api::empty_message());
        }
        let nonce = nonce_key(&origin, &payload);
        if let Some(key) = nonce.as_ref().filter(|_| payload["enforce_nonce"] == true) {
            let messages = &self.messages;
            if let Some(first) = self
                .nonces
                .repeated(key, |id| messages.get(&id).is_some_and(|m| !m.deleted))
            {
                return Ok(first);
            }
        }
        let attachments = self.attachments_for(&payload, &body.uploads, &[]);
        let id = self.ids.next();
        let message = SimMessage {
            id,
            channel_id: origin.channel_id,
            guild_id,
            author_id: origin.author_id,
            author: self.user_name(origin.author_id),
            kind: origin.kind,
            content: payload["content"].as_str().unwrap_or_default().to_owned(),
            embeds: embeds(&payload["embeds"]),
            components: list(&payload["components"]),
            attachments,
            allowed_mentions: payload.get("allowed_mentions").cloned(),
            flags: payload["flags"].as_u64().unwrap_or(0) | origin.extra_flags,
            pinned: false,
            edits: 0,
            deleted: false,
            created_at: Utc::now(),
            edited_at: None,
            interaction_id: origin.interaction_id,
            reference: None,
            nonce: payload.get("nonce").filter(|n| !n.is_null()).cloned(),
        };
        self.messages.insert(id, message);
        if let Some(key) = nonce {
            let messages = &self.messages;
            self.nonces
                .remember(key, id, |id| messages.get(&id).is_some_and(|m| !m.deleted));
        }
        self.show(VisibleKind::Posted, id, origin.author_id);
        Ok(id)
    }

    /// Apply an edit-message payload to one of the bot's messages.
    pub fn edit_message(&mut self, id: u64, body: &Body) -> Result<(), Answer> {
        let current = self.live_message(id)?.clone();
        if current.author_id != self.bot_id() {
            return Err(api::not_author());
        }
        if self.faults.refuse_edits.contains(&id) {
            return Err(api::edit_limit_reached());
        }
        let payload = body.json.clone().unwrap_or_else(|| json!({}));
        validate::message_payload(&payload).map_err(|e| Answer::error_body(400, e))?;
        let mut next = current.clone();
        apply_edit(&mut next, &payload);
        if payload.get("attachments").is_some() || !body.uploads.is_empty() {
            next.attachments = self.attachments_for(&payload, &body.uploads, &current.attachments);
        }
        if next.content.is_empty()
            && next.embeds.is_empty()
            && next.components.is_empty()
            && next.attachments.is_empty()
        {
            return Err(api::empty_message());
        }
        next.edits += 1;
        next.edited_at = Some(Utc::now());
        next.flags &= !FLAG_LOADING;
        self.messages.insert(id, next);
        self.show(VisibleKind::Edited, id, self.bot_id());
        Ok(())
    }

    /// Delete a message, by the bot or (through the control API) by a member.
    pub fn delete_message(&mut self, id: u64, actor: u64) -> Result<(), Answer> {
        self.live_message(id)?;
        if let Some(m) = self.messages.get_mut(&id) {
            m.deleted = true;
        }
        self.show(VisibleKind::Deleted, id, actor);
        Ok(())
    }

    /// Pin or unpin; pinning also posts Discord's "pinned a message" notice.
    pub fn set_pinned(&mut self, channel_id: u64, id: u64, pinned: bool, actor: u64) -> Result<(), Answer> {
        let message = self.live_message(id)?;
        if message.channel_id != channel_id {
            return Err(api::unknown_message());
        }
        if message.pinned == pinned {
            return Ok(());
        }
        let pins = self.channel_messages(channel_id).filter(|m| m.pinned).count();
        if pinned && pins >= MAX_PINS {
            return Err(api::max_pins());
        }
        if let Some(m) = self.messages.get_mut(&id) {
            m.pinned = pinned;
        }
        let kind = if pinned {
            VisibleKind::Pinned
        } else {
            VisibleKind::Unpinned
        };
        self.show(kind, id, actor);
        if pinned {
            self.post_pin_notice(channel_id, id, actor);
        }
        Ok(())
    }

    /// Messages every member of the channel sees (not ephemeral, not deleted), oldest first.
    pub fn channel_messages(&self, channel_id: u64) -> impl DoubleEndedIterator<Item = &SimMessage> {
        self.messages
            .values()
            .filter(move |m| m.channel_id == channel_id && !m.deleted && !m.is_ephemeral())
    }

    /// A message that exists and was not deleted.
    pub fn live_message(&self, id: u64) -> Result<&SimMessage, Answer> {
        self.messages
            .get(&id)
            .filter(|m| !m.deleted)
            .ok_or_else(api::unknown_message)
    }

    fn post_pin_notice(&mut self, channel_id: u64, pinned_id: u64, actor: u64) {
        let Some(guild_id) = self.messages.get(&pinned_id).map(|m| m.guild_id) else {
            return;
        };
        let id = self.ids.next();
        let notice = SimMessage {
            id,
            author_id: actor,
            author: self.user_name(actor),
            kind: KIND_PIN_NOTICE,
            content: String::new(),
            embeds: Vec::new(),
            components: Vec::new(),
            attachments: Vec::new(),
            allowed_mentions: None,
            flags: 0,
            pinned: false,
            edits: 0,
            created_at: Utc::now(),
            edited_at: None,
            interaction_id: None,
            reference: Some(pinned_id),
            nonce: None,
            channel_id,
            guild_id,
            deleted: false,
        };
        self.messages.insert(id, notice);
    }

    /// The attachments a payload asks for: kept ones it lists by id, new uploads (which
    /// `attachments[].id` names by their `files[n]` index), and unlisted uploads after.
    fn attachments_for(&mut self, payload: &Value, uploads: &[Upload], existing: &[Value]) -> Vec<Value> {
        let mut fresh: Vec<(String, Value)> = uploads
            .iter()
            .map(|u| {
                let id = self.host_file(&u.filename, &u.content_type, u.bytes.clone());
                (u.index.clone(), payloads::attachment(self, id))
            })
            .collect();
        let Some(wanted) = payload["attachments"].as_array() else {
            return existing
                .iter()
                .cloned()
                .chain(fresh.into_iter().map(|(_, a)| a))
                .collect();
        };
        let mut kept = Vec::new();
        for entry in wanted {
            let id = id_string(&entry["id"]);
            if let Some(at) = fresh.iter().position(|(index, _)| *index == id) {
                kept.push(fresh.remove(at).1);
            } else if let Some(old) = existing.iter().find(|a| a["id"].as_str() == Some(id.as_str())) {
                kept.push(old.clone());
            }
        }
        kept.extend(fresh.into_iter().map(|(_, a)| a));
        kept
    }

    /// Record a visible change of a message in the transcript.
    fn show(&mut self, kind: VisibleKind, message_id: u64, actor: u64) {
        let Some(m) = self.messages.get(&message_id) else {
            return;
        };
        let private_to = m
            .is_ephemeral()
            .then(|| m.interaction_id.and_then(|i| self.interactions.get(&i)))
            .flatten()
            .map(|i| self.user_name(i.user_id));
        let event = VisibleEvent {
            at: Utc::now(),
            channel: self.channel_name(m.channel_id),
            actor: self.user_name(actor),
            kind,
            message_id: Some(message_id),
            private_to,
            text: transcript::render(m),
        };
        self.transcript.push(event);
    }
}

/// Overwrite the fields an edit payload carries; a `null` clears the field.
fn apply_edit(m: &mut SimMessage, payload: &Value) {
    if let Some(content) = payload.get("content") {
        m.content = content.as_str().unwrap_or_default().to_owned();
    }
    if let Some(e) = payload.get("embeds") {
        m.embeds = embeds(e);
    }
    if let Some(c) = payload.get("components") {
        m.components = list(c);
    }
    if let Some(a) = payload.get("allowed_mentions") {
        m.allowed_mentions = Some(a.clone());
    }
    if let Some(flags) = payload.get("flags").and_then(Value::as_u64) {
        m.flags = flags | (m.flags & super::payloads::FLAG_EPHEMERAL);
    }
}

fn is_empty_payload(payload: &Value, uploads: &[Upload]) -> bool {
    let text = payload["content"].as_str().unwrap_or_default();
    let has = |key: &str| payload[key].as_array().is_some_and(|a| !a.is_empty());
    text.is_empty() && !has("embeds") && !has("components") && !has("sticker_ids") && uploads.is_empty()
}

fn list(v: &Value) -> Vec<Value> {
    v.as_array().cloned().unwrap_or_default()
}

/// Embeds as Discord returns them: `type` is `rich` for bot embeds.
fn embeds(v: &Value) -> Vec<Value> {
    let mut embeds = list(v);
    for e in &mut embeds {
        if e.get("type").is_none() {
            payloads::extend(e, json!({ "type": "rich" }));
        }
    }
    embeds
}

/// The nonce key of a post (`POST /channels/{id}/messages`): only the bot's own channel
/// posts take part; interaction answers do not.
fn nonce_key(origin: &Origin, payload: &Value) -> Option<Key> {
    let nonce = payload.get("nonce").filter(|n| !n.is_null())?;
    origin
        .interaction_id
        .is_none()
        .then(|| (origin.channel_id, origin.author_id, id_string(nonce)))
}

/// A snowflake or index that may arrive as a JSON number or string.
pub(crate) fn id_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
