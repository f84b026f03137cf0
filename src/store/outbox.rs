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

    fn parse(s: &str) -> Result<OutboxKind> {
        OutboxKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| StoreError::Corrupt(format!("outbox kind {s:?}")))
    }
}

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
    /// The case this item is about.
    pub fn case_id(&self) -> Result<i64> {
        self.target
            .ok_or_else(|| StoreError::Corrupt(format!("outbox item {} has no case", self.id)))
    }
}

/// Ask for `kind` about `target`, not before `not_before`; coalesces with a pending
/// request for the same thing.
pub(super) async fn enqueue(
    conn: &mut AnyConnection,
    guild_id: u64,
    kind: OutboxKind,
    target: Option<i64>,
    not_before: Millis,
) -> Result<()> {
    let key = format!(
        "{}:{guild_id}:{}",
        kind.as_str(),
        target.map_or("-".to_owned(), |t| t.to_string())
    );
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

/// Ask for the server's status board to be brought up to date: at once if it was not
/// edited in the last 10 s, else when those 10 s are over (coalescing everything between).
pub(super) async fn enqueue_board(conn: &mut AnyConnection, guild_id: u64, now: Millis) -> Result<()> {
    let last: Option<i64> = sqlx::query_scalar("SELECT last_edit_at FROM boards WHERE guild_id = $1")
        .bind(id_to_db(guild_id))
        .fetch_optional(&mut *conn)
        .await?;
    let due = last.map_or(now.0, |l| now.0.max(l + BOARD_INTERVAL_MS));
    enqueue(conn, guild_id, OutboxKind::Board, None, Millis(due)).await
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

    /// Claim the oldest item that is due. Later changes to the same target queue a new
    /// item rather than merging into this one, so nothing that happens during the send
    /// is missed.
    pub async fn claim_outbox(&self, now: Millis) -> Result<Option<OutboxItem>> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "UPDATE outbox SET claimed_at = $1 WHERE id = \
             (SELECT id FROM outbox WHERE claimed_at IS NULL AND not_before <= $1 ORDER BY not_before, id LIMIT 1) \
             AND claimed_at IS NULL RETURNING id, guild_id, kind, target, attempts",
        )
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

    /// The item was sent.
    pub async fn complete_outbox(&self, id: i64) -> Result<()> {
        sqlx::query("DELETE FROM outbox WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The send failed: try again at `not_before`, unless a newer request for the same
    /// target is already waiting (it supersedes this one).
    pub async fn retry_outbox(&self, id: i64, not_before: Millis, error: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
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

    /// When the next unclaimed item is due, if any.
    pub async fn next_outbox_due(&self) -> Result<Option<Millis>> {
        let at: Option<i64> = sqlx::query_scalar("SELECT MIN(not_before) FROM outbox WHERE claimed_at IS NULL")
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
