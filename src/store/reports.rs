//! Reports: filing a report into its case (opening, merging or re-opening it), with its
//! evidence and audit events.

use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

use super::base::audit::{append, Event};
use super::base::case_row::{
    case_by_key, case_by_no, distinct_reporters, reports_since, reserve_case_numbers, set_round_note, CaseRecord,
};
use super::base::guild_row::{ensure_guild, settings_in};
use super::base::outbox::enqueue_card;
use super::base::pseudonym::acting_as;
use super::base::transition::transition;
use super::base::write_tx::WriteTx;
use super::queue::{enter_queue, waiting_cards, MAX_WAITING_CARDS};
use super::{id_to_db, Result, Store, StoreError};
use crate::domain::account::AccountKey;
use crate::domain::audit::{Actor, AuditKind};
use crate::domain::case::{Decision, Lifecycle, RoundNote};
use crate::domain::intake::IntakePolicy;
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

flagwatch_domain::named!(ReportSource, "report source", {
    Discord => "discord",
    Import => "import",
});

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

/// A report on a case closed because every report was withdrawn: it awaits its decision
/// again, in its round (it was never reviewed, and reads as merged to the reporter).
async fn revive_withdrawn(tx: &mut WriteTx, case: &CaseRecord, at: Millis) -> Result<()> {
    let settings = settings_in(tx, case.guild_id)
        .await?
        .ok_or_else(|| StoreError::Corrupt("guild row missing".into()))?;
    let next = case.lifecycle.reopen_withdrawn(at, settings.policy.window)?;
    transition(tx, case, next, at).await?;
    Ok(())
}

impl Store {
    /// File a report, opening or merging into its case, and commit before returning:
    /// the caller acknowledges the report only after this succeeds.
    pub async fn file_report(&self, report: NewReport) -> Result<ReportOutcome> {
        self.op("file_report", self.file(report, None)).await
    }

    /// File a member's report only if the server's intake policy allows it now
    /// ([`StoreError::NotYet`] otherwise). The member's recent reports are counted inside
    /// the filing transaction, under a per-member lock, so parallel reports cannot
    /// overshoot the limit.
    pub async fn file_report_within(&self, report: NewReport, policy: IntakePolicy) -> Result<ReportOutcome> {
        self.op("file_report_within", self.file(report, Some(policy))).await
    }

    async fn file(&self, mut report: NewReport, policy: Option<IntakePolicy>) -> Result<ReportOutcome> {
        {
            let mut tx = self.begin_write().await?;
            ensure_guild(&mut tx, report.guild_id, report.at).await?;
            if let Some(member) = report.reporter {
                report.reporter = Some(acting_as(&mut tx, report.guild_id, member).await?);
            }
            if let (Some(policy), Some(member)) = (policy, report.reporter) {
                self.lock_member(&mut tx, report.guild_id, member).await?;
                let since = Millis(report.at.0 - i64::try_from(policy.window.as_millis()).unwrap_or(i64::MAX));
                let recent = reports_since(&mut tx, report.guild_id, member, since).await?;
                if let Err(not_yet) = policy.check(report.at, report.member_joined_at, &recent) {
                    tx.rollback().await?;
                    return Err(StoreError::NotYet(not_yet));
                }
            }
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
                    set_round_note(&mut tx, case.id, Some(&RoundNote::NewReporter)).await?;
                }
                reopened
            } else {
                false
            };
            if case.lifecycle.decision == Decision::Withdrawn {
                revive_withdrawn(&mut tx, &case, report.at).await?;
            }
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
    }

    /// Serialise one member's intake across connections and processes. SQLite's write
    /// transaction (`BEGIN IMMEDIATE`) already does; PostgreSQL takes a transaction-scoped
    /// advisory lock keyed by the server and member.
    async fn lock_member(&self, conn: &mut AnyConnection, guild_id: u64, member: u64) -> Result<()> {
        if self.backend() == super::Backend::Postgres {
            let digest = Sha256::digest(format!("intake:{guild_id}:{member}").as_bytes());
            let mut key = [0u8; 8];
            key.copy_from_slice(&digest[..8]);
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(i64::from_be_bytes(key))
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
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
