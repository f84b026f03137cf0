//! Message nonces on `POST /channels/{id}/messages`: the nonce is echoed in the message,
//! and with `enforce_nonce: true` a post repeating the same author's nonce in the same
//! channel within a few minutes answers the first message instead of creating another
//! (<https://discord.com/developers/docs/resources/message#create-message>).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::messages::{id_string, Origin};
use super::state::World;

/// Channel, author and nonce; a nonce given as a number equals the same digits as a string.
type Key = (u64, u64, String);

/// The first message of each nonce, while it can still be repeated.
pub(crate) struct Nonces {
    window: Duration,
    first: HashMap<Key, (u64, Instant)>,
    /// Posts answered with an earlier message instead of creating one.
    pub deduplicated: usize,
}

impl Nonces {
    pub fn new(window: Duration) -> Self {
        Nonces {
            window,
            first: HashMap::new(),
            deduplicated: 0,
        }
    }
}

impl World {
    /// The earlier message a post that enforces its nonce repeats: the same author's
    /// message with that nonce in the channel, not deleted and within the window.
    pub(crate) fn repeated_post(&mut self, origin: &Origin, payload: &Value) -> Option<u64> {
        if payload["enforce_nonce"] != true {
            return None;
        }
        let first = self.first_with_nonce(&key(origin, payload)?)?;
        self.nonces.deduplicated += 1;
        Some(first)
    }

    /// Keep a new message as its nonce's first, unless an earlier one still is.
    pub(crate) fn remember_nonce(&mut self, origin: &Origin, payload: &Value, message: u64) {
        let Some(key) = key(origin, payload) else { return };
        if self.first_with_nonce(&key).is_none() {
            let window = self.nonces.window;
            self.nonces.first.retain(|_, (_, at)| at.elapsed() < window);
            self.nonces.first.insert(key, (message, Instant::now()));
        }
    }

    fn first_with_nonce(&self, key: &Key) -> Option<u64> {
        let (id, at) = *self.nonces.first.get(key)?;
        (at.elapsed() < self.nonces.window && self.live_message(id).is_ok()).then_some(id)
    }
}

/// Only the bot's own channel posts take part; interaction answers do not.
fn key(origin: &Origin, payload: &Value) -> Option<Key> {
    let nonce = payload.get("nonce").filter(|n| !n.is_null())?;
    origin
        .interaction_id
        .is_none()
        .then(|| (origin.channel_id, origin.author_id, id_string(nonce)))
}
