//! Reads of many (server, value) pairs in one statement, for a batch of reports: on
//! PostgreSQL each statement is a network round trip, so one per batch instead of one per
//! report. Each server's values are one `guild = … AND column IN (…)` group, so both
//! databases read them through their (guild_id, …) indexes.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Row};

use super::placeholders::{sized_query, Placeholders};
use crate::store::{id_from_db, id_to_db, Result};

/// Values by server.
pub(crate) type PerGuild<T> = BTreeMap<u64, BTreeSet<T>>;

/// The condition `(guild = $n AND column IN ($n+1, …)) OR …` over `groups`, placeholders
/// numbered from `first`, in the order [`bind_groups`] binds them. `FALSE` when empty.
pub(crate) fn per_guild<T>(sql: Placeholders, guild: &str, column: &str, groups: &PerGuild<T>, first: usize) -> String {
    let mut next = first;
    let mut take = || {
        next += 1;
        sql.one(next - 1)
    };
    let parts: Vec<String> = groups
        .values()
        .map(|values| {
            let guild_param = take();
            let list: Vec<String> = values.iter().map(|_| take()).collect();
            format!("({guild} = {guild_param} AND {column} IN ({}))", list.join(", "))
        })
        .collect();
    if parts.is_empty() {
        "1 = 0".to_owned()
    } else {
        format!("({})", parts.join(" OR "))
    }
}

/// Pairs grouped by server.
pub(crate) fn group<T: Ord>(pairs: impl Iterator<Item = (u64, T)>) -> PerGuild<T> {
    let mut groups = PerGuild::new();
    for (guild_id, value) in pairs {
        groups.entry(guild_id).or_insert_with(BTreeSet::new).insert(value);
    }
    groups
}

/// How many values `groups` holds, all servers together.
pub(crate) fn size<T>(groups: &PerGuild<T>) -> usize {
    groups.values().map(BTreeSet::len).sum()
}

/// Bind `groups` as [`per_guild`] numbered them.
pub(crate) fn bind_groups<'q, T>(
    mut query: Query<'q, Any, AnyArguments>,
    groups: &PerGuild<T>,
) -> Query<'q, Any, AnyArguments>
where
    T: Clone + for<'t> sqlx::Encode<'t, Any> + sqlx::Type<Any>,
{
    for (guild, values) in groups {
        query = query.bind(id_to_db(*guild));
        for value in values {
            query = query.bind(value.clone());
        }
    }
    query
}

/// One column of `table`'s rows for `members` (ids by server, in its `guild_id` and
/// `member_id` columns), in one statement: each member's value, absent without a row.
pub(crate) async fn member_values<T>(
    conn: &mut AnyConnection,
    table: &str,
    column: &str,
    members: &PerGuild<i64>,
) -> Result<HashMap<(u64, u64), T>>
where
    T: for<'r> sqlx::Decode<'r, Any> + sqlx::Type<Any>,
{
    if members.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT guild_id, member_id, {column} FROM {table} WHERE {}",
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
            Ok((member, row.try_get(column)?))
        })
        .collect()
}
