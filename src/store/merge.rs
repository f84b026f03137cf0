//! `/case merge`: one account found under two cases becomes one. Everything of the merged
//! case that is about the account (reports with their evidence, observations, notes,
//! "I reported it" marks, hand-outs, keys) moves to the case it is merged into, in one
//! transaction with the lifecycle change and both cases' audit events; the merged case
//! stays as a redirect (its keys resolve to the other case through `case_keys`).

use serde_json::json;

use super::base::audit::Event;
use super::base::case_row::{case_by_no, distinct_reporters, CaseRecord};
use super::base::collection::keys_joined;
use super::base::guild_row::settings_in;
use super::base::outbox::{enqueue, enqueue_card, OutboxKind};
use super::base::transition::transition;
use super::base::write_tx::WriteTx;
use super::{id_to_db, Result, Store, StoreError};
use crate::domain::audit::{Actor, AuditKind};
use crate::domain::campaign::{may_merge, MergeSide};
use crate::domain::case::Decision;
use crate::domain::time::Millis;

/// The two cases after a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedCases {
    /// The merged case, now a redirect.
    pub from: CaseRecord,
    /// The case that holds the account's reports now.
    pub into: CaseRecord,
}

/// Rows that follow the account: each moves to the other case.
const MOVED: [&str; 4] = ["reports", "status_observations", "case_notes", "case_keys"];
/// Rows unique per case and member: copied unless the other case has the member's row
/// already, then deleted from the merged case.
const COPIED: [(&str, &str); 2] = [
    ("reported_it", "member_id, at"),
    ("handouts", "guild_id, member_id, handed_at"),
];

fn side(case: &CaseRecord) -> MergeSide<'_> {
    MergeSide {
        case_no: case.case_no,
        key: &case.key,
        decision: case.lifecycle.decision,
    }
}

/// Both cases, refused unless `may_merge` allows them. Their row locks are taken first,
/// lower number first, so two merges of one pair (either way round) run one after the
/// other on PostgreSQL, the second seeing the first.
async fn lock_pair(
    tx: &mut WriteTx,
    guild_id: u64,
    from_no: i64,
    into_no: i64,
    at: Millis,
) -> Result<(CaseRecord, CaseRecord)> {
    for case_no in [from_no.min(into_no), from_no.max(into_no)] {
        sqlx::query("UPDATE cases SET updated_at = $1 WHERE guild_id = $2 AND case_no = $3")
            .bind(at.0)
            .bind(id_to_db(guild_id))
            .bind(case_no)
            .execute(&mut **tx)
            .await?;
    }
    let from = case_by_no(tx, guild_id, from_no).await?;
    let into = case_by_no(tx, guild_id, into_no).await?;
    may_merge(side(&from), side(&into)).map_err(StoreError::Merge)?;
    Ok((from, into))
}

/// Move what belongs to the account from case `from` to case `into`.
async fn move_rows(tx: &mut WriteTx, from: i64, into: i64) -> Result<()> {
    for table in MOVED {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE {table} SET case_id = $1 WHERE case_id = $2"
        )))
        .bind(into)
        .bind(from)
        .execute(&mut **tx)
        .await?;
    }
    for (table, columns) in COPIED {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {table} (case_id, {columns}) SELECT $1, {columns} FROM {table} WHERE case_id = $2 \
             ON CONFLICT DO NOTHING"
        )))
        .bind(into)
        .bind(from)
        .execute(&mut **tx)
        .await?;
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE case_id = $1")))
            .bind(from)
            .execute(&mut **tx)
            .await?;
    }
    // A merged case is in nobody's batch any more.
    sqlx::query("DELETE FROM reservations WHERE case_id = $1")
        .bind(from)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

impl Store {
    /// Merge case `from_no` into case `into_no` of the same server, for `reason`. The rule
    /// is `domain::campaign::may_merge`; the merged case's open round closes, its public
    /// message goes (its card says where it went), and the other case's card and call to
    /// action show the added counts.
    pub async fn merge_cases(
        &self,
        guild_id: u64,
        from_no: i64,
        into_no: i64,
        actor: &Actor,
        reason: &str,
        at: Millis,
    ) -> Result<MergedCases> {
        self.write_op("merge_cases", move || async move {
            let mut tx = self.begin_write().await?;
            let (from, into) = lock_pair(&mut tx, guild_id, from_no, into_no, at).await?;
            if !transition(&mut tx, &from, from.lifecycle.merge()?, at).await? {
                return Err(StoreError::Conflict);
            }
            redirect(&mut tx, &from, &into).await?;
            revive_if_withdrawn(&mut tx, &into, at).await?;
            show_counts(&mut tx, &from, &into, at).await?;
            let event = |case: &CaseRecord| Event {
                guild_id,
                case_id: Some(case.id),
                actor,
                kind: AuditKind::CaseMerged,
                payload: json!({"case_no": case.case_no, "from": from_no, "into": into_no, "reason": reason}),
                at,
            };
            tx.audit(event(&from));
            tx.audit(event(&into));
            let merged = MergedCases {
                from: case_by_no(&mut tx, guild_id, from_no).await?,
                into: case_by_no(&mut tx, guild_id, into_no).await?,
            };
            keys_joined(&mut tx, &merged.into, at).await?;
            tx.commit().await?;
            Ok(merged)
        })
        .await
    }
}

/// Move the account's rows and mark `from` as a redirect to `into` (out of the review
/// queue too: it is decided).
async fn redirect(tx: &mut WriteTx, from: &CaseRecord, into: &CaseRecord) -> Result<()> {
    move_rows(tx, from.id, into.id).await?;
    sqlx::query("UPDATE cases SET merged_into = $1, queued = 0 WHERE id = $2")
        .bind(into.id)
        .bind(from.id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Ask Discord to show the new counts: `into`'s card and call to action, and the queue
/// summary if `from` was waiting in the queue.
async fn show_counts(tx: &mut WriteTx, from: &CaseRecord, into: &CaseRecord, at: Millis) -> Result<()> {
    if from.queued {
        enqueue(tx, from.guild_id, OutboxKind::QueueSummary, None, at).await?;
    }
    if !into.queued {
        enqueue_card(tx, into.guild_id, into.id, at).await?;
    }
    enqueue(tx, into.guild_id, OutboxKind::Notice, Some(into.id), at).await
}

/// A case closed as withdrawn that receives counted reports awaits its decision again,
/// as it would had they been filed on it.
async fn revive_if_withdrawn(tx: &mut WriteTx, into: &CaseRecord, at: Millis) -> Result<()> {
    if into.lifecycle.decision != Decision::Withdrawn || distinct_reporters(tx, into.id).await? == 0 {
        return Ok(());
    }
    let policy = settings_in(tx, into.guild_id)
        .await?
        .map(|s| s.policy)
        .unwrap_or_default();
    let next = into.lifecycle.reopen_withdrawn(at, policy.window)?;
    if !transition(tx, into, next, at).await? {
        return Err(StoreError::Conflict);
    }
    Ok(())
}
