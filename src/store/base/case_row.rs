//! Reading case rows and the facts kept beside them (reasons, reporters, votes).

use std::collections::{BTreeSet, HashMap};

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::mute::COUNTED;
use crate::domain::account::AccountKey;
use crate::domain::case::{AccountStatus, Lifecycle, RoundNote};
use crate::domain::reason::ReasonCategory;
use crate::domain::time::Millis;
use crate::domain::vote::{Tally, VoteChoice, VotingWindow};
use crate::store::{id_from_db, id_to_db, parse_col, Result, StoreError};

/// A case as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: i64,
    pub guild_id: u64,
    pub case_no: i64,
    pub key: AccountKey,
    pub lifecycle: Lifecycle,
    pub account_status: AccountStatus,
    pub agency: Option<String>,
    pub referral_ref: Option<String>,
    pub queued: bool,
    /// Why the current round was opened, when it is not the first.
    pub round_note: Option<RoundNote>,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub decided_at: Option<Millis>,
}

pub(crate) const CASE_COLUMNS: &str = "id, guild_id, case_no, account_key, decision, round, window_ends_at, overdue, \
     held_until, account_status, agency, referral_ref, queued, round_note, created_at, updated_at, decided_at";

/// An account key as stored (every stored key was valid when written).
pub(crate) fn key_from_db(key: &str) -> Result<AccountKey> {
    AccountKey::from_key(key).map_err(|e| StoreError::Corrupt(format!("account_key {key:?}: {e}")))
}

/// The case's keys other than its own (`/case alias add`, or keys merged into it), in
/// key order.
pub(crate) async fn aliases_of(conn: &mut AnyConnection, case: &CaseRecord) -> Result<Vec<AccountKey>> {
    let keys: Vec<String> = sqlx::query_scalar(
        "SELECT account_key FROM case_keys WHERE case_id = $1 AND account_key <> $2 ORDER BY account_key",
    )
    .bind(case.id)
    .bind(case.key.to_string())
    .fetch_all(&mut *conn)
    .await?;
    keys.iter().map(|k| key_from_db(k)).collect()
}

/// Every case's keys other than its own, in key order, for the cases `within` selects (a
/// condition on `cases c` and `case_keys k` with the server bound as `$1`): one read for a
/// whole export or page, where [`aliases_of`] reads one case's.
pub(crate) async fn aliases_within(
    conn: &mut AnyConnection,
    guild: i64,
    within: &str,
) -> Result<HashMap<i64, Vec<AccountKey>>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT k.case_id, k.account_key FROM case_keys k JOIN cases c ON c.id = k.case_id \
         WHERE {within} AND k.account_key <> c.account_key ORDER BY k.case_id, k.account_key",
    )))
    .bind(guild)
    .fetch_all(&mut *conn)
    .await?;
    let mut out: HashMap<i64, Vec<AccountKey>> = HashMap::new();
    for row in rows {
        let key: String = row.try_get("account_key")?;
        out.entry(row.try_get("case_id")?).or_default().push(key_from_db(&key)?);
    }
    Ok(out)
}

pub(crate) fn case_from_row(row: &AnyRow) -> Result<CaseRecord> {
    let key: String = row.try_get("account_key")?;
    let round: i64 = row.try_get("round")?;
    Ok(CaseRecord {
        id: row.try_get("id")?,
        guild_id: id_from_db(row.try_get("guild_id")?),
        case_no: row.try_get("case_no")?,
        key: key_from_db(&key)?,
        lifecycle: Lifecycle {
            decision: parse_col(row, "decision")?,
            round: u32::try_from(round).map_err(|_| StoreError::Corrupt(format!("round {round}")))?,
            window_ends_at: row.try_get::<Option<i64>, _>("window_ends_at")?.map(Millis),
            overdue: row.try_get::<i64, _>("overdue")? != 0,
            held_until: row.try_get::<Option<i64>, _>("held_until")?.map(Millis),
        },
        account_status: parse_col(row, "account_status")?,
        agency: row.try_get("agency")?,
        referral_ref: row.try_get("referral_ref")?,
        queued: row.try_get::<i64, _>("queued")? != 0,
        round_note: round_note_from_row(row)?,
        created_at: Millis(row.try_get("created_at")?),
        updated_at: Millis(row.try_get("updated_at")?),
        decided_at: row.try_get::<Option<i64>, _>("decided_at")?.map(Millis),
    })
}

/// A round note is stored as the JSON of its facts; wording it is the Discord layer's job.
fn round_note_from_row(row: &AnyRow) -> Result<Option<RoundNote>> {
    let raw: Option<String> = row.try_get("round_note")?;
    raw.map(|raw| serde_json::from_str(&raw).map_err(|e| StoreError::Corrupt(format!("round_note {raw:?}: {e}"))))
        .transpose()
}

pub(crate) async fn case_by_key(
    conn: &mut AnyConnection,
    guild_id: u64,
    key: &AccountKey,
) -> Result<Option<CaseRecord>> {
    // Through `case_keys`, so an alias finds its case as the case's own key does.
    let sql = format!(
        "SELECT {CASE_COLUMNS} FROM cases WHERE id = (SELECT case_id FROM case_keys WHERE guild_id = $1 AND account_key = $2)"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id_to_db(guild_id))
        .bind(key.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(case_from_row).transpose()
}

pub(crate) async fn case_by_no(conn: &mut AnyConnection, guild_id: u64, case_no: i64) -> Result<CaseRecord> {
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE guild_id = $1 AND case_no = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id_to_db(guild_id))
        .bind(case_no)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref()
        .map(case_from_row)
        .transpose()?
        .ok_or(StoreError::NoSuchCase { case_no })
}

pub(crate) async fn case_by_id(conn: &mut AnyConnection, case_id: i64) -> Result<CaseRecord> {
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(case_id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref()
        .map(case_from_row)
        .transpose()?
        .ok_or_else(|| StoreError::Corrupt(format!("case id {case_id} missing")))
}

/// Merges a case number is followed through before giving up: more than any real chain
/// (a merged case is never a merge's target, so chains only grow by merging their end).
const MAX_MERGE_CHAIN: usize = 64;

/// Case `case_no`, or the case it was merged into (to the end of the chain): for what
/// volunteers do about the account from an older message, such as a `/next` batch's
/// *I reported it* button, which must count where the account's reports are now.
pub(crate) async fn case_of_account(conn: &mut AnyConnection, guild_id: u64, case_no: i64) -> Result<CaseRecord> {
    let mut case = case_by_no(conn, guild_id, case_no).await?;
    for _ in 0..MAX_MERGE_CHAIN {
        let into: Option<i64> = sqlx::query_scalar("SELECT merged_into FROM cases WHERE id = $1")
            .bind(case.id)
            .fetch_one(&mut *conn)
            .await?;
        match into {
            None => return Ok(case),
            Some(id) => case = case_by_id(conn, id).await?,
        }
    }
    Err(StoreError::Corrupt(format!("case #{case_no} merges on without end")))
}

/// The number of the case that case `case_id` was merged into, if it was (`/case merge`).
pub(crate) async fn merged_into_no(conn: &mut AnyConnection, case_id: i64) -> Result<Option<i64>> {
    let no = sqlx::query_scalar("SELECT m.case_no FROM cases c JOIN cases m ON m.id = c.merged_into WHERE c.id = $1")
        .bind(case_id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(no)
}

/// The distinct reasons a case was reported for.
pub(crate) async fn reasons_of(conn: &mut AnyConnection, case_id: i64) -> Result<BTreeSet<ReasonCategory>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT DISTINCT reason FROM reports WHERE case_id = $1 AND {COUNTED}"
    )))
    .bind(case_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| parse_col(r, "reason")).collect()
}

pub(crate) async fn distinct_reporters(conn: &mut AnyConnection, case_id: i64) -> Result<u32> {
    let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(DISTINCT COALESCE(reporter_id, -1)) FROM reports WHERE case_id = $1 AND {COUNTED}"
    )))
    .bind(case_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// The votes cast in one round of a case.
pub(crate) async fn tally(conn: &mut AnyConnection, case_id: i64, round: u32) -> Result<Tally> {
    let rows = sqlx::query("SELECT choice FROM votes WHERE case_id = $1 AND round = $2")
        .bind(case_id)
        .bind(i64::from(round))
        .fetch_all(&mut *conn)
        .await?;
    let choices = rows
        .iter()
        .map(|r| {
            let raw: String = r.try_get("choice")?;
            raw.parse::<VoteChoice>()
                .map_err(|e| StoreError::Corrupt(e.to_string()))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Tally::of(choices))
}

/// Reserve `n` consecutive case numbers in a server; returns the first.
pub(crate) async fn reserve_case_numbers(conn: &mut AnyConnection, guild_id: u64, n: i64) -> Result<i64> {
    let next: i64 = sqlx::query_scalar(
        "UPDATE guilds SET next_case_no = next_case_no + $1 WHERE guild_id = $2 RETURNING next_case_no",
    )
    .bind(n)
    .bind(id_to_db(guild_id))
    .fetch_one(&mut *conn)
    .await?;
    Ok(next - n)
}

/// Give back the numbers from `next` on, reserved by this transaction and unused: only
/// while no number after them was taken.
pub(crate) async fn release_case_numbers(conn: &mut AnyConnection, guild_id: u64, next: i64) -> Result<()> {
    sqlx::query("UPDATE guilds SET next_case_no = $1 WHERE guild_id = $2")
        .bind(next)
        .bind(id_to_db(guild_id))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(crate) async fn set_round_note(conn: &mut AnyConnection, case_id: i64, note: Option<&RoundNote>) -> Result<()> {
    let json = note
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StoreError::Corrupt(format!("round note {note:?}: {e}")))?;
    sqlx::query("UPDATE cases SET round_note = $1 WHERE id = $2")
        .bind(json)
        .bind(case_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A case named by its server and number, without its row: for work that loads each case
/// on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseRef {
    pub guild_id: u64,
    pub case_no: i64,
}

pub(in crate::store) fn case_ref(row: &sqlx::any::AnyRow) -> Result<CaseRef> {
    use sqlx::Row;
    Ok(CaseRef {
        guild_id: crate::store::id_from_db(row.try_get("guild_id")?),
        case_no: row.try_get("case_no")?,
    })
}

/// When the member filed reports in this server since `since`, oldest first.
pub(in crate::store) async fn reports_since(
    conn: &mut AnyConnection,
    guild_id: u64,
    member: u64,
    since: Millis,
) -> Result<Vec<Millis>> {
    let rows = sqlx::query(
        "SELECT created_at FROM (SELECT r.created_at FROM reports r JOIN cases c ON c.id = r.case_id \
         WHERE c.guild_id = $1 AND r.reporter_id = $2 AND r.created_at > $3 \
         UNION ALL SELECT created_at FROM kept_reports WHERE guild_id = $1 AND reporter_id = $2 AND created_at > $3) t \
         ORDER BY created_at",
    )
    .bind(crate::store::id_to_db(guild_id))
    .bind(crate::store::id_to_db(member))
    .bind(since.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| Ok(Millis(r.try_get("created_at")?))).collect()
}

/// The case a kept report (a muted member's report on an account with no case) is shown
/// as, in its answer and in `/myreports`: as a case opened by it would read. It has no row
/// (id 0) and is only ever rendered.
pub(crate) fn kept_case(guild_id: u64, case_no: i64, key: AccountKey, at: Millis, window: VotingWindow) -> CaseRecord {
    CaseRecord {
        id: 0,
        guild_id,
        case_no,
        key,
        lifecycle: Lifecycle::open(at, window),
        account_status: AccountStatus::Unknown,
        agency: None,
        referral_ref: None,
        queued: false,
        round_note: None,
        created_at: at,
        updated_at: at,
        decided_at: None,
    }
}
