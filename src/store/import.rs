//! Bulk import: accepted lines are written in large chunks, one transaction each, with
//! multi-row statements, so a campaign list of a million lines imports in seconds and in
//! constant memory.

use std::collections::HashMap;

use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

use super::audit::{append, Event};
use super::cases::reserve_case_numbers;
use super::guilds::ensure_guild;
use super::{id_to_db, Result, Store};
use crate::domain::account::AccountKey;
use crate::domain::audit::{Actor, AuditKind};
use crate::domain::reason::ReasonCategory;
use crate::domain::time::Millis;

/// Lines written per transaction.
const CHUNK: usize = 20_000;
/// Rows per multi-row statement (kept well under both databases' bind-parameter limits).
const ROWS_PER_STATEMENT: usize = 2_000;

/// One accepted line of an import.
#[derive(Debug, Clone)]
pub struct ImportLine {
    pub key: AccountKey,
    pub reason: ReasonCategory,
    pub details: Option<String>,
}

/// The counts printed at the end of an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub lines: u64,
    pub new_cases: u64,
    pub merged: u64,
    pub rejected: u64,
}

/// Collects accepted lines and writes them a chunk at a time. New cases enter the review
/// queue (no card, no voting clock until a moderator brings them up).
pub struct Importer {
    store: Store,
    guild_id: u64,
    actor: Actor,
    now: Millis,
    pending: Vec<ImportLine>,
    summary: ImportSummary,
}

impl Importer {
    pub async fn new(store: &Store, guild_id: u64, actor: Actor, now: Millis) -> Result<Importer> {
        let mut tx = store.begin_write().await?;
        ensure_guild(&mut tx, guild_id, now).await?;
        tx.commit().await?;
        Ok(Importer {
            store: store.clone(),
            guild_id,
            actor,
            now,
            pending: Vec::with_capacity(CHUNK),
            summary: ImportSummary::default(),
        })
    }

    pub async fn accept(&mut self, line: ImportLine) -> Result<()> {
        self.summary.lines += 1;
        self.pending.push(line);
        if self.pending.len() >= CHUNK {
            self.flush().await?;
        }
        Ok(())
    }

    pub fn reject(&mut self) {
        self.summary.lines += 1;
        self.summary.rejected += 1;
    }

    pub fn summary(&self) -> ImportSummary {
        self.summary
    }

    /// Write what is left and return the totals.
    pub async fn finish(mut self) -> Result<ImportSummary> {
        self.flush().await?;
        Ok(self.summary)
    }

    async fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let lines = std::mem::take(&mut self.pending);
        let mut tx = self.store.begin_write().await?;
        let ids = case_ids(&mut tx, self.guild_id, &lines, self.now).await?;
        insert_reports(&mut tx, &lines, &ids, self.now).await?;
        let new_cases = ids.values().filter(|c| c.created).count() as u64;
        let payload = chunk_payload(&lines, new_cases);
        append(
            &mut tx,
            Event {
                guild_id: self.guild_id,
                case_id: None,
                actor: &self.actor,
                kind: AuditKind::Imported,
                payload,
                at: self.now,
            },
        )
        .await?;
        tx.commit().await?;
        self.summary.new_cases += new_cases;
        self.summary.merged += lines.len() as u64 - new_cases;
        self.pending = lines;
        self.pending.clear();
        Ok(())
    }
}

#[derive(Debug, Clone, Copy)]
struct ChunkCase {
    id: i64,
    created: bool,
}

/// The case id of every distinct key in the chunk, opening the missing cases.
async fn case_ids(
    conn: &mut AnyConnection,
    guild_id: u64,
    lines: &[ImportLine],
    now: Millis,
) -> Result<HashMap<String, ChunkCase>> {
    let mut keys: Vec<&AccountKey> = lines.iter().map(|l| &l.key).collect();
    keys.sort();
    keys.dedup();
    let mut ids = existing_cases(conn, guild_id, &keys).await?;
    let missing: Vec<&AccountKey> = keys.into_iter().filter(|k| !ids.contains_key(&k.to_string())).collect();
    if !missing.is_empty() {
        let first_no = reserve_case_numbers(conn, guild_id, missing.len() as i64).await?;
        for (i, batch) in missing.chunks(ROWS_PER_STATEMENT).enumerate() {
            let start = first_no + (i * ROWS_PER_STATEMENT) as i64;
            insert_cases(conn, guild_id, batch, start, now, &mut ids).await?;
        }
    }
    Ok(ids)
}

async fn existing_cases(
    conn: &mut AnyConnection,
    guild_id: u64,
    keys: &[&AccountKey],
) -> Result<HashMap<String, ChunkCase>> {
    let mut found = HashMap::with_capacity(keys.len());
    for batch in keys.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "SELECT id, account_key FROM cases WHERE guild_id = $1 AND account_key IN ({})",
            placeholders(2, batch.len())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id_to_db(guild_id));
        for k in batch {
            q = q.bind(k.to_string());
        }
        for row in q.fetch_all(&mut *conn).await? {
            found.insert(
                row.try_get("account_key")?,
                ChunkCase {
                    id: row.try_get("id")?,
                    created: false,
                },
            );
        }
    }
    Ok(found)
}

async fn insert_cases(
    conn: &mut AnyConnection,
    guild_id: u64,
    keys: &[&AccountKey],
    first_no: i64,
    now: Millis,
    ids: &mut HashMap<String, ChunkCase>,
) -> Result<()> {
    const COLS: usize = 5;
    let values = (0..keys.len())
        .map(|i| row_placeholders(3 + i * COLS, COLS, "$1, $2, $2, "))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO cases (guild_id, created_at, updated_at, case_no, account_key, platform, queued, decision) \
         VALUES {values} ON CONFLICT (guild_id, account_key) DO NOTHING RETURNING id, account_key"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id_to_db(guild_id))
        .bind(now.0);
    for (i, key) in keys.iter().enumerate() {
        q = q
            .bind(first_no + i as i64)
            .bind(key.to_string())
            .bind(key.platform().as_str())
            .bind(1_i64)
            .bind("pending");
    }
    for row in q.fetch_all(&mut *conn).await? {
        ids.insert(
            row.try_get("account_key")?,
            ChunkCase {
                id: row.try_get("id")?,
                created: true,
            },
        );
    }
    // A key that another writer opened between our read and our insert: look it up.
    let raced: Vec<&AccountKey> = keys
        .iter()
        .copied()
        .filter(|k| !ids.contains_key(&k.to_string()))
        .collect();
    if !raced.is_empty() {
        ids.extend(existing_cases(conn, guild_id, &raced).await?);
    }
    Ok(())
}

async fn insert_reports(
    conn: &mut AnyConnection,
    lines: &[ImportLine],
    ids: &HashMap<String, ChunkCase>,
    now: Millis,
) -> Result<()> {
    const COLS: usize = 3;
    for batch in lines.chunks(ROWS_PER_STATEMENT) {
        let values = (0..batch.len())
            .map(|i| row_placeholders(3 + i * COLS, COLS, "$1, $2, "))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("INSERT INTO reports (source, created_at, case_id, reason, details) VALUES {values}");
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind("import").bind(now.0);
        for line in batch {
            let case = ids.get(&line.key.to_string()).map(|c| c.id);
            q = q.bind(case).bind(line.reason.as_str()).bind(line.details.as_deref());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The audit payload of one chunk: counts and a digest of the keys it carried.
fn chunk_payload(lines: &[ImportLine], new_cases: u64) -> serde_json::Value {
    let mut digest = Sha256::new();
    for l in lines {
        digest.update(l.key.to_string().as_bytes());
        digest.update(b"\n");
    }
    json!({"lines": lines.len(), "new_cases": new_cases, "keys_sha256": hex::encode(digest.finalize())})
}

/// `$first, $first+1, …` for `n` parameters.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `(<shared>$first, …)` for one row of `n` parameters after the shared ones.
fn row_placeholders(first: usize, n: usize, shared: &str) -> String {
    format!("({shared}{})", placeholders(first, n))
}
