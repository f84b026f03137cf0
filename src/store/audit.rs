//! Appending to and verifying each server's hash-chained audit log.

use serde_json::Value;
use sqlx::{AnyConnection, Row};

use super::{id_from_db, id_to_db, Result, Store, StoreError};
use crate::domain::audit::{canonical_json, chain_hash, verify_chain, Actor, AuditKind, ChainBreak, ChainedEvent};
use crate::domain::time::Millis;

/// One change to record, in the transaction that makes it.
pub(super) struct Event<'a> {
    pub guild_id: u64,
    pub case_id: Option<i64>,
    pub actor: &'a Actor,
    pub kind: AuditKind,
    pub payload: Value,
    pub at: Millis,
}

/// Append `event` to its server's chain. The head row's `UPDATE … RETURNING` both takes
/// the row lock (so concurrent appends queue up) and hands back the next sequence
/// number with the previous hash.
pub(super) async fn append(conn: &mut AnyConnection, event: Event<'_>) -> Result<()> {
    let guild = id_to_db(event.guild_id);
    let head = sqlx::query("UPDATE audit_heads SET seq = seq + 1 WHERE guild_id = $1 RETURNING seq, hash")
        .bind(guild)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("no audit head for guild {}", event.guild_id)))?;
    let seq: i64 = head.try_get("seq")?;
    let prev: String = head.try_get("hash")?;
    let payload = canonical_json(&event.payload);
    let actor = event.actor.to_string();
    let kind = event.kind.as_str();
    let hash = chain_hash(&prev, &payload, seq, event.at, &actor, kind);
    sqlx::query(
        "INSERT INTO audit_events (guild_id, seq, case_id, at, actor, kind, payload, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(guild)
    .bind(seq)
    .bind(event.case_id)
    .bind(event.at.0)
    .bind(actor)
    .bind(kind)
    .bind(payload)
    .bind(prev)
    .bind(&hash)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_heads SET hash = $1 WHERE guild_id = $2")
        .bind(hash)
        .bind(guild)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

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
    }

    async fn audit_guilds(&self) -> Result<Vec<u64>> {
        let rows = sqlx::query(
            "SELECT guild_id FROM audit_heads UNION SELECT DISTINCT guild_id FROM audit_events ORDER BY guild_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(id_from_db(r.try_get("guild_id")?))).collect()
    }

    async fn verify_guild(&self, guild_id: u64) -> Result<Result<u64, ChainBreak>> {
        let guild = id_to_db(guild_id);
        let head = sqlx::query("SELECT seq, hash FROM audit_heads WHERE guild_id = $1")
            .bind(guild)
            .fetch_optional(&self.pool)
            .await?
            .map(|r| Ok::<_, StoreError>((r.try_get("seq")?, r.try_get("hash")?)))
            .transpose()?;
        let rows = sqlx::query(
            "SELECT seq, at, actor, kind, payload, prev_hash, hash FROM audit_events \
             WHERE guild_id = $1 ORDER BY seq",
        )
        .bind(guild)
        .fetch_all(&self.pool)
        .await?;
        let events = rows
            .iter()
            .map(|r| {
                Ok(ChainedEvent {
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
