//! Appending to a server's hash-chained audit log, in the transaction of the change.

use serde_json::Value;
use sqlx::{AnyConnection, Row};

use crate::domain::audit::{canonical_json, chain_hash, Actor, AuditKind};
use crate::domain::time::Millis;
use crate::store::{id_to_db, Result, StoreError};

/// One change to record, in the transaction that makes it.
pub(crate) struct Event<'a> {
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
pub(crate) async fn append(conn: &mut AnyConnection, event: Event<'_>) -> Result<()> {
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
