//! The bot as `run` and `demo` start it: the Discord adapter, the outbox worker (the only
//! sender of bot-initiated messages) and the deadline scheduler, wired together here so
//! that each of them only does its own job.

use std::sync::Arc;

use tokio::sync::{watch, Notify};

use crate::clock::Clock;
use crate::coordination::outbox::OutboxWorker;
use crate::coordination::scheduler;
use crate::discord::{self, Connection};
use crate::store::Store;

/// Serve until `stop` turns true, then let the workers finish the item in hand and return.
pub async fn run(
    store: Store,
    connection: Connection,
    clock: Clock,
    stop: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let outbox_changed = Arc::new(Notify::new());
    let client = discord::client(store.clone(), &connection, clock.clone(), outbox_changed.clone()).await?;
    let outbox = OutboxWorker::new(
        store.clone(),
        client.http.clone(),
        clock.clone(),
        outbox_changed.clone(),
    );
    let workers = [
        tokio::spawn(outbox.run(stop.clone())),
        tokio::spawn(scheduler::run(store, clock, outbox_changed, stop.clone())),
    ];
    let served = discord::serve(client, stop).await;
    for w in workers {
        let _ = w.await;
    }
    served
}
