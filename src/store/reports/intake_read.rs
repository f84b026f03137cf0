//! The one statement a batch of reports reads its members and accounts with: which members
//! used `/forget-me`, the rate-limited members' recent reports, the members' mutes, and
//! which accounts have a case. Each is a branch of one `UNION ALL`, so the batch makes one
//! hop to SQLite's thread (one round trip to PostgreSQL) where it made four, each a wait
//! on the path of every report's answer.
//!
//! A member's reports and mute are recorded under the id they act under, which is their
//! pseudonym once forgotten and their Discord id before; which one applies is one of the
//! things read. So the statement reads under both, and [`read`] keeps the rows of the id
//! that applies, as a read after the forgotten members' would have found them.

use std::collections::{BTreeSet, HashMap, HashSet};

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Arguments, Row};

use super::super::base::placeholders::{kept_prepared, Placeholders};
use super::super::base::pseudonym::aliases_under;
use super::super::base::sets::{group, per_guild, size, PerGuild};
use crate::domain::time::Millis;
use crate::store::{id_from_db, id_to_db, Result, StoreError};

/// What the batch wants read.
pub(super) struct Wanted<'a> {
    /// Every reporter of the batch (server, Discord id).
    pub members: &'a BTreeSet<(u64, u64)>,
    /// The reporters whose intake is rate-limited: their reports since `since` are read.
    pub limited: &'a BTreeSet<(u64, u64)>,
    pub since: Millis,
    /// The reported accounts by server.
    pub keys: &'a PerGuild<String>,
}

/// What was read, members by (server, acting id).
pub(super) struct Read {
    /// Each (server, member)'s acting id.
    pub acting: HashMap<(u64, u64), u64>,
    pub recent: HashMap<(u64, u64), Vec<Millis>>,
    /// Each muted member's mute end, `None` for a mute until lifted.
    pub mutes: HashMap<(u64, u64), Option<i64>>,
    /// The accounts (server, key) that name a case, as their key or an alias.
    pub with_case: HashSet<(u64, String)>,
}

/// Which branch a row comes from (its `kind` column).
const FORGOTTEN: i64 = 0;
const RECENT: i64 = 1;
const MUTE: i64 = 2;
const CASE: i64 = 3;

/// Read `wanted` in one statement; `key` is the installation's pseudonym key, needed only
/// when the batch has reporters.
pub(super) async fn read(conn: &mut AnyConnection, key: Option<&[u8]>, wanted: &Wanted<'_>) -> Result<Read> {
    let aliases = match key {
        Some(key) => aliases_under(key, wanted.members)?,
        None => HashMap::new(),
    };
    let statement = statement(Placeholders::of(conn), &aliases, wanted)?;
    let mut read = Read {
        acting: wanted.members.iter().map(|&m| (m, m.1)).collect(),
        recent: HashMap::new(),
        mutes: HashMap::new(),
        with_case: HashSet::new(),
    };
    let Some(query) = statement else {
        return Ok(read);
    };
    let rows = query.fetch_all(&mut *conn).await?;
    let mut recent: HashMap<(u64, u64), Vec<Millis>> = HashMap::new();
    let mut mutes = HashMap::new();
    let member_of_alias: HashMap<(u64, u64), u64> = aliases.iter().map(|(&(g, m), &a)| ((g, a), m)).collect();
    for row in rows {
        let guild_id = id_from_db(row.try_get("guild_id")?);
        let id = row.try_get::<Option<i64>, _>("id")?.map(id_from_db);
        match (row.try_get::<i64, _>("kind")?, id) {
            (FORGOTTEN, Some(alias)) => {
                if let Some(&member) = member_of_alias.get(&(guild_id, alias)) {
                    read.acting.insert((guild_id, member), alias);
                }
            }
            (RECENT, Some(id)) => recent
                .entry((guild_id, id))
                .or_default()
                .push(Millis(row.try_get("at")?)),
            (MUTE, Some(id)) => {
                mutes.insert((guild_id, id), row.try_get::<Option<i64>, _>("at")?);
            }
            (CASE, None) => {
                read.with_case.insert((guild_id, row.try_get("account_key")?));
            }
            (kind, _) => return Err(StoreError::Corrupt(format!("intake read: a row of kind {kind}"))),
        }
    }
    let acting: HashSet<(u64, u64)> = read.acting.iter().map(|(&(g, _), &a)| (g, a)).collect();
    read.recent = recent.into_iter().filter(|(id, _)| acting.contains(id)).collect();
    read.mutes = mutes.into_iter().filter(|(id, _)| acting.contains(id)).collect();
    Ok(read)
}

/// The statement, `None` when there is nothing to read.
fn statement(
    ph: Placeholders,
    aliases: &HashMap<(u64, u64), u64>,
    wanted: &Wanted<'_>,
) -> Result<Option<Query<'static, Any, AnyArguments>>> {
    let mut union = Union::new(ph);
    let forgotten = group(aliases.iter().map(|(&(g, _), &a)| (g, id_to_db(a))));
    let limited = candidates(wanted.limited, aliases);
    let reporters = candidates(wanted.members, aliases);
    if !forgotten.is_empty() {
        let within = union.within("guild_id", "pseudonym", &forgotten);
        let columns = ["guild_id", "pseudonym", "NULL", "NULL"];
        union.branch(FORGOTTEN, columns, "forgotten_members", &within);
    }
    if !limited.is_empty() {
        let after = union.bind(wanted.since.0);
        let within = union.within("c.guild_id", "r.reporter_id", &limited);
        union.branch(
            RECENT,
            ["c.guild_id", "r.reporter_id", "r.created_at", "NULL"],
            "reports r JOIN cases c ON c.id = r.case_id",
            &format!("r.created_at > {after} AND {within}"),
        );
        let after = union.bind(wanted.since.0);
        let within = union.within("guild_id", "reporter_id", &limited);
        union.branch(
            RECENT,
            ["guild_id", "reporter_id", "created_at", "NULL"],
            "kept_reports",
            &format!("created_at > {after} AND {within}"),
        );
    }
    if !reporters.is_empty() {
        let within = union.within("guild_id", "member_id", &reporters);
        let columns = ["guild_id", "member_id", "until", "NULL"];
        union.branch(MUTE, columns, "muted_reporters", &within);
    }
    if !wanted.keys.is_empty() {
        let within = union.within("guild_id", "account_key", wanted.keys);
        let columns = ["guild_id", "NULL", "NULL", "account_key"];
        union.branch(CASE, columns, "case_keys", &within);
    }
    let shape = wanted.members.len().max(size(wanted.keys));
    union.query(shape)
}

/// The ids `members` may act under: each one's Discord id and pseudonym.
fn candidates(members: &BTreeSet<(u64, u64)>, aliases: &HashMap<(u64, u64), u64>) -> PerGuild<i64> {
    let own = members.iter().map(|&(g, m)| (g, id_to_db(m)));
    let alias = members
        .iter()
        .filter_map(|m| aliases.get(m).map(|&a| (m.0, id_to_db(a))));
    group(own.chain(alias))
}

/// A `UNION ALL` whose text and arguments are written together, so that placeholders and
/// bound values cannot fall out of step.
struct Union {
    ph: Placeholders,
    branches: Vec<String>,
    arguments: AnyArguments,
    /// The first encoding error, reported when the statement runs.
    failed: Option<sqlx::error::BoxDynError>,
}

impl Union {
    fn new(ph: Placeholders) -> Union {
        Union {
            ph,
            branches: Vec::new(),
            arguments: AnyArguments::default(),
            failed: None,
        }
    }

    /// A placeholder bound to `value`.
    fn bind<T>(&mut self, value: T) -> String
    where
        T: for<'t> sqlx::Encode<'t, Any> + sqlx::Type<Any>,
    {
        if let Err(e) = self.arguments.add(value) {
            self.failed.get_or_insert(e);
        }
        self.ph.one(self.arguments.len())
    }

    /// [`per_guild`]'s condition over `groups`, bound.
    fn within<T>(&mut self, guild: &str, column: &str, groups: &PerGuild<T>) -> String
    where
        T: Clone + for<'t> sqlx::Encode<'t, Any> + sqlx::Type<Any>,
    {
        let condition = per_guild(self.ph, guild, column, groups, self.arguments.len() + 1);
        for (guild_id, values) in groups {
            self.bind(id_to_db(*guild_id));
            for value in values {
                self.bind(value.clone());
            }
        }
        condition
    }

    /// A branch of `kind` selecting `columns` (the server, the member's id, a time and an
    /// account key, `NULL` where the kind has none) from `from` where `condition` holds.
    /// Every branch names and types its columns, since any of them may come first.
    fn branch(&mut self, kind: i64, columns: [&str; 4], from: &str, condition: &str) {
        let typed = columns
            .iter()
            .zip([
                ("BIGINT", "guild_id"),
                ("BIGINT", "id"),
                ("BIGINT", "at"),
                ("TEXT", "account_key"),
            ])
            .map(|(column, (ty, name))| format!("CAST({column} AS {ty}) AS {name}"))
            .collect::<Vec<_>>()
            .join(", ");
        self.branches.push(format!(
            "SELECT CAST({kind} AS BIGINT) AS kind, {typed} FROM {from} WHERE {condition}"
        ));
    }

    /// The statement, kept prepared as [`sized_query`]'s are for `shape` values.
    fn query(self, shape: usize) -> Result<Option<Query<'static, Any, AnyArguments>>> {
        if let Some(e) = self.failed {
            return Err(sqlx::Error::Encode(e).into());
        }
        if self.branches.is_empty() {
            return Ok(None);
        }
        let sql = sqlx::AssertSqlSafe(self.branches.join(" UNION ALL "));
        Ok(Some(
            sqlx::query_with(sql, self.arguments).persistent(kept_prepared(shape)),
        ))
    }
}
