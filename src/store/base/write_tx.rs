//! The transaction a change is written in. It remembers whether the change queued outbox
//! items and wakes the outbox worker once they are committed, so no caller has to.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use sqlx::{Any, AnyConnection, Transaction};
use tokio::sync::{Notify, OwnedMutexGuard};

use crate::store::{InteractionClaim, Result};

/// A write transaction; derefs to its connection for queries.
pub(crate) struct WriteTx {
    tx: Transaction<'static, Any>,
    outbox_wakeup: Arc<Notify>,
    queued_outbox: bool,
    /// The interaction this transaction claims, marked claimed once it commits.
    claims: Option<Arc<InteractionClaim>>,
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
            claims: None,
            _turn: turn,
        }
    }

    /// An outbox item was queued: wake the worker when it is committed.
    pub(crate) fn queued_outbox(&mut self) {
        self.queued_outbox = true;
    }

    /// This transaction claims `claim`'s interaction.
    pub(crate) fn on_commit_claimed(&mut self, claim: Arc<InteractionClaim>) {
        self.claims = Some(claim);
    }

    pub(crate) async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        if let Some(claim) = self.claims {
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
