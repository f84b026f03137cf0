//! Where a case's messages (review card, public notice) and a server's summaries were
//! posted, so that later changes edit them instead of posting again.

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, Row};

use crate::domain::time::Millis;
use crate::store::{id_from_db, id_to_db, Result};

/// Where a posted message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardLocation {
    pub channel_id: u64,
    pub message_id: u64,
}

/// The statement that remembers where a case's message (`cards` or `notices`) was posted.
pub(crate) fn location_write(
    table: &'static str,
    case_id: i64,
    at: CardLocation,
    now: Millis,
) -> Query<'static, Any, AnyArguments> {
    let sql = format!(
        "INSERT INTO {table} (case_id, channel_id, message_id, posted_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (case_id) DO UPDATE SET channel_id = excluded.channel_id, message_id = excluded.message_id, \
         posted_at = excluded.posted_at"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(case_id)
        .bind(id_to_db(at.channel_id))
        .bind(id_to_db(at.message_id))
        .bind(now.0)
}

pub(crate) fn location_from_row(row: &AnyRow) -> Result<CardLocation> {
    Ok(CardLocation {
        channel_id: id_from_db(row.try_get("channel_id")?),
        message_id: id_from_db(row.try_get("message_id")?),
    })
}
