//! Muted reporters: whether a member's report counts, read at intake, and the one filter
//! every count over reports uses.

use sqlx::AnyConnection;

use crate::domain::time::Millis;
use crate::store::{id_to_db, Result};

/// The reports that count (toward reporters, reasons, track records, exports, closing):
/// neither withdrawn nor filed while their member was muted. Unqualified, so it reads the
/// reports table in any query that joins it to tables without these columns.
pub(crate) const COUNTED: &str = "withdrawn_at IS NULL AND muted = 0";

/// Whether the member (by acting id) was muted in the server at `at`: a mute with an end
/// lapses by itself.
pub(crate) async fn is_muted(conn: &mut AnyConnection, guild_id: u64, member: u64, at: Millis) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM muted_reporters WHERE guild_id = $1 AND member_id = $2 AND (until IS NULL OR until > $3)",
    )
    .bind(id_to_db(guild_id))
    .bind(id_to_db(member))
    .bind(at.0)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// Whether a mute ending at `until` holds at `at`: [`is_muted`]'s rule, for mutes read
/// with a batch of reports (`reports::intake_read`).
pub(crate) fn mute_holds(until: Option<i64>, at: Millis) -> bool {
    until.is_none_or(|end| end > at.0)
}
