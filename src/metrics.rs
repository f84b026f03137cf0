//! The bot's metrics, in the Prometheus (OpenMetrics) text format that `/metrics` on
//! `FLAGWATCH_METRICS_ADDR` serves. One `Metrics` is made at start and passed to the
//! parts that record (no globals). Labels are closed sets (commands, outcomes, kinds),
//! never guild, user or case ids, so the number of series stays small.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::sync::atomic::AtomicU64;

/// The media type `/metrics` answers with.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// How an interaction ended, as its member saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// A message written for the member: a refusal, a mistake in the input.
    UserError,
    /// Something failed on our side; the member read an apology.
    InternalError,
}

/// What became of one outbox send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendResult {
    Sent,
    Retried,
    /// Refused by Discord for good and parked in `outbox_failed`.
    Parked,
}

impl Outcome {
    fn label(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::UserError => "user_error",
            Outcome::InternalError => "internal_error",
        }
    }
}

impl SendResult {
    fn label(self) -> &'static str {
        match self {
            SendResult::Sent => "sent",
            SendResult::Retried => "retried",
            SendResult::Parked => "parked",
        }
    }
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct InteractionLabels {
    command: String,
    outcome: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabel {
    kind: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct SendLabels {
    kind: &'static str,
    result: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ResultLabel {
    result: &'static str,
}

/// Every metric the bot records; cheap to clone (the values are shared).
#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

struct Inner {
    registry: Registry,
    interactions: Family<InteractionLabels, Counter>,
    report_answer: Histogram,
    votes: Family<KindLabel, Counter>,
    decisions: Family<KindLabel, Counter>,
    outbox_depth: Gauge,
    outbox_oldest_due: Gauge<f64, AtomicU64>,
    outbox_sends: Family<SendLabels, Counter>,
    rate_limited: Counter,
    gateway_reconnects: Counter,
    scheduler_lag: Gauge<f64, AtomicU64>,
    import_rows: Family<ResultLabel, Counter>,
    /// Shards that had a session in this process: a READY for one of them again is a reconnect.
    shards_seen: Mutex<HashSet<u32>>,
}

impl Metrics {
    /// A registry with every metric at zero; `database_errors` and `deadlock_retries` are
    /// the store's own counters (it counts where they happen, and they are registered here).
    pub fn new(database_errors: Counter, deadlock_retries: Counter) -> Metrics {
        let mut registry = Registry::with_prefix("flagwatch");
        let inner = Inner {
            interactions: Family::default(),
            report_answer: Histogram::new(exponential_buckets(0.025, 2.0, 10)),
            votes: Family::default(),
            decisions: Family::default(),
            outbox_depth: Gauge::default(),
            outbox_oldest_due: Gauge::default(),
            outbox_sends: Family::default(),
            rate_limited: Counter::default(),
            gateway_reconnects: Counter::default(),
            scheduler_lag: Gauge::default(),
            import_rows: Family::default(),
            shards_seen: Mutex::default(),
            registry: Registry::default(),
        };
        registry.register(
            "interactions",
            "Slash commands and button presses handled, by command and outcome",
            inner.interactions.clone(),
        );
        registry.register(
            "report_answer_seconds",
            "Time from a /report interaction's creation to the end of its handling",
            inner.report_answer.clone(),
        );
        registry.register("votes", "Votes cast, by choice", inner.votes.clone());
        registry.register("decisions", "Cases decided, by decision", inner.decisions.clone());
        registry.register(
            "outbox_depth",
            "Items waiting in the outbox",
            inner.outbox_depth.clone(),
        );
        registry.register(
            "outbox_oldest_due_age_seconds",
            "How long the oldest item that is due has waited to be sent",
            inner.outbox_oldest_due.clone(),
        );
        registry.register(
            "outbox_sends",
            "Outbox items handled by this process, by kind and result",
            inner.outbox_sends.clone(),
        );
        registry.register(
            "discord_rate_limited",
            "429 answers Discord gave this process's outbox",
            inner.rate_limited.clone(),
        );
        registry.register(
            "gateway_reconnects",
            "Gateway sessions resumed or identified again after the first",
            inner.gateway_reconnects.clone(),
        );
        registry.register(
            "scheduler_lag_seconds",
            "How much later than planned the deadline scheduler last woke",
            inner.scheduler_lag.clone(),
        );
        registry.register("database_errors", "Database operations that failed", database_errors);
        registry.register(
            "database_deadlock_retries",
            "Writes run again after PostgreSQL failed them to break a deadlock",
            deadlock_retries,
        );
        registry.register(
            "import_rows",
            "Imported lines, accepted or refused",
            inner.import_rows.clone(),
        );
        Metrics(Arc::new(Inner { registry, ..inner }))
    }

    /// The text `/metrics` serves.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.0.registry);
        out
    }

    pub fn interaction(&self, command: &str, outcome: Outcome) {
        let labels = InteractionLabels {
            command: command.to_owned(),
            outcome: outcome.label(),
        };
        self.0.interactions.get_or_create(&labels).inc();
    }

    pub fn report_answered(&self, after: Duration) {
        self.0.report_answer.observe(after.as_secs_f64());
    }

    pub fn vote(&self, choice: &'static str) {
        self.0.votes.get_or_create(&KindLabel { kind: choice }).inc();
    }

    pub fn decision(&self, decision: &'static str) {
        self.0.decisions.get_or_create(&KindLabel { kind: decision }).inc();
    }

    /// The outbox as read when `/metrics` is asked: its length and the oldest due item's wait.
    pub fn outbox_state(&self, depth: u64, oldest_due: Duration) {
        self.0.outbox_depth.set(i64::try_from(depth).unwrap_or(i64::MAX));
        self.0.outbox_oldest_due.set(oldest_due.as_secs_f64());
    }

    pub fn outbox_send(&self, kind: &'static str, result: SendResult) {
        self.0
            .outbox_sends
            .get_or_create(&SendLabels {
                kind,
                result: result.label(),
            })
            .inc();
    }

    pub fn rate_limited(&self) {
        self.0.rate_limited.inc();
    }

    /// A gateway session started (READY) for `shard`; the first one per shard is no reconnect.
    pub fn gateway_ready(&self, shard: u32) {
        let seen = self.0.shards_seen.lock().map(|mut s| !s.insert(shard)).unwrap_or(true);
        if seen {
            self.0.gateway_reconnects.inc();
        }
    }

    /// A gateway session was resumed after its connection dropped.
    pub fn gateway_resumed(&self) {
        self.0.gateway_reconnects.inc();
    }

    pub fn scheduler_lag(&self, lag: Duration) {
        self.0.scheduler_lag.set(lag.as_secs_f64());
    }

    pub fn import_rows(&self, accepted: u64, refused: u64) {
        let rows = &self.0.import_rows;
        rows.get_or_create(&ResultLabel { result: "accepted" }).inc_by(accepted);
        rows.get_or_create(&ResultLabel { result: "refused" }).inc_by(refused);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_carry_only_their_closed_labels() {
        let m = Metrics::new(Counter::default(), Counter::default());
        m.interaction("report", Outcome::UserError);
        m.outbox_send("card", SendResult::Parked);
        m.gateway_ready(0);
        m.gateway_ready(0);
        let text = m.encode();
        assert!(
            text.contains("flagwatch_interactions_total{command=\"report\",outcome=\"user_error\"} 1"),
            "{text}"
        );
        assert!(text.contains("flagwatch_outbox_sends_total{kind=\"card\",result=\"parked\"} 1"));
        assert!(text.contains("flagwatch_gateway_reconnects_total 1"), "{text}");
        assert!(text.ends_with("# EOF\n"));
    }
}
