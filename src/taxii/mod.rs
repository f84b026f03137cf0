//! A read-only TAXII 2.1 server (OASIS `taxii-v2.1`): discovery, one API root per
//! server (guild), its collections (`report-now`, `held`), their objects, versions and
//! manifest. It reads the store's feed pages (never a whole collection) and builds the
//! same STIX objects as `export --format stix`. Agencies authenticate with HTTP Basic
//! (the secret as password) or `Authorization: Token <secret>`; the `held` collection
//! does not exist (404) for credentials not granted it. `next` is a position signed with
//! a key derived from the installation's secret and bound to the query it came with.

mod paging;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use base64::Engine as _;
use serde_json::{json, Value};
use tokio::sync::watch;

use crate::clock::Clock;
use crate::domain::stix::{Collection, Tlp};
use crate::domain::time::Millis;
use crate::store::{FeedPage, FeedQuery, Store, TaxiiCredential, VersionMatch};
use paging::{NextToken, Signer};

/// The media type of every TAXII 2.1 response (and what requests must accept).
pub const TAXII_MEDIA_TYPE: &str = "application/taxii+json;version=2.1";
const STIX_MEDIA_TYPE: &str = "application/stix+json;version=2.1";
/// The one STIX version every object is served in (TAXII's `match[spec_version]`).
const STIX_VERSION: &str = "2.1";
/// Objects per page when the client asks for none, and the most it may ask for.
const DEFAULT_LIMIT: u32 = 100;
const MAX_LIMIT: u32 = 1000;

/// How the feed is served (`FLAGWATCH_TAXII_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaxiiSettings {
    pub addr: SocketAddr,
    pub report_now_marking: Tlp,
    pub held_marking: Tlp,
}

struct Shared {
    store: Store,
    clock: Clock,
    settings: TaxiiSettings,
    signer: Signer,
}

/// A refusal, as a TAXII error message.
struct Refusal(StatusCode, &'static str);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let body = json!({"title": self.1, "http_status": self.0.as_u16().to_string()});
        let mut response = taxii_json(self.0, &body);
        if self.0 == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"flagwatch TAXII\""),
            );
        }
        response
    }
}

fn internal(e: impl std::fmt::Display) -> Refusal {
    tracing::error!("TAXII request failed: {e}");
    Refusal(
        StatusCode::INTERNAL_SERVER_ERROR,
        "the server could not answer this request",
    )
}

fn taxii_json(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(TAXII_MEDIA_TYPE));
    response
}

/// Start serving the feed on `settings.addr` (failing here, at start, when the address
/// is unusable) until `stop` turns true; the returned future is the server.
pub async fn start(
    store: Store,
    clock: Clock,
    settings: TaxiiSettings,
    stop: watch::Receiver<bool>,
) -> anyhow::Result<impl std::future::Future<Output = std::io::Result<()>>> {
    let app = router(store, clock, settings).await?;
    crate::serve::listen("FLAGWATCH_TAXII_ADDR", settings.addr, app, stop).await
}

/// The TAXII routes over `store`.
pub async fn router(store: Store, clock: Clock, settings: TaxiiSettings) -> anyhow::Result<Router> {
    let signer = Signer::new(&store.taxii_signing_key().await?);
    let shared = Arc::new(Shared {
        store,
        clock,
        settings,
        signer,
    });
    Ok(Router::new()
        .route("/taxii2/", get(discovery))
        .route("/:root/", get(api_root))
        .route("/:root/collections/", get(collections))
        .route("/:root/collections/:collection/", get(collection))
        .route("/:root/collections/:collection/objects/", get(objects))
        .route("/:root/collections/:collection/objects/:object/", get(object))
        .route(
            "/:root/collections/:collection/objects/:object/versions/",
            get(versions),
        )
        .route("/:root/collections/:collection/manifest/", get(manifest))
        .fallback(|| async { Refusal(StatusCode::NOT_FOUND, "no such TAXII resource") })
        .with_state(shared))
}

/// The request accepts TAXII 2.1 JSON (with or without the version parameter).
fn accepts_taxii(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|v| v.replace([' ', '\t'], "").to_ascii_lowercase())
        .any(|v| v == "application/taxii+json;version=2.1" || v == "application/taxii+json")
}

/// The secret a request presents: Basic's password, or a `Token`/`Bearer` value.
fn presented_secret(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, rest) = value.split_once(' ')?;
    match scheme.to_ascii_lowercase().as_str() {
        "basic" => {
            let decoded = base64::engine::general_purpose::STANDARD.decode(rest.trim()).ok()?;
            let pair = String::from_utf8(decoded).ok()?;
            pair.split_once(':').map(|(_, secret)| secret.to_owned())
        }
        "token" | "bearer" => Some(rest.trim().to_owned()),
        _ => None,
    }
}

/// Content negotiation then authentication, for every request.
async fn admit(shared: &Shared, headers: &HeaderMap) -> Result<TaxiiCredential, Refusal> {
    if !accepts_taxii(headers) {
        return Err(Refusal(
            StatusCode::NOT_ACCEPTABLE,
            "this server speaks application/taxii+json;version=2.1 only",
        ));
    }
    let unauthorized = Refusal(StatusCode::UNAUTHORIZED, "valid credentials are required");
    let secret = presented_secret(headers).ok_or(unauthorized)?;
    shared
        .store
        .taxii_authenticate(&secret)
        .await
        .map_err(internal)?
        .ok_or(Refusal(StatusCode::UNAUTHORIZED, "valid credentials are required"))
}

/// The credential's API root is its server; any other root does not exist for it.
fn require_root(credential: &TaxiiCredential, root: &str) -> Result<(), Refusal> {
    if root.parse::<u64>().ok() == Some(credential.guild_id) {
        Ok(())
    } else {
        Err(Refusal(StatusCode::NOT_FOUND, "no such API root"))
    }
}

/// The collection named by its id or title, if this credential may see it.
/// The credential of a request for one collection of an API root, and that collection,
/// if the credential may see it.
async fn open_collection(
    shared: &Shared,
    headers: &HeaderMap,
    root: &str,
    name: &str,
) -> Result<(TaxiiCredential, Collection), Refusal> {
    let credential = admit(shared, headers).await?;
    require_root(&credential, root)?;
    let c = visible_collection(&credential, name)?;
    Ok((credential, c))
}

fn visible_collection(credential: &TaxiiCredential, name: &str) -> Result<Collection, Refusal> {
    Collection::ALL
        .into_iter()
        .find(|c| c.taxii_id(credential.guild_id) == name || c.title() == name)
        .filter(|c| credential.may_read(*c))
        .ok_or(Refusal(StatusCode::NOT_FOUND, "no such collection"))
}

fn collection_resource(guild_id: u64, c: Collection) -> Value {
    let description = match c {
        Collection::ReportNow => "Accounts the community decided to report now: what it asks platforms to take down.",
        Collection::Held => "Accounts the community handed to agencies and holds back from public action.",
    };
    json!({
        "id": c.taxii_id(guild_id),
        "title": c.title(),
        "description": description,
        "alias": c.title(),
        "can_read": true,
        "can_write": false,
        "media_types": [STIX_MEDIA_TYPE],
    })
}

async fn discovery(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Result<Response, Refusal> {
    let credential = admit(&shared, &headers).await?;
    let root = format!("/{}/", credential.guild_id);
    let body = json!({
        "title": "flagwatch",
        "description": "Decisions of a Discord community on extremist accounts, as STIX 2.1.",
        "default": root,
        "api_roots": [root],
    });
    Ok(taxii_json(StatusCode::OK, &body))
}

async fn api_root(
    State(shared): State<Arc<Shared>>,
    Path(root): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let credential = admit(&shared, &headers).await?;
    require_root(&credential, &root)?;
    let body = json!({
        "title": format!("flagwatch community (Discord server {})", credential.guild_id),
        "versions": [TAXII_MEDIA_TYPE],
        "max_content_length": 0,
    });
    Ok(taxii_json(StatusCode::OK, &body))
}

async fn collections(
    State(shared): State<Arc<Shared>>,
    Path(root): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let credential = admit(&shared, &headers).await?;
    require_root(&credential, &root)?;
    let list: Vec<Value> = Collection::ALL
        .into_iter()
        .filter(|c| credential.may_read(*c))
        .map(|c| collection_resource(credential.guild_id, c))
        .collect();
    Ok(taxii_json(StatusCode::OK, &json!({"collections": list})))
}

async fn collection(
    State(shared): State<Arc<Shared>>,
    Path((root, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let (credential, c) = open_collection(&shared, &headers, &root, &name).await?;
    Ok(taxii_json(StatusCode::OK, &collection_resource(credential.guild_id, c)))
}

/// The query parameters TAXII defines for objects, manifests and versions.
struct Params {
    query: FeedQuery,
    next: Option<String>,
    /// `match[spec_version]` was given without `2.1`, the only version served: nothing
    /// matches.
    other_spec_version: bool,
}

fn bad_request(title: &'static str) -> Refusal {
    Refusal(StatusCode::BAD_REQUEST, title)
}

fn parse_time(raw: &str) -> Option<Millis> {
    chrono::DateTime::parse_from_rfc3339(raw.trim())
        .ok()
        .map(|t| Millis(t.timestamp_millis()))
}

fn parse_params(raw: Option<&str>, default_versions: Vec<VersionMatch>) -> Result<Params, Refusal> {
    let mut query = FeedQuery {
        limit: DEFAULT_LIMIT,
        versions: default_versions,
        ..FeedQuery::default()
    };
    let mut next = None;
    let mut asked_versions = false;
    let mut spec_versions: Option<Vec<String>> = None;
    for (key, value) in url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        let values = || {
            value
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        match key.as_ref() {
            "added_after" => {
                query.added_after = Some(parse_time(&value).ok_or(bad_request("added_after is not a timestamp"))?)
            }
            "limit" => {
                let n: u32 = value.trim().parse().map_err(|_| bad_request("limit is not a number"))?;
                query.limit = n.clamp(1, MAX_LIMIT);
            }
            "next" => next = Some(value.into_owned()),
            "match[type]" => query.types.extend(values()),
            "match[id]" => query.ids.extend(values()),
            "match[spec_version]" => spec_versions.get_or_insert_with(Vec::new).extend(values()),
            "match[version]" => {
                if !asked_versions {
                    query.versions.clear();
                    asked_versions = true;
                }
                for v in values() {
                    query.versions.push(match v.as_str() {
                        "first" => VersionMatch::First,
                        "last" => VersionMatch::Last,
                        "all" => VersionMatch::All,
                        t => VersionMatch::At(parse_time(t).ok_or(bad_request("match[version] is not a version"))?),
                    });
                }
            }
            _ => {}
        }
    }
    let other_spec_version = spec_versions.is_some_and(|v| !v.iter().any(|v| v == STIX_VERSION));
    Ok(Params {
        query,
        next,
        other_spec_version,
    })
}

/// Read one page of `c` for this request, honouring a `next` token bound to the query.
async fn page(
    shared: &Shared,
    credential: &TaxiiCredential,
    c: Collection,
    params: &Params,
    scope: &str,
) -> Result<(FeedPage, Option<String>), Refusal> {
    if params.other_spec_version {
        let none = FeedPage {
            entries: Vec::new(),
            more: false,
        };
        return Ok((none, None));
    }
    let binding = paging::query_digest(credential.guild_id, c, scope, &params.query);
    let mut query = params.query.clone();
    if let Some(raw) = &params.next {
        let token = shared
            .signer
            .open(raw, &binding)
            .ok_or(bad_request("next does not belong to this query"))?;
        query.added_after = Some(query.added_after.map_or(token.after, |a| a.max(token.after)));
    }
    let page = shared
        .store
        .taxii_page(credential.guild_id, c, &query)
        .await
        .map_err(internal)?;
    let next = match (page.more, page.entries.last()) {
        (true, Some(last)) => Some(shared.signer.seal(&NextToken { after: last.date_added }, &binding)),
        _ => None,
    };
    Ok((page, next))
}

fn date_headers(response: &mut Response, page: &FeedPage) {
    let (Some(first), Some(last)) = (page.entries.first(), page.entries.last()) else {
        return;
    };
    for (name, at) in [
        ("x-taxii-date-added-first", first.date_added),
        ("x-taxii-date-added-last", last.date_added),
    ] {
        if let Ok(v) = HeaderValue::from_str(&at.to_rfc3339()) {
            response.headers_mut().insert(name, v);
        }
    }
}

fn envelope(key: &str, items: Vec<Value>, more: bool, next: Option<String>) -> Value {
    let mut body = json!({"more": more});
    if let Some(next) = next {
        body["next"] = Value::from(next);
    }
    if !items.is_empty() {
        body[key] = Value::Array(items);
    }
    body
}

/// The STIX objects of a page's entries, reading only the page's cases.
async fn stix_objects(shared: &Shared, guild_id: u64, c: Collection, page: &FeedPage) -> Result<Vec<Value>, Refusal> {
    let mut ids: Vec<i64> = page.entries.iter().filter_map(|e| e.case_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let cases: HashMap<i64, _> = shared
        .store
        .feed_cases_by_id(guild_id, &ids)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|e| (e.case.id, e))
        .collect();
    let marking = match c {
        Collection::ReportNow => shared.settings.report_now_marking,
        Collection::Held => shared.settings.held_marking,
    };
    Ok(page
        .entries
        .iter()
        .filter_map(|e| {
            let case = e.case_id.and_then(|id| cases.get(&id));
            crate::export::feed_object(guild_id, e, case, marking)
        })
        .collect())
}

async fn serve_objects(
    shared: &Shared,
    headers: &HeaderMap,
    root: &str,
    name: &str,
    raw: Option<&str>,
    object: Option<String>,
) -> Result<Response, Refusal> {
    let (credential, c) = open_collection(shared, headers, root, name).await?;
    let mut params = parse_params(raw, vec![VersionMatch::Last])?;
    let scope = match object {
        Some(id) => {
            params.query.ids = vec![id];
            "object"
        }
        None => "objects",
    };
    let (page, next) = page(shared, &credential, c, &params, scope).await?;
    if scope == "object" && page.entries.is_empty() && params.next.is_none() {
        return Err(Refusal(StatusCode::NOT_FOUND, "no such object in this collection"));
    }
    let objects = stix_objects(shared, credential.guild_id, c, &page).await?;
    shared
        .store
        .record_taxii_pull(&credential, c, objects.len(), shared.clock.now())
        .await
        .map_err(internal)?;
    let mut response = taxii_json(StatusCode::OK, &envelope("objects", objects, page.more, next));
    date_headers(&mut response, &page);
    Ok(response)
}

async fn objects(
    State(shared): State<Arc<Shared>>,
    Path((root, name)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    serve_objects(&shared, &headers, &root, &name, raw.as_deref(), None).await
}

async fn object(
    State(shared): State<Arc<Shared>>,
    Path((root, name, id)): Path<(String, String, String)>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    serve_objects(&shared, &headers, &root, &name, raw.as_deref(), Some(id)).await
}

async fn versions(
    State(shared): State<Arc<Shared>>,
    Path((root, name, id)): Path<(String, String, String)>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let (credential, c) = open_collection(&shared, &headers, &root, &name).await?;
    let mut params = parse_params(raw.as_deref(), vec![VersionMatch::All])?;
    params.query.ids = vec![id];
    let (page, next) = page(&shared, &credential, c, &params, "versions").await?;
    if page.entries.is_empty() && params.next.is_none() {
        return Err(Refusal(StatusCode::NOT_FOUND, "no such object in this collection"));
    }
    let list = page
        .entries
        .iter()
        .map(|e| Value::from(e.date_added.to_rfc3339()))
        .collect();
    let mut response = taxii_json(StatusCode::OK, &envelope("versions", list, page.more, next));
    date_headers(&mut response, &page);
    Ok(response)
}

async fn manifest(
    State(shared): State<Arc<Shared>>,
    Path((root, name)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let (credential, c) = open_collection(&shared, &headers, &root, &name).await?;
    let params = parse_params(raw.as_deref(), vec![VersionMatch::Last])?;
    let (page, next) = page(&shared, &credential, c, &params, "manifest").await?;
    let records = page
        .entries
        .iter()
        .map(|e| {
            let at = e.date_added.to_rfc3339();
            json!({"id": e.object_id, "date_added": at, "version": at, "media_type": STIX_MEDIA_TYPE})
        })
        .collect();
    let mut response = taxii_json(StatusCode::OK, &envelope("objects", records, page.more, next));
    date_headers(&mut response, &page);
    Ok(response)
}
