//! Storage over sqlx: one repository API for SQLite (the embedded default) and
//! PostgreSQL, through sqlx's `Any` driver with runtime queries and `$N` placeholders.
//!
//! Conventions (see ARCHITECTURE.md): times are BIGINT unix milliseconds, Discord ids
//! BIGINT, flags INTEGER 0/1; uniqueness is enforced by constraints and
//! `ON CONFLICT`, never by select-then-insert; every write is one transaction that
//! also appends its audit event.

mod audit;
mod backup;
mod base;
mod board;
mod campaign;
mod cards;
mod cases;
mod casework;
mod details;
mod export;
mod group_read;
mod guilds;
mod import;
mod languages;
mod members;
mod merge;
mod migrations;
mod mute;
mod outbox;
mod public_page;
mod queue;
mod report_batch;
mod reports;
mod status;
mod taxii;
mod votes;

use std::future::Future;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use prometheus_client::metrics::counter::Counter;
use sqlx::any::{AnyArguments, AnyPoolOptions, AnyRow};
use sqlx::query::Query;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Any, AnyPool, Executor, Row};
use sqlx::{ConnectOptions as _, Connection as _};
use tokio::sync::Notify;

use crate::domain::time::Millis;
use base::write_tx::WriteTx;

pub use audit::AuditFailure;
pub use backup::sqlite_file_in_use;
pub use base::case_row::{CaseRecord, CaseRef};
pub use base::guild_row::GuildSettings;
pub use base::locations::CardLocation;
pub use base::outbox::{OutboxKind, BOARD_INTERVAL_MS, FAILURE_ALERT_INTERVAL_MS};
pub use base::record::ReporterRecord;
pub use board::{BoardFacts, DigestFacts, NoticeFacts, BOARD_LIST_MAX};
pub use campaign::{BatchItem, MyReport, NextBatch, Withdrawal, MY_REPORTS_MAX};
pub use cards::CardFacts;
pub use details::{CaseDetails, ReportEntry, Reporter};
pub use export::{CaseExport, EvidenceExport, HistoryEntry};
pub use guilds::SettingsChange;
pub use import::{ImportLine, ImportSummary, Importer};
pub use merge::MergedCases;
pub use outbox::{LeaseGrant, OutboxItem, ParkedItem, Refusal};
pub use public_page::{
    PublicCase, PublicCasePage, PublicCharts, PublicDay, PublicFeed, PublicPage, PublicSeries, PUBLIC_DAYS,
    PUBLIC_FEED_SIZE, PUBLIC_PAGE_SIZE, PUBLIC_SUSPENDED_SHOWN,
};
pub use queue::{BulkDismissal, MAX_DEQUEUE, MAX_WAITING_CARDS};
pub use reports::{NewEvidence, NewReport, ReportOutcome, ReportSource};
pub use status::Observation;
pub use taxii::{FeedEntry, FeedPage, FeedQuery, TaxiiCredential, TaxiiPull, VersionMatch};
pub use votes::VoteOutcome;

/// A storage failure. User mistakes never come out of here as `Database`; they are
/// turned into domain errors before any SQL runs.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got {0:?})")]
    UnsupportedUrl(String),
    #[error("cannot open the database at {url}: {source}")]
    Connect { url: String, source: sqlx::Error },
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// `op` names the public operation that failed, so an operator knows what to look at.
    #[error("database error{}: {source}", .op.map(|op| format!(" in {op}")).unwrap_or_default())]
    Database {
        op: Option<&'static str>,
        source: sqlx::Error,
    },
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    #[error("no case #{case_no} in this server")]
    NoSuchCase { case_no: i64 },
    #[error("the case changed while this was being applied; please try again")]
    Conflict,
    #[error("this interaction was already handled")]
    AlreadyHandled,
    /// The server's intake policy refuses the member's report for now.
    #[error("the intake policy refuses this report for now: {0:?}")]
    NotYet(crate::domain::intake::NotYet),
    #[error(transparent)]
    Lifecycle(#[from] crate::domain::case::LifecycleError),
    /// A member's report cannot be withdrawn.
    #[error("cannot withdraw: {0}")]
    Withdraw(crate::domain::campaign::WithdrawError),
    /// A key cannot become an alias of the case.
    #[error("cannot add the alias: {0}")]
    Alias(crate::domain::campaign::AliasError),
    /// Two cases cannot be merged.
    #[error("cannot merge: {0}")]
    Merge(crate::domain::campaign::MergeError),
    /// No import with this id in this server (another server's reads the same).
    #[error("no import #{import_id} in this server")]
    NoSuchImport { import_id: i64 },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl From<sqlx::Error> for StoreError {
    fn from(source: sqlx::Error) -> StoreError {
        StoreError::Database { op: None, source }
    }
}

/// Run the body of the public operation `name`, naming it in a database error the body
/// returns (unless an inner operation already named itself).
async fn named<T>(name: &'static str, body: impl Future<Output = Result<T>>) -> Result<T> {
    body.await.map_err(|e| match e {
        StoreError::Database { op: None, source } => StoreError::Database { op: Some(name), source },
        other => other,
    })
}

/// How many times [`Store::retrying`] runs a write again that PostgreSQL failed to break
/// a deadlock. A second deadlock in a row is already rare; more would mean a lock order
/// that always deadlocks, which should be seen as an error.
const WRITE_RETRIES: u32 = 3;

/// Whether PostgreSQL failed this transaction to break a deadlock (SQLSTATE `40P01`): it
/// was rolled back and can run again as it was. Writes run at `READ COMMITTED`, so
/// serialization failures (`40001`) cannot happen; SQLite has one writer and no deadlocks.
fn is_deadlock_victim(e: &StoreError) -> bool {
    match e {
        StoreError::Database {
            source: sqlx::Error::Database(db),
            ..
        } => db.code().as_deref() == Some("40P01"),
        _ => false,
    }
}

/// Whether a write that failed with `e` runs again (see [`Store::retrying`]): PostgreSQL
/// failed it to break a deadlock and fewer than [`WRITE_RETRIES`] runs again were made
/// (`attempt` counts them). A run again is counted in `retries` and logged.
fn run_again(retries: &Counter, name: &'static str, attempt: &mut u32, e: &StoreError) -> bool {
    if !is_deadlock_victim(e) || *attempt >= WRITE_RETRIES {
        return false;
    }
    *attempt += 1;
    retries.inc();
    tracing::info!(
        op = name,
        attempt = *attempt,
        "PostgreSQL broke a deadlock by failing this write; running it again"
    );
    true
}

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The clause that makes a `SELECT` in a write transaction lock its rows and skip
    /// those another transaction holds (PostgreSQL); SQLite has one writer at a time.
    fn skip_locked(self) -> &'static str {
        match self {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        }
    }

    /// The database `conn` is connected to.
    pub(crate) fn of_connection(conn: &sqlx::AnyConnection) -> Backend {
        match conn.backend_name() {
            "PostgreSQL" => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }

    fn of_url(url: &str) -> Result<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl(redact(url)))
        }
    }
}

/// The database handle shared by the CLI and the bot. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Notified when a committed change queued outbox items.
    outbox_wakeup: Arc<Notify>,
    /// The interaction this handle acts for, if any: its first committed write claims it.
    interaction: Option<Arc<InteractionClaim>>,
    /// SQLite's one writer, taken in turn: a waiting write starts the moment the previous
    /// one ends, instead of polling in SQLite's busy handler (which sleeps up to 100 ms
    /// between tries and leaves the lock idle under a burst of reports).
    writer: Arc<tokio::sync::Mutex<()>>,
    /// Failed database operations, for `/metrics` (shared by every clone).
    database_errors: Counter,
    /// Writes run again because PostgreSQL failed them to break a deadlock, for `/metrics`.
    deadlock_retries: Counter,
    /// On SQLite, how [`Store::ping`] opens the file afresh: the pool's connections keep
    /// working on a file that was moved or deleted, and would lose what they write.
    probe: Option<Arc<SqliteConnectOptions>>,
    /// Where reports go to be committed together (`report_batch`); `None` in the handle
    /// the writer tasks file with.
    lanes: Option<Arc<report_batch::Lanes>>,
    /// Where handlers' settings and language reads go to be read together (`group_read`);
    /// `None` in the handle the reader task reads with.
    reader: Option<Arc<group_read::Reader>>,
    batch_counts: Arc<BatchCounts>,
    /// What report batches need not read again once it is committed (`base::known`).
    known: Arc<base::known::Known>,
}

/// Transactions that committed reports, and the reports they filed.
#[derive(Debug, Default)]
struct BatchCounts {
    commits: AtomicU64,
    reports: AtomicU64,
    /// Batches whose plain new cases could not be written together (`report_batch`).
    replanned: AtomicU64,
}

/// A Discord interaction being handled. Its id is claimed in the same transaction as the
/// handler's first write, so a second delivery (a replay, or another bot process that
/// received it too) fails there with [`StoreError::AlreadyHandled`] and changes nothing.
#[derive(Debug)]
pub(crate) struct InteractionClaim {
    id: u64,
    at: Millis,
    /// Set once the claiming transaction committed; later writes of the handler go ahead.
    committed: std::sync::atomic::AtomicBool,
}

/// How long a write waits for its turn on SQLite before failing, as SQLite's own busy
/// timeout would.
const WRITER_WAIT: std::time::Duration = std::time::Duration::from_secs(15);

/// SQLite's writer turn (`Store::writer`), waited for at most [`WRITER_WAIT`].
async fn writer_turn(writer: &Arc<tokio::sync::Mutex<()>>) -> Result<tokio::sync::OwnedMutexGuard<()>> {
    let turn = tokio::time::timeout(WRITER_WAIT, writer.clone().lock_owned())
        .await
        .map_err(|_| sqlx::Error::PoolTimedOut)?;
    Ok(turn)
}

/// The default database: a SQLite file in the working directory, created on first use.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://flagwatch.db";

impl Store {
    /// Connect (creating a SQLite file if missing) and apply the embedded migrations.
    pub async fn open(url: &str) -> Result<Store> {
        let store = Store::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Connect without migrating.
    pub async fn connect(url: &str) -> Result<Store> {
        named("connect", async {
            sqlx::any::install_default_drivers();
            let backend = Backend::of_url(url)?;
            let url_with_mode = match backend {
                Backend::Sqlite if !url.contains("mode=") => {
                    format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
                }
                _ => url.to_owned(),
            };
            let pool = pool_options(backend)
                .connect(&url_with_mode)
                .await
                .map_err(|source| StoreError::Connect {
                    url: redact(url),
                    source,
                })?;
            let mut probe = None;
            if backend == Backend::Sqlite {
                pool.execute("PRAGMA journal_mode = WAL").await?;
                let options = SqliteConnectOptions::from_str(url)?
                    .read_only(true)
                    .create_if_missing(false);
                probe = Some(Arc::new(options));
            }
            let direct = Store {
                pool,
                backend,
                outbox_wakeup: Arc::new(Notify::new()),
                interaction: None,
                writer: Arc::default(),
                database_errors: Counter::default(),
                deadlock_retries: Counter::default(),
                probe,
                lanes: None,
                reader: None,
                batch_counts: Arc::default(),
                known: Arc::default(),
            };
            Ok(Store {
                lanes: Some(Arc::new(report_batch::Lanes::start(&direct))),
                reader: Some(Arc::new(group_read::Reader::start(&direct))),
                ..direct
            })
        })
        .await
    }

    /// Run the body of the public operation `name` (see [`named`]), counting a database
    /// error it returns in [`Store::database_errors`].
    async fn op<T>(&self, name: &'static str, body: impl Future<Output = Result<T>>) -> Result<T> {
        self.counted(named(name, body).await)
    }

    /// [`Store::op`] for a write transaction, run again if PostgreSQL fails it to break a
    /// deadlock (see [`Store::retrying`]).
    async fn write_op<T, F>(&self, name: &'static str, body: impl FnMut() -> F) -> Result<T>
    where
        F: Future<Output = Result<T>>,
    {
        self.op(name, self.retrying(name, body)).await
    }

    /// Run the write transaction `body` again, up to [`WRITE_RETRIES`] times, when PostgreSQL
    /// failed it to break a deadlock. Writes take rows in different orders (a vote its case,
    /// then the case's waiting card; a report batch one case's card, then the next case), and
    /// PostgreSQL picks its victim by timing, so a moderator's click or a member's report must
    /// not fail for it. The failed attempt was rolled back whole, interaction claim included,
    /// so running it again is the same as running it once. Each call of `body` makes a fresh
    /// attempt (`move || async move { … }`, over copies or references of what it needs).
    /// Each attempt run again is counted in [`Store::deadlock_retries`].
    async fn retrying<T, F>(&self, name: &'static str, mut body: impl FnMut() -> F) -> Result<T>
    where
        F: Future<Output = Result<T>>,
    {
        let mut attempt = 0;
        loop {
            match body().await {
                Err(e) if run_again(&self.deadlock_retries, name, &mut attempt, &e) => {}
                result => return result,
            }
        }
    }

    fn counted<T>(&self, result: Result<T>) -> Result<T> {
        if let Err(StoreError::Database { .. }) = &result {
            self.database_errors.inc();
        }
        result
    }

    /// The counter of failed database operations, for `/metrics`.
    pub fn database_errors(&self) -> Counter {
        self.database_errors.clone()
    }

    /// The counter of writes run again after PostgreSQL failed them to break a deadlock,
    /// for `/metrics`: a steady rise means two writes keep taking rows in opposite orders.
    pub fn deadlock_retries(&self) -> Counter {
        self.deadlock_retries.clone()
    }

    /// Whether the database answers (for `/readyz`): a read through the pool and, on
    /// SQLite, the file opened afresh at its path.
    pub async fn ping(&self) -> Result<()> {
        self.op("ping", async {
            sqlx::query("SELECT COUNT(*) FROM _sqlx_migrations")
                .fetch_one(&self.pool)
                .await?;
            if let Some(options) = &self.probe {
                let mut fresh = options.connect().await?;
                sqlx::query("SELECT COUNT(*) FROM sqlite_master")
                    .fetch_one(&mut fresh)
                    .await?;
                fresh.close().await?;
            }
            Ok(())
        })
        .await
    }

    /// The versions of the embedded migrations this database has not applied yet.
    pub async fn pending_migrations(&self) -> Result<Vec<i64>> {
        self.op("pending_migrations", async {
            let exists: i64 = match self.backend {
                Backend::Sqlite => {
                    sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = '_sqlx_migrations'")
                        .fetch_one(&self.pool)
                        .await?
                }
                Backend::Postgres => {
                    sqlx::query_scalar("SELECT COUNT(*) FROM pg_tables WHERE tablename = '_sqlx_migrations'")
                        .fetch_one(&self.pool)
                        .await?
                }
            };
            let applied: Vec<i64> = if exists > 0 {
                sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
                    .fetch_all(&self.pool)
                    .await?
            } else {
                Vec::new()
            };
            Ok(migrations::migrator(self.backend)
                .iter()
                .map(|m| m.version)
                .filter(|v| !applied.contains(v))
                .collect())
        })
        .await
    }

    pub async fn migrate(&self) -> Result<()> {
        migrations::migrator(self.backend).run(&self.pool).await?;
        Ok(())
    }

    /// What the outbox worker waits on: every committed change that queued an outbox item
    /// notifies it, so callers need not.
    pub fn outbox_wakeup(&self) -> Arc<Notify> {
        self.outbox_wakeup.clone()
    }

    /// This store, acting for the interaction `id` received at `at`: see
    /// [`InteractionClaim`]. Reads are unaffected.
    pub fn for_interaction(&self, id: u64, at: Millis) -> Store {
        let claim = InteractionClaim {
            id,
            at,
            committed: std::sync::atomic::AtomicBool::new(false),
        };
        Store {
            interaction: Some(Arc::new(claim)),
            ..self.clone()
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A write transaction. On SQLite it takes the write lock up front (`BEGIN
    /// IMMEDIATE`), so a transaction that reads before it writes waits for the lock
    /// (busy timeout) instead of failing when another writer committed in between.
    async fn begin_write(&self) -> Result<WriteTx> {
        let (tx, turn) = match self.backend {
            Backend::Sqlite => {
                let turn = writer_turn(&self.writer).await?;
                (self.pool.begin_with("BEGIN IMMEDIATE").await?, Some(turn))
            }
            Backend::Postgres => (self.pool.begin().await?, None),
        };
        let mut tx = WriteTx::new(tx, self.outbox_wakeup.clone(), turn);
        if let Some(claim) = self
            .interaction
            .as_ref()
            .filter(|c| !c.committed.load(Ordering::Acquire))
        {
            base::transition::claim_interaction(&mut tx, claim.id, claim.at).await?;
            tx.on_commit_claimed(claim.clone());
        }
        Ok(tx)
    }

    /// One statement that writes, atomic on its own. On SQLite it takes the writer turn
    /// like every other write: run on the pool, it would meet the turn's holder in
    /// SQLite's busy handler, which sleeps (1, 2, 5, 10… ms). PostgreSQL has no turn, and
    /// a transaction around one statement would only add two round trips.
    ///
    /// It is the public operation `name`, run again on a deadlock like every write (a
    /// single statement still waits for the rows its foreign keys name), so it takes the
    /// statement as a function that builds it afresh for each run.
    async fn write_alone<'q>(
        &self,
        name: &'static str,
        query: impl Fn() -> Query<'q, Any, AnyArguments>,
    ) -> Result<()> {
        self.write_op(name, || async {
            if self.backend == Backend::Postgres && self.interaction.is_none() {
                query().execute(&self.pool).await?;
                return Ok(());
            }
            let mut tx = self.begin_write().await?;
            query().execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(())
        })
        .await
    }

    /// A read-only transaction whose reads all see one snapshot of the database: SQLite
    /// (WAL) keeps the snapshot of a deferred transaction's first read; PostgreSQL needs
    /// REPEATABLE READ.
    async fn begin_snapshot(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin().await?,
            Backend::Postgres => {
                self.pool
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?
            }
        })
    }
}

/// A PostgreSQL connection idle this long is pinged before it is handed out, as sqlx does
/// by default on every acquire, to find one a server restart or a proxy closed meanwhile.
/// One used more recently is not: under load that ping was a round trip on the path of
/// every answer, and a server gone since is found by the statement that follows, as one
/// gone during a statement is.
const PING_IDLE_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

fn pool_options(backend: Backend) -> AnyPoolOptions {
    let options = AnyPoolOptions::new().max_connections(match backend {
        Backend::Sqlite => 4,
        Backend::Postgres => 10,
    });
    if backend == Backend::Postgres {
        return options.test_before_acquire(false).before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for >= PING_IDLE_AFTER {
                    conn.ping().await?;
                }
                Ok(true)
            })
        });
    }
    // A connection to a local file cannot have been hung up on, so the ping sqlx sends
    // on every acquire would only add a hop to SQLite's thread and back.
    options.test_before_acquire(false).after_connect(|conn, _meta| {
        Box::pin(async move {
            conn.execute("PRAGMA busy_timeout = 15000").await?;
            conn.execute("PRAGMA foreign_keys = ON").await?;
            Ok(())
        })
    })
}

/// A URL with any password replaced, for error messages.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.chars().take(200).collect(),
    }
}

/// Discord snowflakes are u64 but fit in BIGINT bit for bit.
fn id_to_db(id: u64) -> i64 {
    id as i64
}

fn id_from_db(id: i64) -> u64 {
    id as u64
}

/// Read a column that holds one of our enums' names.
fn parse_col<T: FromStr>(row: &AnyRow, col: &str) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    let raw: String = row.try_get(col)?;
    raw.parse()
        .map_err(|e: T::Err| StoreError::Corrupt(format!("{col}: {e}")))
}

fn flag(b: bool) -> i64 {
    i64::from(b)
}
