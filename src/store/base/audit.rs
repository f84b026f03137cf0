//! Appending to a server's hash-chained audit log, in the transaction of the change.

use serde_json::Value;
use sqlx::{AnyConnection, Row};

use crate::domain::audit::{canonical_json, chain_hash, Actor, AuditKind, ChainedEvent, HASH_VERSION};
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
    let mut chained = ChainedEvent {
        version: HASH_VERSION,
        guild_id: event.guild_id,
        case_id: event.case_id,
        seq,
        at: event.at,
        actor: event.actor.to_string(),
        kind: event.kind.as_str().to_owned(),
        payload: canonical_json(&event.payload),
        prev_hash: prev,
        hash: String::new(),
    };
    chained.hash = chain_hash(&chained);
    let hash = chained.hash.clone();
    sqlx::query(
        "INSERT INTO audit_events (guild_id, seq, case_id, at, actor, kind, payload, prev_hash, hash, hash_version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(guild)
    .bind(seq)
    .bind(chained.case_id)
    .bind(chained.at.0)
    .bind(chained.actor)
    .bind(chained.kind)
    .bind(chained.payload)
    .bind(chained.prev_hash)
    .bind(&hash)
    .bind(chained.version)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_heads SET hash = $1 WHERE guild_id = $2")
        .bind(hash)
        .bind(guild)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
