//! Bulk import: accepted lines are written in large chunks, one transaction each, with
//! multi-row statements, so a campaign list of a million lines imports in seconds and in
//! constant memory.
//!
//! Performance notes (see `bench/README.md` for the figures):
//! - Each distinct key of a chunk is turned into its string once; lines refer to it by
//!   index from then on.
//! - On SQLite the statements use anonymous `?` placeholders: sqlx asks SQLite for the
//!   name of every numbered parameter (`$N`, `?N`), which SQLite finds by a linear scan,
//!   so a statement with thousands of numbered parameters costs quadratic time to bind.
//!   Every value is therefore bound per row on both databases (PostgreSQL keeps `$N`).
//! - Full-size statements are prepared once and cached; the shorter last statement of a
//!   chunk is not cached, so the statement cache does not fill with one-off sizes.

use std::collections::HashMap;

use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Row};

use super::audit::{append, Event};
use super::cases::reserve_case_numbers;
use super::guilds::ensure_guild;
use super::{id_to_db, Backend, Result, Store, StoreError};
use crate::domain::account::AccountKey;
use crate::domain::audit::{Actor, AuditKind};
use crate::domain::reason::ReasonCategory;
use crate::domain::time::Millis;

/// Lines written per transaction.
const CHUNK: usize = 32_768;
/// Rows per multi-row statement (kept well under both databases' bind-parameter limits:
/// 32,766 on SQLite, 65,535 on PostgreSQL).
const ROWS_PER_STATEMENT: usize = 1_000;

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
        let chunk = Chunk::of(&self.pending);
        let placeholders = Placeholders(self.store.backend());
        let mut tx = self.store.begin_write().await?;
        let mut cases = existing_cases(&mut tx, placeholders, self.guild_id, &chunk.keys).await?;
        let new_cases = open_missing(&mut tx, placeholders, self.guild_id, &chunk.keys, &mut cases, self.now).await?;
        insert_reports(&mut tx, placeholders, &self.pending, &chunk.line_keys, &cases, self.now).await?;
        append(
            &mut tx,
            Event {
                guild_id: self.guild_id,
                case_id: None,
                actor: &self.actor,
                kind: AuditKind::Imported,
                payload: chunk.payload(new_cases),
                at: self.now,
            },
        )
        .await?;
        tx.commit().await?;
        self.summary.new_cases += new_cases;
        self.summary.merged += self.pending.len() as u64 - new_cases;
        self.pending.clear();
        Ok(())
    }
}

/// A key of the chunk: its string (computed once) and platform.
struct ChunkKey {
    key: String,
    platform: &'static str,
}

/// The distinct keys of a chunk in order of first appearance, and which of them each
/// line names.
struct Chunk {
    keys: Vec<ChunkKey>,
    line_keys: Vec<usize>,
}

impl Chunk {
    fn of(lines: &[ImportLine]) -> Chunk {
        let mut index: HashMap<&AccountKey, usize> = HashMap::with_capacity(lines.len());
        let mut keys = Vec::with_capacity(lines.len());
        let line_keys = lines
            .iter()
            .map(|line| {
                *index.entry(&line.key).or_insert_with(|| {
                    keys.push(ChunkKey {
                        key: line.key.to_string(),
                        platform: line.key.platform().as_str(),
                    });
                    keys.len() - 1
                })
            })
            .collect();
        Chunk { keys, line_keys }
    }

    /// The audit payload: counts and a digest of the keys the lines carried, in order.
    fn payload(&self, new_cases: u64) -> serde_json::Value {
        let mut digest = Sha256::new();
        for &k in &self.line_keys {
            digest.update(self.keys[k].key.as_bytes());
            digest.update(b"\n");
        }
        json!({
            "lines": self.line_keys.len(),
            "new_cases": new_cases,
            "keys_sha256": hex::encode(digest.finalize()),
        })
    }
}

/// The case id of each chunk key, by key index; `None` until found or opened.
type CaseIds = Vec<Option<i64>>;

/// Look up the cases that already exist for the chunk's keys.
async fn existing_cases(
    conn: &mut AnyConnection,
    placeholders: Placeholders,
    guild_id: u64,
    keys: &[ChunkKey],
) -> Result<CaseIds> {
    let mut ids = vec![None; keys.len()];
    let all: Vec<usize> = (0..keys.len()).collect();
    find_cases(conn, placeholders, guild_id, keys, &all, &mut ids).await?;
    Ok(ids)
}

/// Fill in `ids` for the keys at `wanted` that have a case.
async fn find_cases(
    conn: &mut AnyConnection,
    placeholders: Placeholders,
    guild_id: u64,
    keys: &[ChunkKey],
    wanted: &[usize],
    ids: &mut CaseIds,
) -> Result<()> {
    let position: HashMap<&str, usize> = wanted.iter().map(|&k| (keys[k].key.as_str(), k)).collect();
    for batch in wanted.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "SELECT id, account_key FROM cases WHERE guild_id = {} AND account_key IN ({})",
            placeholders.one(1),
            placeholders.list(2, batch.len())
        );
        let mut q = statement(sql, batch.len()).bind(id_to_db(guild_id));
        for &k in batch {
            q = q.bind(keys[k].key.as_str());
        }
        for row in q.fetch_all(&mut *conn).await? {
            let key: &str = row.try_get(1)?;
            let k = *position
                .get(key)
                .ok_or_else(|| StoreError::Corrupt(format!("case lookup returned an unasked key {key}")))?;
            ids[k] = Some(row.try_get(0)?);
        }
    }
    Ok(())
}

/// Open a case for every key without one, numbered in order of first appearance.
/// Returns how many were opened.
async fn open_missing(
    conn: &mut AnyConnection,
    placeholders: Placeholders,
    guild_id: u64,
    keys: &[ChunkKey],
    ids: &mut CaseIds,
    now: Millis,
) -> Result<u64> {
    let missing: Vec<usize> = (0..keys.len()).filter(|&k| ids[k].is_none()).collect();
    if missing.is_empty() {
        return Ok(0);
    }
    let first_no = reserve_case_numbers(conn, guild_id, missing.len() as i64).await?;
    let mut opened = 0;
    for (b, batch) in missing.chunks(ROWS_PER_STATEMENT).enumerate() {
        let start = first_no + (b * ROWS_PER_STATEMENT) as i64;
        const COLS: usize = 6;
        let sql = format!(
            "INSERT INTO cases (guild_id, created_at, updated_at, case_no, account_key, platform, queued, decision) \
             VALUES {} ON CONFLICT (guild_id, account_key) DO NOTHING RETURNING id, case_no",
            placeholders.rows(batch.len(), COLS, "1, 'pending'")
        );
        let mut q = statement(sql, batch.len());
        for (i, &k) in batch.iter().enumerate() {
            q = q
                .bind(id_to_db(guild_id))
                .bind(now.0)
                .bind(now.0)
                .bind(start + i as i64)
                .bind(keys[k].key.as_str())
                .bind(keys[k].platform);
        }
        for row in q.fetch_all(&mut *conn).await? {
            let case_no: i64 = row.try_get(1)?;
            let k = usize::try_from(case_no - start)
                .ok()
                .and_then(|i| batch.get(i))
                .ok_or_else(|| StoreError::Corrupt(format!("insert returned an unexpected case #{case_no}")))?;
            ids[*k] = Some(row.try_get(0)?);
            opened += 1;
        }
    }
    // A key that another writer opened between our read and our insert: look it up.
    let raced: Vec<usize> = missing.into_iter().filter(|&k| ids[k].is_none()).collect();
    if !raced.is_empty() {
        find_cases(conn, placeholders, guild_id, keys, &raced, ids).await?;
    }
    Ok(opened)
}

async fn insert_reports(
    conn: &mut AnyConnection,
    placeholders: Placeholders,
    lines: &[ImportLine],
    line_keys: &[usize],
    ids: &CaseIds,
    now: Millis,
) -> Result<()> {
    const COLS: usize = 4;
    for (batch, batch_keys) in lines
        .chunks(ROWS_PER_STATEMENT)
        .zip(line_keys.chunks(ROWS_PER_STATEMENT))
    {
        let sql = format!(
            "INSERT INTO reports (created_at, case_id, reason, details, source) VALUES {}",
            placeholders.rows(batch.len(), COLS, "'import'")
        );
        let mut q = statement(sql, batch.len());
        for (line, &k) in batch.iter().zip(batch_keys) {
            let case = ids[k].ok_or_else(|| StoreError::Corrupt(format!("no case for {}", line.key)))?;
            q = q
                .bind(now.0)
                .bind(case)
                .bind(line.reason.as_str())
                .bind(line.details.as_deref());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// A multi-row statement: cached (prepared once per connection) when it has the full
/// number of rows, used once otherwise.
fn statement(sql: String, rows: usize) -> Query<'static, Any, AnyArguments> {
    sqlx::query(sqlx::AssertSqlSafe(sql)).persistent(rows == ROWS_PER_STATEMENT)
}

/// Bind-parameter placeholders in the database's preferred form: numbered `$N` on
/// PostgreSQL, anonymous `?` on SQLite (see the module notes). Every parameter is
/// bound in the order its placeholder appears.
#[derive(Debug, Clone, Copy)]
struct Placeholders(Backend);

impl Placeholders {
    /// The placeholder of parameter number `n` (from 1).
    fn one(self, n: usize) -> String {
        match self.0 {
            Backend::Sqlite => "?".to_owned(),
            Backend::Postgres => format!("${n}"),
        }
    }

    /// `n` placeholders from parameter number `first`, comma-separated.
    fn list(self, first: usize, n: usize) -> String {
        let mut out = String::with_capacity(n * 7);
        for i in first..first + n {
            if i > first {
                out.push_str(", ");
            }
            out.push_str(&self.one(i));
        }
        out
    }

    /// `rows` rows of `cols` placeholders each, then the `constants`: `(?, ?, 1), (?, ?, 1)`.
    fn rows(self, rows: usize, cols: usize, constants: &str) -> String {
        let mut out = String::with_capacity(rows * (cols * 7 + constants.len() + 4));
        for r in 0..rows {
            if r > 0 {
                out.push_str(", ");
            }
            out.push('(');
            out.push_str(&self.list(1 + r * cols, cols));
            out.push_str(", ");
            out.push_str(constants);
            out.push(')');
        }
        out
    }
}
