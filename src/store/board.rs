//! Read models of the public coordination messages: a case's notice, the status board,
//! the daily digest — and where the posted ones are.

use std::collections::BTreeSet;

use sqlx::Row;

use super::base::case_row::{aliases_of, case_by_id, case_from_row, reasons_of, CaseRecord};
use super::base::locations::{location_from_row, location_write, CardLocation};
use super::base::mute::COUNTED;
use super::base::outbox::{enqueue, OutboxKind};
use super::status::reported_count;
use super::{id_to_db, parse_col, Result, Store};
use crate::domain::account::AccountKey;
use crate::domain::case::{AccountStatus, Decision};
use crate::domain::reason::ReasonCategory;
use crate::domain::time::Millis;

const DAY_MS: i64 = 86_400_000;
/// How many report-now cases the board lists before "and N more".
pub const BOARD_LIST_MAX: u32 = 25;

/// What a case's public notice shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeFacts {
    pub case: CaseRecord,
    pub reasons: BTreeSet<ReasonCategory>,
    pub reported_by: u64,
    /// The account's other keys (a renamed handle, its numeric id): volunteers must find
    /// it under the name it has now.
    pub aliases: Vec<AccountKey>,
}

/// The status board's content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardFacts {
    pub by_decision: Vec<(Decision, u64)>,
    pub by_status: Vec<(AccountStatus, u64)>,
    pub decided_last_day: u64,
    pub suspended_last_day: u64,
    pub opened_last_day: u64,
    /// Report-now cases still up, longest waiting first (at most [`BOARD_LIST_MAX`]).
    pub report_now: Vec<CaseRecord>,
    pub report_now_total: u64,
}

/// The daily digest's content (the 24 h before it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DigestFacts {
    pub new_reports: u64,
    pub decided: Vec<(Decision, u64)>,
    pub suspensions_confirmed: u64,
    pub holds_expiring_soon: u64,
}

fn count(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

impl Store {
    pub async fn notice_facts(&self, case_id: i64) -> Result<NoticeFacts> {
        self.op("notice_facts", async {
            let mut conn = self.pool.acquire().await?;
            let case = case_by_id(&mut conn, case_id).await?;
            let reasons = reasons_of(&mut conn, case_id).await?;
            let reported_by = reported_count(&mut conn, case_id).await?;
            let aliases = aliases_of(&mut conn, &case).await?;
            Ok(NoticeFacts {
                case,
                reasons,
                reported_by,
                aliases,
            })
        })
        .await
    }

    pub async fn board_facts(&self, guild_id: u64, now: Millis) -> Result<BoardFacts> {
        self.op("board_facts", async {
            let guild = id_to_db(guild_id);
            let since = now.0 - DAY_MS;
            let mut facts = BoardFacts::default();
            for row in sqlx::query(
                "SELECT decision, COUNT(*) AS n FROM cases WHERE guild_id = $1 GROUP BY decision ORDER BY decision",
            )
            .bind(guild)
            .fetch_all(&self.pool)
            .await?
            {
                facts
                    .by_decision
                    .push((parse_col(&row, "decision")?, count(row.try_get("n")?)));
            }
            for row in sqlx::query(
                "SELECT account_status, COUNT(*) AS n FROM cases WHERE guild_id = $1 AND decision <> 'pending' \
                 GROUP BY account_status ORDER BY account_status",
            )
            .bind(guild)
            .fetch_all(&self.pool)
            .await?
            {
                facts
                    .by_status
                    .push((parse_col(&row, "account_status")?, count(row.try_get("n")?)));
            }
            let recent: (i64, i64, i64) = sqlx::query_as(
                "SELECT COALESCE(SUM(CASE WHEN decided_at > $2 THEN 1 ELSE 0 END), 0), \
                 COALESCE(SUM(CASE WHEN account_status = 'suspended' AND status_at > $2 THEN 1 ELSE 0 END), 0), \
                 COALESCE(SUM(CASE WHEN created_at > $2 THEN 1 ELSE 0 END), 0) FROM cases WHERE guild_id = $1",
            )
            .bind(guild)
            .bind(since)
            .fetch_one(&self.pool)
            .await?;
            (facts.decided_last_day, facts.suspended_last_day, facts.opened_last_day) =
                (count(recent.0), count(recent.1), count(recent.2));
            let open = "guild_id = $1 AND decision = 'report_now' AND account_status NOT IN ('suspended', 'gone')";
            let total: i64 =
                sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM cases WHERE {open}")))
                    .bind(guild)
                    .fetch_one(&self.pool)
                    .await?;
            facts.report_now_total = count(total);
            let sql = format!("SELECT * FROM cases WHERE {open} ORDER BY decided_at, case_no LIMIT $2");
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(guild)
                .bind(i64::from(BOARD_LIST_MAX))
                .fetch_all(&self.pool)
                .await?;
            facts.report_now = rows.iter().map(case_from_row).collect::<Result<_>>()?;
            Ok(facts)
        })
        .await
    }

    pub async fn digest_facts(&self, guild_id: u64, now: Millis) -> Result<DigestFacts> {
        self.op("digest_facts", async {
            let guild = id_to_db(guild_id);
            let since = now.0 - DAY_MS;
            let new_reports: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM reports r JOIN cases c ON c.id = r.case_id WHERE c.guild_id = $1 AND r.created_at > $2 \
                 AND {COUNTED}"
            )))
            .bind(guild)
            .bind(since)
            .fetch_one(&self.pool)
            .await?;
            let mut facts = DigestFacts {
                new_reports: count(new_reports),
                ..DigestFacts::default()
            };
            for row in sqlx::query(
                "SELECT decision, COUNT(*) AS n FROM cases WHERE guild_id = $1 AND decided_at > $2 AND decision <> 'pending' \
                 GROUP BY decision ORDER BY decision",
            )
            .bind(guild)
            .bind(since)
            .fetch_all(&self.pool)
            .await?
            {
                facts.decided.push((parse_col(&row, "decision")?, count(row.try_get("n")?)));
            }
            let (suspended, expiring): (i64, i64) = sqlx::query_as(
                "SELECT COALESCE(SUM(CASE WHEN account_status = 'suspended' AND status_at > $2 THEN 1 ELSE 0 END), 0), \
                 COALESCE(SUM(CASE WHEN decision = 'hand_off' AND held_until <= $3 THEN 1 ELSE 0 END), 0) \
                 FROM cases WHERE guild_id = $1",
            )
            .bind(guild)
            .bind(since)
            .bind(now.0 + 7 * DAY_MS)
            .fetch_one(&self.pool)
            .await?;
            facts.suspensions_confirmed = count(suspended);
            facts.holds_expiring_soon = count(expiring);
            Ok(facts)
        })
        .await
    }

    pub async fn notice_location(&self, case_id: i64) -> Result<Option<CardLocation>> {
        self.op("notice_location", async {
            let row = sqlx::query("SELECT channel_id, message_id FROM notices WHERE case_id = $1")
                .bind(case_id)
                .fetch_optional(&self.pool)
                .await?;
            row.map(|r| location_from_row(&r)).transpose()
        })
        .await
    }

    pub async fn record_notice(&self, case_id: i64, at: CardLocation, now: Millis) -> Result<()> {
        self.write_alone("record_notice", || location_write("notices", case_id, at, now))
            .await
    }

    /// The case's public message was deleted: the next one is posted afresh.
    pub async fn forget_notice(&self, case_id: i64) -> Result<()> {
        self.write_alone("forget_notice", || {
            sqlx::query("DELETE FROM notices WHERE case_id = $1").bind(case_id)
        })
        .await
    }

    pub async fn board_location(&self, guild_id: u64) -> Result<Option<CardLocation>> {
        self.op("board_location", async {
            let row = sqlx::query("SELECT channel_id, message_id FROM boards WHERE guild_id = $1")
                .bind(id_to_db(guild_id))
                .fetch_optional(&self.pool)
                .await?;
            row.map(|r| location_from_row(&r)).transpose()
        })
        .await
    }

    /// Record the board's message (new or edited) and when it was last written.
    pub async fn record_board(&self, guild_id: u64, at: CardLocation, now: Millis) -> Result<()> {
        self.write_alone("record_board", || {
            sqlx::query(
                "INSERT INTO boards (guild_id, channel_id, message_id, posted_at, last_edit_at) VALUES ($1, $2, $3, $4, $4) \
                 ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, message_id = excluded.message_id, \
                 last_edit_at = excluded.last_edit_at",
            )
            .bind(id_to_db(guild_id))
            .bind(id_to_db(at.channel_id))
            .bind(id_to_db(at.message_id))
            .bind(now.0)
        })
        .await
    }

    /// Claim today's digest for a server: true for exactly one caller per server per day,
    /// which also queues its post.
    pub async fn claim_digest(&self, guild_id: u64, day: i64, now: Millis) -> Result<bool> {
        self.write_op("claim_digest", move || async move {
            let mut tx = self.begin_write().await?;
            let claimed = sqlx::query("INSERT INTO digests (guild_id, day) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id_to_db(guild_id))
                .bind(day)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1;
            if claimed {
                enqueue(&mut tx, guild_id, OutboxKind::Digest, Some(day), now).await?;
                enqueue(&mut tx, guild_id, OutboxKind::ModeratorDigest, Some(day), now).await?;
            }
            tx.commit().await?;
            Ok(claimed)
        })
        .await
    }

    /// Servers with a digest hour, for the scheduler.
    pub async fn digest_hours(&self) -> Result<Vec<(u64, u8)>> {
        self.op("digest_hours", async {
            let rows = sqlx::query("SELECT guild_id, digest_hour FROM guilds WHERE digest_hour IS NOT NULL")
                .fetch_all(&self.pool)
                .await?;
            rows.iter()
                .map(|r| {
                    let hour: i64 = r.try_get("digest_hour")?;
                    Ok((
                        super::id_from_db(r.try_get("guild_id")?),
                        u8::try_from(hour).unwrap_or(0),
                    ))
                })
                .collect()
        })
        .await
    }
}
