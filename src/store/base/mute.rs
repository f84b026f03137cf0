//! Muted reporters: whether a member's report counts, read at intake, and the one filter
//! every count over reports uses.

use std::collections::HashMap;

use sqlx::{AnyConnection, Row};

use super::placeholders::{sized_query, Placeholders};
use super::sets::{bind_groups, per_guild, size, PerGuild};
use crate::domain::time::Millis;
use crate::store::{id_from_db, id_to_db, Result};

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

/// The mutes of `members` (acting ids by server), in one statement: each muted member's
/// end, `None` for a mute until lifted; see [`mute_holds`].
pub(crate) async fn mutes_of(
    conn: &mut AnyConnection,
    members: &PerGuild<i64>,
) -> Result<HashMap<(u64, u64), Option<i64>>> {
    if members.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT guild_id, member_id, until FROM muted_reporters WHERE {}",
        per_guild(Placeholders::of(conn), "guild_id", "member_id", members, 1)
    );
    let rows = bind_groups(sized_query(sql, size(members)), members)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|row| {
            let member = (
                id_from_db(row.try_get("guild_id")?),
                id_from_db(row.try_get("member_id")?),
            );
            Ok((member, row.try_get("until")?))
        })
        .collect()
}

/// Whether a mute ending at `until` holds at `at`: [`is_muted`]'s rule, for mutes read
/// with [`mutes_of`].
pub(crate) fn mute_holds(until: Option<i64>, at: Millis) -> bool {
    until.is_none_or(|end| end > at.0)
}
