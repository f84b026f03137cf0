//! Deadlines from the database: voting windows that end, holds that come up for review,
//! and daily digests. Nothing is kept in memory, so a deadline that passed while the bot
//! was down is handled right after start.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{watch, Notify};

use crate::clock::Clock;
use crate::domain::time::Millis;
use crate::store::Store;

/// Look again at least this often, in case a deadline was added by another process.
const MAX_SLEEP: Duration = Duration::from_secs(30);

/// Close every ended window, then sleep until the next one (or a wake-up).
pub async fn run(store: Store, clock: Clock, outbox_changed: Arc<Notify>, mut stop: watch::Receiver<bool>) {
    loop {
        if let Err(e) = run_due(&store, &clock, &outbox_changed).await {
            tracing::error!("deadline scheduler: {e:#}");
        }
        let wait = next_wait(&store, &clock).await;
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = clock.moved() => {}
            _ = stop.wait_for(|&stopped| stopped) => return,
        }
    }
}

async fn run_due(store: &Store, clock: &Clock, outbox_changed: &Notify) -> anyhow::Result<()> {
    close_ended_windows(store, clock, outbox_changed).await?;
    let reopened = store.expire_holds(clock.now()).await?;
    let digests = post_due_digests(store, clock).await?;
    if !reopened.is_empty() || digests {
        outbox_changed.notify_one();
    }
    Ok(())
}

/// Until the earliest deadline of any kind (digests are checked at least every `MAX_SLEEP`).
async fn next_wait(store: &Store, clock: &Clock) -> Duration {
    let window = store.next_window_end().await.ok().flatten();
    let hold = store.next_hold_review().await.ok().flatten();
    [window, hold]
        .into_iter()
        .flatten()
        .map(|at| clock.until(at))
        .fold(MAX_SLEEP, Duration::min)
}

/// Queue today's digest for every server whose digest hour has come (once per day).
async fn post_due_digests(store: &Store, clock: &Clock) -> anyhow::Result<bool> {
    let now = clock.now();
    let mut any = false;
    for (guild, hour) in store.digest_hours().await? {
        if let Some(day) = digest_day(now, hour) {
            any |= store.claim_digest(guild, day, now).await?;
        }
    }
    Ok(any)
}

/// The UTC day number whose digest is due at `now`, if its hour has come.
fn digest_day(now: Millis, hour: u8) -> Option<i64> {
    const DAY: i64 = 86_400_000;
    let day = now.0.div_euclid(DAY);
    let due = now.0.rem_euclid(DAY) >= i64::from(hour) * 3_600_000;
    due.then_some(day)
}

async fn close_ended_windows(store: &Store, clock: &Clock, outbox_changed: &Notify) -> anyhow::Result<()> {
    let now = clock.now();
    for case in store.windows_ended(now).await? {
        let outcome = store.close_window(case.guild_id, case.case_no, now).await?;
        if outcome.decided.is_some() || outcome.became_overdue {
            tracing::info!(case = case.case_no, decided = ?outcome.decided, overdue = outcome.became_overdue, "window ended");
            outbox_changed.notify_one();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000;

    #[test]
    fn a_digest_is_due_from_its_hour_until_the_end_of_the_day() {
        let day = 20_000;
        let midnight = day * 24 * HOUR;
        assert_eq!(digest_day(Millis(midnight + 8 * HOUR - 1), 8), None);
        assert_eq!(digest_day(Millis(midnight + 8 * HOUR), 8), Some(day));
        assert_eq!(digest_day(Millis(midnight + 23 * HOUR), 8), Some(day));
        assert_eq!(digest_day(Millis(midnight), 0), Some(day));
    }
}
