//! Appending to a server's hash-chained audit log, in the transaction of the change.

use serde_json::Value;
use sqlx::{AnyConnection, Row};

use super::placeholders::Placeholders;
use crate::domain::audit::{canonical_json, chain_hash, Actor, AuditKind, ChainedEvent, HASH_VERSION};
use crate::domain::time::Millis;
use crate::store::{id_to_db, Backend, Result, StoreError};

/// One change to record, in the transaction that makes it.
pub(crate) struct Event<'a> {
    pub guild_id: u64,
    pub case_id: Option<i64>,
    pub actor: &'a Actor,
    pub kind: AuditKind,
    pub payload: Value,
    pub at: Millis,
}

/// An event a write transaction recorded ([`Event`], owned), appended when it commits.
pub(crate) struct Recorded {
    pub guild_id: u64,
    /// `None` for an event about no case (a setting, a muted member's report kept without one).
    pub case_id: Option<i64>,
    pub actor: Actor,
    pub kind: AuditKind,
    pub payload: Value,
    pub at: Millis,
}

impl From<Event<'_>> for Recorded {
    fn from(e: Event<'_>) -> Recorded {
        Recorded {
            guild_id: e.guild_id,
            case_id: e.case_id,
            actor: e.actor.clone(),
            kind: e.kind,
            payload: e.payload,
            at: e.at,
        }
    }
}

/// Append what a write transaction recorded, right before it commits: each server's
/// events in the order recorded, the servers in id order. Its chain heads are then the
/// last rows the transaction locks, always in one order, so a transaction holding a head
/// never waits for anything but its commit: no deadlock can go through a head, and each
/// is held for the shortest time.
pub(crate) async fn append_recorded(conn: &mut AnyConnection, mut recorded: Vec<Recorded>) -> Result<()> {
    recorded.sort_by_key(|e| e.guild_id);
    for server in recorded.chunk_by(|a, b| a.guild_id == b.guild_id) {
        if let Some(first) = server.first() {
            append_all(conn, first.guild_id, server).await?;
        }
    }
    Ok(())
}

/// Events appended in one `INSERT`: 10 parameters each, well under either database's
/// limit on parameters per statement.
const EVENTS_PER_INSERT: usize = 100;

/// Append `events`, all of server `guild_id`, to its chain in this order. The head row's
/// `UPDATE … RETURNING` both takes the row lock (so concurrent appends queue up) and
/// reserves the events' sequence numbers, handing back the previous hash; the head is
/// taken once for all of them, so a batch of reports holds it only at its end.
pub(crate) async fn append_all(conn: &mut AnyConnection, guild_id: u64, events: &[Recorded]) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let guild = id_to_db(guild_id);
    let count = i64::try_from(events.len()).unwrap_or(i64::MAX);
    let head = sqlx::query("UPDATE audit_heads SET seq = seq + $1 WHERE guild_id = $2 RETURNING seq, hash")
        .bind(count)
        .bind(guild)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("no audit head for guild {guild_id}")))?;
    let last_seq: i64 = head.try_get("seq")?;
    let mut prev: String = head.try_get("hash")?;
    let mut chained = Vec::with_capacity(events.len());
    for (seq, event) in (last_seq - count + 1..).zip(events) {
        debug_assert_eq!(event.guild_id, guild_id);
        let mut link = ChainedEvent {
            version: HASH_VERSION,
            guild_id,
            case_id: event.case_id,
            seq,
            at: event.at,
            actor: event.actor.to_string(),
            kind: event.kind.as_str().to_owned(),
            payload: canonical_json(&event.payload),
            prev_hash: std::mem::take(&mut prev),
            hash: String::new(),
        };
        link.hash = chain_hash(&link);
        prev = link.hash.clone();
        chained.push(link);
    }
    // The last insert and the head's new hash go together: one round trip (on SQLite one
    // hop to its thread) fewer per append.
    let parts: Vec<&[ChainedEvent]> = chained.chunks(EVENTS_PER_INSERT).collect();
    for (i, part) in parts.iter().enumerate() {
        let head = (i + 1 == parts.len()).then_some((prev.as_str(), guild));
        insert_events(conn, part, head).await?;
    }
    Ok(())
}

/// One multi-row `INSERT` of chained events; with `head` (hash, server), the server's head
/// takes that hash in the same query: on PostgreSQL a data-modifying `WITH` (which runs
/// exactly once), on SQLite a second statement in the same text, which sqlx runs on
/// SQLite's thread right after the first, binding the parameters that follow.
async fn insert_events(conn: &mut AnyConnection, events: &[ChainedEvent], head: Option<(&str, i64)>) -> Result<()> {
    const COLUMNS: usize = 10;
    let ph = Placeholders::of(conn);
    let insert = format!(
        "INSERT INTO audit_events (guild_id, seq, case_id, at, actor, kind, payload, prev_hash, hash, hash_version) \
         VALUES {}",
        ph.rows(events.len(), COLUMNS, "")
    );
    let sql = match head {
        Some(_) => {
            let n = events.len() * COLUMNS;
            let update = format!(
                "UPDATE audit_heads SET hash = {} WHERE guild_id = {}",
                ph.one(n + 1),
                ph.one(n + 2)
            );
            match ph.0 {
                Backend::Postgres => format!("WITH appended AS ({insert}) {update}"),
                Backend::Sqlite => format!("{insert}; {update}"),
            }
        }
        None => insert,
    };
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for e in events {
        query = query
            .bind(id_to_db(e.guild_id))
            .bind(e.seq)
            .bind(e.case_id)
            .bind(e.at.0)
            .bind(e.actor.clone())
            .bind(e.kind.clone())
            .bind(e.payload.clone())
            .bind(e.prev_hash.clone())
            .bind(e.hash.clone())
            .bind(e.version);
    }
    if let Some((hash, guild)) = head {
        query = query.bind(hash.to_owned()).bind(guild);
    }
    query.execute(&mut *conn).await?;
    Ok(())
}
