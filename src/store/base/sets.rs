//! Reads of many (server, value) pairs in one statement, for a batch of reports: on
//! PostgreSQL each statement is a network round trip, so one per batch instead of one per
//! report. Each server's values are one `guild = … AND column IN (…)` group, so both
//! databases read them through their (guild_id, …) indexes.

use std::collections::{BTreeMap, BTreeSet};

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::Any;

use super::placeholders::Placeholders;
use crate::store::id_to_db;

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
