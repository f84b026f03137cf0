//! Group commit for reports. A burst of `/report`s would otherwise queue one transaction
//! (and, on SQLite, one fsync) per report behind the single writer or behind each
//! server's hot rows (the case-number counter, the audit chain's head). Instead a writer
//! task per lane takes every report waiting, files each in its own part of one
//! transaction (a savepoint, so a refused or failing report is undone alone), appends the
//! batch's audit events per server at the end, commits once, and only then answers each
//! caller. A report whose part failed on a database error, and every report of a batch
//! whose transaction failed, is filed again alone, so one bad report cannot fail others;
//! one that PostgreSQL failed to break a deadlock is filed again until it is not
//! (`Store::retrying`), so no member is told a report failed for another's timing.
//! Before the first part the batch reads, in one statement for all its reports, what every
//! part would otherwise read for itself (`reports::facts`), and a kept part is
//! released with the next part's savepoint: on PostgreSQL, where each statement is a
//! network round trip, a new case's report takes five statements instead of thirteen.
//! Plain new cases (most of a burst) take no part at all: they are written together, one
//! multi-row statement per table for the whole batch (`reports::new_cases`).

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

use super::base::audit::Recorded;
use super::base::write_tx::WriteTx;
use super::reports::{file_in, BatchFacts, NewCases, Written};
use super::{is_deadlock_victim, Backend, InteractionClaim, NewReport, ReportOutcome, Result, Store, StoreError};
use crate::domain::intake::IntakePolicy;

/// Most reports committed together: a larger batch answers its first reports later.
const MAX_BATCH: usize = 128;

/// A report waiting for its batch.
struct Job {
    report: NewReport,
    policy: Option<IntakePolicy>,
    /// The interaction to claim in the report's part, unless the handler's store already
    /// committed its claim.
    claim: Option<Arc<InteractionClaim>>,
    answer: oneshot::Sender<Result<ReportOutcome>>,
}

/// The writer tasks' queues. A server's reports always go to the same lane, so lanes
/// never wait on each other's hot rows; SQLite has one writer, so one lane.
#[derive(Debug)]
pub(crate) struct Lanes {
    queues: Vec<mpsc::UnboundedSender<Job>>,
    /// Each server's lane, given in turn as servers first report, so that as many servers
    /// as lanes each get one (a hash of their ids would often put two on one lane).
    assigned: std::sync::Mutex<HashMap<u64, usize>>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").field("guild_id", &self.report.guild_id).finish()
    }
}

impl Lanes {
    /// Start the writer tasks on the current runtime. `direct` files batches itself; the
    /// tasks end when the last handle holding these lanes is dropped.
    pub(super) fn start(direct: &Store) -> Lanes {
        let count = match direct.backend {
            Backend::Sqlite => 1,
            Backend::Postgres => 4,
        };
        let queues = (0..count)
            .map(|_| {
                let (queue, waiting) = mpsc::unbounded_channel();
                tokio::spawn(write_batches(direct.clone(), waiting));
                queue
            })
            .collect();
        Lanes {
            queues,
            assigned: std::sync::Mutex::default(),
        }
    }

    fn lane(&self, guild_id: u64) -> Option<&mpsc::UnboundedSender<Job>> {
        // A panic elsewhere while holding the map leaves it usable.
        let mut assigned = self.assigned.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let next = assigned.len() % self.queues.len().max(1);
        let index = *assigned.entry(guild_id).or_insert(next);
        self.queues.get(index)
    }
}

/// One lane's writer: each turn takes every report waiting (up to [`MAX_BATCH`]).
async fn write_batches(store: Store, mut waiting: mpsc::UnboundedReceiver<Job>) {
    while let Some(first) = waiting.recv().await {
        let mut jobs = vec![first];
        while jobs.len() < MAX_BATCH {
            match waiting.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        store.file_batch(jobs).await;
    }
}

/// The writer task is gone (its runtime shut down): nothing was filed.
fn writer_gone() -> StoreError {
    StoreError::Database {
        op: None,
        source: sqlx::Error::WorkerCrashed,
    }
}

impl Store {
    /// File `report` in the next batch of its lane and wait until that batch committed.
    pub(super) async fn submit_report(&self, report: NewReport, policy: Option<IntakePolicy>) -> Result<ReportOutcome> {
        let claim = self
            .interaction
            .clone()
            .filter(|c| !c.committed.load(Ordering::Acquire));
        let (answer, answered) = oneshot::channel();
        let guild_id = report.guild_id;
        let job = Job {
            report,
            policy,
            claim,
            answer,
        };
        match self.lanes.as_ref() {
            Some(lanes) => lanes
                .lane(guild_id)
                .ok_or_else(writer_gone)?
                .send(job)
                .map_err(|_| writer_gone())?,
            None => self.file_batch(vec![job]).await,
        }
        answered.await.map_err(|_| writer_gone())?
    }

    /// How many transactions have committed reports through this handle's lanes, and
    /// how many reports they filed: their ratio is the batching achieved.
    pub fn report_commits(&self) -> (u64, u64) {
        (
            self.batch_counts.commits.load(Ordering::Relaxed),
            self.batch_counts.reports.load(Ordering::Relaxed),
        )
    }

    /// How many batches through this handle's lanes could not write their plain new cases
    /// together and were filed again part by part (a replay, a case opened meanwhile, a
    /// refused row): on a quiet stream of new accounts, none.
    pub fn report_batches_replanned(&self) -> u64 {
        self.batch_counts.replanned.load(Ordering::Relaxed)
    }

    /// File `jobs` together and answer each; see the module documentation.
    async fn file_batch(&self, mut jobs: Vec<Job>) {
        // Servers in one order in every batch, so batches of two processes that share
        // servers take the servers' rows in the same order.
        jobs.sort_by_key(|job| job.report.guild_id);
        let results: Vec<Option<Result<ReportOutcome>>> = match jobs.len() {
            1 => vec![None],
            _ => match self.try_batch_planned(&jobs).await {
                Ok(results) => results
                    .into_iter()
                    .map(|r| match r {
                        Err(e @ StoreError::Database { .. }) => {
                            self.count_deadlock(&e);
                            None
                        }
                        r => Some(r),
                    })
                    .collect(),
                Err(e) => {
                    self.count_deadlock(&e);
                    tracing::warn!(error = %e, reports = jobs.len(), "a batch of reports failed; filing each alone");
                    jobs.iter().map(|_| None).collect()
                }
            },
        };
        let mut alone = Vec::new();
        for (job, result) in jobs.into_iter().zip(results) {
            match result {
                Some(result) => {
                    let _ = job.answer.send(result);
                }
                None => alone.push(job),
            }
        }
        for job in alone {
            let result = self.retrying("file_report", || self.file_alone(&job)).await;
            let _ = job.answer.send(result);
        }
    }

    /// A report filed again alone because PostgreSQL failed its batch to break a deadlock
    /// is a write run again, as [`Store::retrying`] counts them.
    fn count_deadlock(&self, e: &StoreError) {
        if is_deadlock_victim(e) {
            self.deadlock_retries.inc();
        }
    }

    /// File one report in a transaction of its own: its outcome, or the error that failed
    /// its part or the transaction.
    async fn file_alone(&self, job: &Job) -> Result<ReportOutcome> {
        let mut results = self.try_batch_planned(std::slice::from_ref(job)).await?;
        results.pop().unwrap_or_else(|| Err(writer_gone()))
    }

    /// [`Self::try_batch`] writing plain new cases together, and again part by part if
    /// one of them could not be written as planned.
    async fn try_batch_planned(&self, jobs: &[Job]) -> Result<Vec<Result<ReportOutcome>>> {
        match self.try_batch(jobs, true).await? {
            Some(results) => Ok(results),
            None => {
                self.batch_counts.replanned.fetch_add(1, Ordering::Relaxed);
                self.try_batch(jobs, false).await?.ok_or_else(writer_gone)
            }
        }
    }

    /// One transaction for `jobs` (sorted by server): each report's outcome, or the error
    /// that failed the whole transaction (then nothing of it is committed). With `plan`,
    /// plain new cases are written together (`reports::new_cases`); `None` when that
    /// found a row it could not write, and nothing was committed.
    async fn try_batch(&self, jobs: &[Job], plan: bool) -> Result<Option<Vec<Result<ReportOutcome>>>> {
        let mut tx = self.begin_write().await?;
        let reports: Vec<_> = jobs.iter().map(|j| (&j.report, j.policy)).collect();
        let mut facts = BatchFacts::read(&mut tx, self.backend, &self.known, &reports).await?;
        let mut batch = Batch::new(jobs.len());
        let mut plain = NewCases::new(self.backend);
        for (index, job) in jobs.iter().enumerate() {
            let claim = job.claim.as_ref();
            if plan
                && plain
                    .plan(&mut tx, &mut facts, index, &job.report, job.policy, claim)
                    .await?
            {
                continue;
            }
            let Some(written) = plain.write(&mut tx, &facts).await? else {
                tx.rollback().await?;
                return Ok(None);
            };
            batch.add(&mut tx, written);
            tx.begin_part().await?;
            let part = file_in(&mut tx, &mut facts, &job.report, job.policy, job.claim.as_deref()).await;
            match part {
                Ok(part) if part.keep => {
                    tx.keep_part();
                    if let Some(claim) = &job.claim {
                        tx.on_commit_claimed(claim.clone());
                    }
                    batch.events.extend(part.events);
                    batch.filed += 1;
                    batch.results[index] = Some(Ok(part.outcome));
                }
                Ok(part) => {
                    tx.undo_part().await?;
                    batch.results[index] = Some(Ok(part.outcome));
                }
                Err(e) => {
                    tx.undo_part().await?;
                    batch.results[index] = Some(Err(e));
                }
            }
        }
        let Some(written) = plain.write(&mut tx, &facts).await? else {
            tx.rollback().await?;
            return Ok(None);
        };
        batch.add(&mut tx, written);
        tx.end_parts().await?;
        facts.release_unused(&mut tx).await?;
        tx.audit_all(std::mem::take(&mut batch.events));
        tx.commit().await?;
        if batch.filed > 0 {
            self.batch_counts.commits.fetch_add(1, Ordering::Relaxed);
            self.batch_counts.reports.fetch_add(batch.filed, Ordering::Relaxed);
        }
        Ok(Some(
            batch
                .results
                .into_iter()
                .map(|r| r.unwrap_or_else(|| Err(writer_gone())))
                .collect(),
        ))
    }
}

/// What a batch's transaction has filed so far.
struct Batch {
    /// Each report's outcome, by its index in the batch, once filed or refused.
    results: Vec<Option<Result<ReportOutcome>>>,
    events: Vec<Recorded>,
    filed: u64,
}

impl Batch {
    fn new(len: usize) -> Batch {
        Batch {
            results: (0..len).map(|_| None).collect(),
            events: Vec::new(),
            filed: 0,
        }
    }

    /// Plain new cases were written: their answers, events and claims.
    fn add(&mut self, tx: &mut WriteTx, written: Written) {
        for (index, outcome) in written.outcomes {
            if let Some(slot) = self.results.get_mut(index) {
                *slot = Some(Ok(outcome));
                self.filed += 1;
            }
        }
        self.events.extend(written.events);
        for claim in written.claims {
            tx.on_commit_claimed(claim);
        }
    }
}
