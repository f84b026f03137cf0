//! Campaign tools: `/next` batches of report-now accounts, handed out at a pace and under
//! short reservations so that concurrent batches are disjoint.

use sqlx::{AnyConnection, Row};

use super::base::case_row::{case_from_row, CaseRecord, CASE_COLUMNS};
use super::base::guild_row::ensure_guild;
use super::base::pseudonym::acting_as;
use super::{id_to_db, op, Result, Store};
use crate::domain::campaign::{batch_room, BatchSize, HourlyPace, Paced, PACE_WINDOW, RESERVATION};
use crate::domain::time::Millis;

/// One account of a batch, with how many volunteers said they reported it so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchItem {
    pub case: CaseRecord,
    pub volunteers: u64,
}

/// What `/next` hands a member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextBatch {
    /// The accounts to report (empty: nothing left for this member now).
    Accounts(Vec<BatchItem>),
    /// The member has had their hourly pace.
    Paced(Paced),
}

impl Store {
    /// Hand `member` up to `size` report-now accounts they have not reported, fewest
    /// volunteer reports first, within their hourly `pace`. Each account is reserved for
    /// them for [`RESERVATION`]: batches of one server are handed out in turn, and a case
    /// reserved for someone else is left out, so two members asking at once get different
    /// accounts while enough exist.
    pub async fn next_batch(
        &self,
        guild_id: u64,
        member: u64,
        size: BatchSize,
        pace: HourlyPace,
        now: Millis,
    ) -> Result<NextBatch> {
        op("next_batch", async {
            let mut tx = self.begin_write().await?;
            ensure_guild(&mut tx, guild_id, now).await?;
            take_turn(&mut tx, guild_id, now).await?;
            let member = acting_as(&mut tx, guild_id, member).await?;
            let handed = handed_since(&mut tx, guild_id, member, Millis(now.0 - millis(PACE_WINDOW))).await?;
            let room = match batch_room(size, pace, &handed) {
                Ok(room) => room,
                Err(paced) => {
                    tx.rollback().await?;
                    return Ok(NextBatch::Paced(paced));
                }
            };
            let items = candidates(&mut tx, guild_id, member, room, now).await?;
            for item in &items {
                hand_out(&mut tx, guild_id, member, item.case.id, now).await?;
            }
            tx.commit().await?;
            Ok(NextBatch::Accounts(items))
        })
        .await
    }
}

fn millis(d: std::time::Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Wait for this server's batch turn: the upsert locks the row until the transaction ends
/// (SQLite has one writer anyway).
async fn take_turn(conn: &mut AnyConnection, guild_id: u64, now: Millis) -> Result<()> {
    sqlx::query(
        "INSERT INTO batch_turns (guild_id, at) VALUES ($1, $2) ON CONFLICT (guild_id) DO UPDATE SET at = excluded.at",
    )
    .bind(id_to_db(guild_id))
    .bind(now.0)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// When accounts were handed to the member since `since`, oldest first.
async fn handed_since(conn: &mut AnyConnection, guild_id: u64, member: u64, since: Millis) -> Result<Vec<Millis>> {
    let rows = sqlx::query(
        "SELECT handed_at FROM handouts WHERE guild_id = $1 AND member_id = $2 AND handed_at > $3 ORDER BY handed_at",
    )
    .bind(id_to_db(guild_id))
    .bind(id_to_db(member))
    .bind(since.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| Ok(Millis(r.try_get("handed_at")?))).collect()
}

/// Report-now accounts not known suspended or gone, that the member has not said they
/// reported and nobody else holds a live reservation on: fewest volunteers first, then
/// the longest waiting.
async fn candidates(
    conn: &mut AnyConnection,
    guild_id: u64,
    member: u64,
    limit: u32,
    now: Millis,
) -> Result<Vec<BatchItem>> {
    let sql = format!(
        "SELECT {CASE_COLUMNS}, (SELECT COUNT(*) FROM reported_it r WHERE r.case_id = cases.id) AS volunteers \
         FROM cases WHERE guild_id = $1 AND decision = 'report_now' AND account_status IN ('unknown', 'active') \
         AND NOT EXISTS (SELECT 1 FROM reported_it r WHERE r.case_id = cases.id AND r.member_id = $2) \
         AND NOT EXISTS (SELECT 1 FROM reservations v WHERE v.case_id = cases.id AND v.until > $3 AND v.member_id <> $2) \
         ORDER BY volunteers, decided_at, case_no LIMIT $4"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id_to_db(guild_id))
        .bind(id_to_db(member))
        .bind(now.0)
        .bind(i64::from(limit))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            let volunteers: i64 = r.try_get("volunteers")?;
            Ok(BatchItem {
                case: case_from_row(r)?,
                volunteers: u64::try_from(volunteers).unwrap_or(0),
            })
        })
        .collect()
}

/// Reserve the case for the member and count it toward their pace (once per hour: an
/// account handed again within the hour is not counted twice).
async fn hand_out(conn: &mut AnyConnection, guild_id: u64, member: u64, case_id: i64, now: Millis) -> Result<()> {
    sqlx::query(
        "INSERT INTO reservations (case_id, member_id, until) VALUES ($1, $2, $3) \
         ON CONFLICT (case_id) DO UPDATE SET member_id = excluded.member_id, until = excluded.until",
    )
    .bind(case_id)
    .bind(id_to_db(member))
    .bind(now.plus(RESERVATION).0)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO handouts (guild_id, member_id, case_id, handed_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (case_id, member_id) DO UPDATE SET handed_at = excluded.handed_at \
         WHERE handouts.handed_at <= $5",
    )
    .bind(id_to_db(guild_id))
    .bind(id_to_db(member))
    .bind(case_id)
    .bind(now.0)
    .bind(now.0 - millis(PACE_WINDOW))
    .execute(&mut *conn)
    .await?;
    Ok(())
}
