//! Bulk import: accepted lines are collected into large chunks and each chunk is written
//! in one transaction with multi-row statements, so a campaign list of a million lines
//! imports in seconds and in constant memory.
//!
//! How it stays fast (figures in `bench/README.md`):
//! - **Sorted writes.** Within a chunk, keys are looked up and new cases inserted in key
//!   order, and reports in case order, so each index page is visited about once per
//!   chunk instead of once per line: random inserts into indexes larger than the
//!   database's page cache are what makes a large import slow.
//! - **Overlap.** A full chunk is written by a background task while the next one fills
//!   (and its keys are sorted), and within a chunk the next statement's parameters are
//!   bound while the database runs the current statement.
//! - **Constant memory.** Two chunks exist, each stored compactly (the keys in one string,
//!   8 bytes a line besides) and reused with all their working space, so memory does
//!   not grow with the file and the allocator is not left fragmented.
//! - **Cheap statements.** The import keeps one pooled connection, so full-size statements
//!   are prepared once. New case ids are read back with one range query by case number
//!   rather than `RETURNING`, which costs SQLite more per row. SQLite statements use
//!   anonymous `?` placeholders: sqlx asks SQLite for the name of every numbered
//!   parameter (`$N`), which SQLite finds by a linear scan, so binding thousands of them
//!   takes quadratic time. PostgreSQL keeps `$N`.
//!
//! Case numbers follow the order in which accounts first appear in the list.

use std::ops::Range;
use std::sync::Arc;

use futures::TryStreamExt;
use prometheus_client::metrics::counter::Counter;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::pool::PoolConnection;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Connection, Row};
use tokio::task::JoinHandle;

use super::base::audit::{append_all, Recorded};
use super::base::case_row::reserve_case_numbers;
use super::base::guild_row::ensure_guild;
use super::base::placeholders::Placeholders;
use super::{id_to_db, run_again, writer_turn, Backend, Result, Store, StoreError};
use crate::domain::account::{AccountKey, Platform};
use crate::domain::audit::{Actor, AuditKind};
use crate::domain::reason::ReasonCategory;
use crate::domain::time::Millis;

/// Lines written per transaction. Larger chunks visit each index page fewer times but
/// take more memory (two chunks of about 50 bytes a line).
const CHUNK: usize = 1 << 17;
/// Lines in the first chunk; each next chunk is twice as large, up to `CHUNK`.
const FIRST_CHUNK: usize = 1 << 13;
/// Bytes reserved per line for the key text (longer keys make the string grow).
const KEY_BYTES: usize = 24;
/// Rows per multi-row statement (well under both databases' bind-parameter limits:
/// 32,766 on SQLite, 65,535 on PostgreSQL).
const ROWS_PER_STATEMENT: usize = 500;

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
    /// The import's id (`imports.id`): `/queue dismiss-all source:` names it.
    pub import_id: i64,
    pub lines: u64,
    pub new_cases: u64,
    pub merged: u64,
    pub rejected: u64,
}

/// Collects accepted lines and writes them a chunk at a time. New cases enter the review
/// queue (no card, no voting clock until a moderator brings them up).
pub struct Importer {
    context: Context,
    /// Lines per chunk: small at first, so writing starts early, up to `CHUNK`.
    chunk_lines: usize,
    filling: Box<Chunk>,
    writer: Writer,
    summary: ImportSummary,
}

/// What every chunk of one import is written with.
#[derive(Debug, Clone)]
struct Context {
    guild_id: u64,
    import_id: i64,
    actor: Actor,
    now: Millis,
    backend: Backend,
    /// SQLite's writer turn: a chunk takes it like every other write, so that reports
    /// filed meanwhile wait for it in turn, not in SQLite's busy handler.
    writer: Arc<tokio::sync::Mutex<()>>,
    /// The store's count of writes run again after a deadlock, which counts chunks too.
    deadlock_retries: Counter,
}

/// The chunk writer: idle with its connection and a spare chunk, or writing a chunk in
/// the background.
enum Writer {
    Idle(PoolConnection<Any>, Box<Chunk>),
    Writing(JoinHandle<Result<Written>>),
    /// The connection is out (being handed over, or lost with a failed write).
    Busy,
}

/// A written chunk: the connection and the emptied chunk come back.
struct Written {
    conn: PoolConnection<Any>,
    chunk: Box<Chunk>,
    lines: u64,
    new_cases: u64,
}

impl Importer {
    /// Start an import: its `imports` row is written first, so the cases it opens can
    /// name it.
    pub async fn new(store: &Store, guild_id: u64, actor: Actor, now: Millis) -> Result<Importer> {
        let import_id = store
            .write_op("import", || async {
                let mut tx = store.begin_write().await?;
                ensure_guild(&mut tx, guild_id, now).await?;
                let import_id: i64 = sqlx::query_scalar(
                    "INSERT INTO imports (guild_id, actor, started_at) VALUES ($1, $2, $3) RETURNING id",
                )
                .bind(id_to_db(guild_id))
                .bind(actor.to_string())
                .bind(now.0)
                .fetch_one(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(import_id)
            })
            .await?;
        let conn = store.pool.acquire().await?;
        Ok(Importer {
            context: Context {
                guild_id,
                import_id,
                actor,
                now,
                backend: store.backend(),
                writer: store.writer.clone(),
                deadlock_retries: store.deadlock_retries(),
            },
            chunk_lines: FIRST_CHUNK,
            filling: Chunk::new(),
            writer: Writer::Idle(conn, Chunk::new()),
            summary: ImportSummary {
                import_id,
                ..ImportSummary::default()
            },
        })
    }

    pub async fn accept(&mut self, line: ImportLine) -> Result<()> {
        self.summary.lines += 1;
        self.filling.push(&line);
        if self.filling.len() >= self.chunk_lines {
            self.hand_over().await?;
        }
        Ok(())
    }

    pub fn reject(&mut self) {
        self.summary.lines += 1;
        self.summary.rejected += 1;
    }

    /// The counts so far (new and merged cases count once their chunk is written).
    pub fn summary(&self) -> ImportSummary {
        self.summary
    }

    /// Write what is left, record the totals on the import's row and return them.
    pub async fn finish(mut self) -> Result<ImportSummary> {
        if !self.filling.is_empty() {
            self.hand_over().await?;
        }
        let (mut conn, _) = self.idle().await?;
        let s = self.summary;
        let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        sqlx::query(
            "UPDATE imports SET finished_at = $1, lines = $2, new_cases = $3, merged = $4, rejected = $5 WHERE id = $6",
        )
        .bind(self.context.now.0)
        .bind(count(s.lines))
        .bind(count(s.new_cases))
        .bind(count(s.merged))
        .bind(count(s.rejected))
        .bind(s.import_id)
        .execute(&mut *conn)
        .await?;
        Ok(s)
    }

    /// Start writing the filled chunk once the previous one is written. Its keys are
    /// sorted first, while the previous chunk is still being written.
    async fn hand_over(&mut self) -> Result<()> {
        self.filling.sort_keys();
        let (conn, spare) = self.idle().await?;
        let chunk = std::mem::replace(&mut self.filling, spare);
        let context = self.context.clone();
        self.writer = Writer::Writing(tokio::spawn(write_chunk(conn, chunk, context)));
        self.chunk_lines = (self.chunk_lines * 2).min(CHUNK);
        Ok(())
    }

    /// Wait for the chunk being written, count it, and take the connection and the
    /// emptied chunk.
    async fn idle(&mut self) -> Result<(PoolConnection<Any>, Box<Chunk>)> {
        match std::mem::replace(&mut self.writer, Writer::Busy) {
            Writer::Idle(conn, spare) => Ok((conn, spare)),
            Writer::Writing(task) => {
                let written = task
                    .await
                    .map_err(|e| StoreError::Corrupt(format!("the import writer stopped: {e}")))??;
                self.summary.new_cases += written.new_cases;
                self.summary.merged += written.lines - written.new_cases;
                Ok((written.conn, written.chunk))
            }
            Writer::Busy => Err(StoreError::Corrupt("an earlier part of this import failed".into())),
        }
    }
}

/// One line as a chunk stores it; its details, if any, are in `Chunk::details`.
#[derive(Debug, Clone, Copy)]
struct ChunkLine {
    /// Where the line's key ends in `Chunk::keys` (it starts where the previous one ends).
    key_end: u32,
    platform: Platform,
    reason: ReasonCategory,
}

/// Accepted lines, stored compactly, with the working space to write them. Everything
/// is cleared, never freed, between chunks.
#[derive(Debug, Default)]
struct Chunk {
    /// Every line's key text, one after another.
    keys: String,
    lines: Vec<ChunkLine>,
    /// `(line, details)` for the lines that have details, by line.
    details: Vec<(u32, String)>,
    /// Line numbers sorted by key, then by line: the lines of each key together.
    order: Vec<u32>,
    /// Per distinct key, in key order: where its lines end in `order`.
    group_end: Vec<u32>,
    /// Per distinct key: its case id (0 until found or opened).
    case_ids: Vec<i64>,
    /// Distinct keys without a case, in key order.
    missing: Vec<u32>,
    /// The same, by first appearance: the n-th gets the n-th new case number.
    by_appearance: Vec<u32>,
    /// Per distinct key: its place in `by_appearance`.
    rank: Vec<u32>,
    /// `(line, distinct key)` in case-id order, for inserting reports.
    reports: Vec<(u32, u32)>,
}

impl Chunk {
    fn new() -> Box<Chunk> {
        Box::new(Chunk {
            keys: String::with_capacity(CHUNK * KEY_BYTES),
            lines: Vec::with_capacity(CHUNK),
            order: Vec::with_capacity(CHUNK),
            reports: Vec::with_capacity(CHUNK),
            ..Chunk::default()
        })
    }

    fn len(&self) -> usize {
        self.lines.len()
    }

    fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    fn push(&mut self, line: &ImportLine) {
        // The key's text, as `AccountKey`'s `Display` writes it.
        self.keys.push_str(line.key.platform().as_str());
        self.keys.push(':');
        self.keys.push_str(line.key.id());
        if let Some(details) = &line.details {
            self.details.push((self.lines.len() as u32, details.clone()));
        }
        self.lines.push(ChunkLine {
            key_end: self.keys.len() as u32,
            platform: line.key.platform(),
            reason: line.reason,
        });
    }

    fn clear(&mut self) {
        self.keys.clear();
        self.lines.clear();
        self.details.clear();
        self.order.clear();
        self.group_end.clear();
        self.case_ids.clear();
        self.missing.clear();
        self.by_appearance.clear();
        self.rank.clear();
        self.reports.clear();
    }

    fn span(&self, line: usize) -> Range<usize> {
        let start = match line {
            0 => 0,
            _ => self.lines[line - 1].key_end as usize,
        };
        start..self.lines[line].key_end as usize
    }

    fn key(&self, line: usize) -> &str {
        &self.keys[self.span(line)]
    }

    fn details(&self, line: usize) -> Option<&str> {
        let found = self.details.binary_search_by_key(&(line as u32), |(l, _)| *l).ok()?;
        Some(self.details[found].1.as_str())
    }

    /// Group the lines by key (`order`, `group_end`).
    fn sort_keys(&mut self) {
        let mut order = std::mem::take(&mut self.order);
        order.clear();
        order.extend(0..self.len() as u32);
        order.sort_unstable_by(|&a, &b| self.key(a as usize).cmp(self.key(b as usize)).then(a.cmp(&b)));
        self.group_end.clear();
        for (i, pair) in order.windows(2).enumerate() {
            if self.key(pair[0] as usize) != self.key(pair[1] as usize) {
                self.group_end.push(i as u32 + 1);
            }
        }
        if !order.is_empty() {
            self.group_end.push(order.len() as u32);
        }
        self.order = order;
    }

    /// The number of distinct keys.
    fn distinct(&self) -> usize {
        self.group_end.len()
    }

    /// The lines of distinct key `k`, the first first.
    fn group(&self, k: usize) -> &[u32] {
        let start = match k {
            0 => 0,
            _ => self.group_end[k - 1] as usize,
        };
        &self.order[start..self.group_end[k] as usize]
    }

    /// The first line with distinct key `k`.
    fn first_line(&self, k: usize) -> usize {
        self.group(k)[0] as usize
    }

    fn distinct_key(&self, k: usize) -> &str {
        self.key(self.first_line(k))
    }

    /// The audit payload: counts and a digest of the keys the lines carried, in order.
    fn payload(&self, new_cases: u64) -> serde_json::Value {
        let mut digest = Sha256::new();
        for i in 0..self.len() {
            digest.update(self.key(i).as_bytes());
            digest.update(b"\n");
        }
        json!({
            "lines": self.len(),
            "new_cases": new_cases,
            "keys_sha256": hex::encode(digest.finalize()),
        })
    }
}

/// Write one chunk (with its keys sorted) in one transaction, then hand back the
/// connection and the emptied chunk. A chunk PostgreSQL fails to break a deadlock (its
/// cases' rows taken in key order, a report batch's in its own) is written again, as
/// every write is (see `Store::retrying`): each run recomputes the chunk's working space.
async fn write_chunk(mut conn: PoolConnection<Any>, mut chunk: Box<Chunk>, context: Context) -> Result<Written> {
    let mut attempt = 0;
    let new_cases = loop {
        match chunk_transaction(&mut conn, &mut chunk, &context).await {
            Err(e) if run_again(&context.deadlock_retries, "import", &mut attempt, &e) => {}
            result => break result?,
        }
    };
    let lines = chunk.len() as u64;
    chunk.clear();
    Ok(Written {
        conn,
        chunk,
        lines,
        new_cases,
    })
}

/// One run of [`write_chunk`]'s transaction: how many cases it opened.
async fn chunk_transaction(conn: &mut PoolConnection<Any>, chunk: &mut Chunk, context: &Context) -> Result<u64> {
    let sql = Placeholders(context.backend);
    let (mut tx, _turn) = match context.backend {
        Backend::Sqlite => {
            let turn = writer_turn(&context.writer).await?;
            (conn.begin_with("BEGIN IMMEDIATE").await?, Some(turn))
        }
        Backend::Postgres => (conn.begin().await?, None),
    };
    chunk.case_ids.clear();
    chunk.case_ids.resize(chunk.distinct(), 0);
    let all: Vec<u32> = (0..chunk.distinct() as u32).collect();
    find_cases(&mut tx, sql, context.guild_id, chunk, &all).await?;
    drop(all);
    let new_cases = open_missing(&mut tx, sql, context, chunk).await?;
    insert_reports(&mut tx, sql, chunk, context.now).await?;
    let mut payload = chunk.payload(new_cases);
    payload["import_id"] = json!(context.import_id);
    // Last, as a write transaction's events are (`audit::append_recorded`).
    let event = Recorded {
        guild_id: context.guild_id,
        case_id: None,
        actor: context.actor.clone(),
        kind: AuditKind::Imported,
        payload,
        at: context.now,
    };
    append_all(&mut tx, context.guild_id, &[event]).await?;
    tx.commit().await?;
    Ok(new_cases)
}

/// Fill in `case_ids` for the distinct keys `wanted` (in key order) that have a case.
async fn find_cases(
    conn: &mut AnyConnection,
    sql: Placeholders,
    guild_id: u64,
    chunk: &mut Chunk,
    wanted: &[u32],
) -> Result<()> {
    let batches: Vec<&[u32]> = wanted.chunks(ROWS_PER_STATEMENT).collect();
    let mut found = Vec::new();
    let keys: &Chunk = chunk;
    let build = |b: usize| {
        let batch = batches[b];
        let text = format!(
            "SELECT case_id, account_key FROM case_keys WHERE guild_id = {} AND account_key IN ({})",
            sql.one(1),
            sql.list(2, batch.len())
        );
        let mut q = statement(text, batch.len()).bind(id_to_db(guild_id));
        for &k in batch {
            q = q.bind(keys.distinct_key(k as usize));
        }
        q
    };
    pipelined(conn, batches.len(), build, |b, rows| {
        let batch = batches[b];
        for row in rows {
            let key: &str = row.try_get(1)?;
            let at = batch
                .binary_search_by(|&k| keys.distinct_key(k as usize).cmp(key))
                .map_err(|_| StoreError::Corrupt(format!("case lookup returned an unasked key {key}")))?;
            found.push((batch[at], row.try_get::<i64, _>(0)?));
        }
        Ok(())
    })
    .await?;
    for (k, id) in found {
        chunk.case_ids[k as usize] = id;
    }
    Ok(())
}

/// Open a case for every key without one; case numbers follow the order of first
/// appearance, rows go in in key order. Returns how many were opened.
async fn open_missing(
    conn: &mut AnyConnection,
    sql: Placeholders,
    context: &Context,
    chunk: &mut Chunk,
) -> Result<u64> {
    let mut missing = std::mem::take(&mut chunk.missing);
    missing.clear();
    missing.extend((0..chunk.distinct() as u32).filter(|&k| chunk.case_ids[k as usize] == 0));
    if missing.is_empty() {
        chunk.missing = missing;
        return Ok(0);
    }
    let mut by_appearance = std::mem::take(&mut chunk.by_appearance);
    by_appearance.clear();
    by_appearance.extend_from_slice(&missing);
    by_appearance.sort_unstable_by_key(|&k| chunk.first_line(k as usize));
    chunk.rank.clear();
    chunk.rank.resize(chunk.distinct(), 0);
    for (n, &k) in by_appearance.iter().enumerate() {
        chunk.rank[k as usize] = n as u32;
    }
    let first_no = reserve_case_numbers(conn, context.guild_id, missing.len() as i64).await?;

    let batches: Vec<&[u32]> = missing.chunks(ROWS_PER_STATEMENT).collect();
    let rows: &Chunk = chunk;
    let build = |b: usize| {
        const COLS: usize = 6;
        let batch = batches[b];
        let text = format!(
            "INSERT INTO cases (guild_id, created_at, updated_at, case_no, account_key, platform, queued, decision, import_id) \
             VALUES {} ON CONFLICT (guild_id, account_key) DO NOTHING",
            sql.rows(batch.len(), COLS, &format!("1, 'pending', {}", context.import_id))
        );
        let mut q = statement(text, batch.len());
        for &k in batch {
            let line = rows.first_line(k as usize);
            q = q
                .bind(id_to_db(context.guild_id))
                .bind(context.now.0)
                .bind(context.now.0)
                .bind(first_no + i64::from(rows.rank[k as usize]))
                .bind(rows.key(line))
                .bind(rows.lines[line].platform.as_str());
        }
        q
    };
    pipelined(conn, batches.len(), build, |_, _| Ok(())).await?;

    // The ids of the cases just opened, by their numbers.
    let text = format!(
        "SELECT id, case_no FROM cases WHERE guild_id = {} AND case_no >= {} AND case_no <= {}",
        sql.one(1),
        sql.one(2),
        sql.one(3)
    );
    let mut opened = 0;
    let mut stream = sqlx::query(sqlx::AssertSqlSafe(text))
        .bind(id_to_db(context.guild_id))
        .bind(first_no)
        .bind(first_no + missing.len() as i64 - 1)
        .fetch(&mut *conn);
    while let Some(row) = stream.try_next().await? {
        let case_no: i64 = row.try_get(1)?;
        let k = usize::try_from(case_no - first_no)
            .ok()
            .and_then(|n| by_appearance.get(n))
            .ok_or_else(|| StoreError::Corrupt(format!("unexpected case #{case_no}")))?;
        chunk.case_ids[*k as usize] = row.try_get(0)?;
        opened += 1;
    }
    drop(stream);

    // A key that another writer opened between our read and our insert: look it up.
    if opened < missing.len() as u64 {
        let raced: Vec<u32> = missing
            .iter()
            .copied()
            .filter(|&k| chunk.case_ids[k as usize] == 0)
            .collect();
        find_cases(conn, sql, context.guild_id, chunk, &raced).await?;
    }
    chunk.missing = missing;
    chunk.by_appearance = by_appearance;
    Ok(opened)
}

/// One report per line, inserted in case order.
async fn insert_reports(conn: &mut AnyConnection, sql: Placeholders, chunk: &mut Chunk, now: Millis) -> Result<()> {
    let mut by_case: Vec<u32> = (0..chunk.distinct() as u32).collect();
    by_case.sort_unstable_by_key(|&k| chunk.case_ids[k as usize]);
    let mut reports = std::mem::take(&mut chunk.reports);
    reports.clear();
    for k in by_case {
        if chunk.case_ids[k as usize] == 0 {
            return Err(StoreError::Corrupt(format!(
                "no case for {}",
                chunk.distinct_key(k as usize)
            )));
        }
        reports.extend(chunk.group(k as usize).iter().map(|&line| (line, k)));
    }

    let batches: Vec<&[(u32, u32)]> = reports.chunks(ROWS_PER_STATEMENT).collect();
    let rows: &Chunk = chunk;
    let build = |b: usize| {
        const COLS: usize = 4;
        let batch = batches[b];
        let text = format!(
            "INSERT INTO reports (created_at, case_id, reason, details, source) VALUES {}",
            sql.rows(batch.len(), COLS, "'import'")
        );
        let mut q = statement(text, batch.len());
        for &(line, k) in batch {
            let line = line as usize;
            q = q
                .bind(now.0)
                .bind(rows.case_ids[k as usize])
                .bind(rows.lines[line].reason.as_str())
                .bind(rows.details(line));
        }
        q
    };
    let result = pipelined(conn, batches.len(), build, |_, _| Ok(())).await;
    chunk.reports = reports;
    result
}

/// Run `batches` statements one after another, binding each next statement while the
/// database runs the current one (SQLite runs it on its own thread), and hand each
/// statement's rows to `rows`.
async fn pipelined<'q>(
    conn: &mut AnyConnection,
    batches: usize,
    mut build: impl FnMut(usize) -> Query<'q, Any, AnyArguments>,
    mut rows: impl FnMut(usize, Vec<AnyRow>) -> Result<()>,
) -> Result<()> {
    let mut next = (batches > 0).then(|| build(0));
    for b in 0..batches {
        let Some(current) = next.take() else { break };
        let run = current.fetch_all(&mut *conn);
        let ahead = async { (b + 1 < batches).then(|| build(b + 1)) };
        let (result, built) = futures::join!(run, ahead);
        rows(b, result?)?;
        next = built;
    }
    Ok(())
}

/// A multi-row statement: cached (prepared once per connection) when it has the full
/// number of rows, used once otherwise.
fn statement<'q>(sql: String, rows: usize) -> Query<'q, Any, AnyArguments> {
    sqlx::query(sqlx::AssertSqlSafe(sql)).persistent(rows == ROWS_PER_STATEMENT)
}
