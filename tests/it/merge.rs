//! `/case merge` (issue 11): storage on both databases (what moves, the redirect, the
//! refusals, one transaction) and end to end against the simulator.

use std::collections::HashMap;
use std::time::Duration;

use sqlx::{AnyPool, Executor};

use crate::common::TestDb;
use flagwatch::clock::Clock;
use flagwatch::demo::community::Community;
use flagwatch::domain::account::{AccountKey, Platform};
use flagwatch::domain::audit::Actor;
use flagwatch::domain::campaign::MergeError;
use flagwatch::domain::case::{Decision, LifecycleError};
use flagwatch::domain::reason::ReasonCategory;
use flagwatch::domain::status::Observed;
use flagwatch::domain::stix::{user_account_id, Collection, Tlp};
use flagwatch::domain::time::Millis;
use flagwatch::domain::vote::VoteChoice;
use flagwatch::export::{feed_object, Format};
use flagwatch::simulator::{Opt, Reply, SimConfig};
use flagwatch::store::{
    Backend, CaseDetails, CaseExport, FeedEntry, FeedQuery, MergedCases, NewReport, ReportOutcome, ReportSource, Store,
    StoreError, VersionMatch,
};

const GUILD: u64 = 1_100_000_000_000_000_016;
const T0: Millis = Millis(1_800_000_000_000);
const MODERATOR: u64 = 900;
const LATER: Millis = Millis(T0.0 + 60_000);

fn key(link: &str) -> AccountKey {
    AccountKey::parse(link, None, Platform::X).unwrap()
}

fn report(link: &str, reporter: u64, interaction: u64) -> NewReport {
    NewReport {
        guild_id: GUILD,
        key: key(link),
        reason: ReasonCategory::Threat,
        details: Some(format!("seen by {reporter}")),
        reporter: Some(reporter),
        member_joined_at: None,
        interaction_id: Some(interaction),
        source: ReportSource::Discord,
        evidence: Vec::new(),
        at: T0,
    }
}

async fn merge(s: &Store, from: i64, into: i64) -> Result<MergedCases, StoreError> {
    s.merge_cases(GUILD, from, into, &Actor::Member(MODERATOR), "renamed handle", LATER)
        .await
}

async fn refusal(s: &Store, from: i64, into: i64) -> MergeError {
    match merge(s, from, into).await {
        Err(StoreError::Merge(e)) => e,
        other => panic!("merge #{from} into #{into}: {other:?}"),
    }
}

async fn report_now(s: &Store, case_no: i64) {
    s.override_decision(
        GUILD,
        case_no,
        &Actor::Member(MODERATOR),
        VoteChoice::ReportNow,
        "t",
        T0,
    )
    .await
    .unwrap();
}

async fn case_no_of(s: &Store, link: &str) -> Option<i64> {
    s.case_for_key(GUILD, &key(link)).await.unwrap().map(|c| c.case_no)
}

async fn count(pool: &AnyPool, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Case #1 `@old_handle` (reporters 1 and 2, a note, an observation, an alias, two
/// "I reported it") and case #2 `@new_handle` (reporters 2 and 3, one "I reported it" by
/// a member who also pressed #1's), both report now.
async fn two_cases_of_one_account(s: &Store) {
    s.file_report(report("@old_handle", 1, 1)).await.unwrap();
    s.file_report(report("@old_handle", 2, 2)).await.unwrap();
    s.file_report(report("@new_handle", 2, 3)).await.unwrap();
    s.file_report(report("@new_handle", 3, 4)).await.unwrap();
    for no in [1, 2] {
        report_now(s, no).await;
    }
    s.add_note(GUILD, 1, MODERATOR, "same person as #2", T0).await.unwrap();
    s.observe(GUILD, 1, 40, false, Observed::LooksSuspended, T0)
        .await
        .unwrap();
    s.add_alias(GUILD, 1, &key("x.com/older_handle"), &Actor::Member(MODERATOR), T0)
        .await
        .unwrap();
    for member in [31, 32] {
        s.mark_reported(GUILD, 1, member, T0).await.unwrap();
    }
    s.mark_reported(GUILD, 2, 32, T0).await.unwrap();
}

async fn a_merge_moves_the_account_to_one_case_and_redirects_its_keys(db: TestDb) {
    let s = &db.store;
    two_cases_of_one_account(s).await;
    let merged = merge(s, 1, 2).await.unwrap();
    let (from, into) = (&merged.from, &merged.into);
    assert_eq!(from.lifecycle.decision, Decision::Merged);
    assert_eq!(from.lifecycle.window_ends_at, None);
    assert_eq!(
        into.lifecycle.decision,
        Decision::ReportNow,
        "the case that stays keeps its decision"
    );
    // Counts add up: reporters 1, 2 and 3; four reports; two distinct "I reported it".
    let card = s.card_facts(into.id).await.unwrap();
    assert_eq!(card.reporters, 3);
    assert_eq!(s.notice_facts(into.id).await.unwrap().reported_by, 2);
    let shown: CaseDetails = s.case_details(GUILD, 2, 50).await.unwrap();
    assert_eq!(shown.reports.len(), 4);
    assert_eq!(shown.notes.len(), 1);
    assert_eq!(shown.merged_into, None);
    let merges = shown.history.iter().filter(|(_, k, _)| k == "case_merged").count();
    assert_eq!(
        merges, 2,
        "the merged case's history is shown with it: {:?}",
        shown.history
    );
    assert!(
        shown.history.iter().any(|(_, k, _)| k == "alias_added"),
        "{:?}",
        shown.history
    );
    let gone = s.case_details(GUILD, 1, 50).await.unwrap();
    assert!(gone.reports.is_empty() && gone.notes.is_empty());
    assert_eq!(gone.merged_into, Some(2));
    assert_eq!(s.card_facts(from.id).await.unwrap().merged_into, Some(2));
    // Every key of the merged case, its alias too, finds the case that stays.
    for link in ["@old_handle", "x.com/older_handle", "@new_handle"] {
        assert_eq!(case_no_of(s, link).await, Some(2), "{link}");
    }
    let later = s.file_report(report("https://x.com/old_handle", 4, 5)).await.unwrap();
    assert!(matches!(later, ReportOutcome::Merged { .. }), "{later:?}");
    assert_eq!(later.case().case_no, 2);
    assert_eq!(s.card_facts(into.id).await.unwrap().reporters, 4);
    // An older *I reported it* button of the merged case counts where the account is now.
    assert_eq!(s.mark_reported(GUILD, 1, 33, LATER).await.unwrap(), 3);
    assert_eq!(s.notice_facts(from.id).await.unwrap().reported_by, 0);
    let pool = db.raw().await;
    let observations = format!("SELECT COUNT(*) FROM status_observations WHERE case_id = {}", into.id);
    assert_eq!(count(&pool, &observations).await, 1);
    // Leaving report-now, the merged case gets a revoked version in the TAXII feed.
    let revoked = format!(
        "SELECT COUNT(*) FROM collection_entries WHERE case_id = {} AND collection = 'report_now' AND revoked = 1",
        from.id
    );
    assert_eq!(count(&pool, &revoked).await, 1);
    let reasons = format!(
        "SELECT COUNT(*) FROM audit_events WHERE kind = 'case_merged' AND payload LIKE '%renamed handle%' \
         AND case_id IN ({}, {})",
        from.id, into.id
    );
    assert_eq!(
        count(&pool, &reasons).await,
        2,
        "one event on each case, with the reason"
    );
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

/// What agencies get after a merge: the case that stays lists the account's other keys
/// (the merged case's key and its alias) in every export format and in the TAXII feed, and
/// the merged case says where it went instead of passing for an account of its own.
async fn exports_and_the_feed_carry_every_key_of_a_merged_account(db: TestDb) {
    let s = &db.store;
    two_cases_of_one_account(s).await;
    merge(s, 1, 2).await.unwrap();
    let keys = ["x:new_handle", "x:old_handle", "x:older_handle"];
    let cases = s.export_cases(GUILD, None).await.unwrap();
    let aliases = |c: &CaseExport| c.aliases.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!((cases[0].merged_into, aliases(&cases[0])), (Some(2), vec![]));
    assert_eq!(
        (cases[1].merged_into, aliases(&cases[1])),
        (None, vec![keys[1].to_owned(), keys[2].to_owned()])
    );

    let json: serde_json::Value = serde_json::from_slice(&written(Format::Json, &cases)).unwrap();
    assert_eq!(json[0]["merged_into"], 2);
    assert_eq!(json[1]["merged_into"], serde_json::Value::Null);
    let json_aliases: Vec<&str> = json[1]["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["key"].as_str().unwrap())
        .collect();
    assert_eq!(json_aliases, keys[1..]);
    assert_eq!(json[1]["aliases"][1]["url"], "https://x.com/older_handle");

    let csv_bytes = written(Format::Csv, &cases);
    let mut csv = csv::Reader::from_reader(&csv_bytes[..]);
    let header = csv.headers().unwrap().clone();
    let column = |row: &csv::StringRecord, name: &str| row[header.iter().position(|h| h == name).unwrap()].to_owned();
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(
        (column(&rows[0], "merged_into"), column(&rows[0], "aliases")),
        ("2".into(), String::new())
    );
    assert_eq!(column(&rows[1], "aliases"), "x:old_handle;x:older_handle");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bundle.json");
    std::fs::write(&path, written(Format::Stix, &cases)).unwrap();
    crate::common::assert_valid_stix(&path);
    let bundle: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let objects = bundle["objects"].as_array().unwrap();
    let of_type = |t: &str| objects.iter().filter(|o| o["type"] == t).collect::<Vec<_>>();
    let mut logins: Vec<&str> = of_type("user-account")
        .iter()
        .map(|a| a["account_login"].as_str().unwrap())
        .collect();
    logins.sort_unstable();
    assert_eq!(
        logins,
        ["new_handle", "old_handle", "older_handle"],
        "one account per key, once"
    );
    let reports = of_type("report");
    assert_eq!(
        reports.len(),
        1,
        "the merged case is the other case's account, not a report of its own"
    );
    let ids: Vec<String> = keys
        .iter()
        .map(|k| user_account_id(&AccountKey::from_key(k).unwrap()))
        .collect();
    assert_eq!(reports[0]["object_refs"], serde_json::json!(ids));

    // The feed: the stay's report has a new version that refers to every key, and each
    // key's account is served under its own login, the alias's too (its entry was made
    // when it was added to case #1, which no longer has it).
    let page = s
        .taxii_page(
            GUILD,
            Collection::ReportNow,
            &FeedQuery {
                limit: 100,
                ..FeedQuery::default()
            },
        )
        .await
        .unwrap();
    let alias_entry = page
        .entries
        .iter()
        .find(|e| e.account_key.as_ref().is_some_and(|k| k.to_string() == keys[2]))
        .unwrap();
    assert_eq!(
        alias_entry.case_id,
        Some(cases[0].case.id),
        "served since the alias was added"
    );
    let mut case_ids: Vec<i64> = page.entries.iter().filter_map(|e| e.case_id).collect();
    case_ids.sort_unstable();
    case_ids.dedup();
    let feed_cases: HashMap<i64, CaseExport> = s
        .feed_cases_by_id(GUILD, &case_ids)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.case.id, c))
        .collect();
    let served: Vec<serde_json::Value> = page
        .entries
        .iter()
        .filter_map(|e| feed_object(GUILD, e, e.case_id.and_then(|id| feed_cases.get(&id)), Tlp::Green))
        .collect();
    let served_logins: HashMap<&str, &str> = served
        .iter()
        .filter(|o| o["type"] == "user-account")
        .map(|o| (o["id"].as_str().unwrap(), o["account_login"].as_str().unwrap()))
        .collect();
    for (id, login) in ids.iter().zip(["new_handle", "old_handle", "older_handle"]) {
        assert_eq!(served_logins.get(id.as_str()), Some(&login), "{served_logins:?}");
    }
    // An entry from before keys were recorded stands for its case's own key.
    let own = page.entries.iter().find(|e| e.object_id == ids[0]).unwrap();
    let older = FeedEntry {
        account_key: None,
        ..own.clone()
    };
    let case = own.case_id.and_then(|id| feed_cases.get(&id));
    assert_eq!(
        feed_object(GUILD, &older, case, Tlp::Green).unwrap()["account_login"],
        "new_handle"
    );
    let staying = served
        .iter()
        .find(|o| o["type"] == "report" && o["name"].as_str().unwrap().starts_with("Case #2"))
        .unwrap();
    assert_eq!(staying["object_refs"], serde_json::json!(ids));
    let versions = FeedQuery {
        limit: 100,
        versions: vec![VersionMatch::All],
        ids: vec![staying["id"].as_str().unwrap().to_owned()],
        ..FeedQuery::default()
    };
    let all = s.taxii_page(GUILD, Collection::ReportNow, &versions).await.unwrap();
    assert_eq!(
        all.entries.len(),
        2,
        "a version on entering and one when the keys joined"
    );
    assert!(all.entries.iter().all(|e| !e.revoked));
}

fn written(format: Format, cases: &[CaseExport]) -> Vec<u8> {
    let mut out = Vec::new();
    flagwatch::export::write(format, GUILD, cases, LATER, &mut out).unwrap();
    out
}

async fn merges_are_refused_for_one_case_other_platforms_merged_and_unknown_cases(db: TestDb) {
    let s = &db.store;
    s.file_report(report("@first", 1, 1)).await.unwrap();
    s.file_report(report("@second", 2, 2)).await.unwrap();
    s.file_report(report("https://t.me/third", 3, 3)).await.unwrap();
    assert_eq!(refusal(s, 1, 1).await, MergeError::SameCase);
    assert_eq!(
        refusal(s, 1, 3).await,
        MergeError::OtherPlatform {
            from_no: 1,
            from: Platform::X,
            into_no: 3,
            into: Platform::Telegram
        }
    );
    for (from, into) in [(1, 9), (9, 1)] {
        assert!(
            matches!(merge(s, from, into).await, Err(StoreError::NoSuchCase { case_no: 9 })),
            "#{from} into #{into}"
        );
    }
    merge(s, 1, 2).await.unwrap();
    assert_eq!(refusal(s, 1, 2).await, MergeError::AlreadyMerged { case_no: 1 });
    assert_eq!(
        refusal(s, 2, 1).await,
        MergeError::AlreadyMerged { case_no: 1 },
        "into a merged case"
    );
    // A merged case leaves its lifecycle for good: no vote, re-opening or override.
    let actor = Actor::Member(MODERATOR);
    assert!(matches!(
        s.reopen_case(GUILD, 1, &actor, "why", LATER).await,
        Err(StoreError::Lifecycle(LifecycleError::Merged))
    ));
    assert!(matches!(
        s.override_decision(GUILD, 1, &actor, VoteChoice::Dismiss, "why", LATER)
            .await,
        Err(StoreError::Lifecycle(LifecycleError::Merged))
    ));
    assert!(matches!(
        s.add_note(GUILD, 1, MODERATOR, "late", LATER).await,
        Err(StoreError::Lifecycle(LifecycleError::Merged))
    ));
    assert!(matches!(
        s.add_alias(GUILD, 1, &key("@first_renamed"), &actor, LATER).await,
        Err(StoreError::Lifecycle(LifecycleError::Merged))
    ));
    let pool = db.raw().await;
    assert_eq!(
        count(&pool, "SELECT COUNT(*) FROM audit_events WHERE kind = 'case_merged'").await,
        2,
        "refusals change nothing"
    );
}

async fn two_moderators_merging_one_pair_both_ways_at_once_make_one_merge(db: TestDb) {
    let s = &db.store;
    for round in 0..5_u64 {
        let (a, b) = (format!("@pair_a{round}"), format!("@pair_b{round}"));
        s.file_report(report(&a, 1, 10 * round + 1)).await.unwrap();
        s.file_report(report(&b, 2, 10 * round + 2)).await.unwrap();
        let (x, y) = (case_no_of(s, &a).await.unwrap(), case_no_of(s, &b).await.unwrap());
        let (one, other) = tokio::join!(merge(s, x, y), merge(s, y, x));
        let refused = match (&one, &other) {
            (Ok(_), Err(StoreError::Merge(e))) | (Err(StoreError::Merge(e)), Ok(_)) => e.clone(),
            _ => panic!("{one:?} {other:?}"),
        };
        assert!(matches!(refused, MergeError::AlreadyMerged { .. }), "{refused:?}");
        let (left, right) = (case_no_of(s, &a).await, case_no_of(s, &b).await);
        assert_eq!(left, right, "both keys on one case");
    }
}

async fn a_case_closed_as_withdrawn_awaits_its_decision_again_when_reports_are_merged_into_it(db: TestDb) {
    let s = &db.store;
    s.file_report(report("@closed", 1, 1)).await.unwrap();
    s.file_report(report("@still_reported", 2, 2)).await.unwrap();
    assert!(s.withdraw_report(GUILD, 1, 1, T0).await.unwrap().closed);
    let merged = merge(s, 2, 1).await.unwrap();
    assert_eq!(merged.into.lifecycle.decision, Decision::Pending);
    assert!(merged.into.lifecycle.window_ends_at.is_some());
    assert_eq!(s.card_facts(merged.into.id).await.unwrap().reporters, 1);
}

/// Make every `case_merged` audit event fail to insert: the merge's last write.
async fn break_the_last_write(pool: &AnyPool, backend: Backend) {
    let statements: &[&'static str] = match backend {
        Backend::Sqlite => &[
            "CREATE TRIGGER fail_merge BEFORE INSERT ON audit_events WHEN NEW.kind = 'case_merged' \
             BEGIN SELECT RAISE(ABORT, 'merge fails here'); END",
        ],
        Backend::Postgres => &[
            "CREATE FUNCTION fail_merge() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
             IF NEW.kind = 'case_merged' THEN RAISE EXCEPTION 'merge fails here'; END IF; RETURN NEW; END $$",
            "CREATE TRIGGER fail_merge BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION fail_merge()",
        ],
    };
    for sql in statements {
        pool.execute(*sql).await.unwrap();
    }
}

async fn mend_the_last_write(pool: &AnyPool, backend: Backend) {
    let sql = match backend {
        Backend::Sqlite => "DROP TRIGGER fail_merge",
        Backend::Postgres => "DROP TRIGGER fail_merge ON audit_events",
    };
    pool.execute(sql).await.unwrap();
}

/// Everything a merge touches, as another connection reads it.
async fn snapshot(s: &Store, pool: &AnyPool) -> Vec<String> {
    let mut seen = Vec::new();
    for no in [1, 2] {
        let d = s.case_details(GUILD, no, 50).await.unwrap();
        let card = s.card_facts(d.case.id).await.unwrap();
        seen.push(format!("{d:?} {card:?}"));
    }
    for link in ["@old_handle", "x.com/older_handle", "@new_handle"] {
        seen.push(format!("{link}: {:?}", case_no_of(s, link).await));
    }
    for table in [
        "audit_events",
        "outbox",
        "collection_entries",
        "reported_it",
        "handouts",
    ] {
        seen.push(format!(
            "{table}: {}",
            count(pool, &format!("SELECT COUNT(*) FROM {table}")).await
        ));
    }
    seen
}

async fn a_merge_that_fails_at_its_last_write_changes_nothing(db: TestDb) {
    let s = &db.store;
    two_cases_of_one_account(s).await;
    let pool = db.raw().await;
    let before = snapshot(s, &pool).await;
    break_the_last_write(&pool, s.backend()).await;
    let failed = merge(s, 1, 2).await;
    assert!(matches!(failed, Err(StoreError::Database { .. })), "{failed:?}");
    assert_eq!(snapshot(s, &pool).await, before, "a failed merge left a trace");
    let from = s.case(GUILD, 1).await.unwrap();
    assert_eq!(from.lifecycle.decision, Decision::ReportNow);
    assert_eq!(s.card_facts(from.id).await.unwrap().merged_into, None);
    mend_the_last_write(&pool, s.backend()).await;
    let merged = merge(s, 1, 2).await.unwrap();
    assert_eq!(merged.from.lifecycle.decision, Decision::Merged);
    assert_eq!(case_no_of(s, "@old_handle").await, Some(2));
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

on_both_databases!(
    a_merge_moves_the_account_to_one_case_and_redirects_its_keys,
    merges_are_refused_for_one_case_other_platforms_merged_and_unknown_cases,
    a_merge_that_fails_at_its_last_write_changes_nothing,
    two_moderators_merging_one_pair_both_ways_at_once_make_one_merge,
    a_case_closed_as_withdrawn_awaits_its_decision_again_when_reports_are_merged_into_it,
    exports_and_the_feed_carry_every_key_of_a_merged_account,
);

// --- End to end ---

fn private(reply: &Reply) -> &Reply {
    assert!(reply.ephemeral, "not ephemeral: {}", reply.content);
    assert!(reply.answered_after < Duration::from_secs(3));
    reply
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_moderator_merges_two_cases_and_the_merged_ones_call_to_action_goes() {
    let db = TestDb::sqlite().await;
    let clock = Clock::manual(Millis(chrono::Utc::now().timestamp_millis()));
    let c = Community::start(db.store.clone(), clock, SimConfig::default())
        .await
        .unwrap();
    c.setup(vec![]).await.unwrap();
    c.report(c.members[0], "x.com/old_name", "threat", vec![])
        .await
        .unwrap();
    c.report(c.members[1], "x.com/new_name", "threat", vec![])
        .await
        .unwrap();
    for no in [1, 2] {
        for &m in &c.moderators {
            c.vote(m, no, "report_now").await.unwrap();
        }
    }
    c.settle().await.unwrap();
    let call = c.message_with_button(c.coordination, "cta:reported:1").await.unwrap();
    let merge = |who, from, into| {
        let options = vec![
            Opt::integer("from", from),
            Opt::integer("into", into),
            Opt::string("reason", "the account renamed itself"),
        ];
        c.command(who, "case", vec![Opt::sub("merge", options)])
    };
    let refused = merge(c.members[0], 1, 2).await.unwrap();
    assert!(
        private(&refused).content.contains("moderators only"),
        "{}",
        refused.content
    );
    let itself = merge(c.moderators[0], 2, 2).await.unwrap();
    assert!(
        private(&itself).content.contains("cannot be merged into itself"),
        "{}",
        itself.content
    );
    let done = merge(c.moderators[0], 1, 2).await.unwrap();
    assert!(
        private(&done).content.contains("Case #1 is merged into case #2"),
        "{}",
        done.content
    );
    c.settle().await.unwrap();
    assert!(
        c.sim.message(call.id).unwrap().deleted,
        "the merged case's call to action is up"
    );
    let card = c.card(1).await.unwrap();
    let description = card.embeds[0]["description"].as_str().unwrap().to_owned();
    assert!(description.contains("Merged into case #2"), "{description}");
    let fields = c.card(2).await.unwrap().embeds[0]["fields"].to_string();
    assert!(fields.contains("\"Reporters\",\"value\":\"2\""), "{fields}");
    let again = c
        .report(c.members[2], "https://x.com/old_name", "threat", vec![])
        .await
        .unwrap();
    assert!(private(&again).content.contains("case #2"), "{}", again.content);
    let shown = c
        .command(
            c.moderators[1],
            "case",
            vec![Opt::sub("show", vec![Opt::integer("case", 1)])],
        )
        .await
        .unwrap();
    let shown = private(&shown).text();
    assert!(shown.contains("Merged into case #2"), "{shown}");
    let status = |who, no| c.command(who, "status", vec![Opt::integer("case", no)]);
    let moderators = status(c.moderators[1], 1).await.unwrap();
    assert!(
        private(&moderators).content.contains("Merged into case #2"),
        "{}",
        moderators.content
    );
    let target = status(c.moderators[1], 2).await.unwrap();
    assert!(!private(&target).content.contains("Merged into"), "{}", target.content);
    // Members see a merged case as any case without a public call to action.
    let members = status(c.members[2], 1).await.unwrap();
    assert!(!private(&members).content.contains("#2"), "{}", members.content);
    let twice = merge(c.moderators[1], 1, 2).await.unwrap();
    assert!(private(&twice).content.contains("already merged"), "{}", twice.content);
    c.settle().await.unwrap();
    assert!(c.sim.unexpected_requests().is_empty());
    c.shutdown().await.unwrap();
}
