//! The outbox's REST requests. Straight to Discord, serenity's rate limiter waits out a
//! 429 itself. Through `FLAGWATCH_API_BASE` (a rate-limiting proxy, the simulator) that
//! limiter is off, and serenity hands back a failed answer without its headers; so the
//! requests are sent here, and a 429 comes back as [`Fired::Limited`] with Discord's
//! `Retry-After` and whether the limit is global, for the worker to wait out.

use std::sync::Arc;
use std::time::Duration;

use poise::serenity_prelude as serenity;

/// What a request came to.
pub enum Fired {
    Done(reqwest::Response),
    /// Rate-limited: nothing may be sent to this route (or at all, when `global`) before
    /// `retry_after` has passed.
    Limited {
        retry_after: Duration,
        global: bool,
    },
}

/// Sends serenity's requests, to Discord or to the configured proxy.
pub struct Rest {
    http: Arc<serenity::Http>,
    /// For requests through the proxy (serenity's own client is private to it).
    client: reqwest::Client,
}

/// A 429 without a readable `Retry-After` waits this long.
const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(1);

impl Rest {
    pub fn new(http: Arc<serenity::Http>) -> Rest {
        Rest {
            http,
            client: reqwest::Client::new(),
        }
    }

    /// Send `request` once. A refusal other than a 429 is serenity's error, so callers
    /// read Discord's code from it as from any serenity call.
    pub async fn fire(&self, request: serenity::Request<'_>) -> serenity::Result<Fired> {
        let Some(proxy) = self.http.proxy.as_deref() else {
            return self.http.request(request).await.map(Fired::Done);
        };
        let method = request.method_ref().reqwest_method();
        let built = request.build(&self.client, self.http.token(), Some(proxy))?.build()?;
        let response = self.client.execute(built).await?;
        let status = response.status();
        // A rate limit announces its wait; a 429 without one is a refusal (Discord's
        // 30046, no more edits of an old message), read by its JSON code like others.
        if status == reqwest::StatusCode::TOO_MANY_REQUESTS && response.headers().contains_key("retry-after") {
            return Ok(limited(response).await);
        }
        if status.is_success() {
            return Ok(Fired::Done(response));
        }
        let refused = serenity::ErrorResponse::from_response(response, method).await;
        Err(serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(refused)))
    }
}

/// Discord's wait from a 429: the `Retry-After` header (seconds, possibly fractional; the
/// body's `retry_after` if it is unreadable); global when `X-RateLimit-Global` is set or
/// the body says so.
async fn limited(response: reqwest::Response) -> Fired {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let header_wait = header("retry-after").and_then(|v| v.trim().parse::<f64>().ok());
    let header_global = header("x-ratelimit-global").is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let body: serde_json::Value = response.json().await.unwrap_or_default();
    let seconds = header_wait.or_else(|| body["retry_after"].as_f64());
    let retry_after = seconds
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map_or(DEFAULT_RETRY_AFTER, |s| Duration::from_secs_f64(s.min(3_600.0)));
    Fired::Limited {
        retry_after,
        global: header_global || body["global"] == true,
    }
}
