//! A member's language choice as a row: deleted by a reset and by `/forget-me`.

use crate::store::{id_to_db, Result};

/// Delete the member's language choice (a reset, or `/forget-me`).
pub(crate) async fn forget_language(conn: &mut sqlx::AnyConnection, guild_id: u64, member: u64) -> Result<()> {
    sqlx::query("DELETE FROM member_languages WHERE guild_id = $1 AND member_id = $2")
        .bind(id_to_db(guild_id))
        .bind(id_to_db(member))
        .execute(&mut *conn)
        .await?;
    Ok(())
}
