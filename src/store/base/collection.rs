//! The TAXII collections' entries, appended in the transaction of the lifecycle change
//! that adds a case to a collection or takes it out (`transition` calls this, and every
//! decision change passes through `transition`). A collection starts with the TLP 2.0
//! marking definitions and the community's identity.

use sqlx::AnyConnection;

use super::case_row::{aliases_of, CaseRecord};
use crate::domain::account::AccountKey;
use crate::domain::case::Decision;
use crate::domain::stix::{identity_id, user_account_id, Collection, Tlp};
use crate::domain::time::Millis;
use crate::store::{flag, id_to_db, Result};

/// The next `date_added` of `collection`: `at`, or one past the last if that is not
/// later. The head row's `UPDATE … RETURNING` takes its lock, so concurrent changes get
/// increasing values in the order they commit.
async fn next_date_added(conn: &mut AnyConnection, guild: i64, collection: Collection, at: Millis) -> Result<i64> {
    sqlx::query(
        "INSERT INTO collection_heads (guild_id, collection, last_added) VALUES ($1, $2, 0) \
         ON CONFLICT (guild_id, collection) DO NOTHING",
    )
    .bind(guild)
    .bind(collection.as_str())
    .execute(&mut *conn)
    .await?;
    let added: i64 = sqlx::query_scalar(
        "UPDATE collection_heads SET last_added = CASE WHEN last_added + 1 > $1 THEN last_added + 1 ELSE $1 END \
         WHERE guild_id = $2 AND collection = $3 RETURNING last_added",
    )
    .bind(at.0)
    .bind(guild)
    .bind(collection.as_str())
    .fetch_one(&mut *conn)
    .await?;
    Ok(added)
}

struct Entry<'a> {
    collection: Collection,
    object_type: &'a str,
    object_id: &'a str,
    case_id: Option<i64>,
    decision: Option<Decision>,
    revoked: bool,
    /// For a user-account: the key it stands for.
    account_key: Option<&'a str>,
}

async fn add(conn: &mut AnyConnection, guild_id: u64, entry: Entry<'_>, at: Millis) -> Result<()> {
    let guild = id_to_db(guild_id);
    let added = next_date_added(conn, guild, entry.collection, at).await?;
    sqlx::query(
        "INSERT INTO collection_entries (guild_id, collection, date_added, object_type, object_id, case_id, decision, \
         revoked, account_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(guild)
    .bind(entry.collection.as_str())
    .bind(added)
    .bind(entry.object_type)
    .bind(entry.object_id)
    .bind(entry.case_id)
    .bind(entry.decision.map(Decision::as_str))
    .bind(flag(entry.revoked))
    .bind(entry.account_key)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn has_object(conn: &mut AnyConnection, guild_id: u64, collection: Collection, object_id: &str) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM collection_entries WHERE guild_id = $1 AND collection = $2 AND object_id = $3 LIMIT 1",
    )
    .bind(id_to_db(guild_id))
    .bind(collection.as_str())
    .bind(object_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// The TLP 2.0 marking definitions, first in a new collection, so a client can resolve
/// any report's marking (every level: which one the server marks with is a setting).
async fn add_markings(conn: &mut AnyConnection, guild_id: u64, collection: Collection, at: Millis) -> Result<()> {
    for tlp in Tlp::ALL {
        let entry = Entry {
            collection,
            object_type: "marking-definition",
            object_id: tlp.marking_id(),
            case_id: None,
            decision: None,
            revoked: false,
            account_key: None,
        };
        add(conn, guild_id, entry, at).await?;
    }
    Ok(())
}

/// Which stay in `collection` the case is in, or would begin by entering it now: one
/// after the stays that ended, each with its report revoked. Counted by those ends, not
/// by the reports' versions: a stay's report gets more versions as keys join the case
/// ([`keys_joined`]).
async fn stay(conn: &mut AnyConnection, guild_id: u64, collection: Collection, case_id: i64) -> Result<u32> {
    let ended: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM collection_entries WHERE guild_id = $1 AND collection = $2 AND case_id = $3 \
         AND object_type = 'report' AND revoked = 1",
    )
    .bind(id_to_db(guild_id))
    .bind(collection.as_str())
    .bind(case_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(u32::try_from(ended).unwrap_or(u32::MAX - 1) + 1)
}

/// The case's report of its current stay in `collection`, as a new version of it.
fn report_entry<'a>(collection: Collection, case: &CaseRecord, id: &'a str, to: Decision, revoked: bool) -> Entry<'a> {
    Entry {
        collection,
        object_type: "report",
        object_id: id,
        case_id: Some(case.id),
        decision: Some(to),
        revoked,
        account_key: None,
    }
}

/// Every key of the case, its own first: each is a `user-account` its report refers to.
async fn keys_of(conn: &mut AnyConnection, case: &CaseRecord) -> Result<Vec<AccountKey>> {
    let mut keys = vec![case.key.clone()];
    keys.extend(aliases_of(conn, case).await?);
    Ok(keys)
}

/// The user-accounts of the case's keys that `collection` does not serve yet.
async fn add_accounts(conn: &mut AnyConnection, case: &CaseRecord, collection: Collection, at: Millis) -> Result<()> {
    for key in keys_of(conn, case).await? {
        let id = user_account_id(&key);
        if has_object(conn, case.guild_id, collection, &id).await? {
            continue;
        }
        let key = key.to_string();
        let entry = Entry {
            collection,
            object_type: "user-account",
            object_id: &id,
            case_id: Some(case.id),
            decision: None,
            revoked: false,
            account_key: Some(&key),
        };
        add(conn, case.guild_id, entry, at).await?;
    }
    Ok(())
}

/// Record what a decision change from `from` to `to` does to the collections: a case
/// leaving one gets a revoked version of its report there; a case entering one gets a
/// new report (and the community's identity and the case's accounts, the first time).
pub(crate) async fn decision_changed(
    conn: &mut AnyConnection,
    case: &CaseRecord,
    from: Decision,
    to: Decision,
    at: Millis,
) -> Result<()> {
    let (left, entered) = (Collection::of(from), Collection::of(to));
    if left == entered {
        return Ok(());
    }
    let g = case.guild_id;
    if let Some(c) = left {
        let id = c.report_id(g, case.case_no, stay(conn, g, c, case.id).await?);
        add(conn, g, report_entry(c, case, &id, to, true), at).await?;
    }
    if let Some(c) = entered {
        let identity = identity_id(g);
        if !has_object(conn, g, c, &identity).await? {
            add_markings(conn, g, c, at).await?;
            let entry = Entry {
                collection: c,
                object_type: "identity",
                object_id: &identity,
                case_id: None,
                decision: None,
                revoked: false,
                account_key: None,
            };
            add(conn, g, entry, at).await?;
        }
        add_accounts(conn, case, c, at).await?;
        let id = c.report_id(g, case.case_no, stay(conn, g, c, case.id).await?);
        add(conn, g, report_entry(c, case, &id, to, false), at).await?;
    }
    Ok(())
}

/// Keys joined `case` (an alias added, or a case merged into it). If it is in a
/// collection, the collection serves their accounts and a new version of the case's
/// report that refers to them, so a client pulling what was added since its last pull
/// learns the account's other names.
pub(crate) async fn keys_joined(conn: &mut AnyConnection, case: &CaseRecord, at: Millis) -> Result<()> {
    let Some(c) = Collection::of(case.lifecycle.decision) else {
        return Ok(());
    };
    add_accounts(conn, case, c, at).await?;
    let id = c.report_id(
        case.guild_id,
        case.case_no,
        stay(conn, case.guild_id, c, case.id).await?,
    );
    add(
        conn,
        case.guild_id,
        report_entry(c, case, &id, case.lifecycle.decision, false),
        at,
    )
    .await
}
