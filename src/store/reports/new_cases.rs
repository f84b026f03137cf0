//! A batch's plain new cases, written together. A report whose account surely has no
//! case, from a member who is not muted and within the intake limit, with no evidence, is
//! planned in memory (its case number, whether its case queues) and written with the
//! batch's other such reports in one multi-row statement per table (claims, cases,
//! reports, cards) instead of five statements of its own, one round trip each on
//! PostgreSQL. Planned reports are written before any report that needs its own part, so
//! every part still reads what the reports before it wrote. A replay or a case another
//! process opened meanwhile shows as a row not written: then the whole batch is filed
//! again part by part, which answers each as before.

use std::collections::HashMap;
use std::sync::Arc;

use sqlx::AnyConnection;

use super::super::base::audit::Recorded;
use super::super::base::case_row::{case_from_row, CaseRecord, CASE_COLUMNS};
use super::super::base::outbox::{enqueue, item_key, OutboxKind};
use super::super::base::placeholders::{sized_query, Placeholders};
use super::super::base::write_tx::WriteTx;
use super::super::queue::MAX_WAITING_CARDS;
use super::{report_events, BatchFacts, Learned, NewReport, ReportOutcome};
use crate::domain::case::Lifecycle;
use crate::domain::intake::IntakePolicy;
use crate::store::{id_to_db, Backend, InteractionClaim, Result, StoreError};

/// A planned report: the batch's `index`-th, opening case `case_no`.
struct Planned<'a> {
    index: usize,
    report: &'a NewReport,
    claim: Option<&'a Arc<InteractionClaim>>,
    reporter: Option<u64>,
    case_no: i64,
    /// Its case enters the review queue instead of posting a card.
    queued: bool,
    /// It is the batch's first to queue in its server: it asks for the queue summary.
    asks_summary: bool,
}

/// What the written reports add to the batch: each one's answer by index, their audit
/// events and the claims to mark once the batch commits.
#[derive(Default)]
pub(in crate::store) struct Written {
    pub outcomes: Vec<(usize, ReportOutcome)>,
    pub events: Vec<Recorded>,
    pub claims: Vec<Arc<InteractionClaim>>,
}

/// The plain new cases planned and not yet written.
pub(in crate::store) struct NewCases<'a> {
    backend: Backend,
    planned: Vec<Planned<'a>>,
}

impl<'a> NewCases<'a> {
    pub(in crate::store) fn new(backend: Backend) -> Self {
        NewCases {
            backend,
            planned: Vec::new(),
        }
    }

    /// Plan the batch's `index`-th report if it is plain (see the module documentation):
    /// what it changes is told to `facts` now, as a kept part's would be. False when it
    /// needs a part of its own.
    pub(in crate::store) async fn plan(
        &mut self,
        conn: &mut AnyConnection,
        facts: &mut BatchFacts,
        index: usize,
        report: &'a NewReport,
        policy: Option<IntakePolicy>,
        claim: Option<&'a Arc<InteractionClaim>>,
    ) -> Result<bool> {
        let reporter = facts.reporter(report)?;
        if !report.evidence.is_empty() || !facts.surely_without_case(report) {
            return Ok(false);
        }
        if let Some(member) = reporter {
            let refused = policy.is_some_and(|policy| {
                let recent = facts.reports_since(report.guild_id, member, report.at.minus(policy.window));
                policy.check(report.at, report.member_joined_at, &recent).is_err()
            });
            if refused || facts.is_muted(report.guild_id, member, report.at) {
                return Ok(false);
            }
        }
        let queued = facts.waiting_cards(conn, report.guild_id).await? > MAX_WAITING_CARDS;
        let case_no = facts.case_no(conn, report.guild_id).await?;
        let asks_summary = queued && !facts.summary_asked(report.guild_id);
        facts.learn(
            report,
            reporter,
            Learned::Filed {
                opened: Some(case_no),
                queued,
            },
        );
        self.planned.push(Planned {
            index,
            report,
            claim,
            reporter,
            case_no,
            queued,
            asks_summary,
        });
        Ok(true)
    }

    /// Write every planned report. `None` when a row could not be written as planned (a
    /// replayed interaction, an account opened meanwhile, a row the database refused):
    /// the batch must be filed again part by part, and this transaction rolled back, so
    /// that a report which fails fails alone.
    pub(in crate::store) async fn write(&mut self, tx: &mut WriteTx, facts: &BatchFacts) -> Result<Option<Written>> {
        let planned = std::mem::take(&mut self.planned);
        if planned.is_empty() {
            return Ok(Some(Written::default()));
        }
        tx.end_parts().await?;
        match write_planned(tx, Placeholders(self.backend), facts, planned).await {
            Err(StoreError::Database { op, source }) => {
                tracing::debug!(?op, error = %source, "plain new cases not written together; filing part by part");
                Ok(None)
            }
            written => written,
        }
    }
}

async fn write_planned(
    tx: &mut WriteTx,
    sql: Placeholders,
    facts: &BatchFacts,
    planned: Vec<Planned<'_>>,
) -> Result<Option<Written>> {
    if !insert_claims(tx, sql, &planned).await? {
        return Ok(None);
    }
    let Some(cases) = insert_cases(tx, sql, facts, &planned).await? else {
        return Ok(None);
    };
    if !insert_reports(tx, sql, &planned, &cases).await? {
        return Ok(None);
    }
    insert_cards(tx, sql, &planned, &cases).await?;
    ask_summaries(tx, &planned).await?;
    Ok(Some(written(planned, cases)))
}

/// The answers, events and claims of reports written as planned.
fn written(planned: Vec<Planned<'_>>, mut cases: HashMap<(u64, i64), CaseRecord>) -> Written {
    let mut done = Written::default();
    for p in planned {
        let Some(case) = cases.remove(&(p.report.guild_id, p.case_no)) else {
            continue;
        };
        done.events.extend(report_events(p.report, &case, true, false));
        done.claims.extend(p.claim.cloned());
        done.outcomes.push((p.index, ReportOutcome::NewCase { case }));
    }
    done
}

/// Claim the planned reports' interactions; false if one was claimed before.
async fn insert_claims(tx: &mut WriteTx, sql: Placeholders, planned: &[Planned<'_>]) -> Result<bool> {
    let claims: Vec<&InteractionClaim> = planned.iter().filter_map(|p| p.claim.map(|c| &**c)).collect();
    if claims.is_empty() {
        return Ok(true);
    }
    let text = format!(
        "INSERT INTO handled_interactions (interaction_id, handled_at) VALUES {} \
         ON CONFLICT (interaction_id) DO NOTHING",
        sql.rows(claims.len(), 2, "")
    );
    let mut query = sized_query(text, claims.len());
    for claim in &claims {
        query = query.bind(id_to_db(claim.id)).bind(claim.at.0);
    }
    let inserted = query.execute(&mut **tx).await?.rows_affected();
    Ok(usize::try_from(inserted).is_ok_and(|n| n == claims.len()))
}

/// Open the planned cases, queued ones already in the queue (as `mark_queued` leaves
/// them); by (server, case number), or `None` if an account got a case meanwhile.
async fn insert_cases(
    tx: &mut WriteTx,
    sql: Placeholders,
    facts: &BatchFacts,
    planned: &[Planned<'_>],
) -> Result<Option<HashMap<(u64, i64), CaseRecord>>> {
    const COLS: usize = 11;
    let text = format!(
        "INSERT INTO cases (guild_id, case_no, account_key, platform, decision, round, window_ends_at, queued, \
         queued_at, created_at, updated_at) VALUES {} ON CONFLICT (guild_id, account_key) DO NOTHING \
         RETURNING {CASE_COLUMNS}",
        sql.rows(planned.len(), COLS, "")
    );
    let mut query = sized_query(text, planned.len());
    for p in planned {
        let r = p.report;
        let life = Lifecycle::open(r.at, facts.settings(r.guild_id)?.policy.window);
        let window_ends_at = if p.queued { None } else { life.window_ends_at };
        query = query
            .bind(id_to_db(r.guild_id))
            .bind(p.case_no)
            .bind(r.key.to_string())
            .bind(r.key.platform().as_str())
            .bind(life.decision.as_str())
            .bind(i64::from(life.round))
            .bind(window_ends_at.map(|m| m.0))
            .bind(i64::from(p.queued))
            .bind(p.queued.then_some(r.at.0))
            .bind(r.at.0)
            .bind(r.at.0);
    }
    let rows = query.fetch_all(&mut **tx).await?;
    if rows.len() != planned.len() {
        return Ok(None);
    }
    let mut cases = HashMap::with_capacity(rows.len());
    for row in &rows {
        let case = case_from_row(row)?;
        cases.insert((case.guild_id, case.case_no), case);
    }
    Ok(Some(cases))
}

/// The planned reports, into their new cases; false if an interaction was filed before.
async fn insert_reports(
    tx: &mut WriteTx,
    sql: Placeholders,
    planned: &[Planned<'_>],
    cases: &HashMap<(u64, i64), CaseRecord>,
) -> Result<bool> {
    const COLS: usize = 8;
    let text = format!(
        "INSERT INTO reports (case_id, reporter_id, reason, details, source, interaction_id, member_joined_at, \
         created_at, muted) VALUES {} ON CONFLICT (interaction_id) DO NOTHING",
        sql.rows(planned.len(), COLS, "0")
    );
    let mut query = sized_query(text, planned.len());
    for p in planned {
        let r = p.report;
        let case_id = cases.get(&(r.guild_id, p.case_no)).map(|c| c.id);
        query = query
            .bind(case_id)
            .bind(p.reporter.map(id_to_db))
            .bind(r.reason.as_str())
            .bind(r.details.as_deref())
            .bind(r.source.as_str())
            .bind(r.interaction_id.map(id_to_db))
            .bind(r.member_joined_at.map(|m| m.0))
            .bind(r.at.0);
    }
    let inserted = query.execute(&mut **tx).await?.rows_affected();
    Ok(usize::try_from(inserted).is_ok_and(|n| n == planned.len()))
}

/// Ask for the cards of the new cases that did not queue (as `enqueue_card`: a card
/// kind is not paced, so no pacing row is read). The cases are this transaction's own, so
/// no waiting item can exist to lock (see `enqueue`); a conflict is only two reports of
/// one new case in the batch, which `DO NOTHING` folds into one row.
async fn insert_cards(
    tx: &mut WriteTx,
    sql: Placeholders,
    planned: &[Planned<'_>],
    cases: &HashMap<(u64, i64), CaseRecord>,
) -> Result<()> {
    let cards: Vec<(u64, i64, i64)> = planned
        .iter()
        .filter(|p| !p.queued)
        .filter_map(|p| {
            let case = cases.get(&(p.report.guild_id, p.case_no))?;
            Some((p.report.guild_id, case.id, p.report.at.0))
        })
        .collect();
    if cards.is_empty() {
        return Ok(());
    }
    let text = format!(
        "INSERT INTO outbox (guild_id, item_key, kind, target, created_at, not_before) VALUES {} \
         ON CONFLICT (item_key) WHERE claimed_at IS NULL DO NOTHING",
        sql.rows(cards.len(), 6, "")
    );
    let mut query = sized_query(text, cards.len());
    for (guild_id, case_id, at) in cards {
        query = query
            .bind(id_to_db(guild_id))
            .bind(item_key(OutboxKind::Card, guild_id, Some(case_id)))
            .bind(OutboxKind::Card.as_str())
            .bind(case_id)
            .bind(at)
            .bind(at);
    }
    query.execute(&mut **tx).await?;
    tx.queued_outbox();
    Ok(())
}

/// Ask for the queue summary of each server where a planned case is the batch's first to
/// queue (as `enter_queue` does; the others only `mark_queued`).
async fn ask_summaries(tx: &mut WriteTx, planned: &[Planned<'_>]) -> Result<()> {
    for p in planned.iter().filter(|p| p.asks_summary) {
        enqueue(tx, p.report.guild_id, OutboxKind::QueueSummary, None, p.report.at).await?;
    }
    Ok(())
}
