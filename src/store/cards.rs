//! What a review card shows, and where each card was posted.

use std::collections::BTreeSet;

use sqlx::Row;

use super::base::case_row::{case_by_id, merged_into_no, reasons_of, tally, CaseRecord};
use super::base::locations::{location_from_row, location_write, CardLocation};
use super::base::mute::COUNTED;
use super::base::record::{record_of, ReporterRecord, Whose};
use super::{Result, Store};
use crate::domain::reason::ReasonCategory;
use crate::domain::time::Millis;
use crate::domain::vote::Tally;

/// A reporter who joined the server less than this long before reporting counts as new.
const RECENT_MEMBER_MS: i64 = 7 * 86_400_000;

/// The facts on a case's review card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardFacts {
    pub case: CaseRecord,
    pub reasons: BTreeSet<ReasonCategory>,
    pub reporters: u32,
    /// Reporters who had joined the server within a week of reporting.
    pub recent_members: u32,
    /// What became of the other cases these reporters reported (as `/reporter show`).
    pub record: ReporterRecord,
    pub evidence: u32,
    /// The newest report's free-text details (unescaped: the renderer escapes).
    pub latest_details: Option<String>,
    pub tally: Tally,
    /// Its muted reporter alone opened it: `Some` with the mute's end (`None`: none).
    pub opener_muted: Option<Option<Millis>>,
    /// The number of the case it was merged into (`/case merge`), if it was.
    pub merged_into: Option<i64>,
}

fn count(row: &sqlx::any::AnyRow, col: &str) -> Result<u32> {
    let n: Option<i64> = row.try_get(col)?;
    Ok(u32::try_from(n.unwrap_or(0)).unwrap_or(u32::MAX))
}

impl Store {
    pub async fn card_facts(&self, case_id: i64) -> Result<CardFacts> {
        self.op("card_facts", async {
            let mut conn = self.pool.acquire().await?;
            let case = case_by_id(&mut conn, case_id).await?;
            let reports = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(DISTINCT COALESCE(reporter_id, -1)) AS reporters, \
                 COUNT(DISTINCT CASE WHEN member_joined_at IS NOT NULL AND created_at - member_joined_at < $2 THEN reporter_id END) AS recent \
                 FROM reports WHERE case_id = $1 AND {COUNTED}"
            )))
            .bind(case_id)
            .bind(RECENT_MEMBER_MS)
            .fetch_one(&mut *conn)
            .await?;
            let record = record_of(&mut conn, case.guild_id, Whose::ReportersOf(case_id)).await?;
            let evidence: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM evidence e JOIN reports r ON r.id = e.report_id WHERE r.case_id = $1",
            )
            .bind(case_id)
            .fetch_one(&mut *conn)
            .await?;
            let reasons = reasons_of(&mut conn, case_id).await?;
            let latest_details: Option<String> = sqlx::query_scalar(
                "SELECT details FROM reports WHERE case_id = $1 AND details IS NOT NULL ORDER BY id DESC LIMIT 1",
            )
            .bind(case_id)
            .fetch_optional(&mut *conn)
            .await?;
            let tally = tally(&mut conn, case_id, case.lifecycle.round).await?;
            let muted = sqlx::query("SELECT opener_muted, opener_muted_until FROM cases WHERE id = $1")
                .bind(case_id)
                .fetch_one(&mut *conn)
                .await?;
            let opener_muted = (muted.try_get::<i64, _>("opener_muted")? != 0)
                .then(|| muted.try_get::<Option<i64>, _>("opener_muted_until").map(|t| t.map(Millis)))
                .transpose()?;
            Ok(CardFacts {
                reasons,
                reporters: count(&reports, "reporters")?,
                recent_members: count(&reports, "recent")?,
                record,
                evidence: u32::try_from(evidence).unwrap_or(u32::MAX),
                latest_details,
                tally,
                opener_muted,
                merged_into: merged_into_no(&mut conn, case_id).await?,
                case,
            })
        })
        .await
    }

    pub async fn card_location(&self, case_id: i64) -> Result<Option<CardLocation>> {
        self.op("card_location", async {
            let row = sqlx::query("SELECT channel_id, message_id FROM cards WHERE case_id = $1")
                .bind(case_id)
                .fetch_optional(&self.pool)
                .await?;
            row.map(|r| location_from_row(&r)).transpose()
        })
        .await
    }

    pub async fn record_card(&self, case_id: i64, at: CardLocation, now: Millis) -> Result<()> {
        self.write_alone("record_card", || location_write("cards", case_id, at, now))
            .await
    }
}
