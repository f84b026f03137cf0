//! Everything about one case, for moderators (`/case show`): reporters included.

use sqlx::Row;

use super::base::case_row::{aliases_of, case_by_no, merged_into_no, CaseRecord};
use super::{id_from_db, id_to_db, parse_col, Result, Store};
use crate::domain::account::AccountKey;
use crate::domain::reason::ReasonCategory;
use crate::domain::time::Millis;
use crate::domain::vote::VoteChoice;

/// Who filed a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reporter {
    Member(u64),
    /// A member who used `/forget-me`.
    Anonymous,
    /// A bulk import.
    Imported,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportEntry {
    pub reporter: Reporter,
    pub reason: ReasonCategory,
    pub details: Option<String>,
    pub evidence: u32,
    pub at: Millis,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDetails {
    pub case: CaseRecord,
    pub reports: Vec<ReportEntry>,
    /// This round's votes by moderator.
    pub votes: Vec<(u64, VoteChoice)>,
    pub notes: Vec<(u64, String, Millis)>,
    /// The newest audit events of the case and of the cases merged into it, newest
    /// first: (time, kind, actor).
    pub history: Vec<(Millis, String, String)>,
    /// The number of the case it was merged into (`/case merge`), if it was.
    pub merged_into: Option<i64>,
    /// The account's other keys.
    pub aliases: Vec<AccountKey>,
}

fn reporter(id: Option<i64>) -> Reporter {
    match id {
        None => Reporter::Imported,
        Some(id) if id < 0 => Reporter::Anonymous,
        Some(id) => Reporter::Member(id_from_db(id)),
    }
}

impl Store {
    /// The number of the case this one was merged into (`/case merge`), if it was: a
    /// moderator's `/status` of a merged case says where its account went.
    pub async fn merged_into(&self, case_id: i64) -> Result<Option<i64>> {
        self.op("merged_into", async {
            merged_into_no(&mut *self.pool.acquire().await?, case_id).await
        })
        .await
    }

    pub async fn case_details(&self, guild_id: u64, case_no: i64, history: u32) -> Result<CaseDetails> {
        self.op("case_details", async {
            let mut conn = self.pool.acquire().await?;
            let case = case_by_no(&mut conn, guild_id, case_no).await?;
            let reports = sqlx::query(
                "SELECT r.reporter_id, r.reason, r.details, r.created_at, \
                 (SELECT COUNT(*) FROM evidence e WHERE e.report_id = r.id) AS evidence \
                 FROM reports r WHERE r.case_id = $1 ORDER BY r.id",
            )
            .bind(case.id)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| {
                Ok(ReportEntry {
                    reporter: reporter(r.try_get("reporter_id")?),
                    reason: parse_col(r, "reason")?,
                    details: r.try_get("details")?,
                    evidence: u32::try_from(r.try_get::<i64, _>("evidence")?).unwrap_or(0),
                    at: Millis(r.try_get("created_at")?),
                })
            })
            .collect::<Result<Vec<_>>>()?;
            let votes =
                sqlx::query("SELECT moderator_id, choice FROM votes WHERE case_id = $1 AND round = $2 ORDER BY cast_at")
                    .bind(case.id)
                    .bind(i64::from(case.lifecycle.round))
                    .fetch_all(&mut *conn)
                    .await?
                    .iter()
                    .map(|r| Ok((id_from_db(r.try_get("moderator_id")?), parse_col(r, "choice")?)))
                    .collect::<Result<Vec<_>>>()?;
            let notes = sqlx::query("SELECT author_id, note, at FROM case_notes WHERE case_id = $1 ORDER BY id")
                .bind(case.id)
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .map(|r| {
                    Ok((
                        id_from_db(r.try_get("author_id")?),
                        r.try_get("note")?,
                        Millis(r.try_get("at")?),
                    ))
                })
                .collect::<Result<Vec<_>>>()?;
            let history = sqlx::query(
                "SELECT at, kind, actor FROM audit_events WHERE guild_id = $1 \
                 AND (case_id = $2 OR case_id IN (SELECT id FROM cases WHERE merged_into = $2)) ORDER BY seq DESC LIMIT $3",
            )
            .bind(id_to_db(guild_id))
            .bind(case.id)
            .bind(i64::from(history))
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| Ok((Millis(r.try_get("at")?), r.try_get("kind")?, r.try_get("actor")?)))
            .collect::<Result<Vec<_>>>()?;
            let merged_into = merged_into_no(&mut conn, case.id).await?;
            Ok(CaseDetails {
                merged_into,
                aliases: aliases_of(&mut conn, &case).await?,
                case,
                reports,
                votes,
                notes,
                history,
            })
        })
        .await
    }
}
