//! Campaign tools: `/next` batches of report-now accounts, handed out at a pace and under
//! short reservations so that concurrent batches are disjoint.

use sqlx::{AnyConnection, Row};

use serde_json::json;

use super::base::audit::Event;
use super::base::case_row::{case_by_no, case_from_row, kept_case, CaseRecord, CASE_COLUMNS};
use super::base::guild_row::{ensure_guild, settings_in};
use super::base::mute::COUNTED;
use super::base::outbox::enqueue_card;
use super::base::pseudonym::acting_as;
use super::base::record::{record_of, ReporterRecord, Whose};
use super::base::transition::transition;
use super::base::write_tx::WriteTx;
use super::{id_to_db, Result, Store, StoreError};
use crate::domain::account::AccountKey;
use crate::domain::audit::{Actor, AuditKind};
use crate::domain::campaign::{
    batch_room, may_withdraw, share_room, BatchSize, HourlyPace, Paced, RecheckDays, WithdrawError, PACE_WINDOW,
    RESERVATION,
};
use crate::domain::time::Millis;

/// One account of a batch, with how many volunteers said they reported it so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchItem {
    pub case: CaseRecord,
    pub volunteers: u64,
    /// A re-check, with when the suspension was confirmed: it was long enough ago that the
    /// member is asked whether the account is still suspended, instead of to report it.
    pub recheck: Option<Millis>,
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
    /// volunteer reports first, within their hourly `pace`, with the suspensions due for a
    /// re-check as `domain::campaign::share_room` shares the batch (a re-check counts
    /// toward the pace like any account). Each account is reserved for
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
        self.write_op("next_batch", move || async move {
            let mut tx = self.begin_write().await?;
            ensure_guild(&mut tx, guild_id, now).await?;
            take_turn(&mut tx, guild_id, now).await?;
            let member = acting_as(&mut tx, guild_id, member).await?;
            let handed = handed_since(&mut tx, guild_id, member, now.minus(PACE_WINDOW)).await?;
            let room = match batch_room(size, pace, &handed) {
                Ok(room) => room,
                Err(paced) => {
                    tx.rollback().await?;
                    return Ok(NextBatch::Paced(paced));
                }
            };
            let recheck_days = settings_in(&mut tx, guild_id)
                .await?
                .map_or(RecheckDays::DEFAULT, |s| s.recheck_days);
            let due = rechecks_due(&mut tx, guild_id, member, room, recheck_days.due_if_seen_by(now), now).await?;
            let mut reports = candidates(&mut tx, guild_id, member, room, now).await?;
            let (rechecks, to_report) = share_room(room, count(&due), count(&reports));
            let mut items: Vec<BatchItem> = due.into_iter().take(rechecks as usize).collect();
            reports.truncate(to_report as usize);
            items.append(&mut reports);
            for item in &items {
                hand_out(&mut tx, guild_id, member, item.case.id, now).await?;
            }
            tx.commit().await?;
            Ok(NextBatch::Accounts(items))
        })
        .await
    }
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
    rows.iter().map(|r| batch_item(r, None)).collect()
}

fn count(items: &[BatchItem]) -> u32 {
    u32::try_from(items.len()).unwrap_or(u32::MAX)
}

/// Report-now accounts confirmed suspended, last seen so (confirmed, or a counted "still
/// suspended") at or before `seen_by`, that the member has not observed since and nobody
/// else holds a live reservation on: the longest suspended first.
async fn rechecks_due(
    conn: &mut AnyConnection,
    guild_id: u64,
    member: u64,
    limit: u32,
    seen_by: Millis,
    now: Millis,
) -> Result<Vec<BatchItem>> {
    let sql = format!(
        "SELECT {CASE_COLUMNS}, (SELECT COUNT(*) FROM reported_it r WHERE r.case_id = cases.id) AS volunteers, \
         COALESCE(status_at, 0) AS suspended_at \
         FROM cases WHERE guild_id = $1 AND decision = 'report_now' AND account_status = 'suspended' \
         AND COALESCE(status_at, 0) <= $3 \
         AND NOT EXISTS (SELECT 1 FROM status_observations o WHERE o.case_id = cases.id AND o.at > $3 \
           AND ((o.status = 'suspended' AND o.muted = 0) OR o.observer_id = $2)) \
         AND NOT EXISTS (SELECT 1 FROM reservations v WHERE v.case_id = cases.id AND v.until > $4 AND v.member_id <> $2) \
         ORDER BY status_at, case_no LIMIT $5"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id_to_db(guild_id))
        .bind(id_to_db(member))
        .bind(seen_by.0)
        .bind(now.0)
        .bind(i64::from(limit))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| batch_item(r, Some(Millis(r.try_get("suspended_at")?))))
        .collect()
}

fn batch_item(row: &sqlx::any::AnyRow, recheck: Option<Millis>) -> Result<BatchItem> {
    let volunteers: i64 = row.try_get("volunteers")?;
    Ok(BatchItem {
        case: case_from_row(row)?,
        volunteers: u64::try_from(volunteers).unwrap_or(0),
        recheck,
    })
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
    .bind(now.minus(PACE_WINDOW).0)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One of a member's reports, with its case as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyReport {
    pub case: CaseRecord,
    pub filed_at: Millis,
    pub withdrawn: bool,
}

/// The most cases `/myreports` lists.
pub const MY_REPORTS_MAX: i64 = 15;

/// What a withdrawal did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawal {
    pub case: CaseRecord,
    /// It was the case's last report: the case closed as withdrawn.
    pub closed: bool,
}

impl Store {
    /// The member's latest reports in this server, newest first (one per case). Reports
    /// kept while the member was muted (on accounts with no case) are listed too, as the
    /// case their answer named: a muted member's list reads like anyone's.
    pub async fn my_reports(&self, guild_id: u64, member: u64) -> Result<Vec<MyReport>> {
        self.op("my_reports", async {
            let mut conn = self.pool.acquire().await?;
            let member = acting_as(&mut conn, guild_id, member).await?;
            let sql = format!(
                "SELECT {CASE_COLUMNS}, m.filed_at, m.open_reports FROM cases JOIN \
                 (SELECT case_id, MAX(created_at) AS filed_at, \
                 SUM(CASE WHEN withdrawn_at IS NULL THEN 1 ELSE 0 END) AS open_reports \
                 FROM reports WHERE reporter_id = $2 GROUP BY case_id) m ON m.case_id = cases.id \
                 WHERE cases.guild_id = $1 ORDER BY m.filed_at DESC, cases.case_no DESC LIMIT $3"
            );
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(id_to_db(guild_id))
                .bind(id_to_db(member))
                .bind(MY_REPORTS_MAX)
                .fetch_all(&mut *conn)
                .await?;
            let mut mine = rows
                .iter()
                .map(|r| {
                    let open: i64 = r.try_get("open_reports")?;
                    Ok(MyReport {
                        case: case_from_row(r)?,
                        filed_at: Millis(r.try_get("filed_at")?),
                        withdrawn: open == 0,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            mine.extend(my_kept_reports(&mut conn, guild_id, member).await?);
            mine.sort_by_key(|r| std::cmp::Reverse((r.filed_at, r.case.case_no)));
            mine.truncate(MY_REPORTS_MAX as usize);
            Ok(mine)
        })
        .await
    }

    /// Withdraw the member's reports on case `case_no`, allowed only while it awaits its
    /// first decision. The member's report is checked before the case's state, so someone
    /// with no report learns nothing about the case. The last report withdrawn closes the
    /// case as withdrawn; either way its card is brought up to date.
    pub async fn withdraw_report(&self, guild_id: u64, case_no: i64, member: u64, at: Millis) -> Result<Withdrawal> {
        self.write_op("withdraw_report", move || async move {
            let mut tx = self.begin_write().await?;
            let member = acting_as(&mut tx, guild_id, member).await?;
            let case = match case_by_no(&mut tx, guild_id, case_no).await {
                Err(StoreError::NoSuchCase { .. }) => {
                    let withdrawal = withdraw_kept(&mut tx, guild_id, case_no, member, at).await?;
                    tx.commit().await?;
                    return Ok(withdrawal);
                }
                other => other?,
            };
            let (open, all): (i64, i64) = {
                let row = sqlx::query(
                    "SELECT SUM(CASE WHEN withdrawn_at IS NULL THEN 1 ELSE 0 END) AS open, COUNT(*) AS total \
                     FROM reports WHERE case_id = $1 AND reporter_id = $2",
                )
                .bind(case.id)
                .bind(id_to_db(member))
                .fetch_one(&mut *tx)
                .await?;
                (
                    row.try_get::<Option<i64>, _>("open")?.unwrap_or(0),
                    row.try_get("total")?,
                )
            };
            match (all, open) {
                (0, _) => return Err(StoreError::Withdraw(WithdrawError::NoReport)),
                (_, 0) => return Err(StoreError::Withdraw(WithdrawError::AlreadyWithdrawn)),
                _ => may_withdraw(&case.lifecycle).map_err(StoreError::Withdraw)?,
            }
            sqlx::query(
                "UPDATE reports SET withdrawn_at = $1 WHERE case_id = $2 AND reporter_id = $3 AND withdrawn_at IS NULL",
            )
            .bind(at.0)
            .bind(case.id)
            .bind(id_to_db(member))
            .execute(&mut *tx)
            .await?;
            let left: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM reports WHERE case_id = $1 AND {COUNTED}"
            )))
            .bind(case.id)
            .fetch_one(&mut *tx)
            .await?;
            let closed = left == 0;
            let event = |kind, payload| Event {
                guild_id,
                case_id: Some(case.id),
                actor: &Actor::Reporter,
                kind,
                payload,
                at,
            };
            tx.audit(event(
                AuditKind::ReportWithdrawn,
                json!({"case_no": case_no, "reports_left": left}),
            ));
            if closed {
                let to = case.lifecycle.withdraw()?;
                if !transition(&mut tx, &case, to, at).await? {
                    return Err(StoreError::Conflict);
                }
                tx.audit(event(
                    AuditKind::CaseDecided,
                    json!({"case_no": case_no, "decision": "withdrawn"}),
                ));
            } else if !case.queued {
                enqueue_card(&mut tx, guild_id, case.id, at).await?;
            }
            let case = case_by_no(&mut tx, guild_id, case_no).await?;
            tx.commit().await?;
            Ok(Withdrawal { case, closed })
        })
        .await
    }
}

/// The member's kept reports (filed while muted, on accounts with no case), one per
/// account, shown as the case their answer named.
async fn my_kept_reports(conn: &mut AnyConnection, guild_id: u64, member: u64) -> Result<Vec<MyReport>> {
    let window = settings_in(conn, guild_id)
        .await?
        .map(|s| s.policy)
        .unwrap_or_default()
        .window;
    let rows = sqlx::query(
        "SELECT k.account_key, c.case_no, MAX(k.created_at) AS filed_at, \
         SUM(CASE WHEN k.withdrawn_at IS NULL THEN 1 ELSE 0 END) AS open_reports \
         FROM kept_reports k JOIN kept_cases c ON c.guild_id = k.guild_id AND c.account_key = k.account_key \
         WHERE k.guild_id = $1 AND k.reporter_id = $2 GROUP BY k.account_key, c.case_no \
         ORDER BY filed_at DESC LIMIT $3",
    )
    .bind(id_to_db(guild_id))
    .bind(id_to_db(member))
    .bind(MY_REPORTS_MAX)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let key: String = r.try_get("account_key")?;
            let key = AccountKey::from_key(&key).map_err(|e| StoreError::Corrupt(format!("kept key {key:?}: {e}")))?;
            let filed_at = Millis(r.try_get("filed_at")?);
            let open: i64 = r.try_get("open_reports")?;
            Ok(MyReport {
                case: kept_case(guild_id, r.try_get("case_no")?, key, filed_at, window),
                filed_at,
                withdrawn: open == 0,
            })
        })
        .collect()
}

/// Withdraw the member's kept reports under the case number their answer named, as a
/// withdrawal from a case would read (the "case" closes once no kept report of the
/// account is left). No such report: the same refusal as for any case.
async fn withdraw_kept(tx: &mut WriteTx, guild_id: u64, case_no: i64, member: u64, at: Millis) -> Result<Withdrawal> {
    let mine = kept_of(tx, guild_id, case_no, Some(member)).await?;
    let Some((key, filed_at, open)) = mine else {
        return Err(StoreError::Withdraw(WithdrawError::NoReport));
    };
    if open == 0 {
        return Err(StoreError::Withdraw(WithdrawError::AlreadyWithdrawn));
    }
    sqlx::query(
        "UPDATE kept_reports SET withdrawn_at = $1 WHERE guild_id = $2 AND account_key = $3 \
         AND reporter_id = $4 AND withdrawn_at IS NULL",
    )
    .bind(at.0)
    .bind(id_to_db(guild_id))
    .bind(&key)
    .bind(id_to_db(member))
    .execute(&mut **tx)
    .await?;
    let left = kept_of(tx, guild_id, case_no, None)
        .await?
        .map_or(0, |(_, _, open)| open);
    let payload = json!({"case_no": case_no, "reports_left": left, "kept": true});
    let event = Event {
        guild_id,
        case_id: None,
        actor: &Actor::Reporter,
        kind: AuditKind::ReportWithdrawn,
        payload,
        at,
    };
    tx.audit(event);
    let window = settings_in(tx, guild_id)
        .await?
        .map(|s| s.policy)
        .unwrap_or_default()
        .window;
    let key = AccountKey::from_key(&key).map_err(|e| StoreError::Corrupt(format!("kept key {key:?}: {e}")))?;
    Ok(Withdrawal {
        case: kept_case(guild_id, case_no, key, filed_at, window),
        closed: left == 0,
    })
}

/// The account, latest filing and open (not withdrawn) count of the kept reports under
/// kept case `case_no`: the member's (`Some`), or everyone's.
async fn kept_of(
    conn: &mut AnyConnection,
    guild_id: u64,
    case_no: i64,
    member: Option<u64>,
) -> Result<Option<(String, Millis, i64)>> {
    let row = sqlx::query(
        "SELECT k.account_key, MAX(k.created_at) AS filed_at, \
         SUM(CASE WHEN k.withdrawn_at IS NULL THEN 1 ELSE 0 END) AS open_reports \
         FROM kept_reports k JOIN kept_cases c ON c.guild_id = k.guild_id AND c.account_key = k.account_key \
         WHERE k.guild_id = $1 AND c.case_no = $2 AND ($3 = 0 OR k.reporter_id = $3) GROUP BY k.account_key",
    )
    .bind(id_to_db(guild_id))
    .bind(case_no)
    .bind(member.map_or(0, id_to_db))
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok((
            r.try_get("account_key")?,
            Millis(r.try_get("filed_at")?),
            r.try_get("open_reports")?,
        ))
    })
    .transpose()
}

impl Store {
    /// A member's record as a reporter in this server (`/reporter show`): the numbers the
    /// review card's track-record line shows for a case's reporters.
    pub async fn reporter_record(&self, guild_id: u64, member: u64) -> Result<ReporterRecord> {
        self.op("reporter_record", async {
            let mut conn = self.pool.acquire().await?;
            let member = acting_as(&mut conn, guild_id, member).await?;
            record_of(&mut conn, guild_id, Whose::Member(member)).await
        })
        .await
    }
}
