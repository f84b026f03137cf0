//! Serving an axum router on an address from a setting, until the bot stops: shared by
//! the TAXII feed (`FLAGWATCH_TAXII_ADDR`) and the operator address
//! (`FLAGWATCH_METRICS_ADDR`), so both fail the same way at start and stop the same way.

use std::future::Future;
use std::net::SocketAddr;

use axum::Router;
use tokio::sync::watch;

/// Bind `addr` now (failing at start, naming `setting`, when the address is unusable) and
/// return the server, which runs until `stop` turns true.
pub async fn listen(
    setting: &'static str,
    addr: SocketAddr,
    app: Router,
    mut stop: watch::Receiver<bool>,
) -> anyhow::Result<impl Future<Output = std::io::Result<()>>> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("{setting}: cannot listen on {addr}: {e}"))?;
    Ok(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stop.wait_for(|s| *s).await;
            })
            .await
    })
}

/// Run `server` in the background, logging (naming `what`) if it ever fails.
pub fn spawn(
    what: &'static str,
    server: impl Future<Output = std::io::Result<()>> + Send + 'static,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        if let Err(e) = server.await {
            tracing::error!("{what} stopped: {e:#}");
        }
    })
}
