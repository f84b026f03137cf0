//! What a batch of reports reads once for all of them, before its first report's part, and
//! what its parts learn as they are kept, so that a report skips every read whose answer
//! the batch already has. Its members and accounts are read in one statement for the whole
//! batch (`intake_read`; on PostgreSQL every statement is a network round trip); the case
//! numbers the batch may need are reserved together too, in one statement per server that
//! also reads its settings, and those no part took are given back.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

use super::super::base::case_row::{release_case_numbers, reserve_case_numbers};
use super::super::base::guild_row::{reserve_with_settings, settings_in, GuildSettings};
use super::super::base::known::Known;
use super::super::base::mute::mute_holds;
use super::super::base::placeholders::sized_query;
use super::super::base::sets::group;
use super::super::queue::waiting_cards;
use super::intake_read::{self, Wanted};
use super::NewReport;
use crate::domain::intake::IntakePolicy;
use crate::domain::time::Millis;
use crate::store::{Backend, Result, StoreError};

/// See the module documentation. Read in the batch's transaction; on SQLite nothing else
/// writes until it ends, on PostgreSQL a change committed by another process meanwhile is
/// seen as late as a per-report read would have seen one committed just before it.
pub(in crate::store) struct BatchFacts {
    settings: HashMap<u64, GuildSettings>,
    /// Each (server, member)'s acting id (as `acting_as` gives it).
    acting: HashMap<(u64, u64), u64>,
    /// The mutes of the batch's reporters by (server, acting id): their end, if any.
    mutes: HashMap<(u64, u64), Option<i64>>,
    /// The report times of the rate-limited reporters by (server, acting id), since the
    /// earliest window of the batch, with those filed by its parts kept so far.
    recent: HashMap<(u64, u64), Vec<Millis>>,
    /// Accounts (server, key) that had no case when the batch began and got none since.
    without_case: HashSet<(u64, String)>,
    /// Card items waiting per server, counted in this transaction, while known.
    waiting: HashMap<u64, i64>,
    /// Case numbers reserved before the first part for the batch's new cases, by server.
    numbers: HashMap<u64, Numbers>,
    /// The servers whose queue summary a kept part asked for (a case entered the queue).
    summary_asked: HashSet<u64>,
}

/// A server's case numbers reserved for a batch: `next` up to `end` are still free.
/// Once they are used up a part reserves its own, after `end`.
struct Numbers {
    next: i64,
    end: i64,
}

/// What a kept part changed that later parts read.
pub(in crate::store) enum Learned {
    /// A muted member's report: no case, no card; `opened` the muted reports' kept case
    /// of this number.
    Muted { opened: Option<i64> },
    /// A report into its case: `opened` it (this number), and queued its card unless
    /// `queued`.
    Filed { opened: Option<i64>, queued: bool },
}

impl BatchFacts {
    /// Create the rows of the servers reported in if they are new, then read for every
    /// report at once what its part would otherwise read: its member's acting id, mute and
    /// (under the member's intake lock) recent reports, and whether its account has a
    /// case; last, reserve the numbers of the cases it may open, reading each server's
    /// settings with them.
    pub(in crate::store) async fn read(
        conn: &mut AnyConnection,
        backend: Backend,
        known: &Known,
        jobs: &[(&NewReport, Option<IntakePolicy>)],
    ) -> Result<Self> {
        for guild_id in jobs.iter().map(|(r, _)| r.guild_id).collect::<BTreeSet<_>>() {
            known.ensure_guild(conn, guild_id, jobs_at(jobs)).await?;
        }
        let members: BTreeSet<(u64, u64)> = jobs
            .iter()
            .filter_map(|(r, _)| r.reporter.map(|m| (r.guild_id, m)))
            .collect();
        let limited: BTreeSet<(u64, u64)> = jobs
            .iter()
            .filter(|(_, policy)| policy.is_some())
            .filter_map(|(r, _)| r.reporter.map(|m| (r.guild_id, m)))
            .collect();
        let since = jobs
            .iter()
            .filter_map(|&(r, policy)| Some(r.at.minus(policy?.window)))
            .min()
            .unwrap_or(Millis(0));
        lock_members(conn, backend, &limited).await?;
        let key = if members.is_empty() {
            None
        } else {
            Some(known.installation_key(conn).await?)
        };
        let keys = group(jobs.iter().map(|(r, _)| (r.guild_id, r.key.to_string())));
        let wanted = Wanted {
            members: &members,
            limited: &limited,
            since,
            keys: &keys,
        };
        let read = intake_read::read(conn, key.as_deref(), &wanted).await?;
        let without_case = keys
            .into_iter()
            .flat_map(|(guild_id, keys)| keys.into_iter().map(move |key| (guild_id, key)))
            .filter(|key| !read.with_case.contains(key))
            .collect();
        let (numbers, settings, waiting) = numbers_and_settings(conn, jobs, &without_case).await?;
        Ok(BatchFacts {
            settings,
            acting: read.acting,
            mutes: read.mutes,
            recent: read.recent,
            without_case,
            waiting,
            numbers,
            summary_asked: HashSet::new(),
        })
    }

    /// The number for a case (or muted reports' kept case) this part opens: the batch's
    /// next free one, else one reserved in the part. Taken once the part is kept.
    pub(in crate::store) async fn case_no(&self, conn: &mut AnyConnection, guild_id: u64) -> Result<i64> {
        match self.numbers.get(&guild_id) {
            Some(n) if n.next < n.end => Ok(n.next),
            _ => reserve_case_numbers(conn, guild_id, 1).await,
        }
    }

    /// Give back the reserved numbers no part took (those of refused, replayed or failed
    /// reports), so that case numbers have no gaps: after the last part.
    pub(in crate::store) async fn release_unused(&self, conn: &mut AnyConnection) -> Result<()> {
        for (guild_id, n) in &self.numbers {
            if n.next < n.end {
                release_case_numbers(conn, *guild_id, n.next).await?;
            }
        }
        Ok(())
    }

    pub(in crate::store) fn settings(&self, guild_id: u64) -> Result<&GuildSettings> {
        self.settings
            .get(&guild_id)
            .ok_or_else(|| StoreError::Corrupt(format!("settings of guild {guild_id} not read")))
    }

    /// The id the report's member acts under.
    pub(in crate::store) fn reporter(&self, report: &NewReport) -> Result<Option<u64>> {
        let Some(member) = report.reporter else {
            return Ok(None);
        };
        let acting = self.acting.get(&(report.guild_id, member));
        acting
            .copied()
            .map(Some)
            .ok_or_else(|| StoreError::Corrupt(format!("acting id of member {member} not read")))
    }

    /// The member's (acting id) report times within the window ending at `at`, oldest
    /// first, as `reports_since` reads them.
    pub(in crate::store) fn reports_since(&self, guild_id: u64, member: u64, since: Millis) -> Vec<Millis> {
        let mut times: Vec<Millis> = self
            .recent
            .get(&(guild_id, member))
            .into_iter()
            .flatten()
            .copied()
            .filter(|at| *at > since)
            .collect();
        times.sort();
        times
    }

    pub(in crate::store) fn is_muted(&self, guild_id: u64, member: u64, at: Millis) -> bool {
        self.mutes
            .get(&(guild_id, member))
            .is_some_and(|until| mute_holds(*until, at))
    }

    /// Whether the report's account surely has no case (no read needed to know).
    pub(in crate::store) fn surely_without_case(&self, report: &NewReport) -> bool {
        self.without_case.contains(&(report.guild_id, report.key.to_string()))
    }

    /// The card items waiting in the server (`waiting_cards`), read at most once while
    /// only this batch's new cards change it.
    pub(in crate::store) async fn waiting_cards(&mut self, conn: &mut AnyConnection, guild_id: u64) -> Result<i64> {
        if let Some(&n) = self.waiting.get(&guild_id) {
            return Ok(n);
        }
        let n = waiting_cards(conn, guild_id).await?;
        self.waiting.insert(guild_id, n);
        Ok(n)
    }

    /// Whether a kept part of the batch asked for the server's queue summary.
    pub(in crate::store) fn summary_asked(&self, guild_id: u64) -> bool {
        self.summary_asked.contains(&guild_id)
    }

    /// A part filing `report` under `reporter` (acting id) is kept: what it changed.
    pub(in crate::store) fn learn(&mut self, report: &NewReport, reporter: Option<u64>, learned: Learned) {
        if let Some(member) = reporter {
            self.recent
                .entry((report.guild_id, member))
                .or_default()
                .push(report.at);
        }
        let (opened, card) = match learned {
            Learned::Muted { opened } => (opened, None),
            Learned::Filed { opened, queued } => (opened, Some(queued)),
        };
        if let Some(case_no) = opened {
            self.took_case_no(report.guild_id, case_no);
        }
        let Some(queued) = card else {
            return;
        };
        self.without_case.remove(&(report.guild_id, report.key.to_string()));
        match (opened.is_some(), queued) {
            // A new case's card is one more waiting item.
            (true, false) => {
                if let Some(n) = self.waiting.get_mut(&report.guild_id) {
                    *n += 1;
                }
            }
            (true, true) => {
                self.summary_asked.insert(report.guild_id);
            }
            // A card asked again may or may not add an item: count again when needed.
            (false, _) => {
                self.waiting.remove(&report.guild_id);
            }
        }
    }
}

impl BatchFacts {
    /// A kept part took `case_no` ([`Self::case_no`]).
    fn took_case_no(&mut self, guild_id: u64, case_no: i64) {
        if let Some(n) = self.numbers.get_mut(&guild_id) {
            if n.next == case_no && n.next < n.end {
                n.next += 1;
            }
        }
    }
}

/// When the batch's servers may be first seen: its earliest report.
fn jobs_at(jobs: &[(&NewReport, Option<IntakePolicy>)]) -> Millis {
    jobs.iter().map(|(r, _)| r.at).min().unwrap_or(Millis(0))
}

/// Each reported server's settings and, for a server with accounts without a case, one
/// case number per such account, reserved in the same statement (one per server instead
/// of one per new case, and none for the settings). The server's row stays locked until
/// the batch commits, as it would from its first new case on.
async fn numbers_and_settings(
    conn: &mut AnyConnection,
    jobs: &[(&NewReport, Option<IntakePolicy>)],
    without_case: &HashSet<(u64, String)>,
) -> Result<(HashMap<u64, Numbers>, HashMap<u64, GuildSettings>, HashMap<u64, i64>)> {
    let mut wanted: BTreeMap<u64, i64> = jobs.iter().map(|(r, _)| (r.guild_id, 0)).collect();
    for (guild_id, _) in without_case {
        *wanted.entry(*guild_id).or_default() += 1;
    }
    let mut numbers = HashMap::new();
    let mut settings = HashMap::new();
    let mut waiting = HashMap::new();
    for (guild_id, count) in wanted {
        let read = if count > 0 {
            let reserved = reserve_with_settings(conn, guild_id, count).await?;
            numbers.insert(
                guild_id,
                Numbers {
                    next: reserved.first,
                    end: reserved.first + count,
                },
            );
            waiting.insert(guild_id, reserved.waiting_cards);
            reserved.settings
        } else {
            settings_in(conn, guild_id)
                .await?
                .ok_or_else(|| StoreError::Corrupt("guild row missing".into()))?
        };
        settings.insert(guild_id, read);
    }
    Ok((numbers, settings, waiting))
}

/// Serialise the intake of the batch's rate-limited members (server, Discord id) across
/// connections and processes, in one statement, before their recent reports are read.
/// SQLite's write transaction (`BEGIN IMMEDIATE`) already does; PostgreSQL takes a
/// transaction-scoped advisory lock per server and member, in key order, so two batches
/// never wait on each other crosswise. The key is the member's Discord id, not the id they
/// act under: it is known before anything is read, and names the same person either way.
async fn lock_members(conn: &mut AnyConnection, backend: Backend, members: &BTreeSet<(u64, u64)>) -> Result<()> {
    if backend != Backend::Postgres || members.is_empty() {
        return Ok(());
    }
    let keys: BTreeSet<i64> = members
        .iter()
        .map(|&(guild_id, member)| lock_key(guild_id, member))
        .collect();
    let values: Vec<String> = (1..=keys.len()).map(|i| format!("(${i}::bigint)")).collect();
    let sql = format!(
        "SELECT pg_advisory_xact_lock(k) FROM (VALUES {}) AS v(k)",
        values.join(", ")
    );
    let mut query = sized_query(sql, keys.len());
    for key in keys {
        query = query.bind(key);
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

/// A member's intake lock key: the same for every process and version.
fn lock_key(guild_id: u64, member: u64) -> i64 {
    let digest = Sha256::digest(format!("intake:{guild_id}:{member}").as_bytes());
    let mut key = [0u8; 8];
    key.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(key)
}
