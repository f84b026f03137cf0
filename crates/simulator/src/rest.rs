//! The REST server: axum on loopback with one entry point that records every request,
//! then applies injected faults, authentication and rate limits before the route.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use chrono::Utc;
use tokio::net::TcpListener;

use super::announced::Scope;
use super::api::{self, Answer, AnswerBody};
use super::handlers::{self, Context};
use super::multipart::{self, Body};
use super::ratelimit::{Limited, Verdict};
use super::routes::{self, Route};
use super::state::{RecordedRequest, Shared, World};
use super::SimConfig;

/// Uploads up to Discord's largest attachment size fit in one request.
const MAX_BODY: usize = 32 * 1024 * 1024;

/// What the handlers need from an HTTP request, read before taking the world's lock.
struct Incoming {
    method: String,
    /// Without the `/api/v{n}` prefix.
    path: String,
    query: Option<String>,
    content_type: Option<String>,
    authorization: Option<String>,
    bytes: Bytes,
}

/// Serve REST until the simulator stops. Without `TCP_NODELAY` a small answer can wait
/// for the client's delayed ACK (up to 40 ms on Linux), a stall Discord does not have.
pub(crate) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let app = Router::new()
        .fallback(entry)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(shared);
    if let Err(e) = axum::serve(listener, app).tcp_nodelay(true).await {
        tracing::warn!("simulator REST server stopped: {e}");
    }
}

async fn entry(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let header = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
            .map(str::to_owned)
    };
    let request = Incoming {
        method: method.as_str().to_owned(),
        path: routes::normalize(uri.path()).to_owned(),
        query: uri.query().map(str::to_owned),
        content_type: header(CONTENT_TYPE),
        authorization: header(AUTHORIZATION),
        bytes,
    };
    let answer = shared.with(|w| respond(w, &shared.config, &request));
    into_response(answer)
}

fn respond(w: &mut World, config: &SimConfig, request: &Incoming) -> Answer {
    let route = routes::parse(&request.method, &request.path);
    let unexpected = route.is_none();
    let scope = Scope::of(route.as_ref(), &request.method, &request.path);
    w.announced.arrive(&scope, Instant::now());
    let body = multipart::parse(request.content_type.as_deref(), &request.bytes);
    let answer = decide(w, config, request, route, &body, &scope);
    tracing::debug!("simulator: {} {} -> {}", request.method, request.path, answer.status);
    record(w, request, &body, &answer, unexpected);
    answer
}

fn decide(
    w: &mut World,
    config: &SimConfig,
    request: &Incoming,
    route: Option<Route>,
    body: &Result<Body, String>,
    scope: &Scope,
) -> Answer {
    if let Some((status, code)) = w.faults.take(&request.method, &request.path) {
        return api::injected(status, code);
    }
    if let Some((wait, global)) = w.faults.take_limit(&request.method, &request.path) {
        let key = route.as_ref().and_then(Route::bucket);
        let limited = w.limiter.forced(key.as_ref(), wait, global);
        return too_many(w, limited, scope);
    }
    let Some(route) = route else {
        return api::not_found();
    };
    if route.needs_bot_token() && !authorized(request.authorization.as_deref(), &w.me.token) {
        return api::unauthorized();
    }
    let limit_headers = match route.bucket().map(|key| w.limiter.check(&key, Instant::now())) {
        Some(Verdict::Limited(limited)) => {
            w.rate_limited += 1;
            return too_many(w, limited, scope);
        }
        Some(Verdict::Allowed(headers)) => headers,
        None => Vec::new(),
    };
    let mut answer = match body {
        Err(why) => api::invalid_json(why),
        Ok(body) => {
            let cx = Context {
                config,
                query: request.query.as_deref(),
                body,
            };
            handlers::handle(w, route, &cx).unwrap_or_else(|refused| refused)
        }
    };
    answer.headers.extend(limit_headers);
    answer
}

/// A 429, whose wait the bot must now honour.
fn too_many(w: &mut World, limited: Limited, scope: &Scope) -> Answer {
    w.announced.announce(scope, &limited, Instant::now());
    let mut answer = Answer::error_body(429, limited.body);
    answer.headers = limited.headers;
    answer
}

/// Bot routes need `Authorization: Bot <token>`.
fn authorized(header: Option<&str>, token: &str) -> bool {
    header.and_then(|h| h.strip_prefix("Bot ")) == Some(token.strip_prefix("Bot ").unwrap_or(token))
}

fn record(w: &mut World, request: &Incoming, body: &Result<Body, String>, answer: &Answer, unexpected: bool) {
    let body = body.as_ref().ok();
    w.requests.push(RecordedRequest {
        method: request.method.clone(),
        path: request.path.clone(),
        query: request.query.clone(),
        body: body.and_then(|b| b.json.clone()),
        files: body
            .map(|b| b.uploads.iter().map(|u| u.filename.clone()).collect())
            .unwrap_or_default(),
        status: answer.status,
        unexpected,
        at: Utc::now(),
    });
}

fn into_response(answer: Answer) -> Response {
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = match answer.body {
        AnswerBody::Empty => status.into_response(),
        AnswerBody::Json(v) => (status, axum::Json(v)).into_response(),
        AnswerBody::Bytes { content_type, bytes } => (status, [(CONTENT_TYPE, content_type)], bytes).into_response(),
    };
    for (name, value) in answer.headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}
