//! Reporter pseudonyms. `/forget-me` replaces a member's Discord id with an HMAC of the
//! server and member under this installation's secret: the id is gone from every row,
//! while the same member keeps mapping to the same pseudonym, so their rate limit, track
//! record and "distinct members" counts still hold. Once forgotten, a member's later
//! reports and presses are recorded under the pseudonym too.

use std::collections::{BTreeSet, HashMap};

use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::AnyConnection;

use crate::store::{id_to_db, Result, StoreError};

/// The installation's secret, created on first use (race-safe: the first insert wins).
async fn secret(conn: &mut AnyConnection) -> Result<Vec<u8>> {
    installation_key_existed(conn).await.map(|(key, _)| key)
}

/// [`secret`], telling whether it existed before this call.
pub(in crate::store) async fn installation_key_existed(conn: &mut AnyConnection) -> Result<(Vec<u8>, bool)> {
    let fresh = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
    let created =
        sqlx::query("INSERT INTO installation_secrets (name, value) VALUES ('pseudonyms', $1) ON CONFLICT DO NOTHING")
            .bind(fresh)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    let value: String = sqlx::query_scalar("SELECT value FROM installation_secrets WHERE name = 'pseudonyms'")
        .fetch_one(&mut *conn)
        .await?;
    let key = hex::decode(value).map_err(|e| StoreError::Corrupt(format!("pseudonym secret: {e}")))?;
    Ok((key, created == 0))
}

/// The installation's secret key, for other keyed uses (signing the TAXII feed's `next`
/// tokens, under a key derived from it).
pub(in crate::store) async fn installation_key(conn: &mut AnyConnection) -> Result<Vec<u8>> {
    secret(conn).await
}

/// The member's pseudonym in this server: a negative number, so never a Discord id
/// (stored ids are `u64` cast to `i64`; this is returned the same way).
pub(in crate::store) async fn pseudonym(conn: &mut AnyConnection, guild_id: u64, member: u64) -> Result<u64> {
    let key = secret(conn).await?;
    pseudonym_under(&key, guild_id, member)
}

/// [`pseudonym`] under the installation's `key`, for callers that read it once for many
/// members (a batch of reports).
fn pseudonym_under(key: &[u8], guild_id: u64, member: u64) -> Result<u64> {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(key).map_err(|e| StoreError::Corrupt(format!("pseudonym secret: {e}")))?;
    mac.update(format!("{guild_id}:{member}").as_bytes());
    let digest = mac.finalize().into_bytes();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    let positive = i64::from_be_bytes(first) & i64::MAX;
    Ok((-positive - 1) as u64)
}

/// The id to record and count a member's actions under: their pseudonym once they used
/// `/forget-me` in this server, else their Discord id.
pub(in crate::store) async fn acting_as(conn: &mut AnyConnection, guild_id: u64, member: u64) -> Result<u64> {
    let key = secret(conn).await?;
    acting_as_under(conn, &key, guild_id, member).await
}

/// [`acting_as`] under the installation's `key` (see [`installation_key`]).
async fn acting_as_under(conn: &mut AnyConnection, key: &[u8], guild_id: u64, member: u64) -> Result<u64> {
    let alias = pseudonym_under(key, guild_id, member)?;
    let forgotten: Option<i64> =
        sqlx::query_scalar("SELECT pseudonym FROM forgotten_members WHERE guild_id = $1 AND pseudonym = $2")
            .bind(id_to_db(guild_id))
            .bind(id_to_db(alias))
            .fetch_optional(&mut *conn)
            .await?;
    Ok(if forgotten.is_some() { alias } else { member })
}

/// Each (server, member)'s pseudonym under `key`, for a batch that reads under both of the
/// ids its members may act under (`reports::intake_read`).
pub(in crate::store) fn aliases_under(key: &[u8], members: &BTreeSet<(u64, u64)>) -> Result<HashMap<(u64, u64), u64>> {
    members
        .iter()
        .map(|&(guild_id, member)| Ok(((guild_id, member), pseudonym_under(key, guild_id, member)?)))
        .collect()
}
