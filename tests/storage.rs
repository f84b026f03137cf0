//! Storage behaviour on real databases: every test runs on SQLite and on PostgreSQL.

mod common;

use std::sync::Arc;

use common::TestDb;
use flagwatch::domain::account::{AccountKey, Platform};
use flagwatch::domain::audit::Actor;
use flagwatch::domain::case::Decision;
use flagwatch::domain::reason::ReasonCategory;
use flagwatch::domain::time::Millis;
use flagwatch::domain::vote::VoteChoice;
use flagwatch::store::{ImportLine, Importer, NewReport, ReportOutcome, ReportSource, Store};
use sqlx::Executor;

const GUILD: u64 = 1_100_000_000_000_000_001;
const T0: Millis = Millis(1_800_000_000_000);
const HOUR: i64 = 3_600_000;

fn key(input: &str) -> AccountKey {
    AccountKey::parse(input, None, Platform::X).unwrap()
}

fn report(input: &str, reporter: u64, interaction: u64) -> NewReport {
    NewReport {
        guild_id: GUILD,
        key: key(input),
        reason: ReasonCategory::Propaganda,
        details: Some("posts recruitment videos".into()),
        reporter: Some(reporter),
        member_joined_at: None,
        interaction_id: Some(interaction),
        source: ReportSource::Discord,
        evidence: Vec::new(),
        at: T0,
    }
}

async fn case_no_of(store: &Store, input: &str, reporter: u64, interaction: u64) -> i64 {
    store
        .file_report(report(input, reporter, interaction))
        .await
        .unwrap()
        .case()
        .case_no
}

async fn reports_merge_into_one_case_per_account(db: TestDb) {
    let s = &db.store;
    let first = s
        .file_report(report("https://twitter.com/Someone/status/1", 1, 10))
        .await
        .unwrap();
    assert!(matches!(first, ReportOutcome::NewCase { .. }));
    assert_eq!(first.case().case_no, 1);
    let second = s.file_report(report("@someone", 2, 11)).await.unwrap();
    match second {
        ReportOutcome::Merged { case, reporters } => assert_eq!((case.case_no, reporters), (1, 2)),
        other => panic!("expected a merge, got {other:?}"),
    }
    let other = s.file_report(report("x.com/another", 1, 12)).await.unwrap();
    assert_eq!(other.case().case_no, 2);
}

async fn a_replayed_interaction_files_nothing_twice(db: TestDb) {
    let s = &db.store;
    s.file_report(report("someone", 1, 10)).await.unwrap();
    let again = s.file_report(report("someone", 1, 10)).await.unwrap();
    assert!(matches!(again, ReportOutcome::AlreadyFiled { .. }));
    let exported = s.export_cases(GUILD, None).await.unwrap();
    assert_eq!(exported[0].report_count, 1);
}

async fn concurrent_reports_of_one_account_open_one_case(db: TestDb) {
    let store = Arc::new(db.store.clone());
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move { case_no_of(&store, "https://x.com/crowded", 100 + i, 1000 + i).await })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), 1);
    }
    assert_eq!(store.export_cases(GUILD, None).await.unwrap()[0].report_count, 16);
}

async fn a_quorum_majority_decides_and_a_changed_vote_counts_once(db: TestDb) {
    let s = &db.store;
    let no = case_no_of(s, "someone", 1, 10).await;
    let v = s
        .cast_vote(GUILD, no, 501, VoteChoice::Dismiss, None, T0)
        .await
        .unwrap();
    assert_eq!((v.tally.dismiss, v.decided), (1, None));
    let v = s
        .cast_vote(GUILD, no, 501, VoteChoice::ReportNow, None, T0)
        .await
        .unwrap();
    assert_eq!(
        (v.tally.report_now, v.tally.dismiss),
        (1, 0),
        "a changed vote replaces the first"
    );
    s.cast_vote(GUILD, no, 502, VoteChoice::ReportNow, None, T0)
        .await
        .unwrap();
    let v = s
        .cast_vote(GUILD, no, 503, VoteChoice::ReportNow, None, T0)
        .await
        .unwrap();
    assert_eq!(v.decided, Some(Decision::ReportNow));
    assert_eq!(v.case.lifecycle.decision, Decision::ReportNow);
    let late = s.cast_vote(GUILD, no, 504, VoteChoice::Dismiss, None, T0).await;
    assert!(late.is_err(), "a closed round takes no more votes");
}

async fn concurrent_votes_close_the_round_exactly_once(db: TestDb) {
    let store = Arc::new(db.store.clone());
    let no = case_no_of(&store, "someone", 1, 10).await;
    let tasks: Vec<_> = (0..8)
        .map(|m| {
            let store = store.clone();
            tokio::spawn(async move { store.cast_vote(GUILD, no, 600 + m, VoteChoice::HandOff, None, T0).await })
        })
        .collect();
    let mut decided = 0;
    for t in tasks {
        if let Ok(v) = t.await.unwrap() {
            decided += usize::from(v.decided.is_some());
        }
    }
    assert_eq!(decided, 1, "exactly one vote closes the round");
    let case = store.case(GUILD, no).await.unwrap();
    assert_eq!(case.lifecycle.decision, Decision::HandOff);
    assert!(case.lifecycle.held_until.is_some());
}

async fn racing_window_ends_decide_exactly_once(db: TestDb) {
    let store = Arc::new(db.store.clone());
    let no = case_no_of(&store, "someone", 1, 10).await;
    store
        .cast_vote(GUILD, no, 700, VoteChoice::ReportNow, None, T0)
        .await
        .unwrap();
    store
        .cast_vote(GUILD, no, 701, VoteChoice::HandOff, None, T0)
        .await
        .unwrap();
    let later = Millis(T0.0 + 25 * HOUR);
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.close_window(GUILD, no, later).await.unwrap() })
        })
        .collect();
    let mut decisions = Vec::new();
    for t in tasks {
        decisions.extend(t.await.unwrap().decided);
    }
    assert_eq!(
        decisions,
        vec![Decision::HandOff],
        "a tie goes to the more reversible outcome, once"
    );
}

async fn a_window_without_votes_goes_overdue_once(db: TestDb) {
    let s = &db.store;
    let no = case_no_of(s, "someone", 1, 10).await;
    let before = s.close_window(GUILD, no, Millis(T0.0 + HOUR)).await.unwrap();
    assert!(!before.became_overdue, "the window has not ended yet");
    let later = Millis(T0.0 + 25 * HOUR);
    assert_eq!(s.windows_ended(later).await.unwrap().len(), 1);
    assert!(s.close_window(GUILD, no, later).await.unwrap().became_overdue);
    assert!(!s.close_window(GUILD, no, later).await.unwrap().became_overdue);
    assert!(s.windows_ended(later).await.unwrap().is_empty());
    let case = s.case(GUILD, no).await.unwrap();
    assert_eq!(
        (case.lifecycle.decision, case.lifecycle.overdue),
        (Decision::Pending, true)
    );
}

async fn a_new_reporter_reopens_a_dismissed_case(db: TestDb) {
    let s = &db.store;
    let no = case_no_of(s, "someone", 1, 10).await;
    for m in 0..3 {
        s.cast_vote(GUILD, no, 800 + m, VoteChoice::Dismiss, None, T0)
            .await
            .unwrap();
    }
    let same = s.file_report(report("someone", 1, 11)).await.unwrap();
    assert!(
        matches!(same, ReportOutcome::Merged { .. }),
        "the same reporter again does not re-open"
    );
    match s.file_report(report("someone", 2, 12)).await.unwrap() {
        ReportOutcome::Reopened { case, reporters } => {
            assert_eq!(
                (case.lifecycle.decision, case.lifecycle.round, reporters),
                (Decision::Pending, 2, 2)
            );
        }
        other => panic!("expected a re-open, got {other:?}"),
    }
    let v = s
        .cast_vote(GUILD, no, 800, VoteChoice::ReportNow, None, T0)
        .await
        .unwrap();
    assert_eq!(v.tally.total(), 1, "the new round starts with no votes");
}

async fn the_audit_chain_verifies_and_names_tampering(db: TestDb) {
    let s = &db.store;
    let no = case_no_of(s, "someone", 1, 10).await;
    s.cast_vote(GUILD, no, 900, VoteChoice::Dismiss, None, T0)
        .await
        .unwrap();
    case_no_of(s, "another", 2, 11).await;
    let events = s.verify_audit(None).await.unwrap().unwrap();
    assert!(events >= 5, "{events}");
    let raw = db.raw().await;
    raw.execute("UPDATE audit_events SET payload = replace(payload, 'dismiss', 'report_now') WHERE kind = 'vote_cast'")
        .await
        .unwrap();
    let broken = s.verify_audit(Some(GUILD)).await.unwrap().unwrap_err();
    assert_eq!(broken.broken.seq, 3, "{broken:?}");
}

async fn a_removed_or_reordered_audit_event_is_detected(db: TestDb) {
    let s = &db.store;
    for i in 0..3 {
        case_no_of(s, &format!("account{i}"), i, 10 + i).await;
    }
    let raw = db.raw().await;
    raw.execute("DELETE FROM audit_events WHERE seq = 2").await.unwrap();
    assert_eq!(s.verify_audit(None).await.unwrap().unwrap_err().broken.seq, 3);
    let db2 = match s.backend() {
        flagwatch::store::Backend::Sqlite => TestDb::sqlite().await,
        flagwatch::store::Backend::Postgres => TestDb::postgres().await.unwrap(),
    };
    for i in 0..3 {
        case_no_of(&db2.store, &format!("account{i}"), i, 10 + i).await;
    }
    let raw = db2.raw().await;
    raw.execute("UPDATE audit_events SET seq = -1 WHERE seq = 2")
        .await
        .unwrap();
    raw.execute("UPDATE audit_events SET seq = 2 WHERE seq = 3")
        .await
        .unwrap();
    raw.execute("UPDATE audit_events SET seq = 3 WHERE seq = -1")
        .await
        .unwrap();
    assert_eq!(db2.store.verify_audit(None).await.unwrap().unwrap_err().broken.seq, 2);
}

async fn an_import_dedups_into_cases_in_chunks(db: TestDb) {
    let s = &db.store;
    case_no_of(s, "existing", 1, 10).await;
    let mut importer = Importer::new(s, GUILD, Actor::Cli, T0).await.unwrap();
    let inputs = [
        "https://x.com/existing",
        "fresh",
        "https://twitter.com/Fresh",
        "t.me/channelname",
        "other",
    ];
    for input in inputs {
        let line = ImportLine {
            key: key(input),
            reason: ReasonCategory::Recruitment,
            details: None,
        };
        importer.accept(line).await.unwrap();
    }
    importer.reject();
    let summary = importer.finish().await.unwrap();
    assert_eq!(
        (summary.lines, summary.new_cases, summary.merged, summary.rejected),
        (6, 3, 2, 1)
    );
    let cases = s.export_cases(GUILD, None).await.unwrap();
    assert_eq!(
        cases.iter().map(|c| c.case.case_no).collect::<Vec<_>>(),
        vec![1, 2, 3, 4]
    );
    assert!(
        cases[1..].iter().all(|c| c.case.queued),
        "imported cases wait in the review queue"
    );
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

async fn settings_default_for_a_new_server(db: TestDb) {
    let settings = db.store.guild_settings(GUILD, T0).await.unwrap();
    assert_eq!(settings.policy.quorum.get(), 3);
    assert_eq!(settings.policy.window.minutes(), 24 * 60);
    assert_eq!(settings.default_platform, Platform::X);
    assert!(settings.review_channel.is_none());
}

on_both_databases!(
    reports_merge_into_one_case_per_account,
    a_replayed_interaction_files_nothing_twice,
    concurrent_reports_of_one_account_open_one_case,
    a_quorum_majority_decides_and_a_changed_vote_counts_once,
    concurrent_votes_close_the_round_exactly_once,
    racing_window_ends_decide_exactly_once,
    a_window_without_votes_goes_overdue_once,
    a_new_reporter_reopens_a_dismissed_case,
    the_audit_chain_verifies_and_names_tampering,
    a_removed_or_reordered_audit_event_is_detected,
    an_import_dedups_into_cases_in_chunks,
    settings_default_for_a_new_server,
);
