//! The bot's gateway sessions as data: each IDENTIFY opens one, with its shard, its
//! dispatches (kept for RESUME), its live connection and the counts tests read. Several
//! bot processes may hold sessions of the same shard at once, and each gets every event
//! of that shard, as on Discord. The gateway server drives them; the world holds them.

use serde_json::{json, Value};
use tokio::sync::mpsc::UnboundedSender;

/// What a connection task is told to do.
pub(crate) enum Outgoing {
    Frame(String),
    Close(u16, &'static str),
    /// Cut the TCP connection without a closing handshake, like a network failure.
    Drop,
}

/// Counts over all sessions, e.g. that the bot resumed instead of re-identifying.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GatewayStats {
    pub connections: usize,
    pub identifies: usize,
    pub resumes: usize,
    pub invalid_sessions: usize,
    /// Some connection is identified or resumed right now.
    pub connected: bool,
}

/// One session's counts (one IDENTIFY each, so a shard's identifies are its sessions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionStats {
    pub session_id: String,
    pub shard_id: u32,
    pub shard_count: u32,
    pub resumes: usize,
    /// A connection is attached to the session right now.
    pub connected: bool,
    /// The session still gets its shard's events: not closed by the bot with 1000/1001.
    pub resumable: bool,
    /// Dispatches the session was sent, READY and RESUMED included; a replay after
    /// RESUME is not counted again.
    pub dispatches: usize,
}

/// `[id, count]` of IDENTIFY: the shard gets the guilds with `(guild_id >> 22) % count == id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shard {
    pub id: u32,
    pub count: u32,
}

impl Shard {
    /// The shard of an IDENTIFY's `d.shard` (absent: `[0, 1]`); `None` when invalid.
    pub fn parse(value: &Value) -> Option<Shard> {
        if value.is_null() {
            return Some(Shard { id: 0, count: 1 });
        }
        let [id, count] = value.as_array()?.as_slice() else {
            return None;
        };
        let number = |v: &Value| v.as_u64().and_then(|n| u32::try_from(n).ok());
        let (id, count) = (number(id)?, number(count)?);
        (id < count).then_some(Shard { id, count })
    }

    /// Discord's sharding formula.
    pub fn has(self, guild_id: u64) -> bool {
        (guild_id >> 22) % u64::from(self.count) == u64::from(self.id)
    }
}

/// One session: its dispatches (kept for RESUME) and its live connection.
pub(crate) struct Session {
    pub id: String,
    pub shard: Shard,
    seq: u64,
    /// Every dispatch of the session, as sent, with its sequence number.
    sent: Vec<(u64, String)>,
    live: Option<(u64, UnboundedSender<Outgoing>)>,
    resumes: usize,
    ended: bool,
}

impl Session {
    /// Send a dispatch (op 0) with the session's next sequence number; it is kept for
    /// RESUME and delivered when a connection is attached.
    pub fn dispatch(&mut self, event: &str, data: &Value) {
        self.seq += 1;
        let frame = json!({ "op": 0, "t": event, "s": self.seq, "d": data }).to_string();
        self.sent.push((self.seq, frame.clone()));
        self.send(Outgoing::Frame(frame));
    }

    /// Send again, in order, what came after `seq`.
    pub fn replay_after(&mut self, seq: u64) {
        let missed: Vec<String> = self
            .sent
            .iter()
            .filter(|(s, _)| *s > seq)
            .map(|(_, f)| f.clone())
            .collect();
        for frame in missed {
            self.send(Outgoing::Frame(frame));
        }
    }

    /// Make `id` the live connection, cutting any previous one.
    fn attach(&mut self, id: u64, tx: UnboundedSender<Outgoing>) {
        if let Some((old, old_tx)) = self.live.replace((id, tx)) {
            if old != id {
                let _ = old_tx.send(Outgoing::Drop);
            }
        }
    }

    fn is_on(&self, connection: u64) -> bool {
        self.live.as_ref().is_some_and(|(live, _)| *live == connection)
    }

    /// Cut the live connection abruptly; the session stays resumable.
    fn drop_live(&mut self) {
        if let Some((_, tx)) = self.live.take() {
            let _ = tx.send(Outgoing::Drop);
        }
    }

    fn send(&mut self, frame: Outgoing) {
        if self.live.as_ref().is_some_and(|(_, tx)| tx.send(frame).is_err()) {
            self.live = None;
        }
    }

    fn stats(&self) -> SessionStats {
        SessionStats {
            session_id: self.id.clone(),
            shard_id: self.shard.id,
            shard_count: self.shard.count,
            resumes: self.resumes,
            connected: self.live.is_some(),
            resumable: !self.ended,
            dispatches: self.seq as usize,
        }
    }
}

/// Every session the bot opened, in IDENTIFY order, and the aggregate counts.
#[derive(Default)]
pub(crate) struct Gateway {
    sessions: Vec<Session>,
    next_connection: u64,
    counts: GatewayStats,
    /// An outage: connections are cut as soon as they open (see `Simulator::gateway_outage`).
    pub(crate) down: bool,
}

impl Gateway {
    pub(crate) fn open_connection(&mut self) -> u64 {
        self.next_connection += 1;
        self.counts.connections += 1;
        self.next_connection
    }

    /// Whether a connection already carries a session (a second IDENTIFY is refused).
    pub fn is_authenticated(&self, connection: u64) -> bool {
        self.sessions.iter().any(|s| s.is_on(connection))
    }

    /// A new session of `shard` on `connection`.
    pub fn identify(
        &mut self,
        connection: u64,
        tx: UnboundedSender<Outgoing>,
        shard: Shard,
        id: String,
    ) -> &mut Session {
        self.counts.identifies += 1;
        let mut session = Session {
            id,
            shard,
            seq: 0,
            sent: Vec::new(),
            live: None,
            resumes: 0,
            ended: false,
        };
        session.attach(connection, tx);
        self.sessions.push(session);
        let at = self.sessions.len() - 1;
        &mut self.sessions[at]
    }

    /// Attach `connection` to a resumable session; `None` (counted) for an unknown one.
    pub fn resume(&mut self, connection: u64, tx: UnboundedSender<Outgoing>, session_id: &str) -> Option<&mut Session> {
        let Some(session) = self.sessions.iter_mut().find(|s| !s.ended && s.id == session_id) else {
            self.counts.invalid_sessions += 1;
            return None;
        };
        session.attach(connection, tx);
        session.resumes += 1;
        self.counts.resumes += 1;
        Some(session)
    }

    /// The connection ended; with `ended` (the bot closed with 1000 or 1001) its session
    /// is over, as Discord invalidates it, otherwise it stays resumable.
    pub(crate) fn detach(&mut self, connection: u64, ended: bool) {
        for session in self.sessions.iter_mut().filter(|s| s.is_on(connection)) {
            session.live = None;
            if ended {
                session.ended = true;
                session.sent.clear();
            }
        }
    }

    /// The sessions that get `guild_id`'s events: resumable ones of its shard.
    pub fn serving(&mut self, guild_id: u64) -> impl Iterator<Item = &mut Session> {
        self.sessions
            .iter_mut()
            .filter(move |s| !s.ended && s.shard.has(guild_id))
    }

    /// Cut the live connections of every session (`None`) or of one shard id.
    pub fn drop_live(&mut self, shard_id: Option<u32>) {
        for s in &mut self.sessions {
            if shard_id.is_none_or(|id| s.shard.id == id) {
                s.drop_live();
            }
        }
    }

    pub fn stats(&self) -> GatewayStats {
        GatewayStats {
            connected: self.sessions.iter().any(|s| s.live.is_some()),
            ..self.counts
        }
    }

    pub fn session_stats(&self) -> Vec<SessionStats> {
        self.sessions.iter().map(Session::stats).collect()
    }

    /// Every shard `0..count` (of `count`) has a connected session.
    pub fn all_shards_connected(&self, count: u32) -> bool {
        (0..count).all(|id| {
            self.sessions
                .iter()
                .any(|s| s.shard == Shard { id, count } && s.live.is_some())
        })
    }
}
