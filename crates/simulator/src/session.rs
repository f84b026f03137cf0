//! The bot's gateway session as data: its dispatches (kept for RESUME), its live
//! connection and the counts tests read. The gateway server drives it; the world holds it.

use tokio::sync::mpsc::UnboundedSender;

/// What a connection task is told to do.
pub(crate) enum Outgoing {
    Frame(String),
    Close(u16, &'static str),
    /// Cut the TCP connection without a closing handshake, like a network failure.
    Drop,
}

/// Counts a test can assert on, e.g. that the bot resumed instead of re-identifying.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GatewayStats {
    pub connections: usize,
    pub identifies: usize,
    pub resumes: usize,
    pub invalid_sessions: usize,
    /// A connection is identified or resumed right now.
    pub connected: bool,
}

/// The bot's one session: its dispatches (kept for RESUME) and its live connection.
#[derive(Default)]
pub(crate) struct GatewaySession {
    pub(crate) session_id: Option<String>,
    pub(crate) seq: u64,
    /// Every dispatch of the session, as sent, with its sequence number.
    pub(crate) sent: Vec<(u64, String)>,
    live: Option<(u64, UnboundedSender<Outgoing>)>,
    next_connection: u64,
    pub stats: GatewayStats,
}

impl GatewaySession {
    pub fn has_session(&self) -> bool {
        self.session_id.is_some()
    }

    pub(crate) fn open_connection(&mut self) -> u64 {
        self.next_connection += 1;
        self.stats.connections += 1;
        self.next_connection
    }

    /// Make `id` the live connection, cutting any previous one.
    pub(crate) fn attach(&mut self, id: u64, tx: UnboundedSender<Outgoing>) {
        if let Some((old, old_tx)) = self.live.replace((id, tx)) {
            if old != id {
                let _ = old_tx.send(Outgoing::Drop);
            }
        }
        self.stats.connected = true;
    }

    pub(crate) fn detach(&mut self, id: u64) {
        if self.live.as_ref().is_some_and(|(live, _)| *live == id) {
            self.live = None;
            self.stats.connected = false;
        }
    }

    /// Cut the live connection abruptly; the session stays resumable.
    pub fn drop_live(&mut self) {
        if let Some((_, tx)) = self.live.take() {
            let _ = tx.send(Outgoing::Drop);
        }
        self.stats.connected = false;
    }

    pub(crate) fn send(&mut self, frame: Outgoing) {
        let failed = self.live.as_ref().is_some_and(|(_, tx)| tx.send(frame).is_err());
        if failed {
            self.live = None;
            self.stats.connected = false;
        }
    }
}
