//! The gateway: a WebSocket server speaking Discord's gateway protocol v10 with JSON
//! (<https://discord.com/developers/docs/topics/gateway>): HELLO, IDENTIFY (sharded) →
//! READY and GUILD_CREATE, heartbeats, RESUME with replay of missed dispatches,
//! INVALID_SESSION, and the close codes of those steps.

use std::sync::Arc;

use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc::{self, UnboundedSender};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

use super::payloads;
use super::session::{Outgoing, Shard};
use super::state::{Shared, World};

/// Close code for a wrong token in IDENTIFY or RESUME.
const AUTHENTICATION_FAILED: u16 = 4004;
/// Close code for a frame that is not JSON.
const DECODE_ERROR: u16 = 4002;
/// Close code for IDENTIFY or RESUME on a connection that already has a session.
const ALREADY_AUTHENTICATED: u16 = 4005;
/// Close code for an IDENTIFY whose `shard` is not `[id, count]` with `id < count`.
const INVALID_SHARD: u16 = 4010;

impl World {
    /// Dispatch a guild's event to every session of its shard; `false` when no session
    /// (live or resumable) gets it.
    pub fn dispatch(&mut self, guild_id: u64, event: &str, data: Value) -> bool {
        let mut sent = false;
        for session in self.gateway.serving(guild_id) {
            session.dispatch(event, &data);
            sent = true;
        }
        sent
    }

    /// IDENTIFY: a new session with READY, then GUILD_CREATE for every guild of its shard.
    fn identify(&mut self, connection: u64, tx: UnboundedSender<Outgoing>, shard: Shard) {
        let guilds: Vec<u64> = self.guilds.keys().copied().filter(|g| shard.has(*g)).collect();
        let session_id = uuid::Uuid::new_v4().simple().to_string();
        let ready = payloads::ready(self, &session_id, shard, &guilds);
        let creates: Vec<Value> = guilds.iter().map(|g| payloads::guild_create(self, *g)).collect();
        let session = self.gateway.identify(connection, tx, shard, session_id);
        session.dispatch("READY", &ready);
        for create in &creates {
            session.dispatch("GUILD_CREATE", create);
        }
    }

    /// RESUME: replay what came after `seq`, then RESUMED; or INVALID_SESSION (not
    /// resumable) for an unknown session.
    fn resume(&mut self, connection: u64, tx: UnboundedSender<Outgoing>, session_id: &str, seq: u64) {
        let Some(session) = self.gateway.resume(connection, tx.clone(), session_id) else {
            let _ = tx.send(Outgoing::Frame(
                json!({ "op": 9, "d": false, "s": null, "t": null }).to_string(),
            ));
            return;
        };
        session.replay_after(seq);
        session.dispatch("RESUMED", &json!({}));
    }
}

/// Accept gateway connections until the simulator stops.
pub(crate) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                // Each dispatch is a small frame: with Nagle's algorithm one would wait for
                // the ACK of the one before (the bot's delayed ACK, up to 40 ms).
                if let Err(e) = stream.set_nodelay(true) {
                    tracing::warn!("simulator gateway: could not set TCP_NODELAY: {e}");
                }
                tokio::spawn(connection(stream, shared.clone()));
            }
            Err(e) => tracing::warn!("simulator gateway: accept failed: {e}"),
        }
    }
}

/// One WebSocket connection: HELLO first, then frames both ways until either side ends.
async fn connection(stream: TcpStream, shared: Arc<Shared>) {
    if shared.read(|w| w.gateway.down) {
        // An outage: the connection ends before the WebSocket handshake.
        return;
    }
    let Ok(ws) = tokio_tungstenite::accept_async(stream).await else {
        return;
    };
    let (mut sink, mut incoming) = ws.split();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let id = shared.with(|w| w.gateway.open_connection());
    let interval = shared.config.heartbeat_interval.as_millis();
    let hello = json!({ "op": 10, "d": { "heartbeat_interval": interval }, "s": null, "t": null });
    let _ = tx.send(Outgoing::Frame(hello.to_string()));
    // Discord ends the session when the bot closes with 1000 or 1001.
    let mut ended = false;
    loop {
        tokio::select! {
            frame = incoming.next() => match frame {
                Some(Ok(Message::Text(text))) => on_frame(&shared, id, &tx, &text),
                Some(Ok(Message::Close(close))) => {
                    ended = close.is_some_and(|c| matches!(u16::from(c.code), 1000 | 1001));
                    break;
                }
                Some(Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
            out = rx.recv() => match out {
                Some(Outgoing::Frame(text)) => {
                    if sink.send(Message::Text(text)).await.is_err() {
                        break;
                    }
                }
                Some(Outgoing::Close(code, reason)) => {
                    let frame = CloseFrame { code: CloseCode::from(code), reason: reason.into() };
                    let _ = sink.send(Message::Close(Some(frame))).await;
                    break;
                }
                Some(Outgoing::Drop) | None => break,
            },
        }
    }
    shared.with(|w| w.gateway.detach(id, ended));
}

/// Handle one frame from the bot.
fn on_frame(shared: &Shared, connection: u64, tx: &UnboundedSender<Outgoing>, text: &str) {
    let Ok(frame) = serde_json::from_str::<Value>(text) else {
        let _ = tx.send(Outgoing::Close(DECODE_ERROR, "Error while decoding payload."));
        return;
    };
    let d = &frame["d"];
    match frame["op"].as_u64() {
        Some(1) => {
            let _ = tx.send(Outgoing::Frame(
                json!({ "op": 11, "d": null, "s": null, "t": null }).to_string(),
            ));
        }
        Some(2 | 6) if !token_matches(d["token"].as_str(), &shared.config.token) => {
            let _ = tx.send(Outgoing::Close(AUTHENTICATION_FAILED, "Authentication failed."));
        }
        Some(2 | 6) if shared.read(|w| w.gateway.is_authenticated(connection)) => {
            let _ = tx.send(Outgoing::Close(ALREADY_AUTHENTICATED, "Already authenticated."));
        }
        Some(2) => match Shard::parse(&d["shard"]) {
            Some(shard) => shared.with(|w| w.identify(connection, tx.clone(), shard)),
            None => {
                let _ = tx.send(Outgoing::Close(INVALID_SHARD, "Invalid shard."));
            }
        },
        Some(6) => {
            let session_id = d["session_id"].as_str().unwrap_or_default();
            let seq = d["seq"].as_u64().unwrap_or(0);
            shared.with(|w| w.resume(connection, tx.clone(), session_id, seq));
        }
        // Presence updates, voice state and member requests need no answer here.
        _ => {}
    }
}

/// Discord takes the token with or without the `Bot ` prefix.
fn token_matches(sent: Option<&str>, token: &str) -> bool {
    sent.map(|t| t.strip_prefix("Bot ").unwrap_or(t)) == Some(token.strip_prefix("Bot ").unwrap_or(token))
}
