//! Deadlines from the database: voting windows that end, holds that come up for review,
//! and daily digests. Nothing is kept in memory, so a deadline that passed while the bot
//! was down is handled right after start.

use std::time::Duration;

use tokio::sync::watch;

use crate::clock::Clock;
use crate::domain::case::Decision;
use crate::domain::time::Millis;
use crate::metrics::Metrics;
use crate::store::Store;

/// Look again at least this often, in case a deadline was added by another process.
const MAX_SLEEP: Duration = Duration::from_secs(30);

/// Handle every due deadline, then sleep until the next one (or a wake-up). Each case and
/// each server is handled on its own: one that fails (a row that cannot be decoded, say)
/// is logged and stops only itself.
pub async fn run(store: Store, clock: Clock, metrics: Metrics, mut stop: watch::Receiver<bool>) {
    loop {
        for decision in run_due(&store, clock.now()).await {
            metrics.decision(decision.as_str());
        }
        let wait = next_wait(&store, &clock).await;
        let planned = tokio::time::Instant::now() + wait;
        tokio::select! {
            _ = tokio::time::sleep_until(planned) => {
                metrics.scheduler_lag(tokio::time::Instant::now().saturating_duration_since(planned));
            }
            _ = clock.moved() => {}
            _ = stop.wait_for(|&stopped| stopped) => return,
        }
    }
}

/// Close ended windows, re-open holds due for review and queue due digests; the
/// decisions the closed windows made.
pub async fn run_due(store: &Store, now: Millis) -> Vec<Decision> {
    let mut decided = Vec::new();
    match store.windows_ended(now).await {
        Ok(cases) => {
            for case in cases {
                match store.close_window(case.guild_id, case.case_no, now).await {
                    Ok(outcome) if outcome.decided.is_some() || outcome.became_overdue => {
                        tracing::info!(guild = case.guild_id, case = case.case_no, decided = ?outcome.decided, overdue = outcome.became_overdue, "window ended");
                        decided.extend(outcome.decided);
                    }
                    Ok(_) => {}
                    Err(e) => tracing::error!(
                        guild = case.guild_id,
                        case = case.case_no,
                        "closing the window failed: {e}"
                    ),
                }
            }
        }
        Err(e) => tracing::error!("listing ended windows failed: {e}"),
    }
    if let Err(e) = store.expire_holds(now).await {
        tracing::error!("listing holds due for review failed: {e}");
    }
    post_due_digests(store, now).await;
    decided
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
async fn post_due_digests(store: &Store, now: Millis) {
    let hours = match store.digest_hours().await {
        Ok(hours) => hours,
        Err(e) => return tracing::error!("listing digest hours failed: {e}"),
    };
    for (guild, hour) in hours {
        if let Some(day) = digest_day(now, hour) {
            if let Err(e) = store.claim_digest(guild, day, now).await {
                tracing::error!(guild, "queueing the digest failed: {e}");
            }
        }
    }
}

/// The UTC day number whose digest is due at `now`, if its hour has come.
fn digest_day(now: Millis, hour: u8) -> Option<i64> {
    const DAY: i64 = 86_400_000;
    let day = now.0.div_euclid(DAY);
    let due = now.0.rem_euclid(DAY) >= i64::from(hour) * 3_600_000;
    due.then_some(day)
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
