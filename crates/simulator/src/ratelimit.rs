//! Discord-like rate limits: per-route buckets keyed by the route's major parameter
//! (channel, guild, or webhook id + token), a global limit, and Discord's headers.
//! See <https://discord.com/developers/docs/topics/rate-limits>.

use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

/// `count` requests per `per`, in fixed windows that start with the first request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub count: u32,
    pub per: Duration,
}

impl Limit {
    pub const fn new(count: u32, per: Duration) -> Self {
        Limit { count, per }
    }
}

/// The limits the simulator enforces. Defaults follow what Discord applies to bots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimits {
    /// Requests per second across all routes; interaction endpoints are exempt.
    pub global_per_second: u32,
    /// Message create, edit and delete in one channel (each its own bucket).
    pub channel_messages: Limit,
    /// Pin and unpin in one channel.
    pub pins: Limit,
    /// Follow-ups and original-response calls per interaction webhook.
    pub webhooks: Limit,
    /// Every other route, per major parameter.
    pub other: Limit,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            global_per_second: 50,
            channel_messages: Limit::new(5, Duration::from_secs(5)),
            pins: Limit::new(5, Duration::from_secs(5)),
            webhooks: Limit::new(5, Duration::from_secs(2)),
            other: Limit::new(50, Duration::from_secs(1)),
        }
    }
}

/// Which configured limit a route falls under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum LimitClass {
    ChannelMessages,
    Pins,
    Webhooks,
    Other,
}

/// A route's bucket: its shape (same for every major parameter, as Discord's bucket
/// hash is) and the major parameter that splits it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct BucketKey {
    pub shape: &'static str,
    pub major: String,
    pub class: LimitClass,
    /// Interaction webhooks are not bound by the global limit.
    pub global: bool,
}

/// The answer to "may this request go through?", with the headers to send either way.
pub(crate) enum Verdict {
    Allowed(Vec<(&'static str, String)>),
    Limited(Limited),
}

/// A 429: its headers and body, and the wait it announces.
pub(crate) struct Limited {
    pub headers: Vec<(&'static str, String)>,
    pub body: Value,
    /// The precise `retry_after` of the body (the header rounds it up).
    pub wait: Duration,
    pub global: bool,
}

struct Window {
    remaining: u32,
    resets_at: Instant,
}

impl Window {
    /// Count one request against `limit`; `Err(wait)` when the window is used up.
    fn take(&mut self, limit: Limit, now: Instant) -> Result<(), Duration> {
        if now >= self.resets_at {
            self.remaining = limit.count;
            self.resets_at = now + limit.per;
        }
        if self.remaining == 0 {
            return Err(self.resets_at - now);
        }
        self.remaining -= 1;
        Ok(())
    }
}

pub(crate) struct RateLimiter {
    limits: RateLimits,
    buckets: HashMap<BucketKey, Window>,
    global: Window,
}

impl RateLimiter {
    pub fn new(limits: RateLimits) -> Self {
        let now = Instant::now();
        RateLimiter {
            limits,
            buckets: HashMap::new(),
            global: Window {
                remaining: 0,
                resets_at: now,
            },
        }
    }

    pub fn check(&mut self, key: &BucketKey, now: Instant) -> Verdict {
        if key.global {
            let per_second = Limit::new(self.limits.global_per_second, Duration::from_secs(1));
            if let Err(wait) = self.global.take(per_second, now) {
                return Verdict::Limited(global_limited(wait));
            }
        }
        let limit = self.limit(key.class);
        let window = self.buckets.entry(key.clone()).or_insert(Window {
            remaining: 0,
            resets_at: now,
        });
        let taken = window.take(limit, now);
        let reset_after = window.resets_at.saturating_duration_since(now);
        let headers = bucket_headers(key.shape, limit, window.remaining, reset_after);
        match taken {
            Ok(()) => Verdict::Allowed(headers),
            Err(wait) => Verdict::Limited(route_limited(headers, wait)),
        }
    }

    /// A 429 a test asked for, shaped like the limiter's own: global, or on the route's
    /// bucket (`key`, when it has one) with that bucket's headers.
    pub fn forced(&self, key: Option<&BucketKey>, wait: Duration, global: bool) -> Limited {
        if global {
            return global_limited(wait);
        }
        let headers = key.map_or_else(Vec::new, |k| bucket_headers(k.shape, self.limit(k.class), 0, wait));
        route_limited(headers, wait)
    }

    fn limit(&self, class: LimitClass) -> Limit {
        match class {
            LimitClass::ChannelMessages => self.limits.channel_messages,
            LimitClass::Pins => self.limits.pins,
            LimitClass::Webhooks => self.limits.webhooks,
            LimitClass::Other => self.limits.other,
        }
    }
}

fn bucket_headers(shape: &str, limit: Limit, remaining: u32, reset_after: Duration) -> Vec<(&'static str, String)> {
    let reset_at = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default() + reset_after;
    vec![
        ("x-ratelimit-limit", limit.count.to_string()),
        ("x-ratelimit-remaining", remaining.to_string()),
        ("x-ratelimit-reset", format!("{:.3}", reset_at.as_secs_f64())),
        ("x-ratelimit-reset-after", format!("{:.3}", reset_after.as_secs_f64())),
        ("x-ratelimit-bucket", bucket_hash(shape)),
    ]
}

fn route_limited(mut headers: Vec<(&'static str, String)>, wait: Duration) -> Limited {
    headers.push(("retry-after", retry_after_header(wait)));
    headers.push(("x-ratelimit-scope", "user".to_owned()));
    Limited {
        headers,
        body: limited_body(wait, false),
        wait,
        global: false,
    }
}

fn global_limited(wait: Duration) -> Limited {
    let headers = vec![
        ("retry-after", retry_after_header(wait)),
        ("x-ratelimit-global", "true".to_owned()),
        ("x-ratelimit-scope", "global".to_owned()),
    ];
    Limited {
        headers,
        body: limited_body(wait, true),
        wait,
        global: true,
    }
}

/// The header is whole seconds (HTTP's delay-seconds), rounded up so that waiting it
/// out always suffices; the body carries the precise value.
fn retry_after_header(wait: Duration) -> String {
    wait.as_secs_f64().ceil().max(1.0).to_string()
}

fn limited_body(wait: Duration, global: bool) -> Value {
    json!({
        "message": "You are being rate limited.",
        "retry_after": (wait.as_secs_f64() * 1000.0).ceil() / 1000.0,
        "global": global,
        "code": 0,
    })
}

/// An opaque, stable bucket id per route shape, like Discord's hashes (FNV-1a).
fn bucket_hash(shape: &str) -> String {
    let hash = shape.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}
