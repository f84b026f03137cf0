//! Muting reporters (`/reporter mute|unmute`): a muted member's later reports are kept
//! but count toward nothing (see `reports::file_muted`); the mute is read at intake.

use serde_json::json;

use super::base::audit::Event;
use sqlx::Row;

use super::base::guild_row::ensure_guild;
use super::base::mute::COUNTED;
use super::base::outbox::enqueue_card;
use super::base::pseudonym::{acting_as, pseudonym};
use super::base::write_tx::WriteTx;
use super::{id_to_db, Result, Store};
use crate::domain::audit::{Actor, AuditKind};
use crate::domain::time::Millis;

impl Store {
    /// Mute `member` in the server until `until` (`None`: until unmuted), or change the
    /// reason and end of a mute in place. Audited under the member's keyed pseudonym, so
    /// the reporter's id never enters the log.
    pub async fn mute_reporter(
        &self,
        guild_id: u64,
        member: u64,
        moderator: u64,
        reason: &str,
        until: Option<Millis>,
        at: Millis,
    ) -> Result<()> {
        self.write_op("mute_reporter", move || async move {
            let mut tx = self.begin_write().await?;
            ensure_guild(&mut tx, guild_id, at).await?;
            let acting = acting_as(&mut tx, guild_id, member).await?;
            sqlx::query(
                "INSERT INTO muted_reporters (guild_id, member_id, reason, until, muted_by, muted_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (guild_id, member_id) DO UPDATE SET \
                 reason = excluded.reason, until = excluded.until, muted_by = excluded.muted_by, muted_at = excluded.muted_at",
            )
            .bind(id_to_db(guild_id))
            .bind(id_to_db(acting))
            .bind(reason)
            .bind(until.map(|m| m.0))
            .bind(id_to_db(moderator))
            .bind(at.0)
            .execute(&mut *tx)
            .await?;
            flag_opened_alone(&mut tx, guild_id, acting, Some(until), at).await?;
            let reporter = pseudonym(&mut tx, guild_id, member).await?;
            let payload = json!({"reporter": reporter.to_string(), "reason": reason, "until": until.map(|m| m.0)});
            let actor = Actor::Member(moderator);
            tx.audit(event(guild_id, &actor, AuditKind::ReporterMuted, payload, at));
            tx.commit().await
        })
        .await
    }

    /// End `member`'s mute; `false` (and no change) when they were not muted. Reports
    /// filed during the mute stay muted.
    pub async fn unmute_reporter(
        &self,
        guild_id: u64,
        member: u64,
        moderator: u64,
        reason: &str,
        at: Millis,
    ) -> Result<bool> {
        self.write_op("unmute_reporter", move || async move {
            let mut tx = self.begin_write().await?;
            let acting = acting_as(&mut tx, guild_id, member).await?;
            let ended = sqlx::query(
                "DELETE FROM muted_reporters WHERE guild_id = $1 AND member_id = $2 AND (until IS NULL OR until > $3)",
            )
            .bind(id_to_db(guild_id))
            .bind(id_to_db(acting))
            .bind(at.0)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                > 0;
            if !ended {
                tx.rollback().await?;
                return Ok(false);
            }
            flag_opened_alone(&mut tx, guild_id, acting, None, at).await?;
            let reporter = pseudonym(&mut tx, guild_id, member).await?;
            let payload = json!({"reporter": reporter.to_string(), "reason": reason});
            let actor = Actor::Member(moderator);
            tx.audit(event(guild_id, &actor, AuditKind::ReporterUnmuted, payload, at));
            tx.commit().await?;
            Ok(true)
        })
        .await
    }
}

/// Mark (`Some(end)`) or unmark (`None`) the cases `member` opened and is still the only
/// counted reporter of, and bring their cards up to date.
async fn flag_opened_alone(
    tx: &mut WriteTx,
    guild_id: u64,
    member: u64,
    mute: Option<Option<Millis>>,
    at: Millis,
) -> Result<()> {
    let sql = format!(
        "UPDATE cases SET opener_muted = $3, opener_muted_until = $4 WHERE guild_id = $1 \
         AND (SELECT f.reporter_id FROM reports f WHERE f.case_id = cases.id ORDER BY f.id LIMIT 1) = $2 \
         AND NOT EXISTS (SELECT 1 FROM reports o WHERE o.case_id = cases.id \
         AND COALESCE(o.reporter_id, -1) <> $2 AND {COUNTED}) RETURNING id, queued"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id_to_db(guild_id))
        .bind(id_to_db(member))
        .bind(i64::from(mute.is_some()))
        .bind(mute.flatten().map(|m| m.0))
        .fetch_all(&mut **tx)
        .await?;
    for row in rows {
        if row.try_get::<i64, _>("queued")? == 0 {
            enqueue_card(tx, guild_id, row.try_get("id")?, at).await?;
        }
    }
    Ok(())
}

/// A moderator's change to a reporter's mute, about no case.
fn event(guild_id: u64, actor: &Actor, kind: AuditKind, payload: serde_json::Value, at: Millis) -> Event<'_> {
    Event {
        guild_id,
        case_id: None,
        actor,
        kind,
        payload,
        at,
    }
}
