//! Reading cases: one by number or account, and those whose deadlines have come.

use super::base::case_row::{case_by_key, case_by_no, case_ref, CaseRecord, CaseRef};
use super::{Result, Store};
use crate::domain::account::AccountKey;
use crate::domain::time::Millis;

impl Store {
    /// One case by its number in a server.
    pub async fn case(&self, guild_id: u64, case_no: i64) -> Result<CaseRecord> {
        self.op("case", async {
            let mut conn = self.pool.acquire().await?;
            case_by_no(&mut conn, guild_id, case_no).await
        })
        .await
    }

    /// The case for an account in a server, if any.
    pub async fn case_for_key(&self, guild_id: u64, key: &AccountKey) -> Result<Option<CaseRecord>> {
        self.op("case_for_key", async {
            let mut conn = self.pool.acquire().await?;
            case_by_key(&mut conn, guild_id, key).await
        })
        .await
    }

    /// Pending cases whose voting window has ended by `now`, oldest deadline first.
    /// Open rounds whose window has ended, by id only: each is then closed on its own, so
    /// one row that cannot be decoded stops only itself.
    pub async fn windows_ended(&self, now: Millis) -> Result<Vec<CaseRef>> {
        self.op("windows_ended", async {
            let rows = sqlx::query(
                "SELECT guild_id, case_no FROM cases WHERE window_ends_at IS NOT NULL AND window_ends_at <= $1 \
                 ORDER BY window_ends_at",
            )
            .bind(now.0)
            .fetch_all(&self.pool)
            .await?;
            rows.iter().map(case_ref).collect()
        })
        .await
    }

    /// The earliest open voting window's end, if any.
    pub async fn next_window_end(&self) -> Result<Option<Millis>> {
        self.op("next_window_end", async {
            let at: Option<i64> =
                sqlx::query_scalar("SELECT MIN(window_ends_at) FROM cases WHERE window_ends_at IS NOT NULL")
                    .fetch_one(&self.pool)
                    .await?;
            Ok(at.map(Millis))
        })
        .await
    }
}
