//! The read model of the public status page (`web`): report-now cases and the public
//! totals, and nothing else. Every query here reads only cases whose decision is
//! `report_now`, so a held, pending or dismissed case, and anything about reporters,
//! moderators, votes, notes or evidence, cannot reach a page through a template mistake:
//! the types below have no field that could carry it.

use std::collections::{BTreeMap, BTreeSet};

use sqlx::Row;

use super::{id_to_db, parse_col, Result, Store};
use crate::domain::account::AccountKey;
use crate::domain::case::AccountStatus;
use crate::domain::language::Language;
use crate::domain::reason::ReasonCategory;
use crate::domain::time::Millis;

const DAY_MS: i64 = 86_400_000;
/// How many days the page's charts cover.
pub const PUBLIC_DAYS: usize = 30;

/// One report-now case as the public sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicCase {
    pub case_no: i64,
    pub key: AccountKey,
    pub reasons: BTreeSet<ReasonCategory>,
    /// Volunteers who said "I reported it".
    pub reported_by: u64,
    /// When moderators decided the account should be reported.
    pub decided_at: Millis,
    /// When the suspension was confirmed (suspended cases only).
    pub suspended_at: Option<Millis>,
}

/// One day of the page's charts (days counted back from the page's `now`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicDay {
    /// Start of the day (UTC midnight).
    pub day: Millis,
    /// Report-now cases opened that day.
    pub opened: u64,
    /// Report-now decisions made that day.
    pub decided: u64,
    /// At the end of the day: report-now accounts still up, and confirmed suspended.
    pub still_up: u64,
    pub suspended: u64,
    /// Median time from opening to decision of the cases decided that day.
    pub median_to_decision_ms: Option<i64>,
}

/// Everything the public page of one server shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicPage {
    pub slug: String,
    /// The server's language, which the page is written in.
    pub language: Language,
    /// Report-now accounts still up, longest waiting first.
    pub report_now: Vec<PublicCase>,
    /// Report-now accounts confirmed suspended, latest first.
    pub suspended: Vec<PublicCase>,
    /// The last [`PUBLIC_DAYS`] days, oldest first.
    pub days: Vec<PublicDay>,
    /// Median time from a report-now case's opening to its decision.
    pub median_to_decision_ms: Option<i64>,
    /// The latest change of any case shown (for `Last-Modified`).
    pub last_change: Millis,
}

/// The page of one report-now case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicCasePage {
    pub case: PublicCase,
    pub language: Language,
    /// As [`PublicPage::last_change`].
    pub last_change: Millis,
}

/// [`PublicPage`]'s cases and series, for a page or a chart.
struct Shown {
    report_now: Vec<PublicCase>,
    suspended: Vec<PublicCase>,
    days: Vec<PublicDay>,
    median_to_decision_ms: Option<i64>,
}

/// Cases the page shows: decided report-now, whatever the account's status.
const SHOWN: &str = "c.guild_id = $1 AND c.decision = 'report_now' AND c.decided_at IS NOT NULL";

impl Store {
    /// The page of the server whose public slug is `slug`; `None` when no server has it
    /// (the page is off, or the slug is wrong: the same answer).
    pub async fn public_page(&self, slug: &str, now: Millis) -> Result<Option<PublicPage>> {
        self.op("public_page", async {
            let Some((guild, language)) = self.public_guild(slug).await? else {
                return Ok(None);
            };
            let shown = self.public_shown(guild, now).await?;
            let last_change = self.public_last_change(guild).await?;
            let page = PublicPage {
                slug: slug.to_owned(),
                language,
                days: shown.days,
                median_to_decision_ms: shown.median_to_decision_ms,
                report_now: shown.report_now,
                suspended: shown.suspended,
                last_change,
            };
            Ok(Some(page))
        })
        .await
    }

    /// The latest change of what the page shows: a shown case's update, an "I reported
    /// it", or a case entering or leaving report-now (which the report-now feed records).
    async fn public_last_change(&self, guild: i64) -> Result<Millis> {
        let q = format!(
            "SELECT MAX(t) FROM (\
             SELECT MAX(c.updated_at) AS t FROM cases c WHERE {SHOWN} \
             UNION ALL SELECT MAX(i.at) FROM reported_it i JOIN cases c ON c.id = i.case_id WHERE {SHOWN} \
             UNION ALL SELECT last_added FROM collection_heads WHERE guild_id = $1 AND collection = 'report_now') x"
        );
        let at: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(q))
            .bind(guild)
            .fetch_one(&self.pool)
            .await?;
        Ok(Millis(at.unwrap_or(0)))
    }

    /// The chart series of a server, page or no page: the weekly digest's chart.
    pub async fn public_days(&self, guild_id: u64, now: Millis) -> Result<Vec<PublicDay>> {
        self.op("public_days", async {
            Ok(self.public_shown(id_to_db(guild_id), now).await?.days)
        })
        .await
    }

    /// The shown cases of a server, split and summed up as the page shows them.
    async fn public_shown(&self, guild: i64, now: Millis) -> Result<Shown> {
        let cases = self.public_cases(guild, None).await?;
        let (mut report_now, mut suspended): (Vec<_>, Vec<_>) =
            cases.into_iter().partition(|c| c.suspended_at.is_none());
        report_now.sort_by_key(|c| (c.decided_at, c.case_no));
        suspended.sort_by_key(|c| std::cmp::Reverse((c.suspended_at, c.case_no)));
        let opened = self.public_opened(guild).await?;
        Ok(Shown {
            days: days(&report_now, &suspended, &opened, now),
            median_to_decision_ms: median(opened.iter().map(|(open, decided)| decided - open).collect()),
            report_now,
            suspended,
        })
    }

    /// Report-now case `case_no` of the server whose slug is `slug`; `None` for a case
    /// that is not report-now (held, pending, dismissed) exactly as for one that does not exist.
    pub async fn public_case(&self, slug: &str, case_no: i64) -> Result<Option<PublicCasePage>> {
        self.op("public_case", async {
            let Some((guild, language)) = self.public_guild(slug).await? else {
                return Ok(None);
            };
            let Some(case) = self.public_cases(guild, Some(case_no)).await?.pop() else {
                return Ok(None);
            };
            let last_change = self.public_last_change(guild).await?;
            Ok(Some(PublicCasePage {
                case,
                language,
                last_change,
            }))
        })
        .await
    }

    /// The server at `slug` and its language.
    async fn public_guild(&self, slug: &str) -> Result<Option<(i64, Language)>> {
        let row = sqlx::query("SELECT guild_id, language FROM guilds WHERE public_slug = $1")
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| Ok((row.try_get("guild_id")?, parse_col(&row, "language")?)))
            .transpose()
    }

    /// The shown cases (or the one numbered `only`), with their reasons and "I reported
    /// it" counts, in three queries whatever their number.
    async fn public_cases(&self, guild: i64, only: Option<i64>) -> Result<Vec<PublicCase>> {
        let filter = if only.is_some() { " AND c.case_no = $2" } else { "" };
        let sql = |select: &str, tail: &str| format!("{select} FROM cases c {tail} WHERE {SHOWN}{filter}");
        let bind = |q: &str| {
            let q = sqlx::query(sqlx::AssertSqlSafe(q.to_owned())).bind(guild);
            match only {
                Some(n) => q.bind(n),
                None => q,
            }
        };
        let mut reasons: BTreeMap<i64, BTreeSet<ReasonCategory>> = BTreeMap::new();
        let q = sql(
            "SELECT DISTINCT c.id, r.reason",
            "JOIN reports r ON r.case_id = c.id AND r.withdrawn_at IS NULL",
        );
        for row in bind(&q).fetch_all(&self.pool).await? {
            reasons
                .entry(row.try_get("id")?)
                .or_default()
                .insert(parse_col(&row, "reason")?);
        }
        let mut reported: BTreeMap<i64, i64> = BTreeMap::new();
        let q = sql("SELECT c.id, COUNT(*) AS n", "JOIN reported_it i ON i.case_id = c.id") + " GROUP BY c.id";
        for row in bind(&q).fetch_all(&self.pool).await? {
            reported.insert(row.try_get("id")?, row.try_get("n")?);
        }
        let q = sql(
            "SELECT c.id, c.case_no, c.account_key, c.account_status, c.status_at, c.decided_at",
            "",
        );
        let rows = bind(&q).fetch_all(&self.pool).await?;
        rows.iter()
            .filter_map(|row| public_case(row, &mut reasons, &reported).transpose())
            .collect()
    }

    /// (opened, decided) of every shown case, for the charts and the median.
    async fn public_opened(&self, guild: i64) -> Result<Vec<(i64, i64)>> {
        let q = format!("SELECT c.created_at, c.decided_at FROM cases c WHERE {SHOWN}");
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(q))
            .bind(guild)
            .fetch_all(&self.pool)
            .await?)
    }

    /// The server whose page is at `slug`, for tests and the benchmark.
    pub async fn public_slug_of(&self, guild_id: u64) -> Result<Option<String>> {
        self.op("public_slug_of", async {
            Ok(sqlx::query_scalar("SELECT public_slug FROM guilds WHERE guild_id = $1")
                .bind(id_to_db(guild_id))
                .fetch_optional(&self.pool)
                .await?
                .flatten())
        })
        .await
    }
}

/// One row as a public case; a gone account (deleted by its owner, not a confirmed
/// suspension) is left out.
fn public_case(
    row: &sqlx::any::AnyRow,
    reasons: &mut BTreeMap<i64, BTreeSet<ReasonCategory>>,
    reported: &BTreeMap<i64, i64>,
) -> Result<Option<PublicCase>> {
    let id: i64 = row.try_get("id")?;
    let status: AccountStatus = parse_col(row, "account_status")?;
    if status == AccountStatus::Gone {
        return Ok(None);
    }
    let key: String = row.try_get("account_key")?;
    let status_at: Option<i64> = row.try_get("status_at")?;
    let decided_at: Option<i64> = row.try_get("decided_at")?;
    Ok(Some(PublicCase {
        case_no: row.try_get("case_no")?,
        key: AccountKey::from_key(&key).map_err(|e| super::StoreError::Corrupt(e.to_string()))?,
        reasons: reasons.remove(&id).unwrap_or_default(),
        reported_by: u64::try_from(reported.get(&id).copied().unwrap_or(0)).unwrap_or(0),
        decided_at: Millis(decided_at.unwrap_or(0)),
        suspended_at: (status == AccountStatus::Suspended).then(|| Millis(status_at.unwrap_or(0))),
    }))
}

/// The chart series over the last [`PUBLIC_DAYS`] days.
fn days(report_now: &[PublicCase], suspended: &[PublicCase], opened: &[(i64, i64)], now: Millis) -> Vec<PublicDay> {
    let today = now.0 - now.0.rem_euclid(DAY_MS);
    let first = today - (PUBLIC_DAYS as i64 - 1) * DAY_MS;
    let index = |at: i64| {
        usize::try_from((at - first).div_euclid(DAY_MS))
            .ok()
            .filter(|i| *i < PUBLIC_DAYS)
    };
    let mut days: Vec<PublicDay> = (0..PUBLIC_DAYS as i64)
        .map(|i| PublicDay {
            day: Millis(first + i * DAY_MS),
            opened: 0,
            decided: 0,
            still_up: 0,
            suspended: 0,
            median_to_decision_ms: None,
        })
        .collect();
    let mut waits: Vec<Vec<i64>> = vec![Vec::new(); PUBLIC_DAYS];
    for &(open, decided) in opened {
        if let Some(i) = index(open) {
            days[i].opened += 1;
        }
        if let Some(i) = index(decided) {
            days[i].decided += 1;
            waits[i].push(decided - open);
        }
    }
    for (day, waits) in days.iter_mut().zip(waits) {
        day.median_to_decision_ms = median(waits);
    }
    for day in &mut days {
        let end = day.day.0 + DAY_MS;
        let up = |c: &&PublicCase| c.decided_at.0 < end && c.suspended_at.is_none_or(|s| s.0 >= end);
        day.still_up = count(report_now.iter().chain(suspended).filter(up).count());
        day.suspended = count(
            suspended
                .iter()
                .filter(|c| c.suspended_at.is_some_and(|s| s.0 < end))
                .count(),
        );
    }
    days
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

fn median(mut v: Vec<i64>) -> Option<i64> {
    v.sort_unstable();
    v.get(v.len() / 2).copied()
}
