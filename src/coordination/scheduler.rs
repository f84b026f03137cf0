//! Deadlines from the database: voting windows that end. Nothing is kept in memory, so
//! a deadline that passed while the bot was down is handled right after start.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{watch, Notify};

use crate::clock::Clock;
use crate::store::Store;

/// Look again at least this often, in case a deadline was added by another process.
const MAX_SLEEP: Duration = Duration::from_secs(30);

/// Close every ended window, then sleep until the next one (or a wake-up).
pub async fn run(store: Store, clock: Clock, outbox_changed: Arc<Notify>, mut stop: watch::Receiver<bool>) {
    loop {
        if let Err(e) = close_ended_windows(&store, &clock, &outbox_changed).await {
            tracing::error!("deadline scheduler: {e:#}");
        }
        let wait = match store.next_window_end().await {
            Ok(Some(at)) => clock.until(at).min(MAX_SLEEP),
            _ => MAX_SLEEP,
        };
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = clock.moved() => {}
            _ = stop.wait_for(|&stopped| stopped) => return,
        }
    }
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
