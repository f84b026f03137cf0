//! The outbox: Discord posts and edits still to make, stored with the change that calls
//! for them so none is lost across restarts, and drained by one paced worker.

use sqlx::{AnyConnection, Row};

use super::base::outbox::{enqueue, item_key, OutboxKind};
use super::{id_from_db, id_to_db, Result, Store, StoreError};
use crate::domain::time::Millis;

/// Discord's refusal of a request for good.
#[derive(Debug, Clone, Copy)]
pub struct Refusal<'a> {
    pub status: u16,
    /// Discord's JSON error code (such as 50013 Missing Permissions).
    pub code: i64,
    pub error: &'a str,
}

/// A parked item, for the moderators' alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParkedItem {
    pub kind: OutboxKind,
    pub status: u16,
    pub error: String,
}

/// When an unclaimed item `o` may be sent: its own time, or later if its target's pacing
/// (`p`, left-joined on the key) says so.
const EFFECTIVE_DUE: &str = "CASE WHEN p.next_at > o.not_before THEN p.next_at ELSE o.not_before END";

/// What asking for the outbox lease gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaseGrant {
    /// Another process holds it.
    Refused,
    /// Taken while free, or renewed.
    Held,
    /// Taken from another process whose lease had expired: it may have sent until just now.
    TakenOver,
}

/// The lease whose holder drains the outbox.
const OUTBOX_LEASE: &str = "outbox";

/// A claimed item, to complete or retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub id: i64,
    pub guild_id: u64,
    pub kind: OutboxKind,
    /// The case id, or for digests the UTC day; `None` for per-server items.
    pub target: Option<i64>,
    pub attempts: u32,
    /// The number of the case it targets, for the log (`None` for per-server items).
    pub case_no: Option<i64>,
    /// The claimer: only it may hand the item back for a retry.
    pub owner: String,
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
    /// Take the outbox lease for `owner` until `until`, or renew it: it is granted when
    /// free, expired at `now`, or already `owner`'s. Only its holder sends, so that
    /// Discord's per-channel pacing (kept by the sender) holds for all processes together.
    pub async fn hold_outbox_lease(&self, owner: &str, now: Millis, until: Millis) -> Result<LeaseGrant> {
        self.write_op("hold_outbox_lease", move || async move {
            let mut tx = self.begin_write().await?;
            let before: Option<String> = sqlx::query_scalar("SELECT owner FROM leases WHERE name = $1")
                .bind(OUTBOX_LEASE)
                .fetch_optional(&mut *tx)
                .await?;
            let n = sqlx::query(
                "INSERT INTO leases (name, owner, until) VALUES ($1, $2, $3) \
                 ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until \
                 WHERE leases.owner = excluded.owner OR leases.until < $4",
            )
            .bind(OUTBOX_LEASE)
            .bind(owner)
            .bind(until.0)
            .bind(now.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            tx.commit().await?;
            Ok(match (n, before) {
                (0, _) => LeaseGrant::Refused,
                (_, Some(previous)) if previous != owner => LeaseGrant::TakenOver,
                _ => LeaseGrant::Held,
            })
        })
        .await
    }

    /// Give the outbox lease up (at a clean stop), so another process takes over at once.
    pub async fn release_outbox_lease(&self, owner: &str) -> Result<()> {
        self.write_alone("release_outbox_lease", || {
            sqlx::query("DELETE FROM leases WHERE name = $1 AND owner = $2")
                .bind(OUTBOX_LEASE)
                .bind(owner)
        })
        .await
    }

    /// Release the items claimed by senders other than `owner`, the new lease holder:
    /// they stopped mid-send (or lost the lease). An item a newer request for the same
    /// target supersedes is dropped instead.
    pub async fn recover_outbox(&self, owner: &str) -> Result<()> {
        self.write_op("recover_outbox", move || async move {
            let mut tx = self.begin_write().await?;
            let others = "claimed_at IS NOT NULL AND (claimed_by IS NULL OR claimed_by <> $1)";
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM outbox WHERE {others} AND item_key IN \
                 (SELECT item_key FROM outbox WHERE claimed_at IS NULL)"
            )))
            .bind(owner)
            .execute(&mut *tx)
            .await?;
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "UPDATE outbox SET claimed_at = NULL, claimed_by = NULL WHERE {others}"
            )))
            .bind(owner)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(())
        })
        .await
    }

    /// Claim the oldest item that is due and whose target's pacing allows a send. Later
    /// changes to the same target queue a new item rather than merging into this one, so
    /// nothing that happens during the send is missed.
    /// The claim names its `owner` (see [`Store::recover_outbox`]); it is conditional on
    /// the item being unclaimed, so two claimers never both get one item.
    pub async fn claim_outbox(&self, now: Millis, owner: &str) -> Result<Option<OutboxItem>> {
        self.write_op("claim_outbox", move || async move {
            let mut tx = self.begin_write().await?;
            let row = sqlx::query(sqlx::AssertSqlSafe(format!(
                "UPDATE outbox SET claimed_at = $1, claimed_by = $2 WHERE id = \
                 (SELECT o.id FROM outbox o LEFT JOIN outbox_pacing p ON p.item_key = o.item_key \
                  WHERE o.claimed_at IS NULL AND {EFFECTIVE_DUE} <= $1 ORDER BY o.not_before, o.id LIMIT 1) \
                 AND claimed_at IS NULL RETURNING id, guild_id, kind, target, attempts"
            )))
            .bind(now.0)
            .bind(owner)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(r) = row else {
                tx.commit().await?;
                return Ok(None);
            };
            let kind: OutboxKind = super::parse_col(&r, "kind")?;
            let target: Option<i64> = r.try_get("target")?;
            let case_no = match target {
                Some(case_id) if kind.targets_case() => {
                    sqlx::query_scalar("SELECT case_no FROM cases WHERE id = $1")
                        .bind(case_id)
                        .fetch_optional(&mut *tx)
                        .await?
                }
                _ => None,
            };
            tx.commit().await?;
            Ok(Some(OutboxItem {
                id: r.try_get("id")?,
                guild_id: id_from_db(r.try_get("guild_id")?),
                kind,
                target,
                attempts: u32::try_from(r.try_get::<i64, _>("attempts")?).unwrap_or(u32::MAX),
                case_no,
                owner: owner.to_owned(),
            }))
        })
        .await
    }

    /// The item was sent; a paced target takes no other send before `next_at`.
    pub async fn complete_outbox(&self, item: &OutboxItem, next_at: Option<Millis>) -> Result<()> {
        self.write_op("complete_outbox", move || async move {
            let mut tx = self.begin_write().await?;
            sqlx::query("DELETE FROM outbox WHERE id = $1")
                .bind(item.id)
                .execute(&mut *tx)
                .await?;
            pace_target(&mut tx, item, next_at).await?;
            tx.commit().await?;
            Ok(())
        })
        .await
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
        self.write_op("retry_outbox", move || async move {
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
                // A sender that lost the lease meanwhile leaves the item to the new one.
                sqlx::query("UPDATE outbox SET claimed_at = NULL, claimed_by = NULL, attempts = attempts + 1, not_before = $1, last_error = $2 WHERE id = $3 AND claimed_by = $4")
                    .bind(not_before.0)
                    .bind(error.chars().take(500).collect::<String>())
                    .bind(id)
                    .bind(&item.owner)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(())
        })
        .await
    }

    /// Discord refused the item for good (`status`, Discord's `code`): park it with the
    /// reason instead of retrying, and queue the moderators' alert for that cause (unless
    /// the alert itself is what failed).
    pub async fn park_outbox(&self, item: &OutboxItem, refusal: Refusal<'_>, now: Millis) -> Result<()> {
        self.write_op("park_outbox", move || async move {
            let mut tx = self.begin_write().await?;
            sqlx::query(
                "INSERT INTO outbox_failed (guild_id, item_key, kind, target, http_status, code, error, failed_at) \
                 SELECT guild_id, item_key, kind, target, $1, $2, $3, $4 FROM outbox WHERE id = $5",
            )
            .bind(i64::from(refusal.status))
            .bind(refusal.code)
            .bind(refusal.error.chars().take(500).collect::<String>())
            .bind(now.0)
            .bind(item.id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM outbox WHERE id = $1")
                .bind(item.id)
                .execute(&mut *tx)
                .await?;
            if item.kind != OutboxKind::FailureAlert {
                enqueue(
                    &mut tx,
                    item.guild_id,
                    OutboxKind::FailureAlert,
                    Some(refusal.code),
                    now,
                )
                .await?;
            }
            tx.commit().await?;
            Ok(())
        })
        .await
    }

    /// The refusals of one cause in a server since `since`: how many, and the latest.
    pub async fn failures_since(&self, guild_id: u64, code: i64, since: Millis) -> Result<(u64, Option<ParkedItem>)> {
        self.op("failures_since", async {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM outbox_failed WHERE guild_id = $1 AND code = $2 AND failed_at >= $3",
            )
            .bind(id_to_db(guild_id))
            .bind(code)
            .bind(since.0)
            .fetch_one(&self.pool)
            .await?;
            let latest = sqlx::query(
                "SELECT kind, http_status, error FROM outbox_failed WHERE guild_id = $1 AND code = $2 \
                 ORDER BY id DESC LIMIT 1",
            )
            .bind(id_to_db(guild_id))
            .bind(code)
            .fetch_optional(&self.pool)
            .await?;
            let latest = latest
                .map(|r| -> Result<ParkedItem> {
                    Ok(ParkedItem {
                        kind: super::parse_col(&r, "kind")?,
                        status: u16::try_from(r.try_get::<i64, _>("http_status")?).unwrap_or(0),
                        error: r.try_get("error")?,
                    })
                })
                .transpose()?;
            Ok((u64::try_from(n).unwrap_or(0), latest))
        })
        .await
    }

    /// When the next unclaimed item may be sent, if any.
    pub async fn next_outbox_due(&self) -> Result<Option<Millis>> {
        self.op("next_outbox_due", async {
            let at: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT MIN({EFFECTIVE_DUE}) FROM outbox o LEFT JOIN outbox_pacing p ON p.item_key = o.item_key \
                 WHERE o.claimed_at IS NULL"
            )))
            .fetch_one(&self.pool)
            .await?;
            Ok(at.map(Millis))
        })
        .await
    }

    /// How many items wait (for tests and shutdown).
    pub async fn outbox_len(&self) -> Result<u64> {
        self.op("outbox_len", async {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox")
                .fetch_one(&self.pool)
                .await?;
            Ok(u64::try_from(n).unwrap_or(0))
        })
        .await
    }
}

impl Store {
    /// Items that may be sent by `now` (their pacing allows it), claimed or not: zero once
    /// the worker has caught up.
    pub async fn outbox_due(&self, now: Millis) -> Result<u64> {
        self.op("outbox_due", async {
            let sql = format!(
                "SELECT COUNT(*) FROM outbox o LEFT JOIN outbox_pacing p ON p.item_key = o.item_key \
                 WHERE o.claimed_at IS NOT NULL OR {EFFECTIVE_DUE} <= $1"
            );
            let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .bind(now.0)
                .fetch_one(&self.pool)
                .await?;
            Ok(u64::try_from(n).unwrap_or(0))
        })
        .await
    }
}
