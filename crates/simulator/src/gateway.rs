//! The gateway: a WebSocket server speaking Discord's gateway protocol v10 with JSON
//! (<https://discord.com/developers/docs/topics/gateway>): HELLO, IDENTIFY → READY and
//! GUILD_CREATE, heartbeats, RESUME with replay of missed dispatches, INVALID_SESSION.

use std::sync::Arc;

use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc::{self, UnboundedSender};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

use super::payloads;
use super::session::Outgoing;
use super::state::{Shared, World};

/// Close code for a wrong token in IDENTIFY or RESUME.
const AUTHENTICATION_FAILED: u16 = 4004;
/// Close code for a frame that is not JSON.
const DECODE_ERROR: u16 = 4002;

impl World {
    /// Send a dispatch (op 0) with the next sequence number; it is kept for RESUME and
    /// delivered when the bot is connected. `false` when the bot has no session.
    pub fn dispatch(&mut self, event: &str, data: Value) -> bool {
        let session = &mut self.gateway;
        if session.session_id.is_none() {
            return false;
        }
        session.seq += 1;
        let frame = json!({ "op": 0, "t": event, "s": session.seq, "d": data }).to_string();
        session.sent.push((session.seq, frame.clone()));
        session.send(Outgoing::Frame(frame));
        true
    }

    /// IDENTIFY: a new session with READY, then GUILD_CREATE for every guild.
    fn identify(&mut self, connection: u64, tx: UnboundedSender<Outgoing>) {
        let session_id = uuid::Uuid::new_v4().simple().to_string();
        let session = &mut self.gateway;
        session.attach(connection, tx);
        session.session_id = Some(session_id.clone());
        session.seq = 0;
        session.sent.clear();
        session.stats.identifies += 1;
        let ready = payloads::ready(self, &session_id);
        self.dispatch("READY", ready);
        let guilds: Vec<u64> = self.guilds.keys().copied().collect();
        for g in guilds {
            let create = payloads::guild_create(self, g);
            self.dispatch("GUILD_CREATE", create);
        }
    }

    /// RESUME: replay what came after `seq`, then RESUMED; or INVALID_SESSION (not
    /// resumable) for an unknown session.
    fn resume(&mut self, connection: u64, tx: UnboundedSender<Outgoing>, session_id: &str, seq: u64) {
        let session = &mut self.gateway;
        if session.session_id.as_deref() != Some(session_id) {
            session.stats.invalid_sessions += 1;
            let _ = tx.send(Outgoing::Frame(
                json!({ "op": 9, "d": false, "s": null, "t": null }).to_string(),
            ));
            return;
        }
        session.attach(connection, tx);
        session.stats.resumes += 1;
        let missed: Vec<String> = session
            .sent
            .iter()
            .filter(|(s, _)| *s > seq)
            .map(|(_, f)| f.clone())
            .collect();
        for frame in missed {
            session.send(Outgoing::Frame(frame));
        }
        self.dispatch("RESUMED", json!({}));
    }
}

/// Accept gateway connections until the simulator stops.
pub(crate) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(connection(stream, shared.clone()));
            }
            Err(e) => tracing::warn!("simulator gateway: accept failed: {e}"),
        }
    }
}

/// One WebSocket connection: HELLO first, then frames both ways until either side ends.
async fn connection(stream: TcpStream, shared: Arc<Shared>) {
    let Ok(ws) = tokio_tungstenite::accept_async(stream).await else {
        return;
    };
    let (mut sink, mut incoming) = ws.split();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let id = shared.with(|w| w.gateway.open_connection());
    let interval = shared.config.heartbeat_interval.as_millis();
    let hello = json!({ "op": 10, "d": { "heartbeat_interval": interval }, "s": null, "t": null });
    let _ = tx.send(Outgoing::Frame(hello.to_string()));
    loop {
        tokio::select! {
            frame = incoming.next() => match frame {
                Some(Ok(Message::Text(text))) => on_frame(&shared, id, &tx, &text),
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
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
    shared.with(|w| w.gateway.detach(id));
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
        Some(2) => shared.with(|w| w.identify(connection, tx.clone())),
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
