//! The review queue: cases that wait for a moderator to bring up their card, so that a
//! campaign list of thousands does not flood the review channel.

use serde_json::json;
use sqlx::{AnyConnection, Row};

use super::base::audit::Event;
use super::base::case_row::{case_from_row, CaseRecord, CASE_COLUMNS};
use super::base::guild_row::settings_in;
use super::base::locations::{location_from_row, CardLocation};
use super::base::mute::COUNTED;
use super::base::outbox::{enqueue, enqueue_card, waiting_cards_count, OutboxKind};
use super::base::transition::transition;
use super::base::write_tx::WriteTx;
use super::{id_to_db, Result, Store, StoreError};
use crate::domain::audit::{Actor, AuditKind};
use crate::domain::time::Millis;
use crate::domain::vote::{HoldDays, VoteChoice};

/// More cards than this waiting to be posted sends new cases to the queue instead.
pub const MAX_WAITING_CARDS: i64 = 20;
/// `/queue` brings up at most this many cards at a time.
pub const MAX_DEQUEUE: u32 = 5;

/// Cards of this server still waiting to be posted for the first time.
pub(super) async fn waiting_cards(conn: &mut AnyConnection, guild_id: u64) -> Result<i64> {
    Ok(
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT {}", waiting_cards_count("$1"))))
            .bind(id_to_db(guild_id))
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// Put a case in the queue (its voting clock starts when its card is posted).
pub(super) async fn enter_queue(tx: &mut WriteTx, case: &CaseRecord, at: Millis) -> Result<()> {
    mark_queued(tx, case, at).await?;
    enqueue(tx, case.guild_id, OutboxKind::QueueSummary, None, at).await
}

/// [`enter_queue`] in a transaction that already asked for the queue's summary (a batch
/// of reports): asking again would change nothing.
pub(super) async fn mark_queued(tx: &mut WriteTx, case: &CaseRecord, at: Millis) -> Result<()> {
    sqlx::query("UPDATE cases SET queued = 1, queued_at = $1, window_ends_at = NULL WHERE id = $2")
        .bind(at.0)
        .bind(case.id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

impl Store {
    /// The queue changed outside a case transaction (an import): refresh its summary.
    pub async fn queue_changed(&self, guild_id: u64, now: Millis) -> Result<()> {
        self.write_op("queue_changed", move || async move {
            let mut tx = self.begin_write().await?;
            enqueue(&mut tx, guild_id, OutboxKind::QueueSummary, None, now).await?;
            tx.commit().await
        })
        .await
    }

    pub async fn queue_len(&self, guild_id: u64) -> Result<u64> {
        self.op("queue_len", async {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE guild_id = $1 AND queued = 1")
                .bind(id_to_db(guild_id))
                .fetch_one(&self.pool)
                .await?;
            Ok(u64::try_from(n).unwrap_or(0))
        })
        .await
    }

    /// Take the `count` oldest queued cases out of the queue: their cards are posted and
    /// their voting windows start now.
    pub async fn dequeue(&self, guild_id: u64, count: u32, now: Millis) -> Result<Vec<CaseRecord>> {
        self.write_op("dequeue", move || async move {
            let mut tx = self.begin_write().await?;
            let window = settings_in(&mut tx, guild_id)
                .await?
                .ok_or_else(|| StoreError::Corrupt("guild row missing".into()))?
                .policy
                .window;
            // Concurrent callers (on PostgreSQL) skip the rows another one is taking, so
            // each case goes to one moderator.
            let sql = format!(
                "SELECT * FROM cases WHERE guild_id = $1 AND queued = 1 \
                 ORDER BY COALESCE(queued_at, created_at), case_no LIMIT $2{}",
                self.backend.skip_locked()
            );
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(id_to_db(guild_id))
                .bind(i64::from(count.min(MAX_DEQUEUE)))
                .fetch_all(&mut *tx)
                .await?;
            let ends = now.plus(window.duration());
            let mut cases = Vec::with_capacity(rows.len());
            for case in rows.iter().map(case_from_row) {
                let case = case?;
                let taken = sqlx::query("UPDATE cases SET queued = 0, window_ends_at = CASE WHEN decision = 'pending' THEN $1 END WHERE id = $2 AND queued = 1")
                    .bind(ends.0)
                    .bind(case.id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if taken == 1 {
                    enqueue_card(&mut tx, guild_id, case.id, now).await?;
                    cases.push(case);
                }
            }
            enqueue(&mut tx, guild_id, OutboxKind::QueueSummary, None, now).await?;
            tx.commit().await?;
            Ok(cases)
        })
        .await
    }

    /// The queue summary message, if posted.
    pub async fn queue_summary_location(&self, guild_id: u64) -> Result<Option<CardLocation>> {
        self.op("queue_summary_location", async {
            let row = sqlx::query("SELECT channel_id, message_id FROM queue_summaries WHERE guild_id = $1")
                .bind(id_to_db(guild_id))
                .fetch_optional(&self.pool)
                .await?;
            row.map(|r| location_from_row(&r)).transpose()
        })
        .await
    }

    pub async fn record_queue_summary(&self, guild_id: u64, at: CardLocation) -> Result<()> {
        self.write_alone("record_queue_summary", || {
            sqlx::query(
                "INSERT INTO queue_summaries (guild_id, channel_id, message_id) VALUES ($1, $2, $3) \
                 ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, message_id = excluded.message_id",
            )
            .bind(id_to_db(guild_id))
            .bind(id_to_db(at.channel_id))
            .bind(id_to_db(at.message_id))
        })
        .await
    }
}

/// What `/queue dismiss-all` did to one import's cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkDismissal {
    /// The cases dismissed, by number.
    pub dismissed: Vec<i64>,
    /// Cases the import opened and a member also reported with `/report`: left for review.
    pub skipped: u64,
}

impl Store {
    /// The import that opened each of these cases, where one did: `/queue` names it.
    pub async fn imports_of(&self, guild_id: u64, case_nos: &[i64]) -> Result<Vec<(i64, i64)>> {
        self.op("imports_of", async {
            let mut conn = self.pool.acquire().await?;
            let mut found = Vec::new();
            for &no in case_nos {
                let import: Option<Option<i64>> =
                    sqlx::query_scalar("SELECT import_id FROM cases WHERE guild_id = $1 AND case_no = $2")
                        .bind(id_to_db(guild_id))
                        .bind(no)
                        .fetch_optional(&mut *conn)
                        .await?;
                if let Some(Some(import)) = import {
                    found.push((no, import));
                }
            }
            Ok(found)
        })
        .await
    }

    /// Dismiss, in one transaction, every case import `import_id` opened that still waits
    /// for a decision (queued or with its card up), with one audit event each naming the
    /// reason. A case a member also reported through `/report` (a report that counts) is
    /// skipped: the import is not the only one saying so, so moderators decide it. The
    /// dismissals go through the lifecycle like any other (the round closes, the card is
    /// edited through the outbox); queued cases leave the queue without a card.
    pub async fn dismiss_import(
        &self,
        guild_id: u64,
        import_id: i64,
        actor: &Actor,
        reason: &str,
        at: Millis,
    ) -> Result<BulkDismissal> {
        self.write_op("dismiss_import", move || async move {
            let mut tx = self.begin_write().await?;
            let owner: Option<i64> = sqlx::query_scalar("SELECT guild_id FROM imports WHERE id = $1")
                .bind(import_id)
                .fetch_optional(&mut *tx)
                .await?;
            if owner != Some(id_to_db(guild_id)) {
                return Err(StoreError::NoSuchImport { import_id });
            }
            let hold = settings_in(&mut tx, guild_id)
                .await?
                .map(|s| s.policy)
                .unwrap_or_default()
                .hold_days;
            let sql = format!(
                "SELECT {CASE_COLUMNS}, (SELECT COUNT(*) FROM reports r WHERE r.case_id = cases.id \
                 AND r.source <> 'import' AND {COUNTED}) AS volunteered \
                 FROM cases WHERE guild_id = $1 AND import_id = $2 AND decision = 'pending' ORDER BY case_no"
            );
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(id_to_db(guild_id))
                .bind(import_id)
                .fetch_all(&mut *tx)
                .await?;
            let mut done = BulkDismissal {
                dismissed: Vec::new(),
                skipped: 0,
            };
            let mut left_queue = false;
            for row in &rows {
                if row.try_get::<i64, _>("volunteered")? > 0 {
                    done.skipped += 1;
                    continue;
                }
                let case = case_from_row(row)?;
                if dismiss_one(&mut tx, &case, import_id, actor, reason, hold, at).await? {
                    left_queue |= case.queued;
                    done.dismissed.push(case.case_no);
                }
            }
            if left_queue {
                enqueue(&mut tx, guild_id, OutboxKind::QueueSummary, None, at).await?;
            }
            tx.commit().await?;
            Ok(done)
        })
        .await
    }
}

/// One case of a bulk dismissal: the transition, out of the queue, its audit event.
/// `false` when the case changed meanwhile (another moderator decided it).
async fn dismiss_one(
    tx: &mut WriteTx,
    case: &CaseRecord,
    import_id: i64,
    actor: &Actor,
    reason: &str,
    hold: HoldDays,
    at: Millis,
) -> Result<bool> {
    let to = case.lifecycle.override_decision(VoteChoice::Dismiss, at, hold)?;
    if !transition(tx, case, to, at).await? {
        return Ok(false);
    }
    sqlx::query("UPDATE cases SET queued = 0 WHERE id = $1")
        .bind(case.id)
        .execute(&mut **tx)
        .await?;
    let payload = json!({
        "case_no": case.case_no, "decision": "dismissed", "override": true,
        "reason": reason, "import_id": import_id,
    });
    let event = Event {
        guild_id: case.guild_id,
        case_id: Some(case.id),
        actor,
        kind: AuditKind::CaseDecided,
        payload,
        at,
    };
    tx.audit(event);
    Ok(true)
}
