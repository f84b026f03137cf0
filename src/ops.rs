//! The operator address (`FLAGWATCH_METRICS_ADDR`, off by default): `/metrics` in the
//! Prometheus text format, `/healthz` (the process answers) and `/readyz` (the database
//! answers, every gateway shard of this process is connected, and the outbox is not
//! stuck). `flagwatch healthcheck` asks `/readyz`, for container and systemd checks.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use poise::serenity_prelude as serenity;
use tokio::sync::watch;

use crate::clock::Clock;
use crate::metrics::{self, Metrics};
use crate::store::Store;

/// How the operator address is served (`FLAGWATCH_METRICS_ADDR`, `FLAGWATCH_READY_OUTBOX_AGE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpsSettings {
    pub addr: SocketAddr,
    /// `/readyz` fails once the oldest due outbox item has waited longer than this.
    pub outbox_stuck_after: Duration,
}

/// The outbox age past which `/readyz` fails when `FLAGWATCH_READY_OUTBOX_AGE` is not set.
pub const DEFAULT_OUTBOX_STUCK_AFTER: Duration = Duration::from_secs(600);

/// How long `/readyz` waits for the database before calling it unreachable.
const PING_PATIENCE: Duration = Duration::from_secs(3);

struct Shared {
    store: Store,
    metrics: Metrics,
    clock: Clock,
    shards: Arc<serenity::ShardManager>,
    settings: OpsSettings,
}

/// Start serving the operator address (failing here when it is unusable) until `stop`.
pub async fn start(
    store: Store,
    metrics: Metrics,
    clock: Clock,
    shards: Arc<serenity::ShardManager>,
    settings: OpsSettings,
    stop: watch::Receiver<bool>,
) -> anyhow::Result<impl std::future::Future<Output = std::io::Result<()>>> {
    let shared = Arc::new(Shared {
        store,
        metrics,
        clock,
        shards,
        settings,
    });
    let app = Router::new()
        .route("/metrics", get(metrics_text))
        .route("/healthz", get(|| async { "alive\n" }))
        .route("/readyz", get(readyz))
        .with_state(shared);
    crate::serve::listen("FLAGWATCH_METRICS_ADDR", settings.addr, app, stop).await
}

/// How long the oldest due outbox item has waited (zero when none is due), and how many wait.
async fn outbox(shared: &Shared) -> crate::store::Result<(u64, Duration)> {
    let now = shared.clock.now();
    let depth = shared.store.outbox_len().await?;
    let oldest = shared.store.next_outbox_due().await?;
    let waited = oldest.map_or(0, |at| now.0.saturating_sub(at.0).max(0));
    Ok((depth, Duration::from_millis(u64::try_from(waited).unwrap_or(0))))
}

async fn metrics_text(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    match outbox(&shared).await {
        Ok((depth, waited)) => shared.metrics.outbox_state(depth, waited),
        Err(e) => tracing::warn!("metrics: cannot read the outbox: {e}"),
    }
    ([(header::CONTENT_TYPE, metrics::CONTENT_TYPE)], shared.metrics.encode())
}

/// One line per check; 503 when any fails.
async fn readyz(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let database = match tokio::time::timeout(PING_PATIENCE, shared.store.ping()).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(format!("unreachable ({e})")),
        Err(_) => Err(format!("no answer within {} s", PING_PATIENCE.as_secs())),
    };
    let gateway = gateway(&shared.shards).await;
    let outbox = match outbox(&shared).await {
        Ok((_, waited)) if waited > shared.settings.outbox_stuck_after => Err(format!(
            "stuck: the oldest due item has waited {} s (limit {} s)",
            waited.as_secs(),
            shared.settings.outbox_stuck_after.as_secs()
        )),
        Ok(_) => Ok(()),
        Err(e) => Err(format!("unreadable ({e})")),
    };
    let checks = [("database", database), ("gateway", gateway), ("outbox", outbox)];
    let ready = checks.iter().all(|(_, c)| c.is_ok());
    let body: String = checks
        .iter()
        .map(|(name, check)| match check {
            Ok(()) => format!("{name}: ok\n"),
            Err(why) => format!("{name}: {why}\n"),
        })
        .collect();
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, body)
}

/// Every shard this process runs has a connected session.
async fn gateway(shards: &serenity::ShardManager) -> Result<(), String> {
    let runners = shards.runners.lock().await;
    let down: Vec<String> = runners
        .iter()
        .filter(|(_, info)| info.stage != serenity::ConnectionStage::Connected)
        .map(|(id, info)| format!("shard {id} {}", info.stage))
        .collect();
    match (runners.is_empty(), down.is_empty()) {
        (true, _) => Err("not connected yet".to_owned()),
        (false, true) => Ok(()),
        (false, false) => Err(down.join(", ")),
    }
}

/// `flagwatch healthcheck`: whether `/readyz` on `addr` answers 200 within a few seconds.
/// An address that listens on every interface is asked on loopback.
pub async fn healthcheck(addr: SocketAddr) -> anyhow::Result<(bool, String)> {
    let mut target = addr;
    if target.ip().is_unspecified() {
        target.set_ip(match addr {
            SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    let client = reqwest::Client::builder().timeout(Duration::from_secs(5)).build()?;
    let response = client.get(format!("http://{target}/readyz")).send().await?;
    let ready = response.status() == reqwest::StatusCode::OK;
    Ok((ready, response.text().await.unwrap_or_default()))
}
