//! Outbox requests: what Discord must post or edit, queued in the transaction of the
//! change that calls for it.

use super::write_tx::WriteTx;
use crate::domain::time::Millis;
use crate::store::{id_to_db, Result};

/// What an outbox item asks for. The worker renders from the database when it sends, so
/// an item names its target, not its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxKind {
    /// Post the case's review card, or edit it to the current state.
    Card,
    /// Ping the moderator role once: the round ended with no vote.
    OverduePing,
    /// Post, edit or delete the case's public message in the coordination channel.
    Notice,
    /// Bring a call to action's counts up to date ("I reported it"): only a count
    /// changes, so it waits for its own interval and a busy call to action never reaches
    /// Discord's edit limit.
    NoticeCount,
    /// Edit (or post) the server's status board; coalesced to one edit per 10 s.
    Board,
    /// Edit (or post) the review queue's summary message.
    QueueSummary,
    /// Post the daily digest; the target is the UTC day number.
    Digest,
    /// Post the moderators' part of the daily digest in the review channel (holds coming
    /// up for review, the audit chain's head to witness); the target is the UTC day.
    ModeratorDigest,
    /// Tell the moderators that Discord refused messages for good; the target is
    /// Discord's error code, so each cause is told at most once an hour.
    FailureAlert,
}

flagwatch_domain::named!(OutboxKind, "outbox kind", {
    Card => "card",
    OverduePing => "overdue_ping",
    Notice => "notice",
    NoticeCount => "notice_count",
    Board => "board",
    QueueSummary => "queue_summary",
    Digest => "digest",
    ModeratorDigest => "moderator_digest",
    FailureAlert => "failure_alert",
});

impl OutboxKind {
    /// The least time between two sends for one target of this kind, for the messages
    /// that are edited often enough to risk Discord's edit limits.
    pub fn min_interval_ms(self) -> Option<i64> {
        match self {
            OutboxKind::Board => Some(BOARD_INTERVAL_MS),
            OutboxKind::QueueSummary => Some(QUEUE_SUMMARY_INTERVAL_MS),
            OutboxKind::NoticeCount => Some(COUNT_EDIT_INTERVAL_MS),
            OutboxKind::FailureAlert => Some(FAILURE_ALERT_INTERVAL_MS),
            OutboxKind::Card
            | OutboxKind::OverduePing
            | OutboxKind::Notice
            | OutboxKind::Digest
            | OutboxKind::ModeratorDigest => None,
        }
    }
}

impl OutboxKind {
    /// Whether an item of this kind targets a case (its target is the case's row id).
    pub fn targets_case(self) -> bool {
        match self {
            OutboxKind::Card | OutboxKind::OverduePing | OutboxKind::Notice | OutboxKind::NoticeCount => true,
            OutboxKind::Board
            | OutboxKind::QueueSummary
            | OutboxKind::Digest
            | OutboxKind::ModeratorDigest
            | OutboxKind::FailureAlert => false,
        }
    }
}

/// The status board is edited at most once per this interval, however many events arrive.
pub const BOARD_INTERVAL_MS: i64 = 10_000;
/// The review queue's summary is edited at most once per this interval.
pub const QUEUE_SUMMARY_INTERVAL_MS: i64 = 10_000;
/// A call to action's count-only edits come at most once per this interval.
pub const COUNT_EDIT_INTERVAL_MS: i64 = 60_000;
/// Moderators hear of one cause of refused messages at most once per this interval.
pub const FAILURE_ALERT_INTERVAL_MS: i64 = 3_600_000;

/// How many of the server `guild` (a column or a placeholder) cards wait to be posted for
/// the first time, as a scalar subquery: the queue's threshold counts them.
pub(crate) fn waiting_cards_count(guild: &str) -> String {
    format!(
        "(SELECT COUNT(*) FROM outbox o WHERE o.guild_id = {guild} AND o.kind = 'card' \
         AND NOT EXISTS (SELECT 1 FROM cards c WHERE c.case_id = o.target))"
    )
}

/// The one name of an item's target: pending items coalesce on it and pacing is kept by it.
pub(crate) fn item_key(kind: OutboxKind, guild_id: u64, target: Option<i64>) -> String {
    format!(
        "{}:{guild_id}:{}",
        kind.as_str(),
        target.map_or("-".to_owned(), |t| t.to_string())
    )
}

/// Ask for `kind` about `target`, not before `not_before` nor before its target's pacing
/// allows; coalesces with a pending request for the same thing. The worker is woken when
/// `tx` commits.
pub(crate) async fn enqueue(
    tx: &mut WriteTx,
    guild_id: u64,
    kind: OutboxKind,
    target: Option<i64>,
    not_before: Millis,
) -> Result<()> {
    let key = item_key(kind, guild_id, target);
    // A paced kind's time is put back to its target's pacing in the same statement; only
    // paced kinds have a pacing row, so the hot path (every report queues a card) skips it.
    // A request that coalesces with a waiting item changes nothing but locks it until
    // `tx` ends (PostgreSQL locks every conflicting row of a `DO UPDATE`, updated or not):
    // a sender claiming it meanwhile waits, and then reads what `tx` committed. Without
    // the lock it could send the state before `tx`, and nothing would be left queued to
    // correct it. SQLite's one writer gives the same order.
    let due = match kind.min_interval_ms() {
        Some(_) => {
            "(SELECT CASE WHEN MAX(next_at) > $5 THEN MAX(next_at) ELSE $5 END FROM outbox_pacing WHERE item_key = $2)"
        }
        None => "$5",
    };
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO outbox (guild_id, item_key, kind, target, created_at, not_before) VALUES ($1, $2, $3, $4, {due}, {due}) \
         ON CONFLICT (item_key) WHERE claimed_at IS NULL DO UPDATE SET kind = excluded.kind WHERE 1 = 0"
    )))
    .bind(id_to_db(guild_id))
    .bind(key)
    .bind(kind.as_str())
    .bind(target)
    .bind(not_before.0)
    .execute(&mut **tx)
    .await?;
    tx.queued_outbox();
    Ok(())
}

/// Ask for a case's card to be posted or brought up to date.
pub(crate) async fn enqueue_card(tx: &mut WriteTx, guild_id: u64, case_id: i64, now: Millis) -> Result<()> {
    enqueue(tx, guild_id, OutboxKind::Card, Some(case_id), now).await
}

/// Ask for the server's status board to be brought up to date: at once if it was not
/// sent to in the last 10 s, else when those 10 s are over (coalescing everything between).
pub(crate) async fn enqueue_board(tx: &mut WriteTx, guild_id: u64, now: Millis) -> Result<()> {
    enqueue(tx, guild_id, OutboxKind::Board, None, now).await
}
