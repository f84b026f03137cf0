//! The read model of the public status page (`web`): report-now cases and the public
//! totals, and nothing else. Every query here reads only cases whose decision is
//! `report_now`, so a held, pending or dismissed case, and anything about reporters,
//! moderators, votes, notes or evidence, cannot reach a page through a template mistake:
//! the types below have no field that could carry it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sqlx::Row;

use super::base::case_row::{aliases_within, key_from_db};
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
    /// When what the public sees of it last changed: the decision, or a key joining it
    /// (its feed entry's `updated`).
    pub changed_at: Millis,
    /// When the suspension was confirmed (suspended cases only).
    pub suspended_at: Option<Millis>,
    /// The account's other keys (a renamed handle, its numeric id), in key order.
    pub aliases: Vec<AccountKey>,
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

/// Accounts still up shown per page of `/<slug>/` (a campaign has thousands).
pub const PUBLIC_PAGE_SIZE: u64 = 100;
/// Confirmed suspensions listed on the page, latest first.
pub const PUBLIC_SUSPENDED_SHOWN: u64 = 50;
/// Entries of the Atom feed: the latest decisions.
pub const PUBLIC_FEED_SIZE: u64 = 100;

/// The public series and totals of a server, computed from every shown case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicSeries {
    /// The last [`PUBLIC_DAYS`] days, oldest first.
    pub days: Vec<PublicDay>,
    /// Median time from a report-now case's opening to its decision.
    pub median_to_decision_ms: Option<i64>,
    /// Report-now accounts still up, and confirmed suspended.
    pub still_up: u64,
    pub suspended: u64,
}

/// Everything one page of `/<slug>/` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicPage {
    pub slug: String,
    /// The server's language, which the page is written in.
    pub language: Language,
    /// This page (from 1) of the accounts still up, longest waiting first.
    pub report_now: Vec<PublicCase>,
    pub page: u64,
    pub pages: u64,
    /// The latest [`PUBLIC_SUSPENDED_SHOWN`] confirmed suspensions, latest first.
    pub suspended: Vec<PublicCase>,
    pub series: PublicSeries,
    /// The latest change of anything shown (for `Last-Modified`).
    pub last_change: Millis,
}

/// The Atom feed's view of a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicFeed {
    pub slug: String,
    pub language: Language,
    /// The accounts still up decided last, newest first (at most [`PUBLIC_FEED_SIZE`]).
    pub newest: Vec<PublicCase>,
    /// As [`PublicPage::last_change`].
    pub last_change: Millis,
}

/// The charts' view of a server: its series, and when what they show last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicCharts {
    pub series: PublicSeries,
    /// As [`PublicPage::last_change`].
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

/// Which shown cases to read in full.
#[derive(Debug, Clone, Copy)]
enum Selection {
    One(i64),
    /// Still up, longest waiting first.
    Waiting {
        offset: u64,
    },
    /// Still up, decided last first.
    Newest,
    /// Confirmed suspended, latest first.
    Suspended,
}

impl Selection {
    /// The condition and order (with its limit) of the selection's rows.
    fn sql(self) -> (String, String) {
        const UP: &str = " AND c.account_status NOT IN ('suspended', 'gone')";
        match self {
            Selection::One(n) => (
                format!(" AND c.case_no = {n} AND c.account_status <> 'gone'"),
                String::new(),
            ),
            Selection::Waiting { offset } => (
                UP.to_owned(),
                format!(" ORDER BY c.decided_at, c.case_no LIMIT {PUBLIC_PAGE_SIZE} OFFSET {offset}"),
            ),
            Selection::Newest => (
                UP.to_owned(),
                format!(" ORDER BY c.decided_at DESC, c.case_no DESC LIMIT {PUBLIC_FEED_SIZE}"),
            ),
            Selection::Suspended => (
                " AND c.account_status = 'suspended'".to_owned(),
                format!(" ORDER BY c.status_at DESC, c.case_no DESC LIMIT {PUBLIC_SUSPENDED_SHOWN}"),
            ),
        }
    }
}

/// Cases the page shows: decided report-now, whatever the account's status.
const SHOWN: &str = "c.guild_id = $1 AND c.decision = 'report_now' AND c.decided_at IS NOT NULL";

impl Store {
    /// Page `page` (from 1) of the server whose public slug is `slug`; `None` when no
    /// server has it (the page is off, or the slug is wrong: the same answer) or the page
    /// is past the last.
    pub async fn public_page(&self, slug: &str, page: u64, now: Millis) -> Result<Option<PublicPage>> {
        self.op("public_page", async {
            let Some((guild, language)) = self.public_guild(slug).await? else {
                return Ok(None);
            };
            let series = self.public_series(guild, now).await?;
            let pages = series.still_up.div_ceil(PUBLIC_PAGE_SIZE).max(1);
            if page == 0 || page > pages {
                return Ok(None);
            }
            let offset = (page - 1) * PUBLIC_PAGE_SIZE;
            Ok(Some(PublicPage {
                slug: slug.to_owned(),
                language,
                report_now: self.public_cases(guild, Selection::Waiting { offset }).await?,
                page,
                pages,
                suspended: self.public_cases(guild, Selection::Suspended).await?,
                series,
                last_change: self.public_last_change(guild).await?,
            }))
        })
        .await
    }

    /// What the Atom feed of `slug` shows; `None` as for [`Store::public_page`].
    pub async fn public_feed(&self, slug: &str) -> Result<Option<PublicFeed>> {
        self.op("public_feed", async {
            let Some((guild, language)) = self.public_guild(slug).await? else {
                return Ok(None);
            };
            Ok(Some(PublicFeed {
                slug: slug.to_owned(),
                language,
                newest: self.public_cases(guild, Selection::Newest).await?,
                last_change: self.public_last_change(guild).await?,
            }))
        })
        .await
    }

    /// What the charts of `slug` draw; `None` as for [`Store::public_page`].
    pub async fn public_charts(&self, slug: &str, now: Millis) -> Result<Option<PublicCharts>> {
        self.op("public_charts", async {
            let Some((guild, _)) = self.public_guild(slug).await? else {
                return Ok(None);
            };
            Ok(Some(PublicCharts {
                series: self.public_series(guild, now).await?,
                last_change: self.public_last_change(guild).await?,
            }))
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
            Ok(self.public_series(id_to_db(guild_id), now).await?.days)
        })
        .await
    }

    /// The series and totals, counted by the database per day (and per hour of waiting,
    /// for the medians): a few hundred rows however many cases are shown.
    async fn public_series(&self, guild: i64, now: Millis) -> Result<PublicSeries> {
        let first = first_day(now);
        // Kind, day (from `first`; -1 before it) and, for decisions, whole hours waited.
        let day = |col: &str| format!("CASE WHEN c.{col} >= $2 THEN (c.{col} - $2) / {DAY_MS} ELSE -1 END");
        let q = format!(
            "SELECT 'o' AS k, {opened} AS d, 0 AS h, COUNT(*) AS n FROM cases c WHERE {SHOWN}{LIVE} GROUP BY 2 \
             UNION ALL SELECT 'd', {decided}, (c.decided_at - c.created_at) / {HOUR_MS}, COUNT(*) FROM cases c \
             WHERE {SHOWN}{LIVE} GROUP BY 2, 3 \
             UNION ALL SELECT 's', {suspended}, 0, COUNT(*) FROM cases c \
             WHERE {SHOWN} AND c.account_status = 'suspended' GROUP BY 2",
            opened = day("created_at"),
            decided = day("decided_at"),
            suspended = day("status_at"),
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(q))
            .bind(guild)
            .bind(first)
            .fetch_all(&self.pool)
            .await?;
        let mut counts = Counts::default();
        for row in &rows {
            let kind: String = row.try_get("k")?;
            let (d, h, n): (i64, i64, i64) = (row.try_get("d")?, row.try_get("h")?, row.try_get("n")?);
            counts.add(&kind, d, h, u64::try_from(n).unwrap_or(0));
        }
        Ok(counts.series(first))
    }

    /// Report-now case `case_no` of the server whose slug is `slug`; `None` for a case
    /// that is not report-now (held, pending, dismissed) exactly as for one that does not exist.
    pub async fn public_case(&self, slug: &str, case_no: i64) -> Result<Option<PublicCasePage>> {
        self.op("public_case", async {
            let Some((guild, language)) = self.public_guild(slug).await? else {
                return Ok(None);
            };
            let Some(case) = self.public_cases(guild, Selection::One(case_no)).await?.pop() else {
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

    /// The selected cases in order, with what [`Extras`] adds: five queries, the last
    /// four over the first one's ids only.
    async fn public_cases(&self, guild: i64, selection: Selection) -> Result<Vec<PublicCase>> {
        let (filter, order) = selection.sql();
        let q = format!(
            "SELECT c.id, c.case_no, c.account_key, c.account_status, c.status_at, c.decided_at \
             FROM cases c WHERE {SHOWN}{filter}{order}"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(q))
            .bind(guild)
            .fetch_all(&self.pool)
            .await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let ids = rows
            .iter()
            .map(|r| r.try_get::<i64, _>("id").map(|id| id.to_string()))
            .collect::<std::result::Result<Vec<_>, _>>()?
            .join(",");
        let mut extras = self.extras(guild, &ids).await?;
        rows.iter().map(|row| public_case(row, &mut extras)).collect()
    }

    /// The [`Extras`] of the cases `ids` (a comma-separated list of ids).
    async fn extras(&self, guild: i64, ids: &str) -> Result<Extras> {
        let mut extras = Extras::default();
        let q = format!(
            "SELECT DISTINCT r.case_id, r.reason FROM reports r WHERE r.case_id IN ({ids}) AND r.withdrawn_at IS NULL"
        );
        for row in sqlx::query(sqlx::AssertSqlSafe(q)).fetch_all(&self.pool).await? {
            extras
                .reasons
                .entry(row.try_get("case_id")?)
                .or_default()
                .insert(parse_col(&row, "reason")?);
        }
        let q = format!("SELECT case_id, COUNT(*) AS n FROM reported_it WHERE case_id IN ({ids}) GROUP BY case_id");
        for row in sqlx::query(sqlx::AssertSqlSafe(q)).fetch_all(&self.pool).await? {
            extras.reported.insert(row.try_get("case_id")?, row.try_get("n")?);
        }
        let within = format!("c.guild_id = $1 AND k.case_id IN ({ids})");
        extras.aliases = aliases_within(&mut *self.pool.acquire().await?, guild, &within).await?;
        let q = format!(
            "SELECT case_id, MAX(date_added) AS at FROM collection_entries \
             WHERE guild_id = $1 AND collection = 'report_now' AND case_id IN ({ids}) GROUP BY case_id"
        );
        for row in sqlx::query(sqlx::AssertSqlSafe(q))
            .bind(guild)
            .fetch_all(&self.pool)
            .await?
        {
            extras.changed.insert(row.try_get("case_id")?, row.try_get("at")?);
        }
        Ok(extras)
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

/// Accounts not gone (deleted by their owner, not a confirmed suspension): what the
/// page counts.
const LIVE: &str = " AND c.account_status <> 'gone'";
const HOUR_MS: i64 = 3_600_000;

/// The start of the first of the charts' [`PUBLIC_DAYS`] days (UTC midnight).
fn first_day(now: Millis) -> i64 {
    now.0 - now.0.rem_euclid(DAY_MS) - (PUBLIC_DAYS as i64 - 1) * DAY_MS
}

/// What the database counted, per chart day (`before` for everything earlier).
#[derive(Default)]
struct Counts {
    opened: [u64; PUBLIC_DAYS],
    decided: [u64; PUBLIC_DAYS],
    suspended: [u64; PUBLIC_DAYS],
    decided_before: u64,
    suspended_before: u64,
    /// Decisions by (day, whole hours waited), for the medians.
    waits: BTreeMap<(i64, i64), u64>,
}

impl Counts {
    fn add(&mut self, kind: &str, day: i64, hours: i64, n: u64) {
        let slot = usize::try_from(day).ok().filter(|d| *d < PUBLIC_DAYS);
        match (kind, slot) {
            ("o", Some(d)) => self.opened[d] += n,
            ("d", Some(d)) => self.decided[d] += n,
            ("s", Some(d)) => self.suspended[d] += n,
            ("d", None) if day < 0 => self.decided_before += n,
            ("s", None) if day < 0 => self.suspended_before += n,
            _ => {}
        }
        if kind == "d" {
            *self.waits.entry((day, hours)).or_default() += n;
        }
    }

    fn series(&self, first: i64) -> PublicSeries {
        let (mut decided, mut suspended) = (self.decided_before, self.suspended_before);
        let days = (0..PUBLIC_DAYS)
            .map(|i| {
                decided += self.decided[i];
                suspended += self.suspended[i];
                PublicDay {
                    day: Millis(first + i as i64 * DAY_MS),
                    opened: self.opened[i],
                    decided: self.decided[i],
                    still_up: decided.saturating_sub(suspended),
                    suspended,
                    median_to_decision_ms: self.median_hours(|d| d == i as i64),
                }
            })
            .collect();
        PublicSeries {
            days,
            median_to_decision_ms: self.median_hours(|_| true),
            still_up: decided.saturating_sub(suspended),
            suspended,
        }
    }

    /// The median wait, to the hour, of the decisions on the days `on` picks.
    fn median_hours(&self, on: impl Fn(i64) -> bool) -> Option<i64> {
        let mut hours: BTreeMap<i64, u64> = BTreeMap::new();
        for ((day, h), n) in &self.waits {
            if on(*day) {
                *hours.entry(*h).or_default() += n;
            }
        }
        let total: u64 = hours.values().sum();
        let mut seen = 0;
        hours.into_iter().find_map(|(h, n)| {
            seen += n;
            (seen > total / 2).then_some(h * HOUR_MS)
        })
    }
}

/// What the public sees of selected cases beyond their rows, by case id.
#[derive(Default)]
struct Extras {
    reasons: BTreeMap<i64, BTreeSet<ReasonCategory>>,
    /// "I reported it" presses.
    reported: BTreeMap<i64, i64>,
    aliases: HashMap<i64, Vec<AccountKey>>,
    /// The latest addition to the report-now collection: the decision, or a key joining.
    changed: BTreeMap<i64, i64>,
}

/// One selected row as a public case (gone accounts are never selected).
fn public_case(row: &sqlx::any::AnyRow, extras: &mut Extras) -> Result<PublicCase> {
    let id: i64 = row.try_get("id")?;
    let status: AccountStatus = parse_col(row, "account_status")?;
    let key: String = row.try_get("account_key")?;
    let status_at: Option<i64> = row.try_get("status_at")?;
    let decided_at = Millis(row.try_get::<Option<i64>, _>("decided_at")?.unwrap_or(0));
    let changed_at = extras
        .changed
        .get(&id)
        .map_or(decided_at, |&at| decided_at.max(Millis(at)));
    Ok(PublicCase {
        case_no: row.try_get("case_no")?,
        key: key_from_db(&key)?,
        reasons: extras.reasons.remove(&id).unwrap_or_default(),
        reported_by: u64::try_from(extras.reported.get(&id).copied().unwrap_or(0)).unwrap_or(0),
        decided_at,
        changed_at,
        suspended_at: (status == AccountStatus::Suspended).then(|| Millis(status_at.unwrap_or(0))),
        aliases: extras.aliases.remove(&id).unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_series_accumulates_days_and_takes_medians_to_the_hour() {
        let mut c = Counts::default();
        c.add("d", -1, 5, 2); // two decided before the charts' first day
        c.add("s", -1, 0, 1); // one of them suspended then
        c.add("o", 3, 0, 4);
        c.add("d", 3, 1, 3);
        c.add("d", 3, 10, 1);
        c.add("s", 4, 0, 2);
        c.add("o", 99, 0, 7); // beyond the last day: dropped
        let s = c.series(0);
        assert_eq!(s.days.len(), PUBLIC_DAYS);
        assert_eq!((s.days[2].still_up, s.days[2].suspended), (1, 1));
        assert_eq!((s.days[3].opened, s.days[3].decided, s.days[3].still_up), (4, 4, 5));
        assert_eq!((s.days[4].still_up, s.days[4].suspended), (3, 3));
        assert_eq!(s.days[3].median_to_decision_ms, Some(HOUR_MS), "1, 1, 1, 10 hours");
        assert_eq!(s.days[4].median_to_decision_ms, None, "no decision that day");
        assert_eq!(
            s.median_to_decision_ms,
            Some(5 * HOUR_MS),
            "1, 1, 1, 5, 5, 10 hours: the upper median"
        );
        assert_eq!((s.still_up, s.suspended), (3, 3));
        assert_eq!(s.days[29].day, Millis(29 * DAY_MS));
    }
}
