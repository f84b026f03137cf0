//! A reporter's track record: what became of the cases they reported. `/reporter show`
//! and the review card's "track record" line read the same numbers from here.

use sqlx::{AnyConnection, Row};

use super::mute::COUNTED;
use crate::domain::time::Millis;
use crate::store::{id_to_db, Result};

/// Counts over a reporter's (or a case's reporters') reports that were not withdrawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReporterRecord {
    pub reports: u32,
    pub cases: u32,
    pub report_now: u32,
    /// Report-now cases whose account was confirmed suspended (or gone).
    pub suspended: u32,
    pub held: u32,
    pub dismissed: u32,
    pub first: Option<Millis>,
    pub last: Option<Millis>,
}

/// Whose record.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Whose {
    /// One member, by the id their reports are stored under.
    Member(u64),
    /// Everyone who reported this case, over their other cases.
    ReportersOf(i64),
}

pub(crate) async fn record_of(conn: &mut AnyConnection, guild_id: u64, whose: Whose) -> Result<ReporterRecord> {
    let (filter, arg) = match whose {
        Whose::Member(member) => ("r.reporter_id = $2", id_to_db(member)),
        Whose::ReportersOf(case_id) => (
            "r.case_id <> $2 AND r.reporter_id IN (SELECT reporter_id FROM reports \
             WHERE case_id = $2 AND reporter_id IS NOT NULL AND {COUNTED})",
            case_id,
        ),
    };
    let filter = filter.replace("{COUNTED}", COUNTED);
    let sql = format!(
        "SELECT COUNT(*) AS reports, COUNT(DISTINCT r.case_id) AS cases, \
         COUNT(DISTINCT CASE WHEN c.decision = 'report_now' THEN r.case_id END) AS report_now, \
         COUNT(DISTINCT CASE WHEN c.decision = 'report_now' AND c.account_status IN ('suspended', 'gone') \
         THEN r.case_id END) AS suspended, \
         COUNT(DISTINCT CASE WHEN c.decision = 'hand_off' THEN r.case_id END) AS held, \
         COUNT(DISTINCT CASE WHEN c.decision = 'dismissed' THEN r.case_id END) AS dismissed, \
         MIN(r.created_at) AS first, MAX(r.created_at) AS last \
         FROM reports r JOIN cases c ON c.id = r.case_id \
         WHERE c.guild_id = $1 AND {COUNTED} AND {filter}"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id_to_db(guild_id))
        .bind(arg)
        .fetch_one(&mut *conn)
        .await?;
    let count = |col: &str| -> Result<u32> {
        let n: Option<i64> = row.try_get(col)?;
        Ok(u32::try_from(n.unwrap_or(0)).unwrap_or(u32::MAX))
    };
    Ok(ReporterRecord {
        reports: count("reports")?,
        cases: count("cases")?,
        report_now: count("report_now")?,
        suspended: count("suspended")?,
        held: count("held")?,
        dismissed: count("dismissed")?,
        first: row.try_get::<Option<i64>, _>("first")?.map(Millis),
        last: row.try_get::<Option<i64>, _>("last")?.map(Millis),
    })
}
