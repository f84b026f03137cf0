//! Storage behaviour on real databases: every test runs on SQLite and on PostgreSQL.

use std::sync::Arc;

use crate::common::TestDb;
use flagwatch::domain::account::{AccountKey, Platform};
use flagwatch::domain::audit::Actor;
use flagwatch::domain::case::{AccountStatus, Decision, RoundNote};
use flagwatch::domain::intake::IntakePolicy;
use flagwatch::domain::language::Language;
use flagwatch::domain::reason::ReasonCategory;
use flagwatch::domain::status::Observed;
use flagwatch::domain::time::Millis;
use flagwatch::domain::vote::{HoldDays, VoteChoice};
use flagwatch::export::Format;
use flagwatch::store::{
    Backend, ImportLine, Importer, NewEvidence, NewReport, OutboxKind, ReportOutcome, ReportSource, Reporter,
    SettingsChange, Store, StoreError,
};
use sqlx::Executor;

pub(crate) const GUILD: u64 = 1_100_000_000_000_000_001;
pub(crate) const T0: Millis = Millis(1_800_000_000_000);
const HOUR: i64 = 3_600_000;

pub(crate) fn key(input: &str) -> AccountKey {
    AccountKey::parse(input, None, Platform::X).unwrap()
}

pub(crate) fn report(input: &str, reporter: u64, interaction: u64) -> NewReport {
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

pub(crate) async fn case_no_of(store: &Store, input: &str, reporter: u64, interaction: u64) -> i64 {
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

/// Handlers' settings and language reads are answered in groups (`store::group_read`):
/// hundreds at once each get their own server's settings and their own member's choice,
/// and a read asked after a change committed sees it even while other groups are in
/// flight (nothing is cached, and no read joins a group that began before it was asked).
async fn grouped_reads_answer_each_their_own_and_see_what_committed_before(db: TestDb) {
    let s = &db.store;
    let admin = Actor::Member(7);
    let guilds: Vec<u64> = (0..4).map(|g| GUILD + g).collect();
    for (i, &g) in guilds.iter().enumerate() {
        let limit = SettingsChange {
            report_limit: Some(3 + i as u32),
            ..SettingsChange::default()
        };
        s.update_settings(g, &admin, &limit, T0).await.unwrap();
        for m in 0..10u64 {
            let language = [Some(Language::French), Some(Language::Hindi), None][(m % 3) as usize];
            s.set_member_language(g, 500 + m, language, T0).await.unwrap();
        }
    }
    let reads = guilds.iter().enumerate().flat_map(|(i, &g)| {
        (0..10u64).map(move |m| async move {
            let (settings, language) = tokio::join!(s.guild_settings(g, T0), s.member_language(g, 500 + m));
            let expected = [Some(Language::French), Some(Language::Hindi), None][(m % 3) as usize];
            assert_eq!(settings.unwrap().report_limit, 3 + i as u32, "server {g}");
            assert_eq!(language.unwrap(), expected, "member {m} of server {g}");
        })
    });
    futures::future::join_all(reads).await;
    // Reads of every server, this one too, keep groups in flight while its limit changes.
    let busy = std::sync::atomic::AtomicBool::new(true);
    let background = async {
        while busy.load(std::sync::atomic::Ordering::Relaxed) {
            futures::future::join_all(guilds.iter().map(|&g| s.guild_settings(g, T0))).await;
        }
    };
    let changes = async {
        for limit in 20..60u32 {
            let change = SettingsChange {
                report_limit: Some(limit),
                ..SettingsChange::default()
            };
            s.update_settings(guilds[0], &admin, &change, T0).await.unwrap();
            let read = s.guild_settings(guilds[0], T0).await.unwrap();
            assert_eq!(read.report_limit, limit, "a read after the change");
        }
        busy.store(false, std::sync::atomic::Ordering::Relaxed);
    };
    tokio::join!(background, changes);
}

pub(crate) async fn decided(s: &Store, input: &str, choice: VoteChoice) -> i64 {
    let no = case_no_of(s, input, 1, 10 + input.len() as u64).await;
    for m in 0..3 {
        s.cast_vote(GUILD, no, 800 + m, choice, None, T0).await.unwrap();
    }
    no
}

async fn holds_are_recorded_extended_released_and_expire_into_a_new_round(db: TestDb) {
    let s = &db.store;
    let liaison = Actor::Member(42);
    let no = decided(s, "held", VoteChoice::HandOff).await;
    let case = s
        .record_referral(GUILD, no, &liaison, "Agency", "REF-1", T0)
        .await
        .unwrap();
    assert_eq!(
        (case.agency.as_deref(), case.referral_ref.as_deref()),
        (Some("Agency"), Some("REF-1"))
    );
    let held_until = case.lifecycle.held_until.unwrap();
    let extended = s
        .extend_hold(GUILD, no, &liaison, HoldDays::new(5).unwrap(), T0)
        .await
        .unwrap();
    assert_eq!(extended.lifecycle.held_until.unwrap().0, held_until.0 + 5 * 24 * HOUR);
    assert!(s.expire_holds(T0).await.unwrap().is_empty(), "not due yet");
    let review = extended.lifecycle.held_until.unwrap();
    let reopened = s.expire_holds(review).await.unwrap();
    assert_eq!(reopened.len(), 1);
    assert_eq!(
        (reopened[0].lifecycle.decision, reopened[0].lifecycle.round),
        (Decision::Pending, 2)
    );
    assert!(matches!(reopened[0].round_note, Some(RoundNote::HoldReview { ended }) if ended == review));
    assert!(s.expire_holds(review).await.unwrap().is_empty(), "a hold expires once");
    let other = decided(s, "released", VoteChoice::HandOff).await;
    let released = s
        .release_hold(GUILD, other, &liaison, "agency asked", T0)
        .await
        .unwrap();
    assert_eq!(released.lifecycle.decision, Decision::ReportNow);
    assert!(
        s.release_hold(GUILD, other, &liaison, "again", T0).await.is_err(),
        "only held cases can be released"
    );
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

async fn a_suspension_takes_two_members_or_one_moderator_and_still_up_reverts_it(db: TestDb) {
    let s = &db.store;
    let no = decided(s, "takedown", VoteChoice::ReportNow).await;
    let first = s
        .observe(GUILD, no, 1, false, Observed::LooksSuspended, T0)
        .await
        .unwrap();
    assert_eq!(
        (first.case.account_status, first.changed),
        (AccountStatus::Unknown, false)
    );
    let again = s
        .observe(GUILD, no, 1, false, Observed::LooksSuspended, T0)
        .await
        .unwrap();
    assert!(!again.changed, "the same member twice counts once");
    let second = s
        .observe(GUILD, no, 2, false, Observed::LooksSuspended, T0)
        .await
        .unwrap();
    assert_eq!(
        (second.case.account_status, second.changed),
        (AccountStatus::Suspended, true)
    );
    let up = s.observe(GUILD, no, 3, false, Observed::StillUp, T0).await.unwrap();
    assert_eq!(up.case.account_status, AccountStatus::Active);
    let one = s
        .observe(GUILD, no, 1, false, Observed::LooksSuspended, T0)
        .await
        .unwrap();
    assert_eq!(
        one.case.account_status,
        AccountStatus::Active,
        "earlier observations no longer count after Still up"
    );
    let moderator = s
        .observe(GUILD, no, 9, true, Observed::LooksSuspended, T0)
        .await
        .unwrap();
    assert_eq!(moderator.case.account_status, AccountStatus::Suspended);
    assert_eq!(s.mark_reported(GUILD, no, 5, T0).await.unwrap(), 1);
    assert_eq!(
        s.mark_reported(GUILD, no, 5, T0).await.unwrap(),
        1,
        "counted once per member"
    );
    assert_eq!(s.mark_reported(GUILD, no, 6, T0).await.unwrap(), 2);
}

async fn new_cases_queue_when_more_than_twenty_cards_wait(db: TestDb) {
    let s = &db.store;
    for i in 0..25 {
        case_no_of(s, &format!("flood{i}"), 1, 100 + i).await;
    }
    assert_eq!(s.queue_len(GUILD).await.unwrap(), 4, "cards 22 to 25 wait in the queue");
    let taken = s.dequeue(GUILD, 9, T0).await.unwrap();
    assert_eq!(
        taken.iter().map(|c| c.case_no).collect::<Vec<_>>(),
        vec![22, 23, 24, 25],
        "oldest first, at most 5"
    );
    assert_eq!(s.queue_len(GUILD).await.unwrap(), 0);
    let case = s.case(GUILD, 22).await.unwrap();
    assert!(
        !case.queued && case.lifecycle.window_ends_at.is_some(),
        "the voting clock starts when the card is posted"
    );
}

async fn forget_me_anonymises_reports_but_keeps_counts(db: TestDb) {
    let s = &db.store;
    let no = case_no_of(s, "someone", 77, 10).await;
    case_no_of(s, "someone", 78, 11).await;
    assert_eq!(s.forget_member(GUILD, 77, T0).await.unwrap(), 1);
    let details = s.case_details(GUILD, no, 10).await.unwrap();
    let reporters: Vec<Reporter> = details.reports.iter().map(|r| r.reporter).collect();
    assert_eq!(reporters, vec![Reporter::Anonymous, Reporter::Member(78)]);
    assert_eq!(s.card_facts(details.case.id).await.unwrap().reporters, 2, "counts stay");
    assert_eq!(
        s.recent_reports(GUILD, 77, Millis(0)).await.unwrap().len(),
        1,
        "the report still counts for the member's rate limit"
    );
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

async fn the_outbox_coalesces_requests_and_retries_failures(db: TestDb) {
    let s = &db.store;
    let no = case_no_of(s, "someone", 1, 10).await;
    for m in 0..2 {
        s.cast_vote(GUILD, no, 900 + m, VoteChoice::Dismiss, None, T0)
            .await
            .unwrap();
    }
    let item = s
        .claim_outbox(T0, "worker")
        .await
        .unwrap()
        .expect("one card item for three changes");
    assert_eq!(item.kind, OutboxKind::Card);
    assert!(
        s.claim_outbox(T0, "worker").await.unwrap().is_none(),
        "the changes coalesced into one item"
    );
    s.retry_outbox(&item, Millis(T0.0 + 5_000), None, "429").await.unwrap();
    assert!(
        s.claim_outbox(T0, "worker").await.unwrap().is_none(),
        "not due before its retry time"
    );
    let again = s.claim_outbox(Millis(T0.0 + 5_000), "worker").await.unwrap().unwrap();
    assert_eq!((again.id, again.attempts), (item.id, 1));
    s.cast_vote(GUILD, no, 902, VoteChoice::ReportNow, None, T0)
        .await
        .unwrap();
    s.recover_outbox("next-worker").await.unwrap();
    let mut kinds = Vec::new();
    while let Some(i) = s.claim_outbox(Millis(T0.0 + 60_000), "worker").await.unwrap() {
        kinds.push(i.kind);
        s.complete_outbox(&i, None).await.unwrap();
    }
    assert_eq!(
        kinds.iter().filter(|k| **k == OutboxKind::Card).count(),
        1,
        "a claimed item superseded by a newer one is dropped at recovery"
    );
    assert!(s.outbox_len().await.unwrap() == 0);
}

/// Claims every item due at `at`, leaving them claimed (in flight).
async fn claim_all(s: &Store, at: Millis) -> Vec<flagwatch::store::OutboxItem> {
    let mut items = Vec::new();
    while let Some(item) = s.claim_outbox(at, "worker").await.unwrap() {
        items.push(item);
    }
    items
}

async fn a_paced_target_takes_one_send_per_interval_from_when_it_was_sent(db: TestDb) {
    let s = &db.store;
    let no = decided(s, "paced", VoteChoice::ReportNow).await;
    let first = claim_all(s, T0).await;
    let board = first
        .iter()
        .find(|i| i.kind == OutboxKind::Board)
        .expect("a board item")
        .clone();
    // While the first edit is in flight (held 4 s by channel pacing), another event arrives.
    s.observe(GUILD, no, 1, false, Observed::StillUp, Millis(T0.0 + 1_000))
        .await
        .unwrap();
    let sent = Millis(T0.0 + 4_000);
    let next = Millis(sent.0 + flagwatch::store::BOARD_INTERVAL_MS);
    for item in &first {
        let paced = (item.id == board.id).then_some(next);
        s.complete_outbox(item, paced).await.unwrap();
    }
    let early = claim_all(s, Millis(next.0 - 1)).await;
    assert!(
        early.iter().all(|i| i.kind != OutboxKind::Board),
        "a board edit queued during the send waits 10 s from when that send was made: {early:?}"
    );
    for item in &early {
        s.complete_outbox(item, None).await.unwrap();
    }
    assert_eq!(
        s.next_outbox_due().await.unwrap(),
        Some(next),
        "the worker sleeps until then"
    );
    let second = s
        .claim_outbox(next, "worker")
        .await
        .unwrap()
        .expect("due once the interval is over");
    assert_eq!(second.kind, OutboxKind::Board);
    let failed_at = Millis(next.0 + 500);
    let again = Millis(failed_at.0 + flagwatch::store::BOARD_INTERVAL_MS);
    s.retry_outbox(&second, Millis(failed_at.0 + 1_000), Some(again), "500")
        .await
        .unwrap();
    assert!(
        s.claim_outbox(Millis(again.0 - 1), "worker").await.unwrap().is_none(),
        "a failed send counts for the interval too (Discord may have applied it)"
    );
    let retried = s
        .claim_outbox(again, "worker")
        .await
        .unwrap()
        .expect("retried after the interval");
    assert_eq!(retried.id, second.id);
}

async fn a_digest_is_claimed_once_per_server_and_day(db: TestDb) {
    let s = &db.store;
    s.guild_settings(GUILD, T0).await.unwrap();
    assert!(s.claim_digest(GUILD, 20_000, T0).await.unwrap());
    assert!(!s.claim_digest(GUILD, 20_000, T0).await.unwrap());
    assert!(s.claim_digest(GUILD, 20_001, T0).await.unwrap());
}

/// Whether `wakeup` is notified (or already was) within `ms`.
async fn woken(wakeup: &tokio::sync::Notify, ms: u64) -> bool {
    tokio::time::timeout(std::time::Duration::from_millis(ms), wakeup.notified())
        .await
        .is_ok()
}

async fn a_committed_change_that_queued_outbox_items_wakes_the_worker_and_a_failed_one_queues_nothing(db: TestDb) {
    let s = &db.store;
    let wakeup = s.outbox_wakeup();
    let no = case_no_of(s, "wakes", 1, 10).await;
    assert!(woken(&wakeup, 1000).await, "the report's card wakes the outbox worker");
    for m in 0..3 {
        s.cast_vote(GUILD, no, 800 + m, VoteChoice::Dismiss, None, T0)
            .await
            .unwrap();
    }
    assert!(woken(&wakeup, 1000).await, "the votes' card edits wake it");
    let queued = s.outbox_len().await.unwrap();
    let late = s.cast_vote(GUILD, no, 900, VoteChoice::ReportNow, None, T0).await;
    assert!(late.is_err(), "a vote on a decided case is refused");
    assert_eq!(s.outbox_len().await.unwrap(), queued);
    assert!(!woken(&wakeup, 200).await, "a refused change wakes nobody");
}

async fn a_database_error_names_the_operation_that_failed(db: TestDb) {
    db.store.close().await;
    let err = db
        .store
        .cast_vote(GUILD, 1, 800, VoteChoice::Dismiss, None, T0)
        .await
        .unwrap_err();
    assert!(err.to_string().starts_with("database error in cast_vote: "), "{err}");
}

async fn one_broken_row_does_not_stop_the_scheduler(db: TestDb) {
    let s = &db.store;
    let broken = case_no_of(s, "broken_window", 1, 501).await;
    let fine = case_no_of(s, "fine_window", 1, 502).await;
    let broken_hold = decided(s, "broken_hold", VoteChoice::HandOff).await;
    let fine_hold = decided(s, "fine_hold", VoteChoice::HandOff).await;
    let raw = db.raw().await;
    for no in [broken, broken_hold] {
        sqlx::query("UPDATE cases SET account_status = 'not-a-status' WHERE case_no = $1")
            .bind(no)
            .execute(&raw)
            .await
            .unwrap();
    }
    let later = Millis(T0.0 + 400 * 24 * HOUR);
    flagwatch::coordination::scheduler::run_due(s, later).await;
    let fine = s.case(GUILD, fine).await.unwrap();
    assert!(fine.lifecycle.overdue, "the good window closed despite the broken one");
    let fine_hold = s.case(GUILD, fine_hold).await.unwrap();
    assert_eq!(
        fine_hold.lifecycle.decision,
        Decision::Pending,
        "the good hold came up for review"
    );
    assert!(
        s.case(GUILD, broken).await.is_err(),
        "the broken row stays broken, and only it"
    );
}

async fn twenty_parallel_reports_with_a_limit_of_ten_file_exactly_ten(db: TestDb) {
    let policy = flagwatch::domain::intake::IntakePolicy {
        limit: 10,
        window: std::time::Duration::from_secs(600),
        min_membership: std::time::Duration::ZERO,
    };
    let store = Arc::new(db.store.clone());
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let filed = store
                    .file_report_within(report(&format!("burst_{i}"), 55, 7_000 + i), policy)
                    .await;
                match filed {
                    Ok(_) => true,
                    Err(flagwatch::store::StoreError::NotYet(_)) => false,
                    Err(e) => panic!("unexpected error: {e}"),
                }
            })
        })
        .collect();
    let mut filed = 0;
    for t in tasks {
        filed += usize::from(t.await.unwrap());
    }
    assert_eq!(filed, 10, "the limit holds under a race");
    assert_eq!(db.store.recent_reports(GUILD, 55, Millis(0)).await.unwrap().len(), 10);
}

/// The batch reads a member's recent reports by reporter in every server; those filed in
/// another server must not count toward this server's limit.
async fn reports_in_another_server_do_not_count_toward_a_members_limit(db: TestDb) {
    const OTHER: u64 = GUILD + 1;
    let policy = flagwatch::domain::intake::IntakePolicy {
        limit: 2,
        window: std::time::Duration::from_secs(600),
        min_membership: std::time::Duration::ZERO,
    };
    let s = &db.store;
    for i in 0..2 {
        let elsewhere = NewReport {
            guild_id: OTHER,
            ..report(&format!("elsewhere_{i}"), 77, 8_000 + i)
        };
        s.file_report_within(elsewhere, policy).await.unwrap();
    }
    for i in 0..2 {
        s.file_report_within(report(&format!("here_{i}"), 77, 8_100 + i), policy)
            .await
            .unwrap();
    }
    assert!(matches!(
        s.file_report_within(report("here_2", 77, 8_102), policy).await,
        Err(StoreError::NotYet(_))
    ));
}

async fn audit_verify_raises_no_false_alarm_while_events_are_appended(db: TestDb) {
    let store = Arc::new(db.store.clone());
    let writer = {
        let store = store.clone();
        tokio::spawn(async move {
            for i in 0..150u64 {
                store
                    .file_report(report(&format!("busy_{}", i % 40), 100 + i, 20_000 + i))
                    .await
                    .unwrap();
            }
        })
    };
    let mut runs = 0;
    while !writer.is_finished() {
        let verdict = store.verify_audit(Some(GUILD)).await.unwrap();
        assert!(verdict.is_ok(), "false alarm during writes: {verdict:?}");
        runs += 1;
    }
    writer.await.unwrap();
    assert!(runs > 5, "verify ran alongside the writes ({runs} runs)");
    assert!(store.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

async fn an_audit_event_moved_to_another_case_is_detected(db: TestDb) {
    let s = &db.store;
    let first = case_no_of(s, "first_case", 1, 10).await;
    s.cast_vote(GUILD, first, 900, VoteChoice::Dismiss, None, T0)
        .await
        .unwrap();
    let second = case_no_of(s, "second_case", 2, 11).await;
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
    let other = s.case(GUILD, second).await.unwrap().id;
    let raw = db.raw().await;
    sqlx::query("UPDATE audit_events SET case_id = $1 WHERE kind = 'vote_cast'")
        .bind(other)
        .execute(&raw)
        .await
        .unwrap();
    let broken = s.verify_audit(Some(GUILD)).await.unwrap().unwrap_err();
    assert_eq!(broken.broken.seq, 3, "the moved vote is named: {broken:?}");
}

/// `/forget-me` removes the Discord id everywhere but not the abuse signal: a member who
/// forgets cannot reset their rate limit, count twice toward "Looks suspended", press
/// "I reported it" twice, or become a "new reporter" who re-opens a dismissed case.
async fn forget_me_removes_the_id_but_keeps_limits_distinctness_and_track_record(db: TestDb) {
    let s = &db.store;
    let member = 4_242_424_242_u64;
    let public = decided(s, "still_public", VoteChoice::ReportNow).await;
    s.file_report(report("dismissed_one", member, 31)).await.unwrap();
    let dismissed = s.case(GUILD, 2).await.unwrap().case_no;
    for m in 0..3 {
        s.cast_vote(GUILD, dismissed, 800 + m, VoteChoice::Dismiss, None, T0)
            .await
            .unwrap();
    }
    s.observe(GUILD, public, member, false, Observed::LooksSuspended, T0)
        .await
        .unwrap();
    assert_eq!(s.mark_reported(GUILD, public, member, T0).await.unwrap(), 1);
    s.forget_member(GUILD, member, T0).await.unwrap();
    let raw = db.raw().await;
    for (table, column) in [
        ("reports", "reporter_id"),
        ("reported_it", "member_id"),
        ("status_observations", "observer_id"),
    ] {
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {table} WHERE {column} = $1"
        )))
        .bind(member as i64)
        .fetch_one(&raw)
        .await
        .unwrap();
        assert_eq!(n, 0, "{table}.{column} still holds the member's id");
    }
    let named: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE status_by LIKE $1")
        .bind(format!("%{member}%"))
        .fetch_one(&raw)
        .await
        .unwrap();
    assert_eq!(named, 0);
    assert_eq!(
        s.recent_reports(GUILD, member, Millis(0)).await.unwrap().len(),
        1,
        "the rate limit holds"
    );
    assert_eq!(
        s.mark_reported(GUILD, public, member, T0).await.unwrap(),
        1,
        "counted once still"
    );
    let again = s
        .observe(GUILD, public, member, false, Observed::LooksSuspended, T0)
        .await
        .unwrap();
    assert_ne!(
        again.case.account_status,
        AccountStatus::Suspended,
        "one member is not two"
    );
    let outcome = s.file_report(report("dismissed_one", member, 32)).await.unwrap();
    assert!(
        !matches!(outcome, ReportOutcome::Reopened { .. }),
        "not a new reporter: the dismissed case stays dismissed"
    );
    let details = s.case_details(GUILD, dismissed, 10).await.unwrap();
    assert!(details.reports.iter().all(|r| r.reporter == Reporter::Anonymous));
}

async fn moderator_notes_stay_out_of_exports_and_the_audit_payload(db: TestDb) {
    let s = &db.store;
    let no = case_no_of(s, "noted", 1, 10).await;
    let secret_note = "informant says the admin is in Raqqa";
    s.add_note(GUILD, no, 900, secret_note, T0).await.unwrap();
    let cases = s.export_cases(GUILD, None).await.unwrap();
    let mut exported = Vec::new();
    for format in [Format::Json, Format::Csv, Format::Stix] {
        flagwatch::export::write(format, GUILD, &cases, T0, &mut exported).unwrap();
    }
    let exported = String::from_utf8(exported).unwrap();
    assert!(!exported.contains("Raqqa"), "notes are internal: {exported}");
    let raw = db.raw().await;
    let payloads: Vec<String> = sqlx::query_scalar("SELECT payload FROM audit_events")
        .fetch_all(&raw)
        .await
        .unwrap();
    assert!(payloads.iter().all(|p| !p.contains("Raqqa")), "{payloads:?}");
    assert!(payloads.iter().any(|p| p.contains("note_sha256")));
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

async fn one_process_at_a_time_holds_the_outbox_lease(db: TestDb) {
    use flagwatch::store::LeaseGrant::{Held, Refused, TakenOver};
    let s = &db.store;
    let at = |ms: i64| Millis(T0.0 + ms);
    assert_eq!(
        s.hold_outbox_lease("a", T0, at(10_000)).await.unwrap(),
        Held,
        "free: a takes it"
    );
    assert_eq!(
        s.hold_outbox_lease("b", at(5_000), at(15_000)).await.unwrap(),
        Refused,
        "a holds it"
    );
    assert_eq!(
        s.hold_outbox_lease("a", at(5_000), at(15_000)).await.unwrap(),
        Held,
        "a renews"
    );
    let early = s.hold_outbox_lease("b", at(14_999), at(25_000)).await.unwrap();
    assert_eq!(early, Refused, "renewed, not expired");
    let late = s.hold_outbox_lease("b", at(15_001), at(25_000)).await.unwrap();
    assert_eq!(late, TakenOver, "expired: b takes over");
    assert_eq!(
        s.hold_outbox_lease("a", at(16_000), at(26_000)).await.unwrap(),
        Refused,
        "a lost it"
    );
    s.release_outbox_lease("a").await.unwrap();
    let c = s.hold_outbox_lease("c", at(16_000), at(26_000)).await.unwrap();
    assert_eq!(c, Refused, "only the holder gives it up");
    s.release_outbox_lease("b").await.unwrap();
    let c = s.hold_outbox_lease("c", at(16_000), at(26_000)).await.unwrap();
    assert_eq!(c, Held, "given up: c takes it at once, nobody was cut off");
}

async fn a_new_lease_holder_releases_the_claims_of_the_one_before(db: TestDb) {
    let s = &db.store;
    for i in 0..3 {
        case_no_of(s, &format!("claimed{i}"), 1, 10 + i).await;
    }
    let mut claimed = 0;
    while s.claim_outbox(T0, "dead").await.unwrap().is_some() {
        claimed += 1;
    }
    assert!(claimed >= 3, "a card per case at least: {claimed}");
    s.recover_outbox("dead").await.unwrap();
    assert!(
        s.claim_outbox(T0, "dead").await.unwrap().is_none(),
        "a holder keeps its own claims"
    );
    s.recover_outbox("next").await.unwrap();
    let mut recovered = 0;
    while s.claim_outbox(T0, "next").await.unwrap().is_some() {
        recovered += 1;
    }
    assert_eq!(recovered, claimed, "the next holder sends everything the dead one held");
}

async fn concurrent_dequeues_hand_each_case_to_one_caller(db: TestDb) {
    let s = &db.store;
    let mut importer = Importer::new(s, GUILD, Actor::Cli, T0).await.unwrap();
    for i in 0..12 {
        let line = ImportLine {
            key: key(&format!("queued{i}")),
            reason: ReasonCategory::Recruitment,
            details: None,
        };
        importer.accept(line).await.unwrap();
    }
    importer.finish().await.unwrap();
    assert_eq!(s.queue_len(GUILD).await.unwrap(), 12);
    let callers: Vec<_> = (0..4)
        .map(|_| {
            let s = s.clone();
            tokio::spawn(async move { s.dequeue(GUILD, 5, T0).await.unwrap() })
        })
        .collect();
    let mut taken = Vec::new();
    for caller in callers {
        taken.extend(caller.await.unwrap().into_iter().map(|c| c.case_no));
    }
    let total = taken.len();
    taken.sort_unstable();
    taken.dedup();
    assert_eq!((total, taken.len()), (12, 12), "every case once, to one caller");
    assert_eq!(s.queue_len(GUILD).await.unwrap(), 0);
}

async fn an_interaction_delivered_twice_changes_nothing_the_second_time(db: TestDb) {
    let s = &db.store;
    let no = case_no_of(s, "notedtwice", 1, 10).await;
    let first = s.for_interaction(4242, T0);
    first
        .add_note(GUILD, no, 900, "seen on two channels", T0)
        .await
        .unwrap();
    first.queue_changed(GUILD, T0).await.unwrap();
    let replay = s.for_interaction(4242, T0);
    let again = replay.add_note(GUILD, no, 900, "seen on two channels", T0).await;
    assert!(
        matches!(again, Err(flagwatch::store::StoreError::AlreadyHandled)),
        "{again:?}"
    );
    let notes = s.case_details(GUILD, no, 10).await.unwrap().history;
    assert_eq!(notes.iter().filter(|(_, kind, _)| kind == "note_added").count(), 1);
    let other = s.for_interaction(4243, T0);
    other.add_note(GUILD, no, 900, "a second note", T0).await.unwrap();
}

/// Writes to the database held up by another connection, as a long transaction of another
/// process would: reports sent meanwhile wait for the writer's next batch.
struct HeldWrites(sqlx::Transaction<'static, sqlx::Any>);

async fn hold_writes(db: &TestDb) -> HeldWrites {
    let raw = db.raw().await;
    let tx = match db.store.backend() {
        Backend::Sqlite => raw.begin_with("BEGIN IMMEDIATE").await.unwrap(),
        Backend::Postgres => {
            let mut tx = raw.begin().await.unwrap();
            // Every batch first makes sure its servers' rows exist: that waits here.
            tx.execute("LOCK TABLE guilds IN EXCLUSIVE MODE").await.unwrap();
            tx
        }
    };
    HeldWrites(tx)
}

/// Slack for spawned tasks to reach the writer's queue (not a timing assertion).
const SETTLE: std::time::Duration = std::time::Duration::from_millis(500);

/// File `reports` (with `policy`) in one batch: a first report is sent alone while writes
/// are held, so the writer is busy with it while the others queue, in this order; they are
/// then all taken together. Returns the outcomes of `reports` and checks that they took
/// one transaction besides the first report's.
async fn file_in_one_batch(
    db: &TestDb,
    reports: Vec<NewReport>,
    policy: IntakePolicy,
) -> Vec<Result<ReportOutcome, StoreError>> {
    file_in_one_batch_by(db, reports, policy, false).await
}

/// [`file_in_one_batch`]; with `claimed`, each report is filed by a handler that claims
/// its interaction, as `/report` does.
async fn file_in_one_batch_by(
    db: &TestDb,
    reports: Vec<NewReport>,
    policy: IntakePolicy,
    claimed: bool,
) -> Vec<Result<ReportOutcome, StoreError>> {
    let (commits_before, _) = db.store.report_commits();
    let replanned_before = db.store.report_batches_replanned();
    let held = hold_writes(db).await;
    let store = db.store.clone();
    let first = tokio::spawn(async move { store.file_report_within(report("first_of_all", 1, 1), policy).await });
    tokio::time::sleep(SETTLE).await;
    let store = db.store.clone();
    // One task polls the filings in order, so they queue in order.
    let batch = tokio::spawn(async move {
        futures::future::join_all(reports.into_iter().map(|r| {
            let handler = match (claimed, r.interaction_id) {
                (true, Some(id)) => store.for_interaction(id, r.at),
                _ => store.clone(),
            };
            async move { handler.file_report_within(r, policy).await }
        }))
        .await
    });
    tokio::time::sleep(SETTLE).await;
    held.0.rollback().await.unwrap();
    first.await.unwrap().unwrap();
    let outcomes = batch.await.unwrap();
    let (commits, _) = db.store.report_commits();
    assert_eq!(commits - commits_before, 2, "the first report alone, then the batch");
    let replanned = db.store.report_batches_replanned() - replanned_before;
    assert_eq!(
        replanned > 0,
        outcomes.iter().any(refuses_a_plan),
        "plain new cases are written together unless a row refuses it ({replanned} replanned): {:?}",
        summarise(&outcomes)
    );
    outcomes
}

/// Whether this outcome comes from a row the plain new cases' writing could not write: a
/// replay, or a failing row.
fn refuses_a_plan(outcome: &Result<ReportOutcome, StoreError>) -> bool {
    matches!(outcome, Err(StoreError::AlreadyHandled | StoreError::Database { .. }))
}

/// What each outcome says, in a few words.
fn summarise(outcomes: &[Result<ReportOutcome, StoreError>]) -> Vec<String> {
    outcomes
        .iter()
        .map(|o| match o {
            Ok(ReportOutcome::NewCase { case }) => format!("new {}", case.case_no),
            Ok(ReportOutcome::Merged { case, reporters }) => format!("merged {} {reporters}", case.case_no),
            Ok(ReportOutcome::AlreadyFiled { case }) => format!("already {}", case.case_no),
            Ok(other) => format!("{other:?}"),
            Err(StoreError::NotYet(_)) => "not yet".into(),
            Err(StoreError::AlreadyHandled) => "handled before".into(),
            Err(StoreError::Database { op, .. }) => format!("database error in {op:?}"),
            Err(e) => format!("{e}"),
        })
        .collect()
}

const LIMIT_ONE: IntakePolicy = IntakePolicy {
    limit: 1,
    window: std::time::Duration::from_secs(600),
    min_membership: std::time::Duration::ZERO,
};

async fn two_reports_of_one_account_in_one_batch_merge_into_one_case(db: TestDb) {
    let outcomes = file_in_one_batch(
        &db,
        vec![report("x.com/together", 2, 20), report("@together", 3, 21)],
        LIMIT_ONE,
    )
    .await;
    let [Ok(ReportOutcome::NewCase { case }), Ok(ReportOutcome::Merged {
        case: merged,
        reporters: 2,
    })] = &outcomes[..]
    else {
        panic!("one new case, then a merge: {outcomes:?}");
    };
    assert_eq!((case.case_no, merged.case_no), (2, 2));
    let exported = db.store.export_cases(GUILD, None).await.unwrap();
    assert_eq!(exported.iter().map(|c| c.report_count).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(db.store.verify_audit(Some(GUILD)).await.unwrap().unwrap(), 5);
}

/// Make the database refuse any report whose details are `poison`, as a broken row or a
/// full disk would.
async fn poison_reports(db: &TestDb, raw: &sqlx::AnyPool) {
    match db.store.backend() {
        Backend::Sqlite => {
            raw.execute(
                "CREATE TRIGGER poison BEFORE INSERT ON reports WHEN NEW.details = 'poison' \
                 BEGIN SELECT RAISE(ABORT, 'poisoned report'); END",
            )
            .await
            .unwrap();
        }
        Backend::Postgres => {
            raw.execute(
                "CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                 IF NEW.details = 'poison' THEN RAISE EXCEPTION 'poisoned report'; END IF; RETURN NEW; END $$",
            )
            .await
            .unwrap();
            raw.execute("CREATE TRIGGER poison BEFORE INSERT ON reports FOR EACH ROW EXECUTE FUNCTION poison()")
                .await
                .unwrap();
        }
    }
}

/// A report the database refuses (a trigger, as a broken row or a full disk would) fails
/// alone: the others of its batch are filed, the case numbers have no gap, the audit
/// chain verifies; a member over the limit within one batch is refused; a replayed
/// interaction files nothing.
async fn a_failing_report_in_a_batch_fails_alone(db: TestDb) {
    let raw = db.raw().await;
    poison_reports(&db, &raw).await;
    db.store.file_report(report("filed_before", 9, 90)).await.unwrap();
    let poisoned = NewReport {
        details: Some("poison".into()),
        ..report("poisoned", 4, 41)
    };
    let outcomes = file_in_one_batch(
        &db,
        vec![
            report("fine_one", 2, 20),
            poisoned,
            report("fine_two", 3, 30),
            report("over_the_limit", 3, 31),
            report("filed_before", 5, 90),
            report("fine_one", 6, 60),
        ],
        LIMIT_ONE,
    )
    .await;
    let summary = summarise(&outcomes);
    assert_eq!(
        summary,
        [
            "new 3",
            "database error in Some(\"file_report_within\")",
            "new 4",
            "not yet",
            "already 1",
            "merged 3 2"
        ]
    );
    let numbers: Vec<i64> = db
        .store
        .export_cases(GUILD, None)
        .await
        .unwrap()
        .iter()
        .map(|c| c.case.case_no)
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4], "no case number was lost to the failed report");
    assert_eq!(db.store.verify_audit(Some(GUILD)).await.unwrap().unwrap(), 9);
}

/// New cases of one batch take consecutive numbers and, past 20 waiting cards, enter the
/// queue; each is answered as stored (a queued one is not read again), and the queue's
/// summary is asked for once.
async fn new_cases_of_one_batch_answer_as_stored_and_queue_past_twenty_cards(db: TestDb) {
    let reports = (0..25u64)
        .map(|i| report(&format!("queued_{i}"), 200 + i, 7_000 + i))
        .collect();
    let outcomes = file_in_one_batch(&db, reports, LIMIT_ONE).await;
    let mut numbers = Vec::new();
    for outcome in outcomes {
        let Ok(ReportOutcome::NewCase { case }) = outcome else {
            panic!("a new case: {outcome:?}");
        };
        assert_eq!(
            case,
            db.store.case(GUILD, case.case_no).await.unwrap(),
            "answered as stored"
        );
        numbers.push((case.case_no, case.queued));
    }
    let expected: Vec<(i64, bool)> = (2..27).map(|no| (no, no > 21)).collect();
    assert_eq!(
        numbers, expected,
        "the first report's card and 20 more wait; the rest queue"
    );
    let summaries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'queue_summary'")
        .fetch_one(&db.raw().await)
        .await
        .unwrap();
    assert_eq!(summaries, 1);
}

/// Plain new cases of a batch are written together, and the reports that need a part of
/// their own (a second report of an account, one with evidence, one over the limit) are
/// filed in their place in the batch's order: each sees what the reports before it did.
async fn plain_new_cases_and_other_reports_of_one_batch_file_in_order(db: TestDb) {
    let with_link = NewReport {
        evidence: vec![NewEvidence::Link {
            url: "https://example.org/screenshot".into(),
        }],
        ..report("in_order_b", 3, 30)
    };
    let outcomes = file_in_one_batch(
        &db,
        vec![
            report("x.com/in_order_a", 2, 20),
            with_link,
            report("@in_order_a", 4, 40),
            report("in_order_c", 5, 50),
            report("in_order_d", 5, 51),
            report("in_order_e", 6, 60),
        ],
        LIMIT_ONE,
    )
    .await;
    assert_eq!(
        summarise(&outcomes),
        ["new 2", "new 3", "merged 2 2", "new 4", "not yet", "new 5"]
    );
    let exported = db.store.export_cases(GUILD, None).await.unwrap();
    let counts: Vec<(i64, u64)> = exported.iter().map(|c| (c.case.case_no, c.report_count)).collect();
    assert_eq!(counts, [(1, 1), (2, 2), (3, 1), (4, 1), (5, 1)]);
    assert_eq!(exported[2].evidence.len(), 1, "the link was kept with its report");
    assert_eq!(db.store.verify_audit(Some(GUILD)).await.unwrap().unwrap(), 11);
}

/// A new account's report whose interaction was handled before (a replay reaching the
/// batch) files nothing; the batch's other new cases are filed with no gap in numbers.
async fn an_interaction_handled_before_opens_no_case_and_its_batch_files_the_rest(db: TestDb) {
    db.store
        .for_interaction(777, T0)
        .queue_changed(GUILD, T0)
        .await
        .unwrap();
    let outcomes = file_in_one_batch_by(
        &db,
        vec![
            report("replay_one", 2, 20),
            report("replay_handled", 3, 777),
            report("replay_two", 4, 40),
        ],
        LIMIT_ONE,
        true,
    )
    .await;
    assert_eq!(summarise(&outcomes), ["new 2", "handled before", "new 3"]);
    let keys: Vec<(i64, String)> = db
        .store
        .export_cases(GUILD, None)
        .await
        .unwrap()
        .iter()
        .map(|c| (c.case.case_no, c.case.key.to_string()))
        .collect();
    assert_eq!(
        keys,
        [
            (1, key("first_of_all").to_string()),
            (2, key("replay_one").to_string()),
            (3, key("replay_two").to_string())
        ]
    );
    let claimed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM handled_interactions WHERE interaction_id IN (20, 40)")
        .fetch_one(&db.raw().await)
        .await
        .unwrap();
    assert_eq!(claimed, 2, "the filed reports' interactions are claimed");
}

/// Two processes filing reports of the same new accounts at once (their batches read
/// "no case yet" before either commits) open one case per account, numbered without gaps,
/// and each process's reports are filed: the later batch finds the cases and merges.
async fn two_processes_reporting_the_same_new_accounts_open_one_case_each(db: TestDb) {
    let other = Store::connect(&db.url).await.unwrap();
    // The server's row exists, so neither batch waits for the other's first insert of it.
    db.store.file_report(report("both_before", 1, 1)).await.unwrap();
    let held = hold_writes(&db).await;
    let file_all = |store: Store, member: u64| {
        tokio::spawn(async move {
            let reports = (0..40u64).map(|i| {
                let store = store.for_interaction(member * 1000 + i, T0);
                async move {
                    store
                        .file_report(report(&format!("both_{i}"), member + i, member * 1000 + i))
                        .await
                }
            });
            futures::future::join_all(reports).await
        })
    };
    let first = file_all(db.store.clone(), 100);
    let second = file_all(other.clone(), 200);
    tokio::time::sleep(SETTLE).await;
    held.0.rollback().await.unwrap();
    let mut outcomes = first.await.unwrap();
    outcomes.extend(second.await.unwrap());
    let mut per_account: std::collections::BTreeMap<i64, Vec<String>> = Default::default();
    for (outcome, said) in outcomes.iter().zip(summarise(&outcomes)) {
        let case = outcome.as_ref().expect("every report is filed").case();
        per_account
            .entry(case.case_no)
            .or_default()
            .push(said.split(' ').next().unwrap_or("").to_owned());
    }
    assert_eq!(
        per_account.keys().copied().collect::<Vec<_>>(),
        (2..=41).collect::<Vec<_>>()
    );
    for (no, mut said) in per_account {
        said.sort();
        assert_eq!(said, ["merged", "new"], "case {no}");
    }
    let exported = db.store.export_cases(GUILD, None).await.unwrap();
    assert!(exported.iter().skip(1).all(|c| c.report_count == 2));
    assert_eq!(db.store.verify_audit(Some(GUILD)).await.unwrap().unwrap(), 122);
}

/// A server's rows created by a batch that then failed are gone with it: the next report
/// in that server creates them again (a batch remembers only rows it found committed).
async fn a_server_whose_first_batch_failed_is_created_again(db: TestDb) {
    let raw = db.raw().await;
    // The batch's audit append, outside every report's part, fails: nothing commits.
    let (create, drop) = match db.store.backend() {
        Backend::Sqlite => (
            vec!["CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events WHEN NEW.payload LIKE '%first_ever%' \
                 BEGIN SELECT RAISE(ABORT, 'refused'); END"],
            "DROP TRIGGER refuse_audit",
        ),
        Backend::Postgres => (
            vec![
                "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                 IF NEW.payload::text LIKE '%first_ever%' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$",
                "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit()",
            ],
            "DROP TRIGGER refuse_audit ON audit_events",
        ),
    };
    for statement in create {
        raw.execute(statement).await.unwrap();
    }
    assert!(db.store.file_report(report("first_ever", 2, 20)).await.is_err());
    let guilds: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM guilds")
        .fetch_one(&raw)
        .await
        .unwrap();
    assert_eq!(guilds, 0, "the failed batch created nothing");
    raw.execute(drop).await.unwrap();
    let filed = db.store.file_report(report("first_ever", 3, 30)).await.unwrap();
    assert_eq!(filed.case().case_no, 1);
    assert_eq!(db.store.verify_audit(Some(GUILD)).await.unwrap().unwrap(), 2);
}

/// Every report answered as filed is committed: read from another connection the moment
/// its answer arrives, it is there. On PostgreSQL a batch whose commit fails (a deferred
/// check refusing one report) answers none of its reports as filed before filing each
/// again alone.
async fn no_report_is_answered_before_its_batch_commits(db: TestDb) {
    let raw = db.raw().await;
    let postgres = db.store.backend() == Backend::Postgres;
    if postgres {
        raw.execute(
            "CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
             IF NEW.details = 'refused at commit' THEN RAISE EXCEPTION 'refused at commit'; END IF; RETURN NULL; END $$",
        )
        .await
        .unwrap();
        raw.execute(
            "CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON reports DEFERRABLE INITIALLY DEFERRED \
             FOR EACH ROW EXECUTE FUNCTION refuse_at_commit()",
        )
        .await
        .unwrap();
    }
    let tasks: Vec<_> = (0..60u64)
        .map(|i| {
            let store = db.store.clone();
            let raw = raw.clone();
            let mut r = report(&format!("answered_{i}"), 100 + i, 5_000 + i);
            if postgres && i == 30 {
                r.details = Some("refused at commit".into());
            }
            tokio::spawn(async move {
                let filed = store.file_report(r).await;
                let seen: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reports WHERE interaction_id = $1")
                    .bind(i64::try_from(5_000 + i).unwrap())
                    .fetch_one(&raw)
                    .await
                    .unwrap();
                (i, filed.is_ok(), seen)
            })
        })
        .collect();
    for task in tasks {
        let (i, filed, seen) = task.await.unwrap();
        let refused = postgres && i == 30;
        assert_eq!((filed, seen), (!refused, i64::from(!refused)), "report {i}");
    }
    let (commits, reports) = db.store.report_commits();
    assert_eq!(reports, if postgres { 59 } else { 60 });
    eprintln!("60 concurrent reports: {commits} commits");
}

/// A server restart (or a proxy) closes the connections the pool holds idle: a connection
/// idle for a while is checked before it is handed out, so nothing done afterwards fails.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_connections_closed_while_idle_are_replaced() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let s = &db.store;
    s.file_report(report("x.com/before_close", 1, 1)).await.unwrap();
    let raw = db.raw().await;
    let closed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()) AS t",
    )
    .fetch_one(&raw)
    .await
    .unwrap();
    assert!(closed > 0, "the store held no connection to close");
    tokio::time::sleep(std::time::Duration::from_millis(1_500)).await;
    s.file_report(report("x.com/after_close", 2, 2)).await.unwrap();
    assert_eq!(s.case(GUILD, 2).await.unwrap().key, key("x.com/after_close"));
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
    grouped_reads_answer_each_their_own_and_see_what_committed_before,
    holds_are_recorded_extended_released_and_expire_into_a_new_round,
    a_suspension_takes_two_members_or_one_moderator_and_still_up_reverts_it,
    new_cases_queue_when_more_than_twenty_cards_wait,
    forget_me_anonymises_reports_but_keeps_counts,
    the_outbox_coalesces_requests_and_retries_failures,
    a_digest_is_claimed_once_per_server_and_day,
    a_paced_target_takes_one_send_per_interval_from_when_it_was_sent,
    a_committed_change_that_queued_outbox_items_wakes_the_worker_and_a_failed_one_queues_nothing,
    a_database_error_names_the_operation_that_failed,
    one_broken_row_does_not_stop_the_scheduler,
    twenty_parallel_reports_with_a_limit_of_ten_file_exactly_ten,
    reports_in_another_server_do_not_count_toward_a_members_limit,
    audit_verify_raises_no_false_alarm_while_events_are_appended,
    an_audit_event_moved_to_another_case_is_detected,
    forget_me_removes_the_id_but_keeps_limits_distinctness_and_track_record,
    moderator_notes_stay_out_of_exports_and_the_audit_payload,
    one_process_at_a_time_holds_the_outbox_lease,
    a_new_lease_holder_releases_the_claims_of_the_one_before,
    concurrent_dequeues_hand_each_case_to_one_caller,
    an_interaction_delivered_twice_changes_nothing_the_second_time,
    two_reports_of_one_account_in_one_batch_merge_into_one_case,
    a_failing_report_in_a_batch_fails_alone,
    no_report_is_answered_before_its_batch_commits,
    new_cases_of_one_batch_answer_as_stored_and_queue_past_twenty_cards,
    plain_new_cases_and_other_reports_of_one_batch_file_in_order,
    an_interaction_handled_before_opens_no_case_and_its_batch_files_the_rest,
    two_processes_reporting_the_same_new_accounts_open_one_case_each,
    a_server_whose_first_batch_failed_is_created_again,
);
