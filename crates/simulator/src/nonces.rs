//! Message nonces on `POST /channels/{id}/messages`: the nonce is echoed in the message,
//! and with `enforce_nonce: true` a post repeating the same author's nonce in the same
//! channel within a few minutes answers the first message instead of creating another
//! (<https://discord.com/developers/docs/resources/message#create-message>).

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Channel, author and nonce; a nonce given as a number equals the same digits as a string.
pub(crate) type Key = (u64, u64, String);

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

impl Nonces {
    /// The earlier message a post with `key` repeats, if `live` still shows it: the post
    /// is then answered with it and counted.
    pub fn repeated(&mut self, key: &Key, live: impl Fn(u64) -> bool) -> Option<u64> {
        let first = self.first(key, &live)?;
        self.deduplicated += 1;
        Some(first)
    }

    /// Keep a new message as its nonce's first, unless an earlier one still is.
    pub fn remember(&mut self, key: Key, message: u64, live: impl Fn(u64) -> bool) {
        if self.first(&key, &live).is_none() {
            let window = self.window;
            self.first.retain(|_, (_, at)| at.elapsed() < window);
            self.first.insert(key, (message, Instant::now()));
        }
    }

    fn first(&self, key: &Key, live: &impl Fn(u64) -> bool) -> Option<u64> {
        let (id, at) = *self.first.get(key)?;
        (at.elapsed() < self.window && live(id)).then_some(id)
    }
}
