//! Reading cases out for export, with everything agencies need and no reporter identity.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::base::audit::Event;
use super::base::case_row::{aliases_within, case_from_row, CaseRecord};
use super::base::guild_row::ensure_guild;
use super::base::mute::COUNTED;
use super::{id_to_db, Result, Store, StoreError};
use crate::domain::account::AccountKey;
use crate::domain::case::Decision;
use crate::domain::reason::ReasonCategory;
use crate::domain::time::Millis;
use crate::domain::vote::{Tally, VoteChoice};

/// One case with its aggregates, ready for any export format.
#[derive(Debug, Clone)]
pub struct CaseExport {
    pub case: CaseRecord,
    /// The account's other keys (`/case alias add`, or a case merged into this one).
    pub aliases: Vec<AccountKey>,
    /// The number of the case this one was merged into (`/case merge`).
    pub merged_into: Option<i64>,
    pub reasons: BTreeSet<ReasonCategory>,
    pub report_count: u64,
    pub first_reported_at: Option<Millis>,
    pub last_reported_at: Option<Millis>,
    pub evidence: Vec<EvidenceExport>,
    /// Vote counts per round, oldest round first.
    pub votes: Vec<(u32, Tally)>,
    pub history: Vec<HistoryEntry>,
}

/// A piece of evidence as exported (links, or attachments by name, size, type, hash).
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceExport {
    pub kind: String,
    pub url: Option<String>,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub size_bytes: Option<i64>,
    pub sha256: Option<String>,
    pub status: String,
}

/// An audit event of the case, with the actor reduced to its role.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub at: Millis,
    pub kind: String,
    pub actor: String,
    pub details: serde_json::Value,
}

#[derive(Default)]
struct ReportAgg {
    reasons: BTreeSet<ReasonCategory>,
    count: u64,
    first: Option<Millis>,
    last: Option<Millis>,
}

impl Store {
    /// Every case of a server (optionally with one decision), by case number.
    pub async fn export_cases(&self, guild_id: u64, decision: Option<Decision>) -> Result<Vec<CaseExport>> {
        self.op("export_cases", self.export_scope(guild_id, decision, None))
            .await
    }

    /// The cases of a server with these ids (a page of a TAXII collection), by case
    /// number, with only what the feed serves: their report aggregates, not their
    /// evidence, votes or history (which the feed never shows, and whose audit-log read
    /// would cost every page). Only these cases are read, not the whole server.
    pub async fn feed_cases_by_id(&self, guild_id: u64, ids: &[i64]) -> Result<Vec<CaseExport>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.op("feed_cases_by_id", self.export_scope(guild_id, None, Some(ids)))
            .await
    }

    async fn export_scope(
        &self,
        guild_id: u64,
        decision: Option<Decision>,
        ids: Option<&[i64]>,
    ) -> Result<Vec<CaseExport>> {
        let guild = id_to_db(guild_id);
        // Which rows, by the columns naming their server and case. Ids are numbers read
        // from the database: written into the SQL, not bound. With ids (a feed page) the
        // server's column is compared through `+`, which no index serves, so the planner
        // looks up the page's cases by id instead of walking every case and audit event
        // of the server for each page.
        let within = |guild_col: &str, case_col: &str| match ids {
            Some(ids) => {
                let list: Vec<String> = ids.iter().map(i64::to_string).collect();
                format!("+{guild_col} = $1 AND {case_col} IN ({})", list.join(", "))
            }
            None => format!("{guild_col} = $1"),
        };
        let filter = if decision.is_some() { " AND c.decision = $2" } else { "" };
        let sql = format!(
            "SELECT c.*, m.case_no AS merged_into_no FROM cases c LEFT JOIN cases m ON m.id = c.merged_into \
             WHERE {}{filter} ORDER BY c.case_no",
            within("c.guild_id", "c.id")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(guild);
        if let Some(d) = decision {
            query = query.bind(d.as_str());
        }
        let cases = query.fetch_all(&self.pool).await?;
        let by_case = within("c.guild_id", "c.id");
        let mut reports = self.report_aggregates(guild, &by_case).await?;
        let mut aliases = aliases_within(&mut *self.pool.acquire().await?, guild, &by_case).await?;
        // A feed read (by ids) leaves evidence, votes and history empty.
        let (mut evidence, mut votes, mut history) = match ids {
            Some(_) => Default::default(),
            None => (
                self.evidence_by_case(guild, &by_case).await?,
                self.votes_by_case(guild, &by_case).await?,
                self.history_by_case(guild, &within("guild_id", "case_id")).await?,
            ),
        };
        cases
            .iter()
            .map(|row| {
                let case = case_from_row(row)?;
                let agg = reports.remove(&case.id).unwrap_or_default();
                Ok(CaseExport {
                    aliases: aliases.remove(&case.id).unwrap_or_default(),
                    merged_into: row.try_get("merged_into_no")?,
                    reasons: agg.reasons,
                    report_count: agg.count,
                    first_reported_at: agg.first,
                    last_reported_at: agg.last,
                    evidence: evidence.remove(&case.id).unwrap_or_default(),
                    votes: votes.remove(&case.id).unwrap_or_default(),
                    history: history.remove(&case.id).unwrap_or_default(),
                    case,
                })
            })
            .collect()
    }

    async fn report_aggregates(&self, guild: i64, within: &str) -> Result<HashMap<i64, ReportAgg>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT r.case_id, r.reason, COUNT(*) AS n, MIN(r.created_at) AS first, MAX(r.created_at) AS last \
             FROM reports r JOIN cases c ON c.id = r.case_id WHERE {within} AND {COUNTED} GROUP BY r.case_id, r.reason",
        )))
        .bind(guild)
        .fetch_all(&self.pool)
        .await?;
        let mut out: HashMap<i64, ReportAgg> = HashMap::new();
        for row in rows {
            let agg = out.entry(row.try_get("case_id")?).or_default();
            agg.reasons.insert(super::parse_col(&row, "reason")?);
            agg.count += u64::try_from(row.try_get::<i64, _>("n")?).unwrap_or(0);
            let (first, last) = (Millis(row.try_get("first")?), Millis(row.try_get("last")?));
            agg.first = Some(agg.first.map_or(first, |f| f.min(first)));
            agg.last = Some(agg.last.map_or(last, |l| l.max(last)));
        }
        Ok(out)
    }

    async fn evidence_by_case(&self, guild: i64, within: &str) -> Result<HashMap<i64, Vec<EvidenceExport>>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT r.case_id, e.kind, e.url, e.filename, e.content_type, e.size_bytes, e.sha256, e.status \
             FROM evidence e JOIN reports r ON r.id = e.report_id JOIN cases c ON c.id = r.case_id \
             WHERE {within} ORDER BY e.id",
        )))
        .bind(guild)
        .fetch_all(&self.pool)
        .await?;
        let mut out: HashMap<i64, Vec<EvidenceExport>> = HashMap::new();
        for row in rows {
            out.entry(row.try_get("case_id")?)
                .or_default()
                .push(evidence_from_row(&row)?);
        }
        Ok(out)
    }

    async fn votes_by_case(&self, guild: i64, within: &str) -> Result<HashMap<i64, Vec<(u32, Tally)>>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT v.case_id, v.round, v.choice FROM votes v JOIN cases c ON c.id = v.case_id \
             WHERE {within} ORDER BY v.case_id, v.round",
        )))
        .bind(guild)
        .fetch_all(&self.pool)
        .await?;
        let mut out: HashMap<i64, Vec<(u32, Tally)>> = HashMap::new();
        for row in rows {
            let round =
                u32::try_from(row.try_get::<i64, _>("round")?).map_err(|_| StoreError::Corrupt("round".into()))?;
            let choice: VoteChoice = super::parse_col(&row, "choice")?;
            let rounds = out.entry(row.try_get("case_id")?).or_default();
            if rounds.last().map(|(r, _)| *r) != Some(round) {
                rounds.push((round, Tally::default()));
            }
            if let Some((_, tally)) = rounds.last_mut() {
                tally.add(choice);
            }
        }
        Ok(out)
    }

    async fn history_by_case(&self, guild: i64, within: &str) -> Result<HashMap<i64, Vec<HistoryEntry>>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT case_id, at, actor, kind, payload FROM audit_events WHERE {within} AND case_id IS NOT NULL ORDER BY seq",
        )))
        .bind(guild)
        .fetch_all(&self.pool)
        .await?;
        let mut out: HashMap<i64, Vec<HistoryEntry>> = HashMap::new();
        for row in rows {
            let actor: String = row.try_get("actor")?;
            let payload: String = row.try_get("payload")?;
            out.entry(row.try_get("case_id")?).or_default().push(HistoryEntry {
                at: Millis(row.try_get("at")?),
                kind: row.try_get("kind")?,
                actor: actor.split(':').next().unwrap_or_default().to_owned(),
                details: serde_json::from_str(&payload)
                    .map_err(|e| StoreError::Corrupt(format!("audit payload: {e}")))?,
            });
        }
        Ok(out)
    }
}

fn evidence_from_row(row: &AnyRow) -> Result<EvidenceExport> {
    Ok(EvidenceExport {
        kind: row.try_get("kind")?,
        url: row.try_get("url")?,
        filename: row.try_get("filename")?,
        content_type: row.try_get("content_type")?,
        size_bytes: row.try_get("size_bytes")?,
        sha256: row.try_get("sha256")?,
        status: row.try_get("status")?,
    })
}

impl Store {
    /// Record that cases were exported (who, which format, how many).
    pub async fn record_export(
        &self,
        guild_id: u64,
        actor: &crate::domain::audit::Actor,
        format: &str,
        decision: Option<Decision>,
        cases: usize,
        at: Millis,
    ) -> Result<()> {
        self.write_op("record_export", move || async move {
            let mut tx = self.begin_write().await?;
            ensure_guild(&mut tx, guild_id, at).await?;
            let payload =
                serde_json::json!({"format": format, "decision": decision.map(Decision::as_str), "cases": cases});
            let kind = crate::domain::audit::AuditKind::Exported;
            tx.audit(Event {
                guild_id,
                case_id: None,
                actor,
                kind,
                payload,
                at,
            });
            tx.commit().await?;
            Ok(())
        })
        .await
    }
}
