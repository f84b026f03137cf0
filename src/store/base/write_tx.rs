//! The transaction a change is written in. It remembers whether the change queued outbox
//! items and wakes the outbox worker once they are committed, so no caller has to.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use sqlx::{Any, AnyConnection, Transaction};
use tokio::sync::Notify;

use crate::store::Result;

/// A write transaction; derefs to its connection for queries.
pub(crate) struct WriteTx {
    tx: Transaction<'static, Any>,
    outbox_wakeup: Arc<Notify>,
    queued_outbox: bool,
}

impl WriteTx {
    pub(crate) fn new(tx: Transaction<'static, Any>, outbox_wakeup: Arc<Notify>) -> WriteTx {
        WriteTx {
            tx,
            outbox_wakeup,
            queued_outbox: false,
        }
    }

    /// An outbox item was queued: wake the worker when it is committed.
    pub(crate) fn queued_outbox(&mut self) {
        self.queued_outbox = true;
    }

    pub(crate) async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
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
