//! Campaign tools (PRODUCT.md "Campaign tools"): `/next` batches, storage on both
//! databases and end to end against the simulator.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::common::TestDb;
use flagwatch::clock::Clock;
use flagwatch::demo::community::Community;
use flagwatch::discord::render::{answers, campaign};
use flagwatch::domain::account::{AccountKey, Platform};
use flagwatch::domain::audit::Actor;
use flagwatch::domain::campaign::{AliasError, BatchSize, HourlyPace, WithdrawError};
use flagwatch::domain::case::{AccountStatus, Decision};
use flagwatch::domain::language::Language;
use flagwatch::domain::reason::ReasonCategory;
use flagwatch::domain::status::Observed;
use flagwatch::domain::time::Millis;
use flagwatch::domain::vote::VoteChoice;
use flagwatch::simulator::{Opt, Reply, SimConfig};
use flagwatch::store::{ImportLine, Importer, NewReport, NextBatch, ReportOutcome, ReportSource, Store, StoreError};

const GUILD: u64 = 1_100_000_000_000_000_011;
const T0: Millis = Millis(1_800_000_000_000);
const MODERATOR: u64 = 900;

/// Open and decide report-now cases for `handles`, in order; returns their numbers.
async fn report_now_cases(s: &Store, handles: &[&str]) -> Vec<i64> {
    let mut numbers = Vec::new();
    for (i, handle) in handles.iter().enumerate() {
        let n = u64::try_from(i).unwrap();
        let report = NewReport {
            guild_id: GUILD,
            key: AccountKey::parse(handle, None, Platform::X).unwrap(),
            reason: ReasonCategory::Propaganda,
            details: None,
            reporter: Some(500 + n),
            member_joined_at: None,
            interaction_id: Some(7_000 + n),
            source: ReportSource::Discord,
            evidence: Vec::new(),
            at: T0,
        };
        let no = s.file_report(report).await.unwrap().case().case_no;
        let at = Millis(T0.0 + i64::try_from(i).unwrap());
        s.override_decision(GUILD, no, &Actor::Member(MODERATOR), VoteChoice::ReportNow, "test", at)
            .await
            .unwrap();
        numbers.push(no);
    }
    numbers
}

async fn batch(s: &Store, member: u64, size: u32, pace: u32, now: Millis) -> NextBatch {
    s.next_batch(
        GUILD,
        member,
        BatchSize::new(size).unwrap(),
        HourlyPace::new(pace).unwrap(),
        now,
    )
    .await
    .unwrap()
}

fn numbers(b: &NextBatch) -> Vec<i64> {
    match b {
        NextBatch::Accounts(items) => items.iter().map(|i| i.case.case_no).collect(),
        NextBatch::Paced(p) => panic!("paced until {:?}", p.until),
    }
}

async fn a_batch_favours_the_least_reported_and_skips_what_is_not_to_report(db: TestDb) {
    let s = &db.store;
    let cases = report_now_cases(s, &["@one", "@two", "@three", "@four", "@five"]).await;
    // #1 has two volunteers, #2 one; #3 is suspended; #4 is held again.
    for member in [31, 32] {
        s.mark_reported(GUILD, cases[0], member, T0).await.unwrap();
    }
    s.mark_reported(GUILD, cases[1], 33, T0).await.unwrap();
    s.observe(GUILD, cases[2], MODERATOR, true, Observed::LooksSuspended, T0)
        .await
        .unwrap();
    s.override_decision(GUILD, cases[3], &Actor::Member(MODERATOR), VoteChoice::HandOff, "t", T0)
        .await
        .unwrap();
    let got = numbers(&batch(s, 40, 5, 20, T0).await);
    assert_eq!(got, vec![cases[4], cases[1], cases[0]], "fewest volunteers first");
    // A member who reported #2 does not get it again.
    let got = numbers(&batch(s, 33, 5, 20, Millis(T0.0 + 20 * 60_000)).await);
    assert!(!got.contains(&cases[1]), "{got:?}");
}

async fn concurrent_batches_are_disjoint_while_enough_cases_exist(db: TestDb) {
    let s = &db.store;
    let handles: Vec<String> = (0..24).map(|i| format!("@acct{i}")).collect();
    let refs: Vec<&str> = handles.iter().map(String::as_str).collect();
    report_now_cases(s, &refs).await;
    // Eight members ask at the same instant, so their transactions overlap.
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(8));
    let asks: Vec<_> = (0..8u64)
        .map(|m| {
            let (s, start) = (s.clone(), start.clone());
            tokio::spawn(async move {
                start.wait().await;
                batch(&s, 60 + m, 3, 20, T0).await
            })
        })
        .collect();
    let mut seen = BTreeSet::new();
    for ask in asks {
        for no in numbers(&ask.await.unwrap()) {
            assert!(seen.insert(no), "case #{no} was in two batches");
        }
    }
    assert_eq!(seen.len(), 24);
    // Every case is reserved now: another member gets nothing until the reservations end.
    assert!(numbers(&batch(s, 70, 3, 20, T0).await).is_empty());
    assert_eq!(numbers(&batch(s, 70, 3, 20, Millis(T0.0 + 16 * 60_000)).await).len(), 3);
}

async fn the_hourly_pace_caps_what_one_member_is_handed(db: TestDb) {
    let s = &db.store;
    let handles: Vec<String> = (0..8).map(|i| format!("@paced{i}")).collect();
    let refs: Vec<&str> = handles.iter().map(String::as_str).collect();
    let cases = report_now_cases(s, &refs).await;
    let first = numbers(&batch(s, 80, 3, 4, T0).await);
    for &no in &first {
        s.mark_reported(GUILD, no, 80, T0).await.unwrap();
    }
    let later = Millis(T0.0 + 60_000);
    assert_eq!(
        numbers(&batch(s, 80, 3, 4, later).await).len(),
        1,
        "cut to the pace left"
    );
    match batch(s, 80, 3, 4, Millis(T0.0 + 120_000)).await {
        NextBatch::Paced(p) => assert_eq!(p.until, Millis(T0.0 + 3_600_000)),
        other => panic!("expected the pace to stop it, got {other:?}"),
    }
    let next_hour = Millis(T0.0 + 3_600_001);
    assert!(!numbers(&batch(s, 80, 3, 4, next_hour).await).is_empty());
    assert_eq!(cases.len(), 8);
}

fn member_report(handle: &str, reporter: u64, interaction: u64) -> NewReport {
    NewReport {
        guild_id: GUILD,
        key: AccountKey::parse(handle, None, Platform::X).unwrap(),
        reason: ReasonCategory::Threat,
        details: None,
        reporter: Some(reporter),
        member_joined_at: None,
        interaction_id: Some(interaction),
        source: ReportSource::Discord,
        evidence: Vec::new(),
        at: T0,
    }
}

async fn withdrawing_reports_updates_counts_and_the_last_one_closes_the_case(db: TestDb) {
    let s = &db.store;
    s.file_report(member_report("@withdrawn", 1, 1)).await.unwrap();
    s.file_report(member_report("@withdrawn", 2, 2)).await.unwrap();
    let first = s.withdraw_report(GUILD, 1, 1, T0).await.unwrap();
    assert!(!first.closed);
    assert_eq!(s.card_facts(first.case.id).await.unwrap().reporters, 1, "counts follow");
    assert!(matches!(
        s.withdraw_report(GUILD, 1, 1, T0).await,
        Err(StoreError::Withdraw(WithdrawError::AlreadyWithdrawn))
    ));
    assert!(matches!(
        s.withdraw_report(GUILD, 1, 3, T0).await,
        Err(StoreError::Withdraw(WithdrawError::NoReport))
    ));
    let last = s.withdraw_report(GUILD, 1, 2, T0).await.unwrap();
    assert!(last.closed);
    assert_eq!(last.case.lifecycle.decision, Decision::Withdrawn);
    assert_eq!(last.case.lifecycle.window_ends_at, None);
    let history = s.case_details(GUILD, 1, 50).await.unwrap().history;
    assert_eq!(history.iter().filter(|(_, k, _)| k == "report_withdrawn").count(), 2);
    // The reports are kept; a new one revives the case in its round.
    assert_eq!(s.case_details(GUILD, 1, 50).await.unwrap().reports.len(), 2);
    let again = s.file_report(member_report("@withdrawn", 4, 4)).await.unwrap();
    assert_eq!(again.case().lifecycle.decision, Decision::Pending);
    assert_eq!(again.case().lifecycle.round, 1);
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

async fn held_and_dismissed_cases_refuse_a_withdrawal_alike(db: TestDb) {
    let s = &db.store;
    s.file_report(member_report("@held_one", 1, 1)).await.unwrap();
    s.file_report(member_report("@dismissed_one", 1, 2)).await.unwrap();
    for (no, choice) in [(1, VoteChoice::HandOff), (2, VoteChoice::Dismiss)] {
        s.override_decision(GUILD, no, &Actor::Member(MODERATOR), choice, "t", T0)
            .await
            .unwrap();
    }
    for no in [1, 2] {
        assert!(matches!(
            s.withdraw_report(GUILD, no, 1, T0).await,
            Err(StoreError::Withdraw(WithdrawError::Reviewed))
        ));
    }
    // Someone with no report learns nothing either, whatever the number.
    for no in [1, 2, 99] {
        assert!(matches!(
            s.withdraw_report(GUILD, no, 5, T0).await,
            Err(StoreError::Withdraw(WithdrawError::NoReport))
        ));
    }
}

async fn a_reporters_record_counts_outcomes_and_leaves_out_withdrawn_reports(db: TestDb) {
    let s = &db.store;
    for (i, handle) in ["@rec_now", "@rec_held", "@rec_gone", "@rec_open"].iter().enumerate() {
        let n = u64::try_from(i).unwrap();
        s.file_report(member_report(handle, 7, 100 + n)).await.unwrap();
    }
    s.file_report(member_report("@rec_now", 8, 200)).await.unwrap();
    for (no, choice) in [
        (1, VoteChoice::ReportNow),
        (2, VoteChoice::HandOff),
        (3, VoteChoice::Dismiss),
    ] {
        s.override_decision(GUILD, no, &Actor::Member(MODERATOR), choice, "t", T0)
            .await
            .unwrap();
    }
    s.observe(GUILD, 1, MODERATOR, true, Observed::LooksSuspended, T0)
        .await
        .unwrap();
    s.withdraw_report(GUILD, 4, 7, T0).await.unwrap();
    let r = s.reporter_record(GUILD, 7).await.unwrap();
    assert_eq!(
        (r.reports, r.cases, r.report_now, r.suspended, r.held, r.dismissed),
        (3, 3, 1, 1, 1, 1)
    );
    assert_eq!((r.first, r.last), (Some(T0), Some(T0)));
    // The card of member 8's case counts member 7's other cases with the same numbers.
    let card = s.card_facts(s.case(GUILD, 1).await.unwrap().id).await.unwrap();
    assert_eq!((card.record.cases, card.record.held, card.record.dismissed), (2, 1, 1));
}

async fn forget_me_leaves_no_id_in_batches_and_keeps_the_pace(db: TestDb) {
    let s = &db.store;
    let handles: Vec<String> = (0..4).map(|i| format!("@forgot{i}")).collect();
    let refs: Vec<&str> = handles.iter().map(String::as_str).collect();
    report_now_cases(s, &refs).await;
    const MEMBER: u64 = 4_242;
    assert_eq!(numbers(&batch(s, MEMBER, 3, 3, T0).await).len(), 3);
    s.forget_member(GUILD, MEMBER, T0).await.unwrap();
    let raw = db.raw().await;
    for table in ["handouts", "reservations"] {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE member_id = $1");
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(i64::try_from(MEMBER).unwrap())
            .fetch_one(&raw)
            .await
            .unwrap();
        assert_eq!(n, 0, "{table} still names the member");
    }
    assert!(
        matches!(batch(s, MEMBER, 3, 3, Millis(T0.0 + 60_000)).await, NextBatch::Paced(_)),
        "forgetting does not reset the pace"
    );
}

fn key(link: &str) -> AccountKey {
    AccountKey::parse(link, None, Platform::X).unwrap()
}

async fn alias_refusal(s: &Store, case_no: i64, link: &str) -> Option<AliasError> {
    match s
        .add_alias(GUILD, case_no, &key(link), &Actor::Member(MODERATOR), T0)
        .await
    {
        Ok(_) => None,
        Err(StoreError::Alias(e)) => Some(e),
        Err(e) => panic!("{e}"),
    }
}

async fn an_alias_is_one_cases_key_and_catches_reports_of_that_form(db: TestDb) {
    let s = &db.store;
    s.file_report(member_report("@first_name", 1, 1)).await.unwrap();
    s.file_report(member_report("@someone_else", 2, 2)).await.unwrap();
    assert_eq!(alias_refusal(s, 1, "x.com/renamed").await, None);
    assert_eq!(
        alias_refusal(s, 1, "x.com/someone_else").await,
        Some(AliasError::Taken { case_no: 2 }),
        "another case's own key"
    );
    assert_eq!(
        alias_refusal(s, 2, "x.com/renamed").await,
        Some(AliasError::Taken { case_no: 1 }),
        "another case's alias"
    );
    assert_eq!(
        alias_refusal(s, 1, "x.com/first_name").await,
        Some(AliasError::Taken { case_no: 1 })
    );
    assert_eq!(
        alias_refusal(s, 1, "https://t.me/renamed").await,
        Some(AliasError::OtherPlatform {
            case: Platform::X,
            alias: Platform::Telegram
        })
    );
    // Two moderators giving one key to two cases at once: the database lets one win.
    let (a, b) = tokio::join!(
        alias_refusal(s, 1, "x.com/contested"),
        alias_refusal(s, 2, "x.com/contested")
    );
    assert!(
        matches!(
            (&a, &b),
            (None, Some(AliasError::Taken { case_no: 1 })) | (Some(AliasError::Taken { case_no: 2 }), None)
        ),
        "{a:?} {b:?}"
    );
    // A report of the alias form lands on the case; so does a lookup (`/status`).
    let later = s.file_report(member_report("@renamed", 3, 3)).await.unwrap();
    assert!(!matches!(later, ReportOutcome::NewCase { .. }));
    assert_eq!(later.case().case_no, 1);
    assert_eq!(s.card_facts(later.case().id).await.unwrap().reporters, 2);
    assert_eq!(
        s.case_for_key(GUILD, &key("@renamed"))
            .await
            .unwrap()
            .map(|c| c.case_no),
        Some(1)
    );
    assert!(matches!(s.case(GUILD, 3).await, Err(StoreError::NoSuchCase { .. })));
    let history = s.case_details(GUILD, 1, 50).await.unwrap().history;
    assert!(history.iter().any(|(_, k, _)| k == "alias_added"), "{history:?}");
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

fn at(report: NewReport, ms: i64) -> NewReport {
    NewReport {
        at: Millis(T0.0 + ms),
        ..report
    }
}

/// The answer with its case number and account left out: what must read alike.
fn answer_shape(outcome: &ReportOutcome) -> String {
    let case = outcome.case();
    answers::report_answer(outcome, flagwatch::domain::language::Language::English)
        .replace(&format!("#{}", case.case_no), "#N")
        .replace(&case.key.to_string(), "KEY")
}

async fn a_muted_reporters_reports_are_kept_answered_alike_and_count_toward_nothing(db: TestDb) {
    let s = &db.store;
    s.file_report(member_report("@mute_known", 1, 1)).await.unwrap();
    s.file_report(member_report("@mute_dismissed", 1, 2)).await.unwrap();
    s.override_decision(GUILD, 2, &Actor::Member(MODERATOR), VoteChoice::Dismiss, "t", T0)
        .await
        .unwrap();
    let normal = s.file_report(member_report("@mute_normal", 3, 3)).await.unwrap();
    s.mute_reporter(GUILD, 2, MODERATOR, "brigading", None, T0)
        .await
        .unwrap();

    // On a case: kept, answered as to anyone, but the card does not change.
    let merged = s.file_report(at(member_report("@mute_known", 2, 10), 1)).await.unwrap();
    assert!(
        matches!(merged, ReportOutcome::Merged { reporters: 2, .. }),
        "{merged:?}"
    );
    let known = s.case(GUILD, 1).await.unwrap();
    assert_eq!(s.card_facts(known.id).await.unwrap().reporters, 1);
    assert_eq!(s.case_details(GUILD, 1, 50).await.unwrap().reports.len(), 2, "kept");
    // A dismissed case is not re-opened, though the answer reads as if it were.
    let reopened = s
        .file_report(at(member_report("@mute_dismissed", 2, 11), 2))
        .await
        .unwrap();
    assert!(matches!(reopened, ReportOutcome::Reopened { .. }));
    assert_eq!(s.case(GUILD, 2).await.unwrap().lifecycle.decision, Decision::Dismissed);

    // No case: none opens, yet the answer names a case number like a new case's.
    let kept = s.file_report(at(member_report("@mute_new", 2, 12), 3)).await.unwrap();
    assert!(matches!(kept, ReportOutcome::NewCase { .. }));
    assert_eq!(answer_shape(&kept), answer_shape(&normal));
    let kept_no = kept.case().case_no;
    assert!(matches!(
        s.case(GUILD, kept_no).await,
        Err(StoreError::NoSuchCase { .. })
    ));
    let again = s.file_report(at(member_report("@mute_new", 2, 12), 3)).await.unwrap();
    assert!(
        matches!(again, ReportOutcome::AlreadyFiled { .. }),
        "a replay keeps nothing twice"
    );
    // The rate limit sees every report the member made.
    assert_eq!(s.recent_reports(GUILD, 2, Millis(T0.0 - 1)).await.unwrap().len(), 3);
    assert_eq!(s.reporter_record(GUILD, 2).await.unwrap().reports, 0);
    assert!(s
        .export_cases(GUILD, None)
        .await
        .unwrap()
        .iter()
        .all(|c| c.report_count == 1));

    // Forgotten, the member stays muted under their pseudonym.
    s.forget_member(GUILD, 2, Millis(T0.0 + 4)).await.unwrap();
    s.file_report(at(member_report("@mute_known", 2, 13), 5)).await.unwrap();
    assert_eq!(s.card_facts(known.id).await.unwrap().reporters, 1);

    // Unmuted, later reports count; those filed during the mute do not.
    assert!(s
        .unmute_reporter(GUILD, 2, MODERATOR, "sorted", Millis(T0.0 + 6))
        .await
        .unwrap());
    assert!(!s
        .unmute_reporter(GUILD, 2, MODERATOR, "twice", Millis(T0.0 + 6))
        .await
        .unwrap());
    s.file_report(at(member_report("@mute_known", 2, 14), 7)).await.unwrap();
    assert_eq!(s.card_facts(known.id).await.unwrap().reporters, 2);
    assert_eq!(s.reporter_record(GUILD, 2).await.unwrap().reports, 1);
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

async fn a_mute_with_an_end_lapses_by_itself(db: TestDb) {
    let s = &db.store;
    s.file_report(member_report("@lapse", 1, 1)).await.unwrap();
    s.file_report(member_report("@alone", 2, 4)).await.unwrap();
    s.file_report(member_report("@shared", 2, 5)).await.unwrap();
    s.file_report(member_report("@shared", 1, 6)).await.unwrap();
    s.mute_reporter(GUILD, 2, MODERATOR, "for a day", Some(Millis(T0.0 + 100)), T0)
        .await
        .unwrap();
    s.file_report(at(member_report("@lapse", 2, 2), 50)).await.unwrap();
    let case = s.case(GUILD, 1).await.unwrap();
    assert_eq!(s.card_facts(case.id).await.unwrap().reporters, 1, "during the mute");
    // The case member 2 alone opened says so, with the mute's end; the shared one does not.
    let alone = s.case(GUILD, 2).await.unwrap().id;
    let shared = s.case(GUILD, 3).await.unwrap().id;
    assert_eq!(
        s.card_facts(alone).await.unwrap().opener_muted,
        Some(Some(Millis(T0.0 + 100)))
    );
    assert_eq!(s.card_facts(shared).await.unwrap().opener_muted, None);
    s.file_report(at(member_report("@lapse", 2, 3), 100)).await.unwrap();
    assert_eq!(s.card_facts(case.id).await.unwrap().reporters, 2, "from its end");
    // A lapsed mute cannot be ended again.
    assert!(!s
        .unmute_reporter(GUILD, 2, MODERATOR, "late", Millis(T0.0 + 200))
        .await
        .unwrap());
    // Muted again without end, then unmuted: the card's flag follows.
    let later = Millis(T0.0 + 300);
    s.mute_reporter(GUILD, 2, MODERATOR, "for good", None, later)
        .await
        .unwrap();
    assert_eq!(s.card_facts(alone).await.unwrap().opener_muted, Some(None));
    assert!(s.unmute_reporter(GUILD, 2, MODERATOR, "done", later).await.unwrap());
    assert_eq!(
        s.card_facts(alone).await.unwrap().opener_muted,
        None,
        "unmuted: flag gone"
    );
}

const DAY: i64 = 86_400_000;

fn after(ms: i64) -> Millis {
    Millis(T0.0 + ms)
}

/// The re-checks in a batch, by case number.
fn rechecks(b: &NextBatch) -> Vec<i64> {
    match b {
        NextBatch::Accounts(items) => items
            .iter()
            .filter(|i| i.recheck.is_some())
            .map(|i| i.case.case_no)
            .collect(),
        NextBatch::Paced(p) => panic!("paced until {:?}", p.until),
    }
}

async fn count_rows(db: &TestDb, sql: &str, case_id: i64) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .bind(case_id)
        .fetch_one(&db.raw().await)
        .await
        .unwrap()
}

async fn a_suspension_comes_back_as_a_recheck_and_two_seen_back_reinstate_it(db: TestDb) {
    let s = &db.store;
    let cases = report_now_cases(s, &["@rc_suspended", "@rc_open"]).await;
    let no = cases[0];
    s.observe(GUILD, no, MODERATOR, true, Observed::LooksSuspended, T0)
        .await
        .unwrap();
    s.mute_reporter(GUILD, 50, MODERATOR, "brigading", None, T0)
        .await
        .unwrap();
    assert!(
        rechecks(&batch(s, 40, 5, 20, after(6 * DAY)).await).is_empty(),
        "not before 7 days"
    );
    let due = batch(s, 41, 5, 20, after(8 * DAY)).await;
    assert_eq!(rechecks(&due), vec![no]);
    assert_eq!(
        numbers(&due),
        vec![no, cases[1]],
        "the re-check comes first, beside the reports"
    );
    // A muted member's "still suspended" is kept but postpones nothing.
    s.observe(GUILD, no, 50, false, Observed::StillSuspended, after(8 * DAY))
        .await
        .unwrap();
    let reserved_out = after(8 * DAY + 16 * 60_000);
    assert_eq!(rechecks(&batch(s, 42, 5, 20, reserved_out).await), vec![no]);
    let still = s
        .observe(
            GUILD,
            no,
            41,
            false,
            Observed::StillSuspended,
            after(8 * DAY + 17 * 60_000),
        )
        .await
        .unwrap();
    assert!(!still.changed);
    assert!(
        rechecks(&batch(s, 43, 5, 20, after(8 * DAY + 40 * 60_000)).await).is_empty(),
        "still suspended: not asked again before another 7 days"
    );
    let again = after(16 * DAY);
    assert_eq!(rechecks(&batch(s, 43, 5, 20, again).await), vec![no]);
    // Reinstating takes two members (a muted one counts for nothing), like suspending.
    s.observe(GUILD, no, 50, false, Observed::SeenBack, again)
        .await
        .unwrap();
    let first = s
        .observe(GUILD, no, 43, false, Observed::SeenBack, again)
        .await
        .unwrap();
    assert_eq!(
        (first.changed, first.case.account_status),
        (false, AccountStatus::Suspended)
    );
    let later = after(16 * DAY + 16 * 60_000);
    assert!(
        rechecks(&batch(s, 43, 5, 20, later).await).is_empty(),
        "43 answered already"
    );
    assert_eq!(rechecks(&batch(s, 44, 5, 20, later).await), vec![no]);
    sqlx::query("DELETE FROM outbox")
        .execute(&db.raw().await)
        .await
        .unwrap();
    let back = s
        .observe(GUILD, no, 44, false, Observed::SeenBack, later)
        .await
        .unwrap();
    assert_eq!((back.changed, back.case.account_status), (true, AccountStatus::Active));
    let id = back.case.id;
    let notices = "SELECT COUNT(*) FROM outbox WHERE kind = 'notice' AND target = $1";
    assert_eq!(
        count_rows(&db, notices, id).await,
        1,
        "the call to action is queued again"
    );
    let board = "SELECT COUNT(*) FROM outbox WHERE kind = 'board' AND $1 > 0";
    assert_eq!(count_rows(&db, board, id).await, 1, "the board follows");
    // Both observations stay in the history: suspended, re-checks, reinstated.
    let kept = "SELECT COUNT(*) FROM status_observations WHERE case_id = $1";
    assert_eq!(count_rows(&db, kept, id).await, 6);
    let audited = "SELECT COUNT(*) FROM audit_events WHERE case_id = $1 AND kind = 'status_observed'";
    assert_eq!(
        count_rows(&db, audited, id).await,
        4,
        "muted presses are not audited as counted"
    );
    // Active again, the account is back among those to report.
    let reported = numbers(&batch(s, 45, 5, 20, after(16 * DAY + 40 * 60_000)).await);
    assert!(reported.contains(&no), "{reported:?}");
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

async fn one_moderator_seeing_it_back_reinstates_and_held_cases_are_never_rechecked(db: TestDb) {
    let s = &db.store;
    let cases = report_now_cases(s, &["@rc_mod", "@rc_held"]).await;
    for &no in &cases {
        s.observe(GUILD, no, MODERATOR, true, Observed::LooksSuspended, T0)
            .await
            .unwrap();
    }
    s.override_decision(GUILD, cases[1], &Actor::Member(MODERATOR), VoteChoice::HandOff, "t", T0)
        .await
        .unwrap();
    assert_eq!(rechecks(&batch(s, 40, 5, 20, after(8 * DAY)).await), vec![cases[0]]);
    let back = s
        .observe(GUILD, cases[0], MODERATOR, true, Observed::SeenBack, after(8 * DAY))
        .await
        .unwrap();
    assert_eq!(back.case.account_status, AccountStatus::Active);
}

/// Import `handles` for `guild` as a moderator would; returns the import id.
async fn import(s: &Store, guild: u64, handles: &[&str]) -> i64 {
    let mut importer = Importer::new(s, guild, Actor::Member(MODERATOR), T0).await.unwrap();
    for handle in handles {
        let line = ImportLine {
            key: key(handle),
            reason: ReasonCategory::Propaganda,
            details: None,
        };
        importer.accept(line).await.unwrap();
    }
    importer.finish().await.unwrap().import_id
}

async fn dismiss_all_dismisses_one_imports_waiting_cases_and_skips_volunteered_ones(db: TestDb) {
    let s = &db.store;
    const OTHER: u64 = GUILD + 1;
    let a = import(s, GUILD, &["@imp_a1", "@imp_a2", "@imp_a3"]).await;
    let b = import(s, GUILD, &["@imp_b1"]).await;
    let elsewhere = import(s, OTHER, &["@imp_c1"]).await;
    assert!(a != b && b != elsewhere);
    s.file_report(member_report("@imp_a2", 7, 70)).await.unwrap();
    let posted = s.dequeue(GUILD, 1, T0).await.unwrap();
    assert_eq!(posted[0].case_no, 1, "one of them has its card up");
    let admin = Actor::Member(MODERATOR);
    let done = s
        .dismiss_import(GUILD, a, &admin, "a hoax list", after(1))
        .await
        .unwrap();
    assert_eq!((done.dismissed, done.skipped), (vec![1, 3], 1));
    for no in [1, 3] {
        let case = s.case(GUILD, no).await.unwrap();
        assert_eq!((case.lifecycle.decision, case.queued), (Decision::Dismissed, false));
        assert_eq!(case.lifecycle.window_ends_at, None, "the round is closed");
        let events = "SELECT COUNT(*) FROM audit_events WHERE case_id = $1 AND kind = 'case_decided' \
                      AND payload LIKE '%a hoax list%'";
        assert_eq!(count_rows(&db, events, case.id).await, 1, "one audit event per case");
    }
    assert_eq!(s.case(GUILD, 2).await.unwrap().lifecycle.decision, Decision::Pending);
    assert_eq!(
        s.case(GUILD, 4).await.unwrap().lifecycle.decision,
        Decision::Pending,
        "another import"
    );
    assert_eq!(s.queue_len(GUILD).await.unwrap(), 2);
    let twice = s.dismiss_import(GUILD, a, &admin, "again", after(2)).await.unwrap();
    assert_eq!((twice.dismissed.len(), twice.skipped), (0, 1));
    for wrong in [elsewhere, 9_999] {
        assert!(matches!(
            s.dismiss_import(GUILD, wrong, &admin, "no", after(3)).await,
            Err(StoreError::NoSuchImport { import_id }) if import_id == wrong
        ));
    }
    assert_eq!(s.case(OTHER, 1).await.unwrap().lifecycle.decision, Decision::Pending);
    assert_eq!(
        s.imports_of(GUILD, &[1, 2, 4]).await.unwrap(),
        vec![(1, a), (2, a), (4, b)]
    );
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

/// `/myreports` and a withdrawal's answer with the case number and account left out.
fn listed_shape(reports: &[flagwatch::store::MyReport], handle: &str) -> String {
    let no = reports[0].case.case_no;
    campaign::my_reports(reports, Language::English)
        .content
        .replace(&format!("#{no}"), "#N")
        .replace(handle, "H")
}

async fn a_muted_members_kept_report_is_listed_and_withdrawn_like_anyones(db: TestDb) {
    let s = &db.store;
    s.mute_reporter(GUILD, 2, MODERATOR, "brigading", None, T0)
        .await
        .unwrap();
    let kept = s.file_report(member_report("@kept_listed", 2, 1)).await.unwrap();
    let plain = s.file_report(member_report("@plain_listed", 3, 2)).await.unwrap();
    let (kept_no, plain_no) = (kept.case().case_no, plain.case().case_no);
    let (mine, theirs) = (
        s.my_reports(GUILD, 2).await.unwrap(),
        s.my_reports(GUILD, 3).await.unwrap(),
    );
    assert_eq!(mine.iter().map(|r| r.case.case_no).collect::<Vec<_>>(), vec![kept_no]);
    assert_eq!(
        listed_shape(&mine, "kept_listed"),
        listed_shape(&theirs, "plain_listed"),
        "a kept report reads like any"
    );
    let withdrawn = s.withdraw_report(GUILD, kept_no, 2, T0).await.unwrap();
    let other = s.withdraw_report(GUILD, plain_no, 3, T0).await.unwrap();
    assert_eq!(
        campaign::withdrawn(&withdrawn, Language::English).replace(&format!("#{kept_no}"), "#N"),
        campaign::withdrawn(&other, Language::English).replace(&format!("#{plain_no}"), "#N")
    );
    assert!(matches!(
        s.withdraw_report(GUILD, kept_no, 2, T0).await,
        Err(StoreError::Withdraw(WithdrawError::AlreadyWithdrawn))
    ));
    assert!(matches!(
        s.withdraw_report(GUILD, kept_no, 4, T0).await,
        Err(StoreError::Withdraw(WithdrawError::NoReport))
    ));
    let (mine, theirs) = (
        s.my_reports(GUILD, 2).await.unwrap(),
        s.my_reports(GUILD, 3).await.unwrap(),
    );
    assert!(mine[0].withdrawn);
    assert_eq!(
        listed_shape(&mine, "kept_listed"),
        listed_shape(&theirs, "plain_listed")
    );
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

on_both_databases!(
    a_muted_members_kept_report_is_listed_and_withdrawn_like_anyones,
    a_suspension_comes_back_as_a_recheck_and_two_seen_back_reinstate_it,
    one_moderator_seeing_it_back_reinstates_and_held_cases_are_never_rechecked,
    dismiss_all_dismisses_one_imports_waiting_cases_and_skips_volunteered_ones,
    a_muted_reporters_reports_are_kept_answered_alike_and_count_toward_nothing,
    a_mute_with_an_end_lapses_by_itself,
    an_alias_is_one_cases_key_and_catches_reports_of_that_form,
    forget_me_leaves_no_id_in_batches_and_keeps_the_pace,
    a_reporters_record_counts_outcomes_and_leaves_out_withdrawn_reports,
    withdrawing_reports_updates_counts_and_the_last_one_closes_the_case,
    held_and_dismissed_cases_refuse_a_withdrawal_alike,
    a_batch_favours_the_least_reported_and_skips_what_is_not_to_report,
    concurrent_batches_are_disjoint_while_enough_cases_exist,
    the_hourly_pace_caps_what_one_member_is_handed,
);

// --- End to end ---

async fn ready() -> (Community, TestDb) {
    let db = TestDb::sqlite().await;
    let clock = Clock::manual(Millis(chrono::Utc::now().timestamp_millis()));
    let c = Community::start(db.store.clone(), clock, SimConfig::default())
        .await
        .unwrap();
    let setup = c.setup(vec![Opt::integer("next_per_hour", 4)]).await.unwrap();
    assert!(setup.content.starts_with("Setup saved"), "{}", setup.content);
    (c, db)
}

fn private(reply: &Reply) -> &Reply {
    assert!(reply.ephemeral, "not ephemeral: {}", reply.content);
    assert!(reply.answered_after < Duration::from_secs(3));
    reply
}

async fn decide(c: &Community, no: i64) {
    for &m in &c.moderators {
        c.vote(m, no, "report_now").await.unwrap();
    }
    c.settle().await.unwrap();
}

fn batch_cases(reply: &Reply) -> Vec<String> {
    reply.message.as_ref().map(|m| m.custom_ids()).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn next_hands_disjoint_paced_batches_whose_button_counts_like_the_call_to_action() {
    let (c, db) = ready().await;
    for i in 0..8 {
        c.report(c.members[5], &format!("x.com/campaign_{i}"), "propaganda", vec![])
            .await
            .unwrap();
        decide(&c, i + 1).await;
    }
    let alice = private(&c.command(c.members[0], "next", vec![]).await.unwrap()).clone();
    let bob = private(
        &c.command(c.members[1], "next", vec![Opt::integer("count", 3)])
            .await
            .unwrap(),
    )
    .clone();
    let (a, b) = (batch_cases(&alice), batch_cases(&bob));
    assert_eq!((a.len(), b.len()), (3, 3), "{a:?} {b:?}");
    assert!(a.iter().all(|id| !b.contains(id)), "disjoint: {a:?} {b:?}");
    assert!(a.iter().all(|id| id.starts_with("cta:reported:")), "{a:?}");
    let text = alice.text();
    assert!(
        text.contains("https://x.com/campaign_") && text.contains("⋯ → Report"),
        "{text}"
    );
    // The batch's buttons are the call to action's: they count on the public message.
    for id in &a {
        let pressed = c
            .press(c.members[0], alice.message.as_ref().unwrap(), id)
            .await
            .unwrap();
        assert!(
            private(&pressed).content.contains("counted once for you"),
            "{}",
            pressed.content
        );
    }
    let no: i64 = a[0].rsplit(':').next().unwrap().parse().unwrap();
    c.clock.advance(Duration::from_secs(61));
    c.settle().await.unwrap();
    let call = c.message_with_button(c.coordination, &a[0]).await.unwrap();
    assert!(call.content.contains("1 volunteer(s) reported it"), "{}", call.content);
    assert_eq!(db.store.case(c.guild.0, no).await.unwrap().case_no, no);
    // Alice's pace is 4 an hour: one more (none of Bob's), then a private refusal.
    let more = c
        .command(c.members[0], "next", vec![Opt::integer("count", 5)])
        .await
        .unwrap();
    let one = batch_cases(private(&more));
    assert!(
        one.len() == 1 && !b.contains(&one[0]) && !a.contains(&one[0]),
        "{one:?}"
    );
    let stopped = c.command(c.members[0], "next", vec![]).await.unwrap();
    assert!(
        private(&stopped).content.contains("in the last hour"),
        "{}",
        stopped.content
    );
    let too_many = c
        .command(c.members[2], "next", vec![Opt::integer("count", 9)])
        .await
        .unwrap();
    assert!(private(&too_many).content.contains("1 to 5"), "{}", too_many.content);
    c.settle().await.unwrap();
    assert!(c.sim.unexpected_requests().is_empty());
    c.shutdown().await.unwrap();
}

/// What `/myreports` shows for one case, with its number and account taken out: what a
/// member could compare between two cases.
fn state_of(list: &str, no: i64) -> String {
    let line = list.lines().find(|l| l.starts_with(&format!("• #{no} "))).unwrap();
    let state = line.split(" — ").nth(1).unwrap();
    state.split(" · filed").next().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn myreports_reads_held_and_dismissed_alike_and_a_withdrawal_updates_the_card() {
    let (c, db) = ready().await;
    let alice = c.members[0];
    for handle in ["x.com/kept_up", "x.com/thrown_out", "x.com/mistake"] {
        c.report(alice, handle, "propaganda", vec![]).await.unwrap();
    }
    c.report(c.members[1], "x.com/mistake", "propaganda", vec![])
        .await
        .unwrap();
    for (no, choice) in [(1, "hand_off"), (2, "dismiss")] {
        for &m in &c.moderators {
            c.vote(m, no, choice).await.unwrap();
        }
    }
    c.settle().await.unwrap();
    let mine = c.command(alice, "myreports", vec![]).await.unwrap();
    let list = private(&mine).content.clone();
    assert_eq!(
        state_of(&list, 1),
        state_of(&list, 2),
        "held and dismissed differ: {list}"
    );
    assert_eq!(state_of(&list, 1), "reviewed: please do not report it");
    assert_eq!(
        mine.message.as_ref().unwrap().custom_ids(),
        vec!["mine:withdraw:3".to_owned()],
        "only the case awaiting review offers a withdrawal"
    );
    let mut refusals = Vec::new();
    for no in [1, 2] {
        let r = c
            .command(alice, "withdraw", vec![Opt::integer("case", no)])
            .await
            .unwrap();
        refusals.push(private(&r).content.replace(&format!("#{no}"), "#N"));
    }
    assert_eq!(refusals[0], refusals[1], "a withdrawal tells held from dismissed");
    // Withdrawing with the button: the card's reporter count follows.
    let pressed = c
        .press(alice, mine.message.as_ref().unwrap(), "mine:withdraw:3")
        .await
        .unwrap();
    assert!(private(&pressed).content.contains("withdrawn"), "{}", pressed.content);
    c.settle().await.unwrap();
    let fields = c.card(3).await.unwrap().embeds[0]["fields"].to_string();
    assert!(fields.contains("\"Reporters\",\"value\":\"1\""), "{fields}");
    // The last report withdrawn closes the case, and its card says so.
    let bob = c
        .command(c.members[1], "withdraw", vec![Opt::integer("case", 3)])
        .await
        .unwrap();
    assert!(private(&bob).content.contains("closed"), "{}", bob.content);
    c.settle().await.unwrap();
    let card = c.sim.message(c.card(3).await.unwrap().id).unwrap();
    assert!(card.embeds[0]["description"].as_str().unwrap().contains("**Closed**"));
    assert_eq!(
        db.store.case(c.guild.0, 3).await.unwrap().lifecycle.decision,
        Decision::Withdrawn
    );
    assert!(c.sim.unexpected_requests().is_empty());
    c.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn moderators_see_a_reporters_record_and_members_do_not() {
    let (c, _db) = ready().await;
    let carol = c.members[2];
    c.report(carol, "x.com/record_one", "threat", vec![]).await.unwrap();
    for &m in &c.moderators {
        c.vote(m, 1, "dismiss").await.unwrap();
    }
    c.report(carol, "x.com/record_two", "threat", vec![]).await.unwrap();
    c.settle().await.unwrap();
    let shown = c
        .command(
            c.moderators[0],
            "reporter",
            vec![Opt::sub("show", vec![Opt::user("member", carol)])],
        )
        .await
        .unwrap();
    let text = private(&shown).content.clone();
    assert!(
        text.contains("2 report(s) on 2 case(s)") && text.contains("1 dismissed"),
        "{text}"
    );
    let card = c.card(2).await.unwrap().embeds[0]["fields"].to_string();
    assert!(
        card.contains("1 other case(s): 0 report now (0 confirmed suspended), 0 held, 1 dismissed"),
        "{card}"
    );
    let refused = c
        .command(
            c.members[0],
            "reporter",
            vec![Opt::sub("show", vec![Opt::user("member", carol)])],
        )
        .await
        .unwrap();
    assert!(
        private(&refused).content.contains("moderators only"),
        "{}",
        refused.content
    );
    assert!(c.sim.unexpected_requests().is_empty());
    c.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_report_of_an_alias_counts_on_the_case_card_instead_of_opening_one() {
    let (c, db) = ready().await;
    c.report(c.members[0], "x.com/old_handle", "threat", vec![])
        .await
        .unwrap();
    c.report(c.members[1], "x.com/other_account", "threat", vec![])
        .await
        .unwrap();
    c.settle().await.unwrap();
    let add = |who, case, link| c.add_alias(who, case, link);
    let refused = add(c.members[0], 1, "x.com/new_handle").await.unwrap();
    assert!(
        private(&refused).content.contains("moderators only"),
        "{}",
        refused.content
    );
    let taken = add(c.moderators[0], 1, "x.com/other_account").await.unwrap();
    assert!(
        private(&taken).content.contains("case #2") && taken.content.contains("/case merge"),
        "{}",
        taken.content
    );
    let added = add(c.moderators[0], 1, "x.com/new_handle").await.unwrap();
    assert!(
        private(&added).content.contains("Case #1 is now also known as"),
        "{}",
        added.content
    );
    let shown = c
        .command(
            c.moderators[0],
            "case",
            vec![Opt::sub("show", vec![Opt::integer("case", 1)])],
        )
        .await
        .unwrap();
    let description = private(&shown).embeds[0]["description"].to_string();
    assert!(
        description.contains("Also known as: x:new_handle"),
        "/case show lists the other keys: {description}"
    );
    c.report(c.members[2], "https://x.com/new_handle", "threat", vec![])
        .await
        .unwrap();
    c.settle().await.unwrap();
    let fields = c.card(1).await.unwrap().embeds[0]["fields"].to_string();
    assert!(fields.contains("\"Reporters\",\"value\":\"2\""), "{fields}");
    let cards = c.sim.messages(c.review);
    let third = cards
        .iter()
        .any(|m| m.custom_ids().iter().any(|id| id.starts_with("vote:3:")));
    assert!(!third, "the alias opened a card of its own");
    assert!(matches!(
        db.store.case(c.guild.0, 3).await,
        Err(StoreError::NoSuchCase { .. })
    ));
    assert!(c.sim.unexpected_requests().is_empty());
    c.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_muted_members_reports_open_nothing_are_kept_and_read_as_usual() {
    let (c, db) = ready().await;
    let (carol, dave) = (c.members[2], c.members[3]);
    c.report(dave, "x.com/mute_known", "threat", vec![]).await.unwrap();
    c.report(carol, "x.com/mute_hers", "threat", vec![]).await.unwrap();
    let mute = vec![Opt::user("member", carol), Opt::string("reason", "brigading")];
    let muted = c
        .command(c.moderators[0], "reporter", vec![Opt::sub("mute", mute.clone())])
        .await
        .unwrap();
    assert!(
        private(&muted).content.contains("is muted until unmuted"),
        "{}",
        muted.content
    );
    let refused = c
        .command(c.members[0], "reporter", vec![Opt::sub("mute", mute)])
        .await
        .unwrap();
    assert!(
        private(&refused).content.contains("moderators only"),
        "{}",
        refused.content
    );

    let kept = c.report(carol, "x.com/mute_new", "threat", vec![]).await.unwrap();
    let plain = c.report(dave, "x.com/plain_new", "threat", vec![]).await.unwrap();
    let shape = |reply: &Reply, no: &str, handle: &str| private(reply).content.replace(no, "#N").replace(handle, "H");
    assert_eq!(
        shape(&kept, "#3", "mute_new"),
        shape(&plain, "#4", "plain_new"),
        "the muted member is answered as anyone"
    );
    c.report(carol, "x.com/mute_known", "threat", vec![]).await.unwrap();
    c.settle().await.unwrap();

    let guild = c.guild.0;
    assert!(matches!(
        db.store.case(guild, 3).await,
        Err(StoreError::NoSuchCase { .. })
    ));
    let hers = c.card(2).await.unwrap().embeds[0]["fields"].to_string();
    assert!(hers.contains("opened by a muted reporter"), "{hers}");
    let review = c.sim.messages(c.review);
    assert!(!review.iter().any(|m| format!("{m:?}").contains("mute_new")), "no card");
    let known = db.store.case(guild, 1).await.unwrap();
    assert_eq!(db.store.card_facts(known.id).await.unwrap().reporters, 1);
    assert_eq!(
        db.store.recent_reports(guild, carol.0, Millis(0)).await.unwrap().len(),
        3,
        "both reports kept"
    );
    let unmuted = c
        .command(
            c.moderators[0],
            "reporter",
            vec![Opt::sub(
                "unmute",
                vec![Opt::user("member", carol), Opt::string("reason", "sorted")],
            )],
        )
        .await
        .unwrap();
    assert!(
        private(&unmuted).content.contains("no longer muted"),
        "{}",
        unmuted.content
    );
    assert!(c.sim.unexpected_requests().is_empty());
    c.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_old_suspension_comes_back_in_next_and_it_is_back_restores_the_call_to_action() {
    let (c, db) = ready().await;
    c.report(c.members[5], "x.com/reinstated", "propaganda", vec![])
        .await
        .unwrap();
    decide(&c, 1).await;
    let call = c.message_with_button(c.coordination, "cta:suspended:1").await.unwrap();
    private(&c.press(c.moderators[0], &call, "cta:suspended:1").await.unwrap());
    c.settle().await.unwrap();
    assert!(live_buttons(&c).iter().all(|id| id != "cta:reported:1"), "suspended");
    let early = c.command(c.members[0], "next", vec![]).await.unwrap();
    assert!(batch_cases(private(&early)).is_empty(), "not before 7 days");
    c.clock.advance(Duration::from_secs(8 * 86_400));
    c.settle().await.unwrap();
    let asked = c.command(c.members[0], "next", vec![]).await.unwrap();
    let ids = batch_cases(private(&asked));
    assert_eq!(ids, vec!["recheck:still:1".to_owned(), "recheck:back:1".to_owned()]);
    assert!(asked.text().contains("still suspended?"), "{}", asked.text());
    let first = c
        .press(c.members[0], asked.message.as_ref().unwrap(), "recheck:back:1")
        .await
        .unwrap();
    assert!(private(&first).content.contains("is noted"), "{}", first.content);
    let second = c.command(c.members[1], "next", vec![]).await.unwrap();
    let back = c
        .press(c.members[1], second.message.as_ref().unwrap(), "recheck:back:1")
        .await
        .unwrap();
    assert!(private(&back).content.contains("active again"), "{}", back.content);
    c.settle().await.unwrap();
    assert!(
        live_buttons(&c).iter().any(|id| id == "cta:reported:1"),
        "the call to action is back"
    );
    let case = db.store.case(c.guild.0, 1).await.unwrap();
    assert_eq!(case.account_status, AccountStatus::Active);
    assert!(c.sim.unexpected_requests().is_empty());
    c.shutdown().await.unwrap();
}

/// Every button of the live messages in the coordination channel.
fn live_buttons(c: &Community) -> Vec<String> {
    c.sim
        .messages(c.coordination)
        .into_iter()
        .filter(|m| !m.deleted)
        .flat_map(|m| m.custom_ids())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_admin_dismisses_what_an_import_left_in_the_queue_and_others_may_not() {
    let (c, db) = ready().await;
    let list = "x.com/listed_one\nx.com/listed_two\nx.com/listed_three\n";
    let file = c
        .sim
        .host_attachment(list.as_bytes().to_vec(), "list.txt", "text/plain");
    let import = c
        .sim
        .slash(
            c.general,
            c.moderators[0],
            "import",
            vec![Opt::attachment("file", &file)],
        )
        .unwrap();
    let done =
        |sim: &flagwatch::simulator::Simulator| sim.reply(&import).is_some_and(|r| r.text().contains("imported"));
    c.sim.wait_for(done, Duration::from_secs(30)).await.unwrap();
    let summary = c.sim.reply(&import).unwrap().text();
    assert!(
        summary.contains("Import #1") && summary.contains("imported 3 lines"),
        "{summary}"
    );
    c.report(c.members[0], "x.com/listed_two", "threat", vec![])
        .await
        .unwrap();
    c.settle().await.unwrap();
    let dismiss = |who, source: i64| {
        let options = vec![Opt::integer("source", source), Opt::string("reason", "hoax list")];
        c.command(who, "queue", vec![Opt::sub("dismiss-all", options)])
    };
    let refused = dismiss(c.moderators[0], 1).await.unwrap();
    assert!(private(&refused).content.contains("admins only"), "{}", refused.content);
    let unknown = dismiss(c.admin, 7).await.unwrap();
    assert!(
        private(&unknown).content.contains("no import #7"),
        "{}",
        unknown.content
    );
    let done = dismiss(c.admin, 1).await.unwrap();
    let text = private(&done).content.clone();
    assert!(
        text.contains("cases dismissed: 2") && text.contains("/report: 1"),
        "{text}"
    );
    let guild = c.guild.0;
    for (no, decision) in [
        (1, Decision::Dismissed),
        (2, Decision::Pending),
        (3, Decision::Dismissed),
    ] {
        assert_eq!(
            db.store.case(guild, no).await.unwrap().lifecycle.decision,
            decision,
            "#{no}"
        );
    }
    c.settle().await.unwrap();
    let posted = c
        .command(c.moderators[0], "queue", vec![Opt::sub("post", vec![])])
        .await
        .unwrap();
    assert!(
        private(&posted).content.contains("#2 from import #1"),
        "{}",
        posted.content
    );
    c.settle().await.unwrap();
    assert!(c.sim.unexpected_requests().is_empty());
    c.shutdown().await.unwrap();
}
