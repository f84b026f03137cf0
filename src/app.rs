//! The bot as `run` and `demo` start it: the Discord adapter, the outbox worker (the only
//! sender of bot-initiated messages), the deadline scheduler and, when configured, the
//! TAXII feed, wired together here so
//! that each of them only does its own job.

use std::time::Duration;

use tokio::sync::watch;

use crate::clock::Clock;
use crate::coordination::outbox::OutboxWorker;
use crate::coordination::scheduler;
use crate::discord::{self, Connection};
use crate::store::Store;
use crate::taxii::TaxiiSettings;

/// Serve until `stop` turns true, then let the workers finish the item in hand and return.
/// `outbox_lease`: how long this process's hold on the outbox lasts when it stops renewing
/// it (see `OutboxWorker`).
pub async fn run(
    store: Store,
    connection: Connection,
    clock: Clock,
    outbox_lease: Duration,
    taxii: Option<TaxiiSettings>,
    stop: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let client = discord::client(store.clone(), &connection, clock.clone()).await?;
    let outbox = OutboxWorker::new(store.clone(), client.http.clone(), clock.clone(), outbox_lease);
    let mut workers = vec![
        tokio::spawn(outbox.run(stop.clone())),
        tokio::spawn(scheduler::run(store.clone(), clock.clone(), stop.clone())),
    ];
    if let Some(settings) = taxii {
        let feed = crate::taxii::start(store, clock, settings, stop.clone()).await?;
        workers.push(tokio::spawn(async move {
            if let Err(e) = feed.await {
                tracing::error!("the TAXII feed stopped: {e:#}");
            }
        }));
    }
    let served = discord::serve(client, connection.shards, stop).await;
    for w in workers {
        let _ = w.await;
    }
    served
}
