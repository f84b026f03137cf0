//! The one statement a batch of reports reads its members and accounts with: which members
//! used `/forget-me`, the rate-limited members' recent reports, the members' mutes, and
//! which accounts have a case. Each is a branch of one `UNION ALL`, so the batch makes one
//! hop to SQLite's thread (one round trip to PostgreSQL) where it made four, each a wait
//! on the path of every report's answer.
//!
//! A member's reports and mute are recorded under the id they act under, which is their
//! pseudonym once forgotten and their Discord id before; which one applies is one of the
//! things read. So the statement reads under both, keyed by (server, id) as found; the
//! batch asks only by (server, acting id), so rows under the id that does not apply (or,
//! for recent reports, of another server) are never looked at.

use std::collections::{BTreeSet, HashMap, HashSet};

use sqlx::any::{AnyArguments, AnyRow};
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

/// What was read, members' rows by (server, id found under); see the module documentation.
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
    let mut found = Found::default();
    if let Some(query) = statement(Placeholders::of(conn), &aliases, wanted)? {
        for row in query.fetch_all(&mut *conn).await? {
            found.add(&row)?;
        }
    }
    Ok(found.with_acting_ids(wanted, &aliases))
}

/// The statement's rows, members by whichever of their ids the rows were found under.
#[derive(Default)]
struct Found {
    forgotten: HashSet<(u64, u64)>,
    recent: HashMap<(u64, u64), Vec<Millis>>,
    mutes: HashMap<(u64, u64), Option<i64>>,
    with_case: HashSet<(u64, String)>,
}

impl Found {
    fn add(&mut self, row: &AnyRow) -> Result<()> {
        let guild_id = id_from_db(row.try_get("guild_id")?);
        let id = row.try_get::<Option<i64>, _>("id")?.map(id_from_db);
        match (row.try_get::<i64, _>("kind")?, id) {
            (FORGOTTEN, Some(alias)) => {
                self.forgotten.insert((guild_id, alias));
            }
            (RECENT, Some(id)) => self
                .recent
                .entry((guild_id, id))
                .or_default()
                .push(Millis(row.try_get("at")?)),
            (MUTE, Some(id)) => {
                self.mutes.insert((guild_id, id), row.try_get("at")?);
            }
            (CASE, None) => {
                self.with_case.insert((guild_id, row.try_get("account_key")?));
            }
            (kind, _) => return Err(StoreError::Corrupt(format!("intake read: a row of kind {kind}"))),
        }
        Ok(())
    }

    /// The rows read, with each member's acting id: their pseudonym if it was found
    /// among the forgotten members, else their Discord id.
    fn with_acting_ids(self, wanted: &Wanted<'_>, aliases: &HashMap<(u64, u64), u64>) -> Read {
        let acting = wanted
            .members
            .iter()
            .map(|&(guild_id, member)| {
                let acting = match aliases.get(&(guild_id, member)) {
                    Some(&alias) if self.forgotten.contains(&(guild_id, alias)) => alias,
                    _ => member,
                };
                ((guild_id, member), acting)
            })
            .collect();
        Read {
            acting,
            recent: self.recent,
            mutes: self.mutes,
            with_case: self.with_case,
        }
    }
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
        recent_branches(&mut union, wanted.since, &limited);
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

/// The branches of the recent reports of the `limited` members (under both ids each) since
/// `since`: filed, and kept from a mute. Filed reports are read by reporter alone, whatever
/// the server (rows are keyed by the server of their case), each report's server looked
/// up by its case, so the database reads them through the reporter index whatever its
/// statistics say. Joined to the cases by server, PostgreSQL walked every case of the
/// server while its statistics were those of a new database.
fn recent_branches(union: &mut Union, since: Millis, limited: &PerGuild<i64>) {
    let after = union.bind(since.0);
    let ids: BTreeSet<i64> = limited.values().flatten().copied().collect();
    let any = union.any_of("r.reporter_id", &ids);
    union.branch(
        RECENT,
        [
            "(SELECT c.guild_id FROM cases c WHERE c.id = r.case_id)",
            "r.reporter_id",
            "r.created_at",
            "NULL",
        ],
        "reports r",
        &format!("r.created_at > {after} AND {any}"),
    );
    let after = union.bind(since.0);
    let within = union.within("guild_id", "reporter_id", limited);
    union.branch(
        RECENT,
        ["guild_id", "reporter_id", "created_at", "NULL"],
        "kept_reports",
        &format!("created_at > {after} AND {within}"),
    );
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

    /// `column IN (…)` over `values`, bound.
    fn any_of(&mut self, column: &str, values: &BTreeSet<i64>) -> String {
        let list: Vec<String> = values.iter().map(|v| self.bind(*v)).collect();
        format!("{column} IN ({})", list.join(", "))
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
