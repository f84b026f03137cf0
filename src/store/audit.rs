//! Appending to and verifying each server's hash-chained audit log.

use sqlx::Row;

use super::{id_from_db, id_to_db, Result, Store, StoreError};
use crate::domain::audit::{verify_chain, ChainBreak, ChainHead, ChainedEvent};
use crate::domain::time::Millis;

/// A server whose chain does not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditFailure {
    pub guild_id: u64,
    pub broken: ChainBreak,
}

impl Store {
    /// Verify the chain of one server, or of every server. Returns the number of events
    /// checked, or the first bad event of the first server that fails.
    pub async fn verify_audit(&self, guild: Option<u64>) -> Result<Result<u64, AuditFailure>> {
        self.op("verify_audit", async {
            let guilds = match guild {
                Some(g) => vec![g],
                None => self.audit_guilds().await?,
            };
            let mut total = 0;
            for guild_id in guilds {
                match self.verify_guild(guild_id).await? {
                    Ok(n) => total += n,
                    Err(broken) => return Ok(Err(AuditFailure { guild_id, broken })),
                }
            }
            Ok(Ok(total))
        })
        .await
    }

    /// Each server's chain head as `audit_heads` records it, to be witnessed elsewhere.
    pub async fn audit_heads(&self, guild: Option<u64>) -> Result<Vec<(u64, ChainHead)>> {
        self.op("audit_heads", async {
            let rows = sqlx::query(
                "SELECT guild_id, seq, hash FROM audit_heads WHERE $1 IS NULL OR guild_id = $1 ORDER BY guild_id",
            )
            .bind(guild.map(id_to_db))
            .fetch_all(&self.pool)
            .await?;
            let heads = rows.iter().map(|r| {
                let head = ChainHead {
                    seq: r.try_get("seq")?,
                    hash: r.try_get("hash")?,
                };
                Ok((id_from_db(r.try_get("guild_id")?), head))
            });
            heads.collect()
        })
        .await
    }

    /// Whether the server's chain still holds the witnessed `head` (same event, same
    /// hash): false once its tail was truncated or rewritten.
    pub async fn audit_contains(&self, guild_id: u64, head: &ChainHead) -> Result<bool> {
        self.op("audit_contains", async {
            let found: Option<i64> =
                sqlx::query_scalar("SELECT seq FROM audit_events WHERE guild_id = $1 AND seq = $2 AND hash = $3")
                    .bind(id_to_db(guild_id))
                    .bind(head.seq)
                    .bind(&head.hash)
                    .fetch_optional(&self.pool)
                    .await?;
            Ok(found.is_some())
        })
        .await
    }

    async fn audit_guilds(&self) -> Result<Vec<u64>> {
        let rows = sqlx::query(
            "SELECT guild_id FROM audit_heads UNION SELECT DISTINCT guild_id FROM audit_events ORDER BY guild_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(id_from_db(r.try_get("guild_id")?))).collect()
    }

    /// Read the head and the events in one snapshot: read apart, an append committed in
    /// between looked like removed events.
    async fn verify_guild(&self, guild_id: u64) -> Result<Result<u64, ChainBreak>> {
        let guild = id_to_db(guild_id);
        let mut tx = self.begin_snapshot().await?;
        let head = sqlx::query("SELECT seq, hash FROM audit_heads WHERE guild_id = $1")
            .bind(guild)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| Ok::<_, StoreError>((r.try_get("seq")?, r.try_get("hash")?)))
            .transpose()?;
        let rows = sqlx::query(
            "SELECT seq, case_id, at, actor, kind, payload, prev_hash, hash, hash_version FROM audit_events \
             WHERE guild_id = $1 ORDER BY seq",
        )
        .bind(guild)
        .fetch_all(&mut *tx)
        .await?;
        tx.rollback().await?;
        let events = rows
            .iter()
            .map(|r| {
                Ok(ChainedEvent {
                    version: r.try_get("hash_version")?,
                    guild_id,
                    case_id: r.try_get("case_id")?,
                    seq: r.try_get("seq")?,
                    at: Millis(r.try_get("at")?),
                    actor: r.try_get("actor")?,
                    kind: r.try_get("kind")?,
                    payload: r.try_get("payload")?,
                    prev_hash: r.try_get("prev_hash")?,
                    hash: r.try_get("hash")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(verify_chain(events, head))
    }
}
