//! The outbox: Discord posts and edits still to make, stored with the change that calls
//! for them so none is lost across restarts, and drained by one paced worker.

use sqlx::{AnyConnection, Row};

use super::{id_from_db, id_to_db, Result, Store, StoreError};
use crate::domain::time::Millis;

/// What an outbox item asks for. The worker renders from the database when it sends, so
/// an item names its target, not its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxKind {
    /// Post the case's review card, or edit it to the current state.
    Card,
    /// Ping the moderator role once: the round ended with no vote.
    OverduePing,
    /// Post or edit the case's public message in the coordination channel.
    Notice,
    /// Edit (or post) the server's status board; coalesced to one edit per 10 s.
    Board,
    /// Edit (or post) the review queue's summary message.
    QueueSummary,
    /// Post the daily digest; the target is the UTC day number.
    Digest,
}

impl OutboxKind {
    const ALL: [OutboxKind; 6] = [
        OutboxKind::Card,
        OutboxKind::OverduePing,
        OutboxKind::Notice,
        OutboxKind::Board,
        OutboxKind::QueueSummary,
        OutboxKind::Digest,
    ];

    fn as_str(self) -> &'static str {
        match self {
            OutboxKind::Card => "card",
            OutboxKind::OverduePing => "overdue_ping",
            OutboxKind::Notice => "notice",
            OutboxKind::Board => "board",
            OutboxKind::QueueSummary => "queue_summary",
            OutboxKind::Digest => "digest",
        }
    }

    /// The least time between two sends for one target of this kind, for the messages
    /// that are edited often enough to risk Discord's edit limits.
    pub fn min_interval_ms(self) -> Option<i64> {
        match self {
            OutboxKind::Board => Some(BOARD_INTERVAL_MS),
            OutboxKind::QueueSummary => Some(QUEUE_SUMMARY_INTERVAL_MS),
            OutboxKind::Card | OutboxKind::OverduePing | OutboxKind::Notice | OutboxKind::Digest => None,
        }
    }

    fn parse(s: &str) -> Result<OutboxKind> {
        OutboxKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| StoreError::Corrupt(format!("outbox kind {s:?}")))
    }
}

/// The one name of an item's target: pending items coalesce on it and pacing is kept by it.
fn item_key(kind: OutboxKind, guild_id: u64, target: Option<i64>) -> String {
    format!(
        "{}:{guild_id}:{}",
        kind.as_str(),
        target.map_or("-".to_owned(), |t| t.to_string())
    )
}

/// When an unclaimed item `o` may be sent: its own time, or later if its target's pacing
/// (`p`, left-joined on the key) says so.
const EFFECTIVE_DUE: &str = "CASE WHEN p.next_at > o.not_before THEN p.next_at ELSE o.not_before END";

/// A claimed item, to complete or retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub id: i64,
    pub guild_id: u64,
    pub kind: OutboxKind,
    /// The case id, or for digests the UTC day; `None` for per-server items.
    pub target: Option<i64>,
    pub attempts: u32,
}

impl OutboxItem {
    fn key(&self) -> String {
        item_key(self.kind, self.guild_id, self.target)
    }

    /// The case this item is about.
    pub fn case_id(&self) -> Result<i64> {
        self.target
            .ok_or_else(|| StoreError::Corrupt(format!("outbox item {} has no case", self.id)))
    }
}

/// Ask for `kind` about `target`, not before `not_before` nor before its target's pacing
/// allows; coalesces with a pending request for the same thing.
pub(super) async fn enqueue(
    conn: &mut AnyConnection,
    guild_id: u64,
    kind: OutboxKind,
    target: Option<i64>,
    not_before: Millis,
) -> Result<()> {
    let key = item_key(kind, guild_id, target);
    let paced: Option<i64> = sqlx::query_scalar("SELECT next_at FROM outbox_pacing WHERE item_key = $1")
        .bind(&key)
        .fetch_optional(&mut *conn)
        .await?;
    let not_before = Millis(paced.map_or(not_before.0, |p| p.max(not_before.0)));
    sqlx::query(
        "INSERT INTO outbox (guild_id, item_key, kind, target, created_at, not_before) VALUES ($1, $2, $3, $4, $5, $5) \
         ON CONFLICT (item_key) WHERE claimed_at IS NULL DO NOTHING",
    )
    .bind(id_to_db(guild_id))
    .bind(key)
    .bind(kind.as_str())
    .bind(target)
    .bind(not_before.0)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Ask for a case's card to be posted or brought up to date.
pub(super) async fn enqueue_card(conn: &mut AnyConnection, guild_id: u64, case_id: i64, now: Millis) -> Result<()> {
    enqueue(conn, guild_id, OutboxKind::Card, Some(case_id), now).await
}

/// The status board is edited at most once per this interval, however many events arrive.
pub const BOARD_INTERVAL_MS: i64 = 10_000;
/// The review queue's summary is edited at most once per this interval.
pub const QUEUE_SUMMARY_INTERVAL_MS: i64 = 10_000;

/// Ask for the server's status board to be brought up to date: at once if it was not
/// sent to in the last 10 s, else when those 10 s are over (coalescing everything between).
pub(super) async fn enqueue_board(conn: &mut AnyConnection, guild_id: u64, now: Millis) -> Result<()> {
    enqueue(conn, guild_id, OutboxKind::Board, None, now).await
}

/// After a send to a paced target, hold its next send until `next_at`.
async fn pace_target(conn: &mut AnyConnection, item: &OutboxItem, next_at: Option<Millis>) -> Result<()> {
    let Some(next_at) = next_at else { return Ok(()) };
    sqlx::query(
        "INSERT INTO outbox_pacing (item_key, next_at) VALUES ($1, $2) \
         ON CONFLICT (item_key) DO UPDATE SET next_at = excluded.next_at",
    )
    .bind(item.key())
    .bind(next_at.0)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    /// Release items claimed by a worker that stopped mid-send (at start, before draining).
    pub async fn recover_outbox(&self) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "DELETE FROM outbox WHERE claimed_at IS NOT NULL AND item_key IN \
             (SELECT item_key FROM outbox WHERE claimed_at IS NULL)",
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE outbox SET claimed_at = NULL WHERE claimed_at IS NOT NULL")
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Claim the oldest item that is due and whose target's pacing allows a send. Later
    /// changes to the same target queue a new item rather than merging into this one, so
    /// nothing that happens during the send is missed.
    pub async fn claim_outbox(&self, now: Millis) -> Result<Option<OutboxItem>> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE outbox SET claimed_at = $1 WHERE id = \
             (SELECT o.id FROM outbox o LEFT JOIN outbox_pacing p ON p.item_key = o.item_key \
              WHERE o.claimed_at IS NULL AND {EFFECTIVE_DUE} <= $1 ORDER BY o.not_before, o.id LIMIT 1) \
             AND claimed_at IS NULL RETURNING id, guild_id, kind, target, attempts"
        )))
        .bind(now.0)
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        row.map(|r| {
            Ok(OutboxItem {
                id: r.try_get("id")?,
                guild_id: id_from_db(r.try_get("guild_id")?),
                kind: OutboxKind::parse(&r.try_get::<String, _>("kind")?)?,
                target: r.try_get("target")?,
                attempts: u32::try_from(r.try_get::<i64, _>("attempts")?).unwrap_or(u32::MAX),
            })
        })
        .transpose()
    }

    /// The item was sent; a paced target takes no other send before `next_at`.
    pub async fn complete_outbox(&self, item: &OutboxItem, next_at: Option<Millis>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM outbox WHERE id = $1")
            .bind(item.id)
            .execute(&mut *tx)
            .await?;
        pace_target(&mut tx, item, next_at).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The send failed: try again at `not_before`, unless a newer request for the same
    /// target is already waiting (it supersedes this one). A failed send counts for pacing
    /// too (`next_at`): Discord may have applied it.
    pub async fn retry_outbox(
        &self,
        item: &OutboxItem,
        not_before: Millis,
        next_at: Option<Millis>,
        error: &str,
    ) -> Result<()> {
        let id = item.id;
        let mut tx = self.begin_write().await?;
        pace_target(&mut tx, item, next_at).await?;
        let superseded = sqlx::query(
            "DELETE FROM outbox WHERE id = $1 AND item_key IN (SELECT item_key FROM outbox WHERE claimed_at IS NULL)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if superseded == 0 {
            sqlx::query("UPDATE outbox SET claimed_at = NULL, attempts = attempts + 1, not_before = $1, last_error = $2 WHERE id = $3")
                .bind(not_before.0)
                .bind(error.chars().take(500).collect::<String>())
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// When the next unclaimed item may be sent, if any.
    pub async fn next_outbox_due(&self) -> Result<Option<Millis>> {
        let at: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT MIN({EFFECTIVE_DUE}) FROM outbox o LEFT JOIN outbox_pacing p ON p.item_key = o.item_key \
             WHERE o.claimed_at IS NULL"
        )))
        .fetch_one(&self.pool)
        .await?;
        Ok(at.map(Millis))
    }

    /// How many items wait (for tests and shutdown).
    pub async fn outbox_len(&self) -> Result<u64> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox")
            .fetch_one(&self.pool)
            .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

impl Store {
    /// Items due by `now`, claimed or not: zero once the worker has caught up.
    pub async fn outbox_due(&self, now: Millis) -> Result<u64> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE not_before <= $1")
            .bind(now.0)
            .fetch_one(&self.pool)
            .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
