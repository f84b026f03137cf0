//! Applying a change exactly once: lifecycle transitions guarded by the state they start
//! from, and interactions claimed before they are handled.

use sqlx::AnyConnection;

use super::case_row::CaseRecord;
use super::collection;
use super::outbox::{enqueue, enqueue_board, enqueue_card, OutboxKind};
use super::write_tx::WriteTx;
use crate::domain::case::{Decision, Lifecycle};
use crate::domain::time::Millis;
use crate::store::{flag, id_to_db, Result, StoreError};

/// Store `to` as the case's lifecycle if it is still the one `case` was read with (every
/// field it changes is compared, so two hold extensions cannot both apply to one state).
/// Returns whether it applied: of several racing callers (clicks, replays, processes)
/// exactly one sees `true`. Queues what Discord must show of the change, and records
/// what it does to the TAXII collections.
pub(crate) async fn transition(tx: &mut WriteTx, case: &CaseRecord, to: Lifecycle, at: Millis) -> Result<bool> {
    let from = case.lifecycle;
    let decision_changed = to.decision != from.decision;
    let decided_at = (decision_changed && to.decision != Decision::Pending).then_some(at.0);
    let done = sqlx::query(
        "UPDATE cases SET decision = $1, round = $2, window_ends_at = $3, overdue = $4, held_until = $5, \
         updated_at = $6, decided_at = COALESCE($7, decided_at) \
         WHERE id = $8 AND decision = $9 AND round = $10 AND overdue = $11 \
         AND held_until IS NOT DISTINCT FROM $12 AND window_ends_at IS NOT DISTINCT FROM $13",
    )
    .bind(to.decision.as_str())
    .bind(i64::from(to.round))
    .bind(to.window_ends_at.map(|m| m.0))
    .bind(flag(to.overdue))
    .bind(to.held_until.map(|m| m.0))
    .bind(at.0)
    .bind(decided_at)
    .bind(case.id)
    .bind(from.decision.as_str())
    .bind(i64::from(from.round))
    .bind(flag(from.overdue))
    .bind(from.held_until.map(|m| m.0))
    .bind(from.window_ends_at.map(|m| m.0))
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1;
    if done && !case.queued {
        enqueue_card(tx, case.guild_id, case.id, at).await?;
    }
    if done && decision_changed {
        collection::decision_changed(tx, case, from.decision, to.decision, at).await?;
        enqueue(tx, case.guild_id, OutboxKind::Notice, Some(case.id), at).await?;
        enqueue_board(tx, case.guild_id, at).await?;
    }
    Ok(done)
}

/// Record that an interaction is being handled; a second delivery fails here and the
/// transaction it belongs to changes nothing.
pub(crate) async fn claim_interaction(conn: &mut AnyConnection, interaction_id: u64, now: Millis) -> Result<()> {
    let n = sqlx::query("INSERT INTO handled_interactions (interaction_id, handled_at) VALUES ($1, $2) ON CONFLICT (interaction_id) DO NOTHING")
        .bind(id_to_db(interaction_id))
        .bind(now.0)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    if n == 1 {
        Ok(())
    } else {
        Err(StoreError::AlreadyHandled)
    }
}
