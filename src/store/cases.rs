//! Cases and reports: filing a report into its case, reading cases, and applying
//! lifecycle transitions exactly once.

use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::audit::{append, Event};
use super::guilds::{ensure_guild, settings_in};
use super::outbox::{enqueue, enqueue_board, enqueue_card, OutboxKind};
use super::queue::{enter_queue, waiting_cards, MAX_WAITING_CARDS};
use super::{flag, id_to_db, parse_col, Result, Store, StoreError};
use crate::domain::account::AccountKey;
use crate::domain::audit::{Actor, AuditKind};
use crate::domain::case::{AccountStatus, Decision, Lifecycle};
use crate::domain::reason::ReasonCategory;
use crate::domain::time::Millis;

/// Where a report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportSource {
    /// `/report` by a member.
    Discord,
    /// A bulk import (command line or `/import`).
    Import,
}

impl ReportSource {
    fn as_str(self) -> &'static str {
        match self {
            ReportSource::Discord => "discord",
            ReportSource::Import => "import",
        }
    }
}

/// A report to file.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub guild_id: u64,
    pub key: AccountKey,
    pub reason: ReasonCategory,
    pub details: Option<String>,
    /// The member who reported; `None` for imports.
    pub reporter: Option<u64>,
    pub member_joined_at: Option<Millis>,
    /// The Discord interaction that carried it: a replayed interaction files nothing twice.
    pub interaction_id: Option<u64>,
    pub source: ReportSource,
    pub evidence: Vec<NewEvidence>,
    pub at: Millis,
}

/// Evidence given with a report, as kept at intake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewEvidence {
    /// A link in the report's text.
    Link { url: String },
    /// An attachment, downloaded when the report was filed.
    Stored {
        url: String,
        filename: String,
        content_type: Option<String>,
        bytes: Vec<u8>,
    },
    /// An attachment that could not be kept; `note` says why (too large, download failed).
    NotStored {
        url: String,
        filename: String,
        content_type: Option<String>,
        size: Option<u64>,
        note: String,
    },
}

/// What filing a report did, for the answer to the reporter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportOutcome {
    NewCase {
        case: CaseRecord,
    },
    Merged {
        case: CaseRecord,
        reporters: u32,
    },
    /// A dismissed case got a new reporter and is pending a vote again.
    Reopened {
        case: CaseRecord,
        reporters: u32,
    },
    /// The same interaction was already filed (a duplicated gateway event).
    AlreadyFiled {
        case: CaseRecord,
    },
}

impl ReportOutcome {
    pub fn case(&self) -> &CaseRecord {
        match self {
            ReportOutcome::NewCase { case }
            | ReportOutcome::Merged { case, .. }
            | ReportOutcome::Reopened { case, .. }
            | ReportOutcome::AlreadyFiled { case } => case,
        }
    }
}

/// A case as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: i64,
    pub guild_id: u64,
    pub case_no: i64,
    pub key: AccountKey,
    pub lifecycle: Lifecycle,
    pub account_status: AccountStatus,
    pub agency: Option<String>,
    pub referral_ref: Option<String>,
    pub queued: bool,
    /// Why the current round was opened, when it is not the first.
    pub round_note: Option<String>,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub decided_at: Option<Millis>,
}

const CASE_COLUMNS: &str = "id, guild_id, case_no, account_key, decision, round, window_ends_at, overdue, \
     held_until, account_status, agency, referral_ref, queued, round_note, created_at, updated_at, decided_at";

pub(super) fn case_from_row(row: &AnyRow) -> Result<CaseRecord> {
    let key: String = row.try_get("account_key")?;
    let round: i64 = row.try_get("round")?;
    Ok(CaseRecord {
        id: row.try_get("id")?,
        guild_id: super::id_from_db(row.try_get("guild_id")?),
        case_no: row.try_get("case_no")?,
        key: AccountKey::from_key(&key).map_err(|e| StoreError::Corrupt(format!("account_key {key:?}: {e}")))?,
        lifecycle: Lifecycle {
            decision: parse_col(row, "decision")?,
            round: u32::try_from(round).map_err(|_| StoreError::Corrupt(format!("round {round}")))?,
            window_ends_at: row.try_get::<Option<i64>, _>("window_ends_at")?.map(Millis),
            overdue: row.try_get::<i64, _>("overdue")? != 0,
            held_until: row.try_get::<Option<i64>, _>("held_until")?.map(Millis),
        },
        account_status: parse_col(row, "account_status")?,
        agency: row.try_get("agency")?,
        referral_ref: row.try_get("referral_ref")?,
        queued: row.try_get::<i64, _>("queued")? != 0,
        round_note: row.try_get("round_note")?,
        created_at: Millis(row.try_get("created_at")?),
        updated_at: Millis(row.try_get("updated_at")?),
        decided_at: row.try_get::<Option<i64>, _>("decided_at")?.map(Millis),
    })
}

async fn case_by_key(conn: &mut AnyConnection, guild_id: u64, key: &AccountKey) -> Result<Option<CaseRecord>> {
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE guild_id = $1 AND account_key = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id_to_db(guild_id))
        .bind(key.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(case_from_row).transpose()
}

pub(super) async fn case_by_no(conn: &mut AnyConnection, guild_id: u64, case_no: i64) -> Result<CaseRecord> {
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE guild_id = $1 AND case_no = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id_to_db(guild_id))
        .bind(case_no)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref()
        .map(case_from_row)
        .transpose()?
        .ok_or(StoreError::NoSuchCase { case_no })
}

pub(super) async fn case_by_id(conn: &mut AnyConnection, case_id: i64) -> Result<CaseRecord> {
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(case_id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref()
        .map(case_from_row)
        .transpose()?
        .ok_or_else(|| StoreError::Corrupt(format!("case id {case_id} missing")))
}

/// The distinct reasons a case was reported for.
pub(super) async fn reasons_of(
    conn: &mut AnyConnection,
    case_id: i64,
) -> Result<std::collections::BTreeSet<ReasonCategory>> {
    let rows = sqlx::query("SELECT DISTINCT reason FROM reports WHERE case_id = $1")
        .bind(case_id)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(|r| parse_col(r, "reason")).collect()
}

/// Reserve `n` consecutive case numbers in a server; returns the first.
pub(super) async fn reserve_case_numbers(conn: &mut AnyConnection, guild_id: u64, n: i64) -> Result<i64> {
    let next: i64 = sqlx::query_scalar(
        "UPDATE guilds SET next_case_no = next_case_no + $1 WHERE guild_id = $2 RETURNING next_case_no",
    )
    .bind(n)
    .bind(id_to_db(guild_id))
    .fetch_one(&mut *conn)
    .await?;
    Ok(next - n)
}

/// Open a case for `key` unless one exists (the unique key decides, not a prior read).
/// Returns the case and whether this call created it.
async fn open_case(conn: &mut AnyConnection, report: &NewReport) -> Result<(CaseRecord, bool)> {
    if let Some(case) = case_by_key(conn, report.guild_id, &report.key).await? {
        return Ok((case, false));
    }
    let settings = settings_in(conn, report.guild_id)
        .await?
        .ok_or_else(|| StoreError::Corrupt("guild row missing".into()))?;
    let life = Lifecycle::open(report.at, settings.policy.window);
    let case_no = reserve_case_numbers(conn, report.guild_id, 1).await?;
    let inserted = sqlx::query(
        "INSERT INTO cases (guild_id, case_no, account_key, platform, decision, round, window_ends_at, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
         ON CONFLICT (guild_id, account_key) DO NOTHING",
    )
    .bind(id_to_db(report.guild_id))
    .bind(case_no)
    .bind(report.key.to_string())
    .bind(report.key.platform().as_str())
    .bind(life.decision.as_str())
    .bind(i64::from(life.round))
    .bind(life.window_ends_at.map(|m| m.0))
    .bind(report.at.0)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let case = case_by_key(conn, report.guild_id, &report.key)
        .await?
        .ok_or_else(|| StoreError::Corrupt("case vanished after insert".into()))?;
    Ok((case, inserted == 1))
}

/// Insert the report row; `None` when this interaction was already filed.
async fn insert_report(conn: &mut AnyConnection, case_id: i64, r: &NewReport) -> Result<Option<i64>> {
    let id = sqlx::query_scalar(
        "INSERT INTO reports (case_id, reporter_id, reason, details, source, interaction_id, member_joined_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (interaction_id) DO NOTHING RETURNING id",
    )
    .bind(case_id)
    .bind(r.reporter.map(id_to_db))
    .bind(r.reason.as_str())
    .bind(r.details.as_deref())
    .bind(r.source.as_str())
    .bind(r.interaction_id.map(id_to_db))
    .bind(r.member_joined_at.map(|m| m.0))
    .bind(r.at.0)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(id)
}

pub(super) async fn distinct_reporters(conn: &mut AnyConnection, case_id: i64) -> Result<u32> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT COALESCE(reporter_id, -1)) FROM reports WHERE case_id = $1")
        .bind(case_id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Whether this report's member had not reported the case before it.
async fn is_first_from_reporter(
    conn: &mut AnyConnection,
    case_id: i64,
    report_id: i64,
    reporter: Option<u64>,
) -> Result<bool> {
    let Some(reporter) = reporter else {
        return Ok(false);
    };
    let earlier: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM reports WHERE case_id = $1 AND reporter_id = $2 AND id <> $3")
            .bind(case_id)
            .bind(id_to_db(reporter))
            .bind(report_id)
            .fetch_one(&mut *conn)
            .await?;
    Ok(earlier == 0)
}

/// Store `to` as the case's lifecycle if it is still the one `case` was read with.
/// Returns whether it applied: of several racing callers (clicks, replays, processes)
/// exactly one sees `true`. Queues what Discord must show of the change.
pub(super) async fn transition(conn: &mut AnyConnection, case: &CaseRecord, to: Lifecycle, at: Millis) -> Result<bool> {
    let from = case.lifecycle;
    let decision_changed = to.decision != from.decision;
    let decided_at = (decision_changed && to.decision != Decision::Pending).then_some(at.0);
    let done = sqlx::query(
        "UPDATE cases SET decision = $1, round = $2, window_ends_at = $3, overdue = $4, held_until = $5, \
         updated_at = $6, decided_at = COALESCE($7, decided_at) \
         WHERE id = $8 AND decision = $9 AND round = $10 AND overdue = $11",
    )
    .bind(to.decision.as_str())
    .bind(i64::from(to.round))
    .bind(to.window_ends_at.map(|m| m.0))
    .bind(flag(to.overdue))
    .bind(to.held_until.map(|m| m.0))
    .bind(at.0)
    .bind(decided_at)
    .bind(case.id)
    .bind(from.decision.as_str())
    .bind(i64::from(from.round))
    .bind(flag(from.overdue))
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if done && !case.queued {
        enqueue_card(conn, case.guild_id, case.id, at).await?;
    }
    if done && decision_changed {
        enqueue(conn, case.guild_id, OutboxKind::Notice, Some(case.id), at).await?;
        enqueue_board(conn, case.guild_id, at).await?;
    }
    Ok(done)
}

impl Store {
    /// File a report, opening or merging into its case, and commit before returning:
    /// the caller acknowledges the report only after this succeeds.
    pub async fn file_report(&self, report: NewReport) -> Result<ReportOutcome> {
        let mut tx = self.begin_write().await?;
        ensure_guild(&mut tx, report.guild_id, report.at).await?;
        let (case, created) = open_case(&mut tx, &report).await?;
        let Some(report_id) = insert_report(&mut tx, case.id, &report).await? else {
            tx.rollback().await?;
            return Ok(ReportOutcome::AlreadyFiled { case });
        };
        let first_from_reporter = is_first_from_reporter(&mut tx, case.id, report_id, report.reporter).await?;
        let reopened = if case.lifecycle.decision == Decision::Dismissed && first_from_reporter {
            let settings = settings_in(&mut tx, report.guild_id)
                .await?
                .ok_or_else(|| StoreError::Corrupt("guild row missing".into()))?;
            let next = case
                .lifecycle
                .reopen_for_new_reporter(report.at, settings.policy.window)?;
            let reopened = transition(&mut tx, &case, next, report.at).await?;
            if reopened {
                let note = "Re-opened: a member who had not reported it before reported this dismissed account.";
                super::casework::set_round_note(&mut tx, case.id, Some(note)).await?;
            }
            reopened
        } else {
            false
        };
        insert_evidence(&mut tx, report_id, &report.evidence).await?;
        record_report_events(&mut tx, &report, &case, created, reopened).await?;
        if created && waiting_cards(&mut tx, report.guild_id).await? > MAX_WAITING_CARDS {
            enter_queue(&mut tx, &case, report.at).await?;
        } else if !case.queued {
            enqueue_card(&mut tx, report.guild_id, case.id, report.at).await?;
        }
        let reporters = distinct_reporters(&mut tx, case.id).await?;
        let case = case_by_no(&mut tx, report.guild_id, case.case_no).await?;
        tx.commit().await?;
        Ok(match (created, reopened) {
            (true, _) => ReportOutcome::NewCase { case },
            (false, true) => ReportOutcome::Reopened { case, reporters },
            (false, false) => ReportOutcome::Merged { case, reporters },
        })
    }

    /// One case by its number in a server.
    pub async fn case(&self, guild_id: u64, case_no: i64) -> Result<CaseRecord> {
        let mut conn = self.pool.acquire().await?;
        case_by_no(&mut conn, guild_id, case_no).await
    }

    /// The case for an account in a server, if any.
    pub async fn case_for_key(&self, guild_id: u64, key: &AccountKey) -> Result<Option<CaseRecord>> {
        let mut conn = self.pool.acquire().await?;
        case_by_key(&mut conn, guild_id, key).await
    }

    /// Pending cases whose voting window has ended by `now`, oldest deadline first.
    pub async fn windows_ended(&self, now: Millis) -> Result<Vec<CaseRecord>> {
        let sql = format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE window_ends_at IS NOT NULL AND window_ends_at <= $1 \
             ORDER BY window_ends_at"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(now.0)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(case_from_row).collect()
    }
}

async fn insert_evidence(conn: &mut AnyConnection, report_id: i64, evidence: &[NewEvidence]) -> Result<()> {
    for item in evidence {
        let (kind, url, filename, content_type, size, sha, status, note) = match item {
            NewEvidence::Link { url } => ("link", url, None, None, None, None, "link", None),
            NewEvidence::Stored {
                url,
                filename,
                content_type,
                bytes,
            } => {
                let sha = hex::encode(Sha256::digest(bytes));
                store_blob(conn, &sha, bytes).await?;
                let size = i64::try_from(bytes.len()).ok();
                (
                    "attachment",
                    url,
                    Some(filename),
                    content_type.as_ref(),
                    size,
                    Some(sha),
                    "stored",
                    None,
                )
            }
            NewEvidence::NotStored {
                url,
                filename,
                content_type,
                size,
                note,
            } => {
                let size = size.and_then(|s| i64::try_from(s).ok());
                (
                    "attachment",
                    url,
                    Some(filename),
                    content_type.as_ref(),
                    size,
                    None,
                    "not_stored",
                    Some(note),
                )
            }
        };
        sqlx::query(
            "INSERT INTO evidence (report_id, kind, url, filename, content_type, size_bytes, sha256, status, note) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(report_id)
        .bind(kind)
        .bind(url)
        .bind(filename)
        .bind(content_type)
        .bind(size)
        .bind(sha)
        .bind(status)
        .bind(note)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Keep attachment bytes once, addressed by their SHA-256.
async fn store_blob(conn: &mut AnyConnection, sha: &str, bytes: &[u8]) -> Result<()> {
    sqlx::query("INSERT INTO blobs (sha256, size_bytes, bytes) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING")
        .bind(sha)
        .bind(i64::try_from(bytes.len()).unwrap_or(i64::MAX))
        .bind(bytes.to_vec())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

async fn record_report_events(
    conn: &mut AnyConnection,
    r: &NewReport,
    case: &CaseRecord,
    created: bool,
    reopened: bool,
) -> Result<()> {
    // Reporter identities stay out of the append-only log so `/forget-me` can honour them.
    let actor = match r.source {
        ReportSource::Discord => Actor::Reporter,
        ReportSource::Import => Actor::Cli,
    };
    let base = json!({"case_no": case.case_no, "account": r.key.to_string()});
    let mut events = Vec::new();
    if created {
        events.push((AuditKind::CaseOpened, base.clone()));
    }
    events.push((
        AuditKind::ReportFiled,
        json!({"case_no": case.case_no, "reason": r.reason.as_str(), "source": r.source.as_str()}),
    ));
    if reopened {
        events.push((
            AuditKind::CaseReopened,
            json!({"case_no": case.case_no, "why": "new reporter on a dismissed case"}),
        ));
    }
    for (kind, payload) in events {
        let event = Event {
            guild_id: r.guild_id,
            case_id: Some(case.id),
            actor: &actor,
            kind,
            payload,
            at: r.at,
        };
        append(conn, event).await?;
    }
    Ok(())
}

impl Store {
    /// The earliest open voting window's end, if any.
    pub async fn next_window_end(&self) -> Result<Option<Millis>> {
        let at: Option<i64> =
            sqlx::query_scalar("SELECT MIN(window_ends_at) FROM cases WHERE window_ends_at IS NOT NULL")
                .fetch_one(&self.pool)
                .await?;
        Ok(at.map(Millis))
    }
}
