//! Reporter protection: the rate limit's inputs and `/forget-me`.

use serde_json::json;

use super::base::audit::Event;
use super::base::case_row::reports_since;
use super::base::guild_row::ensure_guild;
use super::base::member_language::forget_language;
use super::base::pseudonym::{acting_as, pseudonym};
use super::{id_to_db, Result, Store};
use crate::domain::audit::{Actor, AuditKind};
use crate::domain::time::Millis;

impl Store {
    /// When the member filed reports in this server since `since`, oldest first.
    pub async fn recent_reports(&self, guild_id: u64, member: u64, since: Millis) -> Result<Vec<Millis>> {
        self.op("recent_reports", async {
            let mut conn = self.pool.acquire().await?;
            let member = acting_as(&mut conn, guild_id, member).await?;
            reports_since(&mut conn, guild_id, member, since).await
        })
        .await
    }

    /// Replace the member's Discord id on their reports, presses and observations in this
    /// server with their keyed pseudonym (see `base::pseudonym`), so the id is gone while
    /// counts, rate limits and distinctness hold; later actions are recorded under the
    /// pseudonym too. Their language choice is deleted. Returns how many reports were anonymised.
    pub async fn forget_member(&self, guild_id: u64, member: u64, at: Millis) -> Result<u64> {
        self.write_op("forget_member", move || async move {
            let mut tx = self.begin_write().await?;
            ensure_guild(&mut tx, guild_id, at).await?;
            let guild = id_to_db(guild_id);
            let marker = id_to_db(pseudonym(&mut tx, guild_id, member).await?);
            sqlx::query(
                "INSERT INTO forgotten_members (guild_id, pseudonym, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(guild)
            .bind(marker)
            .bind(at.0)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE cases SET status_by = $1 WHERE status_by = $2 AND guild_id = $3")
                .bind(format!("member:{marker}"))
                .bind(format!("member:{member}"))
                .bind(guild)
                .execute(&mut *tx)
                .await?;
            let reports = sqlx::query(
                "UPDATE reports SET reporter_id = $1, member_joined_at = NULL \
                 WHERE reporter_id = $2 AND case_id IN (SELECT id FROM cases WHERE guild_id = $3)",
            )
            .bind(marker)
            .bind(id_to_db(member))
            .bind(guild)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            // Rows tied to the server through their case, and rows that carry it themselves.
            let by_case = "case_id IN (SELECT id FROM cases WHERE guild_id = $3)";
            for (table, scope) in [
                ("reported_it SET member_id = $1 WHERE member_id = $2", by_case),
                (
                    "status_observations SET observer_id = $1 WHERE observer_id = $2",
                    by_case,
                ),
                ("handouts SET member_id = $1 WHERE member_id = $2", by_case),
                ("reservations SET member_id = $1 WHERE member_id = $2", by_case),
                (
                    "muted_reporters SET member_id = $1 WHERE member_id = $2",
                    "guild_id = $3",
                ),
                (
                    "kept_reports SET reporter_id = $1 WHERE reporter_id = $2",
                    "guild_id = $3",
                ),
            ] {
                let sql = format!("UPDATE {table} AND {scope}");
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(marker)
                    .bind(id_to_db(member))
                    .bind(guild)
                    .execute(&mut *tx)
                    .await?;
            }
            forget_language(&mut tx, guild_id, member).await?;
            let payload = json!({"reports": reports});
            tx.audit(Event {
                guild_id,
                case_id: None,
                actor: &Actor::Reporter,
                kind: AuditKind::ReporterForgotten,
                payload,
                at,
            });
            tx.commit().await?;
            Ok(reports)
        })
        .await
    }
}
