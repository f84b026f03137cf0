//! The bot as `run` and `demo` start it: the Discord adapter, the outbox worker (the only
//! sender of bot-initiated messages), the deadline scheduler and, when configured, the
//! TAXII feed, the public page and the operator address, wired together here so that each of them only
//! does its own job.

use std::time::Duration;

use tokio::sync::watch;

use crate::clock::Clock;
use crate::coordination::outbox::OutboxWorker;
use crate::coordination::scheduler;
use crate::discord::{self, Connection};
use crate::metrics::Metrics;
use crate::ops::OpsSettings;
use crate::store::Store;
use crate::taxii::TaxiiSettings;

/// The HTTP servers `run` starts beside the Discord connection, each off unless set.
#[derive(Debug, Clone, Copy, Default)]
pub struct Listeners {
    pub taxii: Option<TaxiiSettings>,
    pub ops: Option<OpsSettings>,
    pub web: Option<crate::web::WebSettings>,
}

/// Serve until `stop` turns true, then let the workers finish the item in hand and return.
/// `outbox_lease`: how long this process's hold on the outbox lasts when it stops renewing
/// it (see `OutboxWorker`).
pub async fn run(
    store: Store,
    connection: Connection,
    clock: Clock,
    outbox_lease: Duration,
    listeners: Listeners,
    stop: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let metrics = Metrics::new(store.database_errors(), store.deadlock_retries());
    let client = discord::client(store.clone(), &connection, clock.clone(), metrics.clone()).await?;
    let outbox = OutboxWorker::new(
        store.clone(),
        client.http.clone(),
        clock.clone(),
        outbox_lease,
        metrics.clone(),
    );
    let mut workers = vec![
        tokio::spawn(outbox.run(stop.clone())),
        tokio::spawn(scheduler::run(
            store.clone(),
            clock.clone(),
            metrics.clone(),
            stop.clone(),
        )),
    ];
    if let Some(settings) = listeners.ops {
        let shards = client.shard_manager.clone();
        let server = crate::ops::start(store.clone(), metrics, clock.clone(), shards, settings, stop.clone()).await?;
        workers.push(crate::serve::spawn("the operator address", server));
    }
    if let Some(settings) = listeners.web {
        let page = crate::web::start(store.clone(), clock.clone(), settings, stop.clone()).await?;
        workers.push(crate::serve::spawn("the public page", page));
    }
    if let Some(settings) = listeners.taxii {
        let feed = crate::taxii::start(store, clock, settings, stop.clone()).await?;
        workers.push(crate::serve::spawn("the TAXII feed", feed));
    }
    let served = discord::serve(client, connection.shards, stop).await;
    for w in workers {
        let _ = w.await;
    }
    served
}
