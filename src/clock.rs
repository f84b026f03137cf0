//! Where the bot reads the time: the system clock in production, a manual clock that
//! tests and the demo move forward (so a 24-hour window passes without waiting).

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use crate::domain::time::Millis;

/// A source of the current time that can wake whoever waits on a deadline.
#[derive(Clone)]
pub struct Clock {
    manual: Option<Arc<AtomicI64>>,
    moved: Arc<Notify>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock {
            manual: None,
            moved: Arc::new(Notify::new()),
        }
    }

    /// A clock that stands still at `start` until [`Clock::advance`] moves it.
    pub fn manual(start: Millis) -> Clock {
        Clock {
            manual: Some(Arc::new(AtomicI64::new(start.0))),
            moved: Arc::new(Notify::new()),
        }
    }

    pub fn now(&self) -> Millis {
        match &self.manual {
            Some(ms) => Millis(ms.load(Ordering::SeqCst)),
            None => Millis(chrono::Utc::now().timestamp_millis()),
        }
    }

    /// Move a manual clock forward and wake the deadline waiters. No effect on the system clock.
    pub fn advance(&self, by: Duration) {
        if let Some(ms) = &self.manual {
            ms.fetch_add(i64::try_from(by.as_millis()).unwrap_or(i64::MAX), Ordering::SeqCst);
            self.moved.notify_waiters();
        }
    }

    /// Resolves when a manual clock was moved (never for the system clock).
    pub async fn moved(&self) {
        self.moved.notified().await;
    }

    /// How long, in real time, until `at` (zero if passed; a manual clock waits to be moved).
    pub fn until(&self, at: Millis) -> Duration {
        let ms = at.0.saturating_sub(self.now().0);
        Duration::from_millis(u64::try_from(ms).unwrap_or(0))
    }
}
