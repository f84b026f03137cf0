//! The public status page (`FLAGWATCH_WEB_ADDR`, off by default; per server, on with
//! `/setup set public_page:true`): server-rendered HTML (maud) of the store's public read
//! model (`store::public_page`), which holds only report-now cases and public totals.
//! `/<slug>/` lists them, `/<slug>/case/<n>` shows one; anything else — a held, pending or
//! dismissed case, an unknown case, a wrong slug — is the same 404.

mod page;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sha2::{Digest, Sha256};
use tokio::sync::watch;

use crate::clock::Clock;
use crate::store::Store;

/// How the public page is served (`FLAGWATCH_WEB_ADDR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebSettings {
    pub addr: SocketAddr,
}

struct Shared {
    store: Store,
    clock: Clock,
}

/// The page's routes, for `start` and tests.
pub fn router(store: Store, clock: Clock) -> Router {
    Router::new()
        .route("/:slug/", get(server_page))
        .route("/:slug/case/:n", get(case_page))
        .fallback(|| async { not_found() })
        .with_state(Arc::new(Shared { store, clock }))
}

/// Start serving the public page (failing here when the address is unusable) until `stop`.
pub async fn start(
    store: Store,
    clock: Clock,
    settings: WebSettings,
    stop: watch::Receiver<bool>,
) -> anyhow::Result<impl std::future::Future<Output = std::io::Result<()>>> {
    crate::serve::listen("FLAGWATCH_WEB_ADDR", settings.addr, router(store, clock), stop).await
}

async fn server_page(State(shared): State<Arc<Shared>>, Path(slug): Path<String>, headers: HeaderMap) -> Response {
    let now = shared.clock.now();
    match shared.store.public_page(&slug, now).await {
        Ok(Some(p)) => cached(&headers, page::server(&p, now).into_string()),
        Ok(None) => not_found(),
        Err(e) => failed(&e),
    }
}

async fn case_page(
    State(shared): State<Arc<Shared>>,
    Path((slug, n)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let Ok(n) = n.parse::<i64>() else {
        return not_found();
    };
    let now = shared.clock.now();
    match shared.store.public_case(&slug, n).await {
        Ok(Some((c, lang))) => cached(&headers, page::case(&slug, &c, lang, now).into_string()),
        Ok(None) => not_found(),
        Err(e) => failed(&e),
    }
}

/// The page with its ETag (a hash of the body), or 304 when the client has it already.
fn cached(headers: &HeaderMap, body: String) -> Response {
    let etag = format!("\"{}\"", hex::encode(&Sha256::digest(body.as_bytes())[..16]));
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let etag = HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\""));
    let cache = [
        (header::ETAG, etag),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
    ];
    if fresh {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    let html = (
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    (cache, [html], body).into_response()
}

/// The one answer for everything the page does not show.
fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page::not_found().into_string(),
    )
        .into_response()
}

fn failed(e: &crate::store::StoreError) -> Response {
    tracing::warn!("public page: {e}");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "The page is unavailable; try again shortly.\n",
    )
        .into_response()
}
