//! The public status page (`FLAGWATCH_WEB_ADDR`, off by default; per server, on with
//! `/setup set public_page:true`): server-rendered HTML (maud) of the store's public read
//! model (`store::public_page`), which holds only report-now cases and public totals.
//! `/<slug>/` lists them, `/<slug>/case/<n>` shows one, `/<slug>/chart/<name>.svg` draws
//! the page's charts and `/<slug>/feed.xml` is its Atom feed; anything else — a held,
//! pending or dismissed case, an unknown case, a wrong slug — is the same 404.

mod feed;
mod page;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sha2::{Digest, Sha256};
use tokio::sync::watch;

use crate::charts::{self, Chart};
use crate::clock::Clock;
use crate::domain::time::Millis;
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
        .route("/:slug/chart/:file", get(chart))
        .route("/:slug/feed.xml", get(atom))
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

/// `?page=<n>` of `/<slug>/` (from 1; anything else is the same 404 as a wrong slug).
#[derive(Debug, serde::Deserialize)]
struct PageQuery {
    page: Option<String>,
}

async fn server_page(
    State(shared): State<Arc<Shared>>,
    Path(slug): Path<String>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Response {
    let Ok(page) = query.page.as_deref().unwrap_or("1").parse::<u64>() else {
        return not_found();
    };
    let now = shared.clock.now();
    match shared.store.public_page(&slug, page, now).await {
        Ok(Some(p)) => cached(
            &headers,
            HTML,
            modified(p.last_change, now),
            page::server(&p, now).into_string(),
        ),
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
        Ok(Some(p)) => {
            let body = page::case(&slug, &p.case, p.language, now).into_string();
            cached(&headers, HTML, modified(p.last_change, now), body)
        }
        Ok(None) => not_found(),
        Err(e) => failed(&e),
    }
}

async fn chart(
    State(shared): State<Arc<Shared>>,
    Path((slug, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let Some(chart) = file.strip_suffix(".svg").and_then(Chart::from_name) else {
        return not_found();
    };
    let now = shared.clock.now();
    match shared.store.public_charts(&slug, now).await {
        Ok(Some(p)) => match charts::svg(chart, &p.series.days) {
            Ok(svg) => cached(&headers, "image/svg+xml", modified(p.last_change, now), svg),
            Err(e) => failed(&e),
        },
        Ok(None) => not_found(),
        Err(e) => failed(&e),
    }
}

async fn atom(State(shared): State<Arc<Shared>>, Path(slug): Path<String>, headers: HeaderMap) -> Response {
    match shared.store.public_feed(&slug).await {
        Ok(Some(p)) => {
            let body = feed::feed(&p, &base_url(&headers));
            cached(&headers, "application/atom+xml; charset=utf-8", p.last_change, body)
        }
        Ok(None) => not_found(),
        Err(e) => failed(&e),
    }
}

/// The scheme and host the page was asked for, for the feed's absolute links.
fn base_url(headers: &HeaderMap) -> String {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let host = header("host").unwrap_or("localhost");
    let scheme = header("x-forwarded-proto").filter(|p| *p == "https").unwrap_or("http");
    format!("{scheme}://{host}")
}

const HTML: &str = "text/html; charset=utf-8";

/// When a page last changed: its data, or the start of this hour, since pages count the
/// hours an account has waited (and the charts' days turn at midnight).
fn modified(data: Millis, now: Millis) -> Millis {
    Millis(data.0.max(now.0 - now.0.rem_euclid(3_600_000)))
}

/// The body with its validators: an ETag (a hash of the body) and `Last-Modified`; 304 when
/// the client has it already (`If-None-Match` decides when sent, else `If-Modified-Since`).
fn cached(headers: &HeaderMap, content_type: &'static str, modified: Millis, body: String) -> Response {
    let etag = format!("\"{}\"", hex::encode(&Sha256::digest(body.as_bytes())[..16]));
    let last_modified = http_date(modified);
    let fresh = match headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        Some(tags) => tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"),
        None => headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok())
            .is_some_and(|since| since >= seconds(modified)),
    };
    let validators = [
        (
            header::ETAG,
            HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\"")),
        ),
        (
            header::LAST_MODIFIED,
            HeaderValue::from_str(&last_modified).unwrap_or(HeaderValue::from_static("")),
        ),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
    ];
    if fresh {
        return (StatusCode::NOT_MODIFIED, validators).into_response();
    }
    (
        validators,
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response()
}

/// `at`, to the second (what an HTTP date holds).
fn seconds(at: Millis) -> std::time::SystemTime {
    std::time::UNIX_EPOCH + std::time::Duration::from_secs(u64::try_from(at.0 / 1000).unwrap_or(0))
}

fn http_date(at: Millis) -> String {
    httpdate::fmt_http_date(seconds(at))
}

/// The one answer for everything the page does not show.
fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, HTML)],
        page::not_found().into_string(),
    )
        .into_response()
}

fn failed(e: &dyn std::fmt::Display) -> Response {
    tracing::warn!("public page: {e}");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "The page is unavailable; try again shortly.\n",
    )
        .into_response()
}
