//! The waits the simulator announced with its 429s, and the requests that did not honour
//! them: a request that arrives while a `Retry-After` is still running breaks it — after
//! a global 429, any request the global limit applies to; after a route 429, a request
//! to the same bucket.

use std::time::Instant;

use super::ratelimit::Limited;
use super::routes::Route;

/// What a request counts against, for honouring announced waits.
pub(crate) struct Scope {
    /// The route's bucket (shape and major parameter), or method and path for a route
    /// without one.
    bucket: String,
    /// The global limit applies: not to interaction callbacks, webhooks and files.
    global: bool,
}

impl Scope {
    pub fn of(route: Option<&Route>, method: &str, path: &str) -> Scope {
        let bucket = route.and_then(Route::bucket);
        Scope {
            global: bucket.as_ref().map_or(route.is_none(), |b| b.global),
            bucket: bucket.map_or_else(|| format!("{method} {path}"), |b| format!("{} {}", b.shape, b.major)),
        }
    }
}

/// A wait announced by a 429, running until `until`.
struct Wait {
    global: bool,
    bucket: String,
    until: Instant,
}

#[derive(Default)]
pub(crate) struct Announced {
    running: Vec<Wait>,
    /// Requests that arrived while a wait covering them was running.
    pub violations: usize,
}

impl Announced {
    /// A request arrives: count it when a running wait covers it.
    pub fn arrive(&mut self, scope: &Scope, now: Instant) {
        self.running.retain(|w| w.until > now);
        let covered = self.running.iter().any(|w| {
            if w.global {
                scope.global
            } else {
                w.bucket == scope.bucket
            }
        });
        if covered {
            self.violations += 1;
        }
    }

    /// A 429 was sent for a request of `scope`: its wait runs from now.
    pub fn announce(&mut self, scope: &Scope, limited: &Limited, now: Instant) {
        self.running.push(Wait {
            global: limited.global,
            bucket: scope.bucket.clone(),
            until: now + limited.wait,
        });
    }
}
