//! Volunteers' part after a decision: "I reported it" and account-status observations.

use serde_json::json;
use sqlx::{AnyConnection, Row};

use super::base::audit::Event;
use super::base::case_row::{case_by_no, case_of_account, CaseRecord};
use super::base::mute::is_muted;
use super::base::outbox::{enqueue, enqueue_board, OutboxKind};
use super::base::pseudonym::acting_as;
use super::base::write_tx::WriteTx;
use super::{flag, id_to_db, Result, Store};
use crate::domain::audit::{Actor, AuditKind};
use crate::domain::case::AccountStatus;
use crate::domain::status::{status_after, Observed};
use crate::domain::time::Millis;

/// What an observation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub case: CaseRecord,
    /// The account status changed because of this observation.
    pub changed: bool,
}

impl Store {
    /// When the member pressed a call to action's buttons in this server since `since`,
    /// oldest first: the input of the buttons' rate limit.
    pub async fn recent_presses(&self, guild_id: u64, member: u64, since: Millis) -> Result<Vec<Millis>> {
        self.op("recent_presses", async {
            let mut conn = self.pool.acquire().await?;
            let member = acting_as(&mut conn, guild_id, member).await?;
            let rows = sqlx::query(
                "SELECT at FROM (SELECT r.at FROM reported_it r JOIN cases c ON c.id = r.case_id \
                 WHERE c.guild_id = $1 AND r.member_id = $2 AND r.at > $3 \
                 UNION ALL SELECT o.at FROM status_observations o JOIN cases c ON c.id = o.case_id \
                 WHERE c.guild_id = $1 AND o.observer_id = $2 AND o.at > $3) presses ORDER BY at",
            )
            .bind(id_to_db(guild_id))
            .bind(id_to_db(member))
            .bind(since.0)
            .fetch_all(&mut *conn)
            .await?;
            rows.iter().map(|r| Ok(Millis(r.try_get("at")?))).collect()
        })
        .await
    }

    /// A member says they reported the account; counted once per member (on the case the
    /// account's reports are on, if `case_no` was merged). Returns the count.
    pub async fn mark_reported(&self, guild_id: u64, case_no: i64, member: u64, at: Millis) -> Result<u64> {
        self.write_op("mark_reported", move || async move {
            let mut tx = self.begin_write().await?;
            let member = acting_as(&mut tx, guild_id, member).await?;
            let case = case_of_account(&mut tx, guild_id, case_no).await?;
            let added = sqlx::query(
                "INSERT INTO reported_it (case_id, member_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(case.id)
            .bind(id_to_db(member))
            .bind(at.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if added == 1 {
                enqueue(&mut tx, guild_id, OutboxKind::NoticeCount, Some(case.id), at).await?;
            }
            // Done with it: a `/next` reservation need not keep it from others.
            sqlx::query("DELETE FROM reservations WHERE case_id = $1 AND member_id = $2")
                .bind(case.id)
                .bind(id_to_db(member))
                .execute(&mut *tx)
                .await?;
            let count = reported_count(&mut tx, case.id).await?;
            tx.commit().await?;
            Ok(count)
        })
        .await
    }

    /// Record what a member saw of the account and apply the status rule (on the case the
    /// account's reports are on, if `case_no` was merged). An observation made while the
    /// member is muted is kept (the buttons' rate limit counts it) but confirms nothing; a
    /// re-check's answer that changes nothing is audited as such, so the history shows
    /// when a suspension was last confirmed.
    pub async fn observe(
        &self,
        guild_id: u64,
        case_no: i64,
        member: u64,
        by_moderator: bool,
        observed: Observed,
        at: Millis,
    ) -> Result<Observation> {
        self.write_op("observe", move || async move {
            let mut tx = self.begin_write().await?;
            let member = acting_as(&mut tx, guild_id, member).await?;
            let case = case_of_account(&mut tx, guild_id, case_no).await?;
            let muted = is_muted(&mut tx, guild_id, member, at).await?;
            sqlx::query("INSERT INTO status_observations (case_id, status, observer_id, by_moderator, at, muted) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(case.id)
                .bind(observed.seen().as_str())
                .bind(id_to_db(member))
                .bind(flag(by_moderator))
                .bind(at.0)
                .bind(flag(muted))
                .execute(&mut *tx)
                .await?;
            // Answered: a `/next` reservation need not keep it from others.
            sqlx::query("DELETE FROM reservations WHERE case_id = $1 AND member_id = $2")
                .bind(case.id)
                .bind(id_to_db(member))
                .execute(&mut *tx)
                .await?;
            let mut changed = false;
            if !muted {
                let (members, moderator) = witnesses(&mut tx, case.id, observed.seen()).await?;
                let next = status_after(observed, members, moderator, case.account_status);
                changed = next != case.account_status;
                if changed {
                    set_status(&mut tx, &case, next, member, at).await?;
                } else if observed.is_recheck() {
                    append_recheck(&mut tx, &case, observed, at).await?;
                }
            }
            let case = case_by_no(&mut tx, guild_id, case.case_no).await?;
            tx.commit().await?;
            Ok(Observation { case, changed })
        })
        .await
    }
}

pub(super) async fn reported_count(conn: &mut AnyConnection, case_id: i64) -> Result<u64> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reported_it WHERE case_id = $1")
        .bind(case_id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Distinct members (and whether a moderator) who saw the account `seen` (suspended, or
/// up) since it was last seen otherwise; observations made while muted count for neither.
async fn witnesses(conn: &mut AnyConnection, case_id: i64, seen: AccountStatus) -> Result<(u32, bool)> {
    let row: (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(DISTINCT observer_id), MAX(by_moderator) FROM status_observations \
         WHERE case_id = $1 AND status = $2 AND muted = 0 AND id > COALESCE( \
           (SELECT MAX(id) FROM status_observations WHERE case_id = $1 AND status <> $2 AND muted = 0), 0)",
    )
    .bind(case_id)
    .bind(seen.as_str())
    .fetch_one(&mut *conn)
    .await?;
    Ok((u32::try_from(row.0).unwrap_or(u32::MAX), row.1.unwrap_or(0) != 0))
}

/// A re-check answer that left the status as it was: "still suspended" (which postpones
/// the next re-check), or an "it is back" still waiting for its confirmation.
async fn append_recheck(tx: &mut WriteTx, case: &CaseRecord, observed: Observed, at: Millis) -> Result<()> {
    let answer = match observed {
        Observed::SeenBack => "seen_back",
        _ => "still_suspended",
    };
    let status = case.account_status.as_str();
    let payload = json!({"case_no": case.case_no, "from": status, "to": status, "recheck": answer});
    let event = Event {
        guild_id: case.guild_id,
        case_id: Some(case.id),
        actor: &Actor::Reporter,
        kind: AuditKind::StatusObserved,
        payload,
        at,
    };
    tx.audit(event);
    Ok(())
}

async fn set_status(
    tx: &mut WriteTx,
    case: &CaseRecord,
    status: AccountStatus,
    observer: u64,
    at: Millis,
) -> Result<()> {
    sqlx::query("UPDATE cases SET account_status = $1, status_at = $2, status_by = $3, updated_at = $2 WHERE id = $4")
        .bind(status.as_str())
        .bind(at.0)
        .bind(format!("member:{observer}"))
        .bind(case.id)
        .execute(&mut **tx)
        .await?;
    let payload = json!({"case_no": case.case_no, "from": case.account_status.as_str(), "to": status.as_str()});
    let event = Event {
        guild_id: case.guild_id,
        case_id: Some(case.id),
        actor: &Actor::Reporter,
        kind: AuditKind::StatusObserved,
        payload,
        at,
    };
    tx.audit(event);
    enqueue(tx, case.guild_id, OutboxKind::Notice, Some(case.id), at).await?;
    enqueue_board(tx, case.guild_id, at).await
}
