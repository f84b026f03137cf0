//! Where the bot reads the time: the system clock in production; in tests and the demo, a
//! clock that runs at real speed but can be moved forward (so a 24-hour window passes
//! without waiting, while retries and pacing still see time flow).

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use crate::domain::time::Millis;

/// A source of the current time that can wake whoever waits on a deadline.
#[derive(Clone)]
pub struct Clock {
    /// Milliseconds added to the system time; `None` for the plain system clock.
    offset: Option<Arc<AtomicI64>>,
    moved: Arc<Notify>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock {
            offset: None,
            moved: Arc::new(Notify::new()),
        }
    }

    /// A clock that reads `start` now, runs at real speed, and jumps with [`Clock::advance`].
    pub fn manual(start: Millis) -> Clock {
        let offset = start.0 - system_now().0;
        Clock {
            offset: Some(Arc::new(AtomicI64::new(offset))),
            moved: Arc::new(Notify::new()),
        }
    }

    pub fn now(&self) -> Millis {
        let offset = self.offset.as_ref().map_or(0, |o| o.load(Ordering::SeqCst));
        Millis(system_now().0.saturating_add(offset))
    }

    /// Jump a manual clock forward and wake the deadline waiters. No effect on the system clock.
    pub fn advance(&self, by: Duration) {
        if let Some(offset) = &self.offset {
            offset.fetch_add(i64::try_from(by.as_millis()).unwrap_or(i64::MAX), Ordering::SeqCst);
            self.moved.notify_waiters();
        }
    }

    /// Resolves when a manual clock was moved (never for the system clock).
    pub async fn moved(&self) {
        self.moved.notified().await;
    }

    /// How long, in real time, until `at` (zero if it has passed).
    pub fn until(&self, at: Millis) -> Duration {
        let ms = at.0.saturating_sub(self.now().0);
        Duration::from_millis(u64::try_from(ms).unwrap_or(0))
    }
}

fn system_now() -> Millis {
    Millis(chrono::Utc::now().timestamp_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_starts_where_asked_and_jumps_forward() {
        let clock = Clock::manual(Millis(1_000_000));
        assert!((clock.now().0 - 1_000_000).abs() < 1_000);
        clock.advance(Duration::from_secs(3600));
        assert!((clock.now().0 - 1_000_000 - 3_600_000).abs() < 1_000);
        assert!(clock.until(Millis(clock.now().0 - 5)).is_zero());
    }
}
