//! The TAXII feed's read model and its agencies' credentials: pages of a collection's
//! entries (read with `LIMIT`, never the whole collection), credentials kept as hashes
//! of their secrets, and an audit event for every grant, revocation and pull.

use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::Row;

use super::base::audit::Event;
use super::base::case_row::key_from_db;
use super::base::guild_row::ensure_guild;
use super::base::pseudonym::installation_key;
use super::{id_from_db, id_to_db, Result, Store, StoreError};
use crate::domain::account::AccountKey;
use crate::domain::audit::{Actor, AuditKind};
use crate::domain::case::Decision;
use crate::domain::stix::Collection;
use crate::domain::time::Millis;

/// An agency's credential (never its secret, which only its hash is kept of).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxiiCredential {
    pub id: i64,
    pub guild_id: u64,
    pub name: String,
    pub collections: Vec<Collection>,
    pub created_at: Millis,
    pub revoked_at: Option<Millis>,
}

impl TaxiiCredential {
    /// Whether this credential may see `collection` (`report_now` is open to all).
    pub fn may_read(&self, collection: Collection) -> bool {
        collection == Collection::ReportNow || self.collections.contains(&collection)
    }
}

/// Which versions of each object a query asks for (TAXII's `match[version]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionMatch {
    First,
    Last,
    All,
    /// The version with this `modified` (which is its date added).
    At(Millis),
}

/// A query on one collection.
#[derive(Debug, Clone, Default)]
pub struct FeedQuery {
    /// Only entries added strictly after this.
    pub added_after: Option<Millis>,
    pub types: Vec<String>,
    pub ids: Vec<String>,
    /// Empty: the last version of each object.
    pub versions: Vec<VersionMatch>,
    pub limit: u32,
}

/// One version of an object in a collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    pub date_added: Millis,
    pub object_type: String,
    pub object_id: String,
    pub case_id: Option<i64>,
    /// For reports: the case's decision when this version was added.
    pub decision: Option<Decision>,
    pub revoked: bool,
    /// For a user-account: the key it stands for (`None` in entries from before keys were
    /// recorded, which stand for their case's own key).
    pub account_key: Option<AccountKey>,
}

/// A page of a collection, in the order entries were added.
#[derive(Debug, Clone)]
pub struct FeedPage {
    pub entries: Vec<FeedEntry>,
    /// More entries match after the last of this page.
    pub more: bool,
}

/// An agency's last pull of one collection, as the audit log recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxiiPull {
    pub agency: String,
    pub collection: Collection,
    /// Objects served by that request.
    pub objects: u64,
    pub at: Millis,
}

/// How many of the latest pull events `taxii_last_pulls` reads to find the last pull of
/// each agency and collection (a scheduler's paged pull is one event per page).
const PULL_EVENTS_READ: i64 = 500;

fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

fn credential_from_row(row: &AnyRow) -> Result<TaxiiCredential> {
    let collections: String = row.try_get("collections")?;
    Ok(TaxiiCredential {
        id: row.try_get("id")?,
        guild_id: id_from_db(row.try_get("guild_id")?),
        name: row.try_get("name")?,
        collections: collections
            .split(',')
            .filter(|c| !c.is_empty())
            .map(|c| c.parse().map_err(|e| StoreError::Corrupt(format!("collections: {e}"))))
            .collect::<Result<_>>()?,
        created_at: Millis(row.try_get("created_at")?),
        revoked_at: row.try_get::<Option<i64>, _>("revoked_at")?.map(Millis),
    })
}

impl Store {
    /// A new credential for agency `name`; returns it and its secret, which is shown once
    /// and kept only as a hash.
    pub async fn taxii_grant(
        &self,
        guild_id: u64,
        name: &str,
        collections: &[Collection],
        at: Millis,
    ) -> Result<(TaxiiCredential, String)> {
        self.write_op("taxii_grant", move || async move {
            let secret = format!("fwx_{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
            let mut granted: Vec<Collection> = vec![Collection::ReportNow];
            granted.extend(collections.iter().copied().filter(|c| *c != Collection::ReportNow));
            let list: Vec<&str> = granted.iter().map(|c| c.as_str()).collect();
            let mut tx = self.begin_write().await?;
            ensure_guild(&mut tx, guild_id, at).await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO taxii_credentials (guild_id, name, collections, secret_hash, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(id_to_db(guild_id))
            .bind(name)
            .bind(list.join(","))
            .bind(hash_secret(&secret))
            .bind(at.0)
            .fetch_one(&mut *tx)
            .await?;
            let payload = json!({"credential": id, "agency": name, "collections": list});
            let event = Event {
                guild_id,
                case_id: None,
                actor: &Actor::Cli,
                kind: AuditKind::TaxiiGranted,
                payload,
                at,
            };
            tx.audit(event);
            tx.commit().await?;
            let credential = TaxiiCredential {
                id,
                guild_id,
                name: name.to_owned(),
                collections: granted,
                created_at: at,
                revoked_at: None,
            };
            Ok((credential, secret))
        })
        .await
    }

    /// The credentials of one server, or of all, oldest first.
    pub async fn taxii_credentials(&self, guild_id: Option<u64>) -> Result<Vec<TaxiiCredential>> {
        self.op("taxii_credentials", async {
            let rows = match guild_id {
                Some(g) => {
                    sqlx::query("SELECT * FROM taxii_credentials WHERE guild_id = $1 ORDER BY id")
                        .bind(id_to_db(g))
                        .fetch_all(&self.pool)
                        .await?
                }
                None => {
                    sqlx::query("SELECT * FROM taxii_credentials ORDER BY id")
                        .fetch_all(&self.pool)
                        .await?
                }
            };
            rows.iter().map(credential_from_row).collect()
        })
        .await
    }

    /// Revoke a credential of `guild_id`; `false` when there is none by that id (or it
    /// was revoked before).
    pub async fn taxii_revoke(&self, guild_id: u64, id: i64, at: Millis) -> Result<bool> {
        self.write_op("taxii_revoke", move || async move {
            let mut tx = self.begin_write().await?;
            let name: Option<String> = sqlx::query_scalar(
                "UPDATE taxii_credentials SET revoked_at = $1 WHERE id = $2 AND guild_id = $3 AND revoked_at IS NULL \
                 RETURNING name",
            )
            .bind(at.0)
            .bind(id)
            .bind(id_to_db(guild_id))
            .fetch_optional(&mut *tx)
            .await?;
            let Some(name) = name else {
                tx.rollback().await?;
                return Ok(false);
            };
            let event = Event {
                guild_id,
                case_id: None,
                actor: &Actor::Cli,
                kind: AuditKind::TaxiiRevoked,
                payload: json!({"credential": id, "agency": name}),
                at,
            };
            tx.audit(event);
            tx.commit().await?;
            Ok(true)
        })
        .await
    }

    /// The live credential whose secret this is.
    pub async fn taxii_authenticate(&self, secret: &str) -> Result<Option<TaxiiCredential>> {
        self.op("taxii_authenticate", async {
            let row = sqlx::query("SELECT * FROM taxii_credentials WHERE secret_hash = $1 AND revoked_at IS NULL")
                .bind(hash_secret(secret))
                .fetch_optional(&self.pool)
                .await?;
            row.as_ref().map(credential_from_row).transpose()
        })
        .await
    }

    /// The installation's secret key, for signing what the feed hands out (`next`).
    pub async fn taxii_signing_key(&self) -> Result<Vec<u8>> {
        self.op("taxii_signing_key", async {
            let mut conn = self.pool.acquire().await?;
            installation_key(&mut conn).await
        })
        .await
    }

    /// One page of `collection` in server `guild_id`: at most `query.limit` entries
    /// matching the query, in the order they were added.
    pub async fn taxii_page(&self, guild_id: u64, collection: Collection, query: &FeedQuery) -> Result<FeedPage> {
        self.op("taxii_page", async {
            let mut sql = String::from(
                "SELECT e.date_added, e.object_type, e.object_id, e.case_id, e.decision, e.revoked, e.account_key \
                 FROM collection_entries e WHERE e.guild_id = $1 AND e.collection = $2",
            );
            let mut n = 2;
            let mut next = || {
                n += 1;
                format!("${n}")
            };
            if query.added_after.is_some() {
                sql.push_str(&format!(" AND e.date_added > {}", next()));
            }
            let list = |values: &[String], next: &mut dyn FnMut() -> String| {
                values.iter().map(|_| next()).collect::<Vec<_>>().join(", ")
            };
            if !query.types.is_empty() {
                sql.push_str(&format!(" AND e.object_type IN ({})", list(&query.types, &mut next)));
            }
            if !query.ids.is_empty() {
                sql.push_str(&format!(" AND e.object_id IN ({})", list(&query.ids, &mut next)));
            }
            let versions = if query.versions.is_empty() {
                &[VersionMatch::Last][..]
            } else {
                &query.versions[..]
            };
            // The first or last version of the entry's object, as a correlated scalar
            // subquery: both databases run it per entry as one lookup in the index on
            // (server, collection, object, date added). A `NOT EXISTS` here let
            // PostgreSQL plan an anti-join that hashed the whole collection for each page.
            let version = |agg: &str| {
                format!(
                    "e.date_added = (SELECT {agg}(o.date_added) FROM collection_entries o WHERE o.guild_id = e.guild_id \
                     AND o.collection = e.collection AND o.object_id = e.object_id)"
                )
            };
            let mut times = Vec::new();
            if !versions.contains(&VersionMatch::All) {
                let mut any = Vec::new();
                for v in versions {
                    match v {
                        VersionMatch::First => any.push(version("MIN")),
                        VersionMatch::Last => any.push(version("MAX")),
                        VersionMatch::At(t) => {
                            any.push(format!("e.date_added = {}", next()));
                            times.push(t.0);
                        }
                        VersionMatch::All => {}
                    }
                }
                sql.push_str(&format!(" AND ({})", any.join(" OR ")));
            }
            sql.push_str(&format!(" ORDER BY e.date_added LIMIT {}", next()));
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(id_to_db(guild_id))
                .bind(collection.as_str());
            if let Some(after) = query.added_after {
                q = q.bind(after.0);
            }
            for t in &query.types {
                q = q.bind(t.as_str());
            }
            for id in &query.ids {
                q = q.bind(id.as_str());
            }
            for t in times {
                q = q.bind(t);
            }
            let limit = i64::from(query.limit.max(1));
            let rows = q.bind(limit + 1).fetch_all(&self.pool).await?;
            let more = rows.len() as i64 > limit;
            let entries = rows
                .iter()
                .take(limit as usize)
                .map(|row| {
                    let decision: Option<String> = row.try_get("decision")?;
                    let account_key: Option<String> = row.try_get("account_key")?;
                    Ok(FeedEntry {
                        date_added: Millis(row.try_get("date_added")?),
                        object_type: row.try_get("object_type")?,
                        object_id: row.try_get("object_id")?,
                        case_id: row.try_get("case_id")?,
                        decision: decision
                            .map(|d| d.parse().map_err(|e| StoreError::Corrupt(format!("decision: {e}"))))
                            .transpose()?,
                        revoked: row.try_get::<i64, _>("revoked")? != 0,
                        account_key: account_key.as_deref().map(key_from_db).transpose()?,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(FeedPage { entries, more })
        })
        .await
    }

    /// The last pull of each credential and collection in `guild_id`, latest first, at
    /// most `max`; read from the audit log's latest pull events.
    pub async fn taxii_last_pulls(&self, guild_id: u64, max: usize) -> Result<Vec<TaxiiPull>> {
        self.op("taxii_last_pulls", async {
            let rows = sqlx::query(
                "SELECT at, payload FROM audit_events WHERE guild_id = $1 AND kind = $2 ORDER BY seq DESC LIMIT $3",
            )
            .bind(id_to_db(guild_id))
            .bind(AuditKind::TaxiiPulled.as_str())
            .bind(PULL_EVENTS_READ)
            .fetch_all(&self.pool)
            .await?;
            let mut seen = std::collections::HashSet::new();
            let mut pulls = Vec::new();
            for row in &rows {
                let payload: String = row.try_get("payload")?;
                let corrupt = |what: &str| StoreError::Corrupt(format!("taxii_pulled {what}: {payload}"));
                let value: serde_json::Value = serde_json::from_str(&payload).map_err(|_| corrupt("payload"))?;
                let collection: Collection = value["collection"]
                    .as_str()
                    .and_then(|c| c.parse().ok())
                    .ok_or_else(|| corrupt("collection"))?;
                let credential = value["credential"].as_i64().ok_or_else(|| corrupt("credential"))?;
                if !seen.insert((credential, collection)) {
                    continue;
                }
                pulls.push(TaxiiPull {
                    agency: value["agency"].as_str().ok_or_else(|| corrupt("agency"))?.to_owned(),
                    collection,
                    objects: value["objects"].as_u64().ok_or_else(|| corrupt("objects"))?,
                    at: Millis(row.try_get("at")?),
                });
                if pulls.len() == max {
                    break;
                }
            }
            Ok(pulls)
        })
        .await
    }

    /// Record that an agency pulled `objects` objects of `collection`.
    pub async fn record_taxii_pull(
        &self,
        credential: &TaxiiCredential,
        collection: Collection,
        objects: usize,
        at: Millis,
    ) -> Result<()> {
        self.write_op("record_taxii_pull", move || async move {
            let mut tx = self.begin_write().await?;
            ensure_guild(&mut tx, credential.guild_id, at).await?;
            let payload = json!({
                "credential": credential.id,
                "agency": credential.name,
                "collection": collection.as_str(),
                "objects": objects,
            });
            let event = Event {
                guild_id: credential.guild_id,
                case_id: None,
                actor: &Actor::System,
                kind: AuditKind::TaxiiPulled,
                payload,
                at,
            };
            tx.audit(event);
            tx.commit().await?;
            Ok(())
        })
        .await
    }
}
