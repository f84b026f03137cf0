//! The transaction a change is written in. It remembers whether the change queued outbox
//! items and wakes the outbox worker once they are committed, so no caller has to, and
//! keeps the change's audit events until the commit, when they are appended last.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use sqlx::{Any, AnyConnection, Executor, Transaction};
use tokio::sync::{Notify, OwnedMutexGuard};

use super::audit::{append_recorded, Event, Recorded};
use crate::store::{InteractionClaim, Result};

/// A write transaction; derefs to its connection for queries.
pub(crate) struct WriteTx {
    tx: Transaction<'static, Any>,
    outbox_wakeup: Arc<Notify>,
    queued_outbox: bool,
    /// The interactions this transaction claims (one, or one per report of a batch),
    /// marked claimed once it commits.
    claims: Vec<Arc<InteractionClaim>>,
    /// The part begun last was kept and is still to be released ([`Self::keep_part`]).
    kept_part: bool,
    /// The audit events recorded so far ([`Self::audit`]), appended by [`Self::commit`].
    audit: Vec<Recorded>,
    /// How many of them were recorded before the part begun last.
    audit_before_part: usize,
    /// SQLite's writer turn, held until the transaction ends (dropped with it).
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub(crate) fn new(
        tx: Transaction<'static, Any>,
        outbox_wakeup: Arc<Notify>,
        turn: Option<OwnedMutexGuard<()>>,
    ) -> WriteTx {
        WriteTx {
            tx,
            outbox_wakeup,
            queued_outbox: false,
            claims: Vec::new(),
            kept_part: false,
            audit: Vec::new(),
            audit_before_part: 0,
            _turn: turn,
        }
    }

    /// An outbox item was queued: wake the worker when it is committed.
    pub(crate) fn queued_outbox(&mut self) {
        self.queued_outbox = true;
    }

    /// Record `event` in its server's audit chain with this change. It is appended when
    /// the transaction commits (see `audit::append_recorded` for why last), so the chain
    /// gets exactly the events of what committed.
    pub(crate) fn audit(&mut self, event: Event<'_>) {
        self.audit.push(event.into());
    }

    /// Record `events` as [`Self::audit`] does.
    pub(crate) fn audit_all(&mut self, events: impl IntoIterator<Item = Recorded>) {
        self.audit.extend(events);
    }

    /// This transaction claims `claim`'s interaction.
    pub(crate) fn on_commit_claimed(&mut self, claim: Arc<InteractionClaim>) {
        self.claims.push(claim);
    }

    /// Start a part of the transaction that can be undone on its own ([`Self::undo_part`])
    /// without failing the rest: one report of a batch. Releases the part kept before it
    /// in the same round trip.
    pub(crate) async fn begin_part(&mut self) -> Result<()> {
        let sql = if std::mem::take(&mut self.kept_part) {
            "RELEASE SAVEPOINT part; SAVEPOINT part"
        } else {
            "SAVEPOINT part"
        };
        (&mut *self.tx).execute(sql).await?;
        self.audit_before_part = self.audit.len();
        Ok(())
    }

    /// Keep the part begun last: released with the next part's begin or by
    /// [`Self::end_parts`], saving a round trip per part.
    pub(crate) fn keep_part(&mut self) {
        self.kept_part = true;
    }

    /// Undo the part begun last, with the audit events it recorded; the transaction goes
    /// on (also after a failed statement).
    pub(crate) async fn undo_part(&mut self) -> Result<()> {
        (&mut *self.tx)
            .execute("ROLLBACK TO SAVEPOINT part; RELEASE SAVEPOINT part")
            .await?;
        self.audit.truncate(self.audit_before_part);
        Ok(())
    }

    /// Release the part kept last, if any: what follows is outside every part.
    pub(crate) async fn end_parts(&mut self) -> Result<()> {
        if std::mem::take(&mut self.kept_part) {
            (&mut *self.tx).execute("RELEASE SAVEPOINT part").await?;
        }
        Ok(())
    }

    pub(crate) async fn commit(mut self) -> Result<()> {
        append_recorded(&mut self.tx, std::mem::take(&mut self.audit)).await?;
        self.tx.commit().await?;
        for claim in self.claims {
            claim.committed.store(true, std::sync::atomic::Ordering::Release);
        }
        if self.queued_outbox {
            self.outbox_wakeup.notify_one();
        }
        Ok(())
    }

    pub(crate) async fn rollback(self) -> Result<()> {
        Ok(self.tx.rollback().await?)
    }
}

impl Deref for WriteTx {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::Event;
    use crate::domain::audit::{Actor, AuditKind};
    use crate::domain::time::Millis;
    use crate::store::Store;

    fn note(text: &str) -> Event<'static> {
        Event {
            guild_id: 1,
            case_id: None,
            actor: &Actor::System,
            kind: AuditKind::NoteAdded,
            payload: json!({ "note": text }),
            at: Millis(0),
        }
    }

    /// What a part recorded is undone with it: the chain gets only what committed.
    #[tokio::test]
    async fn an_undone_part_takes_its_audit_events_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&format!("sqlite://{}", dir.path().join("t.db").display()))
            .await
            .unwrap();
        store.guild_settings(1, Millis(0)).await.unwrap(); // the server's rows, its chain head among them
        let mut tx = store.begin_write().await.unwrap();
        tx.audit(note("before"));
        tx.begin_part().await.unwrap();
        tx.audit(note("undone"));
        tx.undo_part().await.unwrap();
        tx.begin_part().await.unwrap();
        tx.audit(note("kept"));
        tx.keep_part();
        tx.end_parts().await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(store.verify_audit(Some(1)).await.unwrap().unwrap(), 2);
    }
}
