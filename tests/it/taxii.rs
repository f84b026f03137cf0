//! The TAXII 2.1 feed: its collections as the store keeps them (both databases), and the
//! feed of a real `flagwatch run` process, decided through Discord, read by the OASIS
//! client `taxii2-client` (`tests/taxii_client.py`).

use std::process::Command;

use crate::common::TestDb;
use crate::fleet::{free_addr, Fleet, PATIENCE};
use flagwatch::clock::Clock;
use flagwatch::domain::account::{AccountKey, Platform};
use flagwatch::domain::audit::Actor;
use flagwatch::domain::case::Decision;
use flagwatch::domain::reason::ReasonCategory;
use flagwatch::domain::stix::{Collection, Tlp};
use flagwatch::domain::time::Millis;
use flagwatch::domain::vote::VoteChoice;
use flagwatch::simulator::Opt;
use flagwatch::store::{Backend, FeedQuery, NewReport, ReportSource, Store, VersionMatch};
use sqlx::Row as _;

const GUILD: u64 = 1_200_000_000_000_000_001;
const T0: Millis = Millis(1_800_000_000_000);

/// A case for `input` decided by three votes, all at `T0`.
async fn decided(s: &Store, input: &str, n: u64, choice: VoteChoice) -> i64 {
    let report = NewReport {
        guild_id: GUILD,
        key: AccountKey::parse(input, None, Platform::X).unwrap(),
        reason: ReasonCategory::Propaganda,
        details: Some("moderator-only detail".into()),
        reporter: Some(77),
        member_joined_at: None,
        interaction_id: Some(5000 + n),
        source: ReportSource::Discord,
        evidence: Vec::new(),
        at: T0,
    };
    let no = s.file_report(report).await.unwrap().case().case_no;
    for m in 0..3 {
        s.cast_vote(GUILD, no, 900 + m, choice, None, T0).await.unwrap();
    }
    no
}

fn all_of(limit: u32) -> FeedQuery {
    FeedQuery {
        limit,
        ..FeedQuery::default()
    }
}

async fn decisions_fill_collections_with_increasing_dates_and_revoke_on_release(db: TestDb) {
    let s = &db.store;
    for i in 0..3 {
        decided(s, &format!("now{i}"), i, VoteChoice::ReportNow).await;
    }
    let held = decided(s, "heldone", 9, VoteChoice::HandOff).await;
    decided(s, "dismissed", 10, VoteChoice::Dismiss).await;
    let page = s.taxii_page(GUILD, Collection::ReportNow, &all_of(100)).await.unwrap();
    let types: Vec<&str> = page.entries.iter().map(|e| e.object_type.as_str()).collect();
    assert_eq!(
        types.len(),
        12,
        "five markings, identity, three accounts and three reports: {types:?}"
    );
    assert_eq!(
        types[..5],
        ["marking-definition"; 5],
        "the markings come first: {types:?}"
    );
    assert_eq!(types.iter().filter(|t| **t == "report").count(), 3);
    let dates: Vec<i64> = page.entries.iter().map(|e| e.date_added.0).collect();
    assert!(
        dates.windows(2).all(|w| w[0] < w[1]),
        "strictly increasing at one timestamp: {dates:?}"
    );
    assert!(dates[0] >= T0.0);

    // Paged with LIMIT: each entry once, `more` until the end.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let q = FeedQuery {
            added_after: after,
            ..all_of(2)
        };
        let p = s.taxii_page(GUILD, Collection::ReportNow, &q).await.unwrap();
        assert!(p.entries.len() <= 2);
        seen.extend(p.entries.iter().map(|e| e.object_id.clone()));
        after = p.entries.last().map(|e| e.date_added);
        if !p.more {
            break;
        }
    }
    let ids: Vec<String> = page.entries.iter().map(|e| e.object_id.clone()).collect();
    assert_eq!(seen, ids);

    let held_before = s.taxii_page(GUILD, Collection::Held, &all_of(100)).await.unwrap();
    assert_eq!(
        held_before.entries.len(),
        8,
        "five markings, the identity, the account, the report"
    );
    s.release_hold(GUILD, held, &Actor::Member(1), "agency done", T0)
        .await
        .unwrap();
    let all_versions = FeedQuery {
        versions: vec![VersionMatch::All],
        ..all_of(100)
    };
    let held_after = s.taxii_page(GUILD, Collection::Held, &all_versions).await.unwrap();
    let last = held_after.entries.last().unwrap();
    assert!(last.revoked, "the released case's report is revoked in held");
    let report_versions: Vec<_> = held_after
        .entries
        .iter()
        .filter(|e| e.object_id == last.object_id)
        .collect();
    assert_eq!(report_versions.len(), 2);
    let latest = s.taxii_page(GUILD, Collection::Held, &all_of(100)).await.unwrap();
    assert_eq!(latest.entries.len(), 8, "the last version of each object");
    assert!(latest.entries.iter().any(|e| e.revoked));
    let now = s.taxii_page(GUILD, Collection::ReportNow, &all_of(100)).await.unwrap();
    assert_eq!(now.entries.len(), 14, "the released case's account and a new report");
    assert!(!now.entries.iter().any(|e| e.revoked));

    let only_reports = FeedQuery {
        types: vec!["report".into()],
        ..all_of(100)
    };
    let reports = s.taxii_page(GUILD, Collection::ReportNow, &only_reports).await.unwrap();
    assert_eq!(reports.entries.len(), 4);
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

async fn credentials_are_hashed_granted_and_revoked(db: TestDb) {
    let s = &db.store;
    let (agency, secret) = s.taxii_grant(GUILD, "Agency X", &[Collection::Held], T0).await.unwrap();
    assert!(agency.may_read(Collection::Held));
    let found = s.taxii_authenticate(&secret).await.unwrap().unwrap();
    assert_eq!(found.name, "Agency X");
    assert!(s.taxii_authenticate("fwx_wrong").await.unwrap().is_none());
    let (public, _) = s.taxii_grant(GUILD, "Platform", &[], T0).await.unwrap();
    assert!(!public.may_read(Collection::Held));
    assert!(s.taxii_revoke(GUILD, agency.id, T0).await.unwrap());
    assert!(!s.taxii_revoke(GUILD, agency.id, T0).await.unwrap(), "revoked once");
    assert!(s.taxii_authenticate(&secret).await.unwrap().is_none());
    assert!(s.taxii_credentials(Some(GUILD)).await.unwrap()[0].revoked_at.is_some());
    let raw = db.raw().await;
    let stored: Vec<String> = sqlx::query_scalar("SELECT secret_hash FROM taxii_credentials")
        .fetch_all(&raw)
        .await
        .unwrap();
    assert!(stored.iter().all(|h| h.len() == 64 && !h.contains(&secret)));
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

/// The feed's routes over `db`, served on a loopback port: its base URL, and the server
/// (aborted when dropped with the test).
async fn serve_feed(db: &TestDb) -> (String, tokio::task::JoinHandle<std::io::Result<()>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let settings = flagwatch::taxii::TaxiiSettings {
        addr: listener.local_addr().unwrap(),
        report_now_marking: Tlp::Clear,
        held_marking: Tlp::Amber,
    };
    let app = flagwatch::taxii::router(db.store.clone(), Clock::manual(T0), settings)
        .await
        .unwrap();
    let base = format!("http://{}/{GUILD}/collections/report-now/", settings.addr);
    (base, tokio::spawn(async move { axum::serve(listener, app).await }))
}

/// A TAXII GET of `path` under the collection with `secret`: its status and JSON body.
async fn taxii_get(base: &str, path: &str, secret: &str) -> (u16, serde_json::Value) {
    let response = reqwest::Client::new()
        .get(format!("{base}{path}"))
        .header("Accept", flagwatch::taxii::TAXII_MEDIA_TYPE)
        .basic_auth("agency", Some(secret))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

/// `match[spec_version]` (TAXII 2.1 §3.4.1): every object is STIX 2.1, so a list with
/// `2.1` matches them all and one without it matches nothing, on every endpoint that
/// takes the filter.
async fn match_spec_version_serves_2_1_and_nothing_else(db: TestDb) {
    let s = &db.store;
    for i in 0..2 {
        decided(s, &format!("spec{i}"), i, VoteChoice::ReportNow).await;
    }
    let (_, secret) = s.taxii_grant(GUILD, "Agency X", &[], T0).await.unwrap();
    let (base, server) = serve_feed(&db).await;
    let count = |body: &serde_json::Value, key: &str| body[key].as_array().map_or(0, Vec::len);
    let (status, all) = taxii_get(&base, "objects/", &secret).await;
    // Five TLP markings, the identity, then an account and a report per case.
    assert_eq!((status, count(&all, "objects")), (200, 10), "{all}");
    let report = all["objects"][9]["id"].as_str().unwrap().to_owned();
    for query in ["match[spec_version]=2.1", "match[spec_version]=2.0,2.1"] {
        let (status, body) = taxii_get(&base, &format!("objects/?{query}"), &secret).await;
        assert_eq!((status, count(&body, "objects")), (200, 10), "{query}: {body}");
        let (_, body) = taxii_get(&base, &format!("manifest/?{query}"), &secret).await;
        assert_eq!(count(&body, "objects"), 10, "{query}: {body}");
    }
    for query in ["match[spec_version]=2.0", "match[spec_version]=2.0,2.2"] {
        let (status, body) = taxii_get(&base, &format!("objects/?{query}"), &secret).await;
        assert_eq!(status, 200, "{query}: {body}");
        assert_eq!(
            (count(&body, "objects"), body["more"].as_bool()),
            (0, Some(false)),
            "{body}"
        );
        let (_, body) = taxii_get(&base, &format!("manifest/?{query}"), &secret).await;
        assert_eq!(count(&body, "objects"), 0, "{query}: {body}");
        let (status, _) = taxii_get(&base, &format!("objects/{report}/versions/?{query}"), &secret).await;
        assert_eq!(status, 404, "no version of {report} matches {query}");
    }
    let (status, _) = taxii_get(
        &base,
        &format!("objects/{report}/versions/?match[spec_version]=2.1"),
        &secret,
    )
    .await;
    assert_eq!(status, 200);
    server.abort();
}

/// The query plan of `query` on `db` (after `ANALYZE` on PostgreSQL, so its planner
/// weighs the rows the test put in), one line per step.
async fn plan_of(db: &TestDb, query: &str) -> Vec<String> {
    let raw = db.raw().await;
    let (explain, column) = match db.store.backend() {
        Backend::Sqlite => ("EXPLAIN QUERY PLAN", "detail"),
        Backend::Postgres => {
            sqlx::query("ANALYZE").execute(&raw).await.unwrap();
            ("EXPLAIN", "QUERY PLAN")
        }
    };
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{explain} {query}")))
        .fetch_all(&raw)
        .await
        .unwrap();
    rows.iter().map(|r| r.get::<String, _>(column)).collect()
}

/// Filler rows straight into `table` (5,000, numbered from 100 in `n`), so a planner has
/// a table the size of a busy server's to choose over. `columns` and `values` name the
/// columns and their values (`$1` is the guild, `n` the row's number).
async fn fill(db: &TestDb, table: &str, columns: &str, values: &str) {
    let sql = format!(
        "WITH RECURSIVE f(n) AS (SELECT 100 UNION ALL SELECT n + 1 FROM f WHERE n < 5099) \
         INSERT INTO {table} ({columns}) SELECT {values} FROM f"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(i64::try_from(GUILD).unwrap())
        .execute(&db.raw().await)
        .await
        .unwrap();
}

/// The last pulls are read through the index on (server, kind, seq), not by walking back
/// through every later event of the server: a pull a year old, under thousands of case
/// events, costs the same as one a minute old.
async fn last_pulls_read_an_index_not_the_whole_log(db: TestDb) {
    let s = &db.store;
    let (agency, _) = s.taxii_grant(GUILD, "Agency X", &[], T0).await.unwrap();
    s.record_taxii_pull(&agency, Collection::ReportNow, 3, T0)
        .await
        .unwrap();
    // The chain is not what is tested here.
    let columns = "guild_id, seq, at, actor, kind, payload, prev_hash, hash";
    fill(
        &db,
        "audit_events",
        columns,
        "$1, n, 0, 'system', 'case_decided', '{}', '', ''",
    )
    .await;
    let plan = plan_of(
        &db,
        &format!(
            "SELECT at, payload FROM audit_events WHERE guild_id = {GUILD} AND kind = 'taxii_pulled' \
             ORDER BY seq DESC LIMIT 500"
        ),
    )
    .await;
    assert!(plan.iter().any(|line| line.contains("audit_events_kind")), "{plan:?}");
    let pulls = s.taxii_last_pulls(GUILD, 10).await.unwrap();
    assert_eq!(pulls.len(), 1, "{pulls:?}");
    assert_eq!((pulls[0].agency.as_str(), pulls[0].objects), ("Agency X", 3));
}

/// Every decision change counts the case's earlier stays in the collection it enters or
/// leaves; that count reads the case's entries through an index, not the whole
/// collection, so deciding does not slow down as the feed grows (it did: 100,000 cases
/// took quadratic time to decide before the index).
async fn a_decision_reads_its_cases_entries_not_the_whole_collection(db: TestDb) {
    let columns = "guild_id, collection, date_added, object_type, object_id, case_id, decision, revoked";
    let values = "$1, 'report_now', n, 'report', 'report--' || n, n, 'report_now', 0";
    fill(&db, "collection_entries", columns, values).await;
    let plan = plan_of(
        &db,
        &format!(
            "SELECT COUNT(*) FROM collection_entries WHERE guild_id = {GUILD} AND collection = 'report_now' \
             AND case_id = 2500 AND object_type = 'report' AND revoked = 1"
        ),
    )
    .await;
    assert!(
        plan.iter().any(|line| line.contains("collection_entries_case")),
        "{plan:?}"
    );
    // And the decision path still counts stays right on top of the filler.
    let no = decided(&db.store, "x.com/ontop", 1, VoteChoice::ReportNow).await;
    assert!(no > 0);
    let reports = FeedQuery {
        types: vec!["report".into()],
        ids: vec![Collection::ReportNow.report_id(GUILD, no, 1)],
        ..all_of(10)
    };
    let page = db
        .store
        .taxii_page(GUILD, Collection::ReportNow, &reports)
        .await
        .unwrap();
    assert_eq!(page.entries.len(), 1, "the case's first stay: {:?}", page.entries);
}

/// A page deep in a large collection starts at its position through the index on
/// (server, collection, date added), and the check that each entry is its object's last
/// version is one index lookup per entry, never a scan of the collection (PostgreSQL
/// hashed the whole collection for each page when the check was a `NOT EXISTS`).
async fn a_page_reads_from_its_position_not_from_the_start(db: TestDb) {
    let c = Collection::ReportNow.as_str();
    let columns = "guild_id, collection, date_added, object_type, object_id, case_id, decision, revoked";
    let values = format!("$1, '{c}', n, 'report', 'report--' || n, n, '{c}', 0");
    fill(&db, "collection_entries", columns, &values).await;
    let plan = plan_of(
        &db,
        &format!(
            "SELECT e.date_added FROM collection_entries e WHERE e.guild_id = {GUILD} AND e.collection = '{c}' \
             AND e.date_added > 5000 AND (e.date_added = (SELECT MAX(o.date_added) FROM collection_entries o \
             WHERE o.guild_id = e.guild_id AND o.collection = e.collection AND o.object_id = e.object_id)) \
             ORDER BY e.date_added LIMIT 1001"
        ),
    )
    .await;
    let text = plan.join("\n");
    assert!(
        !text.contains("Seq Scan") && !text.contains("SCAN e") && !text.contains("SCAN o"),
        "{text}"
    );
    assert!(text.contains("collection_entries_object"), "{text}");
    // SQLite walks the position's index in order; PostgreSQL may sort what follows it.
    assert!(!text.contains("TEMP B-TREE"), "{text}");
    let page = db
        .store
        .taxii_page(
            GUILD,
            Collection::ReportNow,
            &FeedQuery {
                added_after: Some(Millis(5000)),
                ..all_of(1000)
            },
        )
        .await
        .unwrap();
    assert_eq!(page.entries.len(), 99, "entries 5001..=5099");
}

/// A collection made before the TLP markings were served gets them after its last entry
/// (migration 0014), so a client pulling incrementally from where it stopped receives them.
async fn an_existing_collection_gets_the_markings_after_its_last_entry(db: TestDb) {
    let s = &db.store;
    decided(s, "before_markings", 0, VoteChoice::ReportNow).await;
    let raw = db.raw().await;
    // The collection as it was before: no markings.
    sqlx::query("DELETE FROM collection_entries WHERE object_type = 'marking-definition'")
        .execute(&raw)
        .await
        .unwrap();
    let before = s.taxii_page(GUILD, Collection::ReportNow, &all_of(100)).await.unwrap();
    let last = before.entries.last().unwrap().date_added;
    let migration = match s.backend() {
        Backend::Sqlite => include_str!("../../migrations/sqlite/0014_tlp_markings.sql"),
        Backend::Postgres => include_str!("../../migrations/postgres/0014_tlp_markings.sql"),
    };
    sqlx::raw_sql(migration).execute(&raw).await.unwrap();

    let since = FeedQuery {
        added_after: Some(last),
        ..all_of(100)
    };
    let new = s.taxii_page(GUILD, Collection::ReportNow, &since).await.unwrap();
    let ids: Vec<&str> = new.entries.iter().map(|e| e.object_id.as_str()).collect();
    let expected: Vec<&str> = Tlp::ALL.iter().map(|t| t.marking_id()).collect();
    assert_eq!(ids, expected, "the five markings, after the last entry");
    // The head moved past them: the next decision's entries come after the markings.
    decided(s, "after_markings", 1, VoteChoice::ReportNow).await;
    let all = s.taxii_page(GUILD, Collection::ReportNow, &all_of(100)).await.unwrap();
    let dates: Vec<i64> = all.entries.iter().map(|e| e.date_added.0).collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
    assert_eq!(all.entries.len(), before.entries.len() + 5 + 2);
}

/// A case that leaves `report-now` and comes back gets a new report (a revoked STIX object
/// stays revoked), counted by the stays that ended, not by how many versions the first
/// stay's report had: an alias added during a stay is one more version of the same report.
async fn a_case_that_comes_back_gets_a_new_report_however_many_versions_its_first_had(db: TestDb) {
    let s = &db.store;
    let no = decided(s, "x.com/comesback", 1, VoteChoice::ReportNow).await;
    let alias = AccountKey::parse("x.com/wentaway", None, Platform::X).unwrap();
    s.add_alias(GUILD, no, &alias, &Actor::Member(1), T0).await.unwrap();
    for choice in [VoteChoice::Dismiss, VoteChoice::ReportNow, VoteChoice::Dismiss] {
        s.override_decision(GUILD, no, &Actor::Member(1), choice, "second look", T0)
            .await
            .unwrap();
    }
    let reports = FeedQuery {
        types: vec!["report".into()],
        versions: vec![VersionMatch::All],
        ..all_of(100)
    };
    let page = s.taxii_page(GUILD, Collection::ReportNow, &reports).await.unwrap();
    let versions: Vec<(String, bool)> = page.entries.iter().map(|e| (e.object_id.clone(), e.revoked)).collect();
    let (first, second) = (
        Collection::ReportNow.report_id(GUILD, no, 1),
        Collection::ReportNow.report_id(GUILD, no, 2),
    );
    assert_eq!(
        versions,
        [
            (first.clone(), false),
            (first.clone(), false),
            (first, true),
            (second.clone(), false),
            (second, true),
        ],
        "entered, alias joined, left; came back, left"
    );
}

on_both_databases!(
    an_existing_collection_gets_the_markings_after_its_last_entry,
    decisions_fill_collections_with_increasing_dates_and_revoke_on_release,
    credentials_are_hashed_granted_and_revoked,
    match_spec_version_serves_2_1_and_nothing_else,
    last_pulls_read_an_index_not_the_whole_log,
    a_decision_reads_its_cases_entries_not_the_whole_collection,
    a_page_reads_from_its_position_not_from_the_start,
    a_case_that_comes_back_gets_a_new_report_however_many_versions_its_first_had,
);

/// Whether the OASIS client is importable; without it, fail when
/// `FLAGWATCH_REQUIRE_TAXII_CLIENT` is set (CI) and otherwise say the test skipped.
fn taxii_client_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import taxii2client.v21"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var_os("FLAGWATCH_REQUIRE_TAXII_CLIENT").is_none(),
            "FLAGWATCH_REQUIRE_TAXII_CLIENT is set but taxii2client is not importable (pip install taxii2-client)"
        );
        eprintln!("taxii2client is not installed: skipping the OASIS client test");
    }
    ok
}

fn client(phase: &str, settings: &serde_json::Value) -> serde_json::Value {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/taxii_client.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(phase)
        .arg(settings.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "taxii_client.py {phase} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Wait until the feed of a started process answers HTTP at all.
async fn feed_up(addr: &str) {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while reqwest::get(format!("http://{addr}/taxii2/")).await.is_err() {
        assert!(tokio::time::Instant::now() < deadline, "the feed did not come up");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The real `flagwatch run` (one process, SQLite) against the simulator with its feed on
/// `FLAGWATCH_TAXII_ADDR`; members report through `/report`, a moderator decides each case
/// with one vote (quorum 1), credentials come from `flagwatch taxii`, the admin releases
/// the hold with `/handoff release`, and the OASIS client reads what the process serves.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_oasis_client_pages_pulls_incrementally_and_is_refused_as_it_should_be() {
    if !taxii_client_available() {
        return;
    }
    let addr = free_addr();
    let fleet = Fleet::start_sqlite(&[("FLAGWATCH_TAXII_ADDR", addr.as_str())]).await;
    let server = &fleet.servers[0];
    let guild = server.guild.0;
    // Twelve cases decided report-now (five TLP markings, an identity, twelve accounts and
    // twelve reports: 30 objects) and one handed off; spread over the members, within the report limit.
    let accounts: Vec<String> = (0..12)
        .map(|i| format!("x.com/account{i}"))
        .chain(["x.com/handedoff".to_owned()])
        .collect();
    let mut filed = Vec::new();
    for (i, account) in accounts.iter().enumerate() {
        let member = server.members[i % server.members.len()];
        let options = vec![
            Opt::string("account", account),
            Opt::string("reason", "propaganda"),
            Opt::string("details", "moderator-only detail"),
        ];
        filed.push(fleet.sim.slash(server.general, member, "report", options).unwrap());
    }
    for report in &filed {
        let reply = fleet.sim.wait_reply(report, PATIENCE).await.unwrap();
        assert!(reply.ephemeral, "{reply:?}");
    }
    let store = fleet.store().await;
    let cases = store.export_cases(guild, None).await.unwrap();
    assert_eq!(cases.len(), 13, "one case per account");
    let held_key = AccountKey::parse("x.com/handedoff", None, Platform::X).unwrap();
    let mut held = None;
    for case in &cases {
        assert!(!case.case.queued, "case {} waits in the queue", case.case.case_no);
        let choice = if case.case.key == held_key {
            held = Some(case.case.case_no);
            "hand_off"
        } else {
            "report_now"
        };
        let press = fleet.press_vote(server, case.case.case_no, choice).await.unwrap();
        fleet.sim.wait_reply(&press, PATIENCE).await.unwrap();
    }
    let held = held.unwrap();
    let decided = store.export_cases(guild, None).await.unwrap();
    let count = |d: Decision| decided.iter().filter(|c| c.case.lifecycle.decision == d).count();
    assert_eq!((count(Decision::ReportNow), count(Decision::HandOff)), (12, 1));

    let g = guild.to_string();
    let agency = fleet.cli(&[
        "taxii",
        "grant",
        "--guild",
        &g,
        "--name",
        "Agency X",
        "--collection",
        "held",
    ]);
    let public = fleet.cli(&["taxii", "grant", "--guild", &g, "--name", "Platform"]);
    let revoked = fleet.cli(&[
        "taxii",
        "grant",
        "--guild",
        &g,
        "--name",
        "Former",
        "--collection",
        "held",
    ]);
    let former = store.taxii_credentials(Some(guild)).await.unwrap();
    let former = former.iter().find(|c| c.name == "Former").unwrap().id.to_string();
    fleet.cli(&["taxii", "revoke", "--guild", &g, &former]);
    feed_up(&addr).await;

    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("served.json");
    let mut config = serde_json::json!({
        "base": format!("http://{addr}"),
        "guild": g,
        "agency": agency.trim(),
        "public": public.trim(),
        "revoked": revoked.trim(),
        "report_now_objects": 30,
        "held_objects": 8,
        "bundle": bundle.display().to_string(),
    });
    let pulled = tokio::task::spawn_blocking({
        let config = config.clone();
        move || client("pull", &config)
    })
    .await
    .unwrap();
    crate::common::assert_valid_stix(&bundle);
    let served = std::fs::read_to_string(&bundle).unwrap();
    assert!(
        !served.contains("moderator-only detail"),
        "notes and details are never served"
    );
    for member in &server.members {
        assert!(!served.contains(&member.0.to_string()), "reporters are never served");
    }

    let release = vec![Opt::sub(
        "release",
        vec![Opt::integer("case", held), Opt::string("reason", "agency done")],
    )];
    let released = fleet
        .sim
        .slash(server.general, server.admin, "handoff", release)
        .unwrap();
    let reply = fleet.sim.wait_reply(&released, PATIENCE).await.unwrap();
    let case = store.case_details(guild, held, 10).await.unwrap().case;
    assert_eq!(
        case.lifecycle.decision,
        Decision::ReportNow,
        "released: {}",
        reply.text()
    );
    for key in ["report_now_url", "held_url", "last", "held_last"] {
        config[key] = pulled[key].clone();
    }
    tokio::task::spawn_blocking(move || client("after_release", &config))
        .await
        .unwrap();

    // Every pull is in the audit chain, and the chain holds.
    fleet.cli(&["audit", "verify", "--guild", &g]);
    let raw = sqlx::AnyPool::connect(&fleet.url).await.unwrap();
    let pulls: Vec<String> = sqlx::query_scalar("SELECT payload FROM audit_events WHERE kind = 'taxii_pulled'")
        .fetch_all(&raw)
        .await
        .unwrap();
    assert!(pulls.len() >= 10, "every pull is audited: {}", pulls.len());
    assert!(pulls
        .iter()
        .all(|p| p.contains("\"agency\"") && p.contains("\"objects\"")));
    let last = store.taxii_last_pulls(guild, 10).await.unwrap();
    let agencies: Vec<(&str, &str)> = last.iter().map(|p| (p.agency.as_str(), p.collection.title())).collect();
    assert!(agencies.contains(&("Agency X", "held")), "{agencies:?}");
    assert!(agencies.contains(&("Agency X", "report-now")), "{agencies:?}");
    assert!(
        !agencies.iter().any(|a| a.0 == "Former"),
        "a revoked credential pulls nothing"
    );
    fleet.stop().await;
}
