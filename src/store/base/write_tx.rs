//! The transaction a change is written in. It remembers whether the change queued outbox
//! items and wakes the outbox worker once they are committed, so no caller has to.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use sqlx::{Any, AnyConnection, Executor, Transaction};
use tokio::sync::{Notify, OwnedMutexGuard};

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
            _turn: turn,
        }
    }

    /// An outbox item was queued: wake the worker when it is committed.
    pub(crate) fn queued_outbox(&mut self) {
        self.queued_outbox = true;
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
        Ok(())
    }

    /// Keep the part begun last: released with the next part's begin or by
    /// [`Self::end_parts`], saving a round trip per part.
    pub(crate) fn keep_part(&mut self) {
        self.kept_part = true;
    }

    /// Undo the part begun last; the transaction goes on (also after a failed statement).
    pub(crate) async fn undo_part(&mut self) -> Result<()> {
        (&mut *self.tx)
            .execute("ROLLBACK TO SAVEPOINT part; RELEASE SAVEPOINT part")
            .await?;
        Ok(())
    }

    /// Release the part kept last, if any: what follows is outside every part.
    pub(crate) async fn end_parts(&mut self) -> Result<()> {
        if std::mem::take(&mut self.kept_part) {
            (&mut *self.tx).execute("RELEASE SAVEPOINT part").await?;
        }
        Ok(())
    }

    pub(crate) async fn commit(self) -> Result<()> {
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
