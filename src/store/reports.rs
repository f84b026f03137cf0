//! Reports: filing a report into its case (opening, merging or re-opening it), with its
//! evidence and audit events.

mod facts;
mod intake_read;
mod new_cases;

use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

use super::base::audit::Recorded;
use super::base::case_row::{
    case_by_key, case_by_no, case_from_row, distinct_reporters, kept_case, set_round_note, CaseRecord, CASE_COLUMNS,
};
use super::base::guild_row::GuildSettings;
use super::base::mute::COUNTED;
use super::base::outbox::enqueue_card;
use super::base::transition::{claim_interaction, transition};
use super::base::write_tx::WriteTx;
use super::queue::{enter_queue, mark_queued, MAX_WAITING_CARDS};
use super::{id_to_db, InteractionClaim, Result, Store, StoreError};
use crate::domain::account::AccountKey;
use crate::domain::audit::{Actor, AuditKind};
use crate::domain::case::{Decision, Lifecycle, RoundNote};
use crate::domain::intake::IntakePolicy;
use crate::domain::reason::ReasonCategory;
use crate::domain::time::Millis;
pub(super) use facts::{BatchFacts, Learned};
pub(super) use new_cases::{NewCases, Written};

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

/// A report filed in its part of a batch. `keep` is false when the part must be undone
/// (the interaction was filed before).
pub(super) struct Filed {
    pub outcome: ReportOutcome,
    pub events: Vec<Recorded>,
    pub keep: bool,
}

/// Open a case for `key` unless one exists (the unique key decides, not a prior read;
/// none is made when the batch knows there is no case). Returns the case and whether this
/// call created it.
async fn open_case(conn: &mut AnyConnection, report: &NewReport, facts: &BatchFacts) -> Result<(CaseRecord, bool)> {
    if !facts.surely_without_case(report) {
        if let Some(case) = case_by_key(conn, report.guild_id, &report.key).await? {
            return Ok((case, false));
        }
    }
    let settings = facts.settings(report.guild_id)?;
    let life = Lifecycle::open(report.at, settings.policy.window);
    let case_no = facts.case_no(conn, report.guild_id).await?;
    let sql = format!(
        "INSERT INTO cases (guild_id, case_no, account_key, platform, decision, round, window_ends_at, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
         ON CONFLICT (guild_id, account_key) DO NOTHING RETURNING {CASE_COLUMNS}"
    );
    let inserted = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id_to_db(report.guild_id))
        .bind(case_no)
        .bind(report.key.to_string())
        .bind(report.key.platform().as_str())
        .bind(life.decision.as_str())
        .bind(i64::from(life.round))
        .bind(life.window_ends_at.map(|m| m.0))
        .bind(report.at.0)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(row) = inserted {
        return Ok((case_from_row(&row)?, true));
    }
    // Another process opened it since the read above.
    let case = case_by_key(conn, report.guild_id, &report.key)
        .await?
        .ok_or_else(|| StoreError::Corrupt("case vanished after insert".into()))?;
    Ok((case, false))
}

/// Insert the report row under `reporter`; `None` when this interaction was already filed.
async fn insert_report(
    conn: &mut AnyConnection,
    case_id: i64,
    r: &NewReport,
    reporter: Option<u64>,
    muted: bool,
) -> Result<Option<i64>> {
    let id = sqlx::query_scalar(
        "INSERT INTO reports (case_id, reporter_id, reason, details, source, interaction_id, member_joined_at, created_at, muted) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (interaction_id) DO NOTHING RETURNING id",
    )
    .bind(case_id)
    .bind(reporter.map(id_to_db))
    .bind(r.reason.as_str())
    .bind(r.details.as_deref())
    .bind(r.source.as_str())
    .bind(r.interaction_id.map(id_to_db))
    .bind(r.member_joined_at.map(|m| m.0))
    .bind(r.at.0)
    .bind(i64::from(muted))
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
async fn revive_withdrawn(tx: &mut WriteTx, case: &CaseRecord, at: Millis, settings: &GuildSettings) -> Result<()> {
    let next = case.lifecycle.reopen_withdrawn(at, settings.policy.window)?;
    transition(tx, case, next, at).await?;
    Ok(())
}

impl Store {
    /// File a report, opening or merging into its case, and commit before returning:
    /// the caller acknowledges the report only after this succeeds.
    pub async fn file_report(&self, report: NewReport) -> Result<ReportOutcome> {
        self.op("file_report", self.submit_report(report, None)).await
    }

    /// File a member's report only if the server's intake policy allows it now
    /// ([`StoreError::NotYet`] otherwise). The member's recent reports are counted inside
    /// the filing transaction, under a per-member lock, so parallel reports cannot
    /// overshoot the limit.
    pub async fn file_report_within(&self, report: NewReport, policy: IntakePolicy) -> Result<ReportOutcome> {
        self.op("file_report_within", self.submit_report(report, Some(policy)))
            .await
    }
}

/// File one report in its part of a batch's transaction (see `report_batch`), claiming
/// `claim`'s interaction in it. Its audit events are handed back, to be appended when the
/// batch ends; what it changed is told to `facts` once it cannot fail.
pub(super) async fn file_in(
    tx: &mut WriteTx,
    facts: &mut BatchFacts,
    report: &NewReport,
    policy: Option<IntakePolicy>,
    claim: Option<&InteractionClaim>,
) -> Result<Filed> {
    if let Some(claim) = claim {
        claim_interaction(tx, claim.id, claim.at).await?;
    }
    let reporter = facts.reporter(report)?;
    if let (Some(policy), Some(member)) = (policy, reporter) {
        // The member's intake lock was taken when the batch read their reports.
        let recent = facts.reports_since(report.guild_id, member, report.at.minus(policy.window));
        policy
            .check(report.at, report.member_joined_at, &recent)
            .map_err(StoreError::NotYet)?;
    }
    if let Some(member) = reporter {
        if facts.is_muted(report.guild_id, member, report.at) {
            let settings = facts.settings(report.guild_id)?;
            let filed = file_muted(tx, facts, report, member, settings).await?;
            if filed.keep {
                let opened =
                    matches!(filed.outcome, ReportOutcome::NewCase { .. }).then(|| filed.outcome.case().case_no);
                facts.learn(report, reporter, Learned::Muted { opened });
            }
            return Ok(filed);
        }
    }
    let (case, created) = open_case(tx, report, facts).await?;
    let settings = facts.settings(report.guild_id)?;
    let Some(report_id) = insert_report(tx, case.id, report, reporter, false).await? else {
        return Ok(Filed {
            outcome: ReportOutcome::AlreadyFiled { case },
            events: Vec::new(),
            keep: false,
        });
    };
    let reopened = case.lifecycle.decision == Decision::Dismissed
        && is_first_from_reporter(tx, case.id, report_id, reporter).await?
        && reopen(tx, &case, report.at, settings).await?;
    let revived = case.lifecycle.decision == Decision::Withdrawn;
    if revived {
        revive_withdrawn(tx, &case, report.at, settings).await?;
    }
    insert_evidence(tx, report_id, &report.evidence).await?;
    let queued = created && facts.waiting_cards(tx, report.guild_id).await? > MAX_WAITING_CARDS;
    if queued && facts.summary_asked(report.guild_id) {
        mark_queued(tx, &case, report.at).await?;
    } else if queued {
        enter_queue(tx, &case, report.at).await?;
    } else if !case.queued {
        enqueue_card(tx, report.guild_id, case.id, report.at).await?;
    }
    let events = report_events(report, &case, created, reopened);
    let case = if reopened || revived {
        // Changed in this part by its transition: read it again.
        case_by_no(tx, report.guild_id, case.case_no).await?
    } else if queued {
        // Just opened, then queued: what `mark_queued` wrote.
        CaseRecord {
            queued: true,
            lifecycle: Lifecycle {
                window_ends_at: None,
                ..case.lifecycle
            },
            ..case
        }
    } else {
        case
    };
    let opened = created.then_some(case.case_no);
    let outcome = if created {
        ReportOutcome::NewCase { case }
    } else {
        let reporters = distinct_reporters(tx, case.id).await?;
        if reopened {
            ReportOutcome::Reopened { case, reporters }
        } else {
            ReportOutcome::Merged { case, reporters }
        }
    };
    facts.learn(report, reporter, Learned::Filed { opened, queued });
    Ok(Filed {
        outcome,
        events,
        keep: true,
    })
}

/// A muted member's report: kept, and answered exactly as it would be were the member not
/// muted (the member is not told), but it changes no case (no opening, re-opening,
/// revival or card update) and counts toward nothing, for good: a mute marks the reports
/// filed under it, so one that lapses or is lifted needs no rewriting of rows.
async fn file_muted(
    tx: &mut WriteTx,
    facts: &BatchFacts,
    report: &NewReport,
    member: u64,
    settings: &GuildSettings,
) -> Result<Filed> {
    let Some(case) = case_by_key(tx, report.guild_id, &report.key).await? else {
        return keep_report(tx, facts, report, member, settings).await;
    };
    let Some(report_id) = insert_report(tx, case.id, report, Some(member), true).await? else {
        return Ok(Filed {
            outcome: ReportOutcome::AlreadyFiled { case },
            events: Vec::new(),
            keep: false,
        });
    };
    insert_evidence(tx, report_id, &report.evidence).await?;
    let first = is_first_from_reporter(tx, case.id, report_id, Some(member)).await?;
    let reporters = reporters_as_seen_by(tx, case.id, member).await?;
    let events = muted_events(report, Recorded::about(report, Some(case.id)), case.case_no);
    let outcome = if first && case.lifecycle.decision == Decision::Dismissed {
        ReportOutcome::Reopened { case, reporters }
    } else {
        ReportOutcome::Merged { case, reporters }
    };
    Ok(Filed {
        outcome,
        events,
        keep: true,
    })
}

/// The reporters a member would be told a case has after their report: those who count,
/// with the member.
async fn reporters_as_seen_by(conn: &mut AnyConnection, case_id: i64, member: u64) -> Result<u32> {
    let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(DISTINCT COALESCE(reporter_id, -1)) FROM reports WHERE case_id = $1 AND (({COUNTED}) OR reporter_id = $2)"
    )))
    .bind(case_id)
    .bind(id_to_db(member))
    .fetch_one(&mut *conn)
    .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// A muted member's report on an account with no case: kept in `kept_reports`, under a
/// case number reserved for the account (shared by every muted report of it), so the
/// answer names a number like any new case's. No case opens, now or at unmute.
async fn keep_report(
    tx: &mut WriteTx,
    facts: &BatchFacts,
    report: &NewReport,
    member: u64,
    settings: &GuildSettings,
) -> Result<Filed> {
    let (case_no, created) = kept_case_no(tx, facts, report).await?;
    let kept: Option<i64> = sqlx::query_scalar(
        "INSERT INTO kept_reports (guild_id, account_key, reporter_id, reason, details, interaction_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (interaction_id) DO NOTHING RETURNING id",
    )
    .bind(id_to_db(report.guild_id))
    .bind(report.key.to_string())
    .bind(id_to_db(member))
    .bind(report.reason.as_str())
    .bind(report.details.as_deref())
    .bind(report.interaction_id.map(id_to_db))
    .bind(report.at.0)
    .fetch_optional(&mut **tx)
    .await?;
    let case = as_new_case(report, case_no, settings);
    if kept.is_none() {
        return Ok(Filed {
            outcome: ReportOutcome::AlreadyFiled { case },
            events: Vec::new(),
            keep: false,
        });
    }
    let events = muted_events(report, Recorded::about(report, None), case_no);
    let outcome = if created {
        ReportOutcome::NewCase { case }
    } else {
        let reporters: i64 = sqlx::query_scalar(
            "SELECT COUNT(DISTINCT reporter_id) FROM kept_reports WHERE guild_id = $1 AND account_key = $2",
        )
        .bind(id_to_db(report.guild_id))
        .bind(report.key.to_string())
        .fetch_one(&mut **tx)
        .await?;
        ReportOutcome::Merged {
            case,
            reporters: u32::try_from(reporters).unwrap_or(u32::MAX),
        }
    };
    Ok(Filed {
        outcome,
        events,
        keep: true,
    })
}

/// The case number kept for an account's muted reports, reserved by the first of them
/// (the primary key decides, as for cases); whether this call reserved it.
async fn kept_case_no(tx: &mut WriteTx, facts: &BatchFacts, report: &NewReport) -> Result<(i64, bool)> {
    let existing = || {
        sqlx::query_scalar::<_, i64>("SELECT case_no FROM kept_cases WHERE guild_id = $1 AND account_key = $2")
            .bind(id_to_db(report.guild_id))
            .bind(report.key.to_string())
    };
    if let Some(no) = existing().fetch_optional(&mut **tx).await? {
        return Ok((no, false));
    }
    let no = facts.case_no(tx, report.guild_id).await?;
    let inserted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO kept_cases (guild_id, account_key, case_no) VALUES ($1, $2, $3) \
         ON CONFLICT (guild_id, account_key) DO NOTHING RETURNING case_no",
    )
    .bind(id_to_db(report.guild_id))
    .bind(report.key.to_string())
    .bind(no)
    .fetch_optional(&mut **tx)
    .await?;
    match inserted {
        Some(no) => Ok((no, true)),
        None => Ok((existing().fetch_one(&mut **tx).await?, false)),
    }
}

/// The case a kept report's answer describes: as a case opened by it would read.
fn as_new_case(report: &NewReport, case_no: i64, settings: &GuildSettings) -> CaseRecord {
    kept_case(
        report.guild_id,
        case_no,
        report.key.clone(),
        report.at,
        settings.policy.window,
    )
}

/// The audit event of a muted member's report (actor `reporter`, as every report).
fn muted_events(report: &NewReport, event: Recorded, case_no: i64) -> Vec<Recorded> {
    let kind = if event.case_id.is_some() {
        AuditKind::ReportFiled
    } else {
        AuditKind::ReportKept
    };
    vec![Recorded {
        kind,
        payload: json!({"case_no": case_no, "reason": report.reason.as_str(), "source": report.source.as_str(),
            "account": report.key.to_string(), "muted": true}),
        ..event
    }]
}

impl Recorded {
    /// An event of `report` about `case_id`, its kind and payload still to be set.
    fn about(report: &NewReport, case_id: Option<i64>) -> Recorded {
        Recorded {
            guild_id: report.guild_id,
            case_id,
            actor: Actor::Reporter,
            kind: AuditKind::ReportFiled,
            payload: serde_json::Value::Null,
            at: report.at,
        }
    }
}

/// A dismissed case reported by a new member is pending a vote again; returns whether
/// this call re-opened it.
async fn reopen(tx: &mut WriteTx, case: &CaseRecord, at: Millis, settings: &GuildSettings) -> Result<bool> {
    let next = case.lifecycle.reopen_for_new_reporter(at, settings.policy.window)?;
    let reopened = transition(tx, case, next, at).await?;
    if reopened {
        set_round_note(tx, case.id, Some(&RoundNote::NewReporter)).await?;
    }
    Ok(reopened)
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

/// The audit events of a filed report.
fn report_events(r: &NewReport, case: &CaseRecord, created: bool, reopened: bool) -> Vec<Recorded> {
    // Reporter identities stay out of the append-only log so `/forget-me` can honour them.
    let actor = match r.source {
        ReportSource::Discord => Actor::Reporter,
        ReportSource::Import => Actor::Cli,
    };
    let mut events = Vec::new();
    if created {
        events.push((
            AuditKind::CaseOpened,
            json!({"case_no": case.case_no, "account": r.key.to_string()}),
        ));
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
    events
        .into_iter()
        .map(|(kind, payload)| Recorded {
            guild_id: r.guild_id,
            case_id: Some(case.id),
            actor: actor.clone(),
            kind,
            payload,
            at: r.at,
        })
        .collect()
}
