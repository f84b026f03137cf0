//! Writes that wait for each other's rows on PostgreSQL: a sender waits for a transaction
//! that asked for its item, a write waiting for a row holds no audit head, and a write
//! PostgreSQL fails to break a deadlock runs again. SQLite has one writer and no row locks,
//! so these run on PostgreSQL only.

use std::sync::Arc;

use crate::common::TestDb;
use crate::storage::{case_no_of, decided, key, report, GUILD, T0};
use flagwatch::domain::audit::Actor;
use flagwatch::domain::case::Decision;
use flagwatch::domain::reason::ReasonCategory;
use flagwatch::domain::status::Observed;
use flagwatch::domain::time::Millis;
use flagwatch::domain::vote::{HoldDays, VoteChoice};
use flagwatch::store::{CardLocation, ImportLine, Importer, OutboxKind, ReportOutcome, StoreError};
use sqlx::Executor;

/// On PostgreSQL a sender must not claim a waiting item while a transaction that asked for
/// it again is still open: it would read that transaction's change before its commit, show
/// the board (or a card, a call to action) without it, and nothing would be left to put it
/// right. A trigger holds the deciding vote's transaction open after it has queued the board.
#[tokio::test]
async fn a_claim_waits_for_an_open_transaction_that_asked_for_the_same_item() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let s = &db.store;
    decided(s, "first", VoteChoice::Dismiss).await;
    let second = case_no_of(s, "second", 2, 20).await;
    for m in 0..2 {
        s.cast_vote(GUILD, second, 800 + m, VoteChoice::Dismiss, None, T0)
            .await
            .unwrap();
    }
    let raw = db.raw().await;
    raw.execute(
        "CREATE FUNCTION hold_decision() RETURNS trigger LANGUAGE plpgsql AS \
         $$ BEGIN IF NEW.kind = 'case_decided' THEN PERFORM pg_sleep(3); END IF; RETURN NEW; END $$; \
         CREATE TRIGGER hold_decision BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION hold_decision()",
    )
    .await
    .unwrap();
    let store = s.clone();
    let deciding =
        tokio::spawn(async move { store.cast_vote(GUILD, second, 802, VoteChoice::Dismiss, None, T0).await });
    let held = "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()";
    while sqlx::query_scalar::<_, i64>(held).fetch_one(&raw).await.unwrap() == 0 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let later = Millis(T0.0 + 60_000);
    loop {
        let item = s
            .claim_outbox(later, "worker")
            .await
            .unwrap()
            .expect("the board is queued");
        if item.kind == OutboxKind::Board {
            let facts = s.board_facts(GUILD, later).await.unwrap();
            assert!(
                facts.by_decision.contains(&(Decision::Dismissed, 2)),
                "the board was claimed before the decision it was asked for committed: {facts:?}"
            );
            break;
        }
        s.complete_outbox(&item, None).await.unwrap();
    }
    assert_eq!(deciding.await.unwrap().unwrap().decided, Some(Decision::Dismissed));
}

/// PostgreSQL breaks a deadlock by failing one of its transactions, chosen by timing, not
/// by fault: writes that take the same rows in another order (a report batch, a vote, a
/// sender, or two processes) can meet that way. A moderator's vote or a member's report
/// chosen as the victim must be run again, not answered with an error. Here another
/// transaction holds the case's waiting card, which the write asks for last, and then
/// waits for the case row the write holds.
async fn deadlock_on_the_card<T: Send + 'static>(
    db: &TestDb,
    case_no: i64,
    write: impl std::future::Future<Output = Result<T, StoreError>> + Send + 'static,
) -> T {
    let raw = db.raw().await;
    let (mut other, case_id) = hold_the_card(&raw, case_no).await;
    let write = tokio::spawn(write);
    until_a_write_waits(&raw).await;
    sqlx::query("SELECT id FROM cases WHERE id = $1 FOR UPDATE")
        .bind(case_id)
        .fetch_one(&mut *other)
        .await
        .expect("the write is the one PostgreSQL fails");
    other.commit().await.unwrap();
    write.await.unwrap().expect("the write is run again after the deadlock")
}

/// Another transaction that holds the waiting card of case `case_no` (whose id comes
/// with it), as a sender or a second process could.
async fn hold_the_card(raw: &sqlx::AnyPool, case_no: i64) -> (sqlx::Transaction<'static, sqlx::Any>, i64) {
    let mut other = other_writer(raw).await;
    let case_id: i64 = sqlx::query_scalar(
        "SELECT c.id FROM outbox o JOIN cases c ON c.id = o.target \
         WHERE o.kind = 'card' AND c.case_no = $1 AND o.claimed_at IS NULL FOR UPDATE OF o",
    )
    .bind(case_no)
    .fetch_one(&mut *other)
    .await
    .expect("the case's card waits to be posted");
    (other, case_id)
}

/// The test's own transaction, which never breaks a deadlock: PostgreSQL looks for one only
/// when a wait has lasted `deadlock_timeout` (a second by default), so with a minute here
/// only the store's write can be the victim, however late this transaction comes to wait
/// on a loaded machine.
async fn other_writer(raw: &sqlx::AnyPool) -> sqlx::Transaction<'static, sqlx::Any> {
    let mut other = raw.begin().await.unwrap();
    sqlx::query("SET LOCAL deadlock_timeout = '1min'")
        .execute(&mut *other)
        .await
        .unwrap();
    other
}

/// Wait until a connection of this database waits for a lock.
async fn until_a_write_waits(raw: &sqlx::AnyPool) {
    let waiting =
        "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()";
    while sqlx::query_scalar::<_, i64>(waiting).fetch_one(raw).await.unwrap() == 0 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

async fn audit_count(db: &TestDb, kind: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE kind = $1")
        .bind(kind)
        .fetch_one(&db.raw().await)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_vote_chosen_to_break_a_deadlock_is_run_again() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let s = &db.store;
    let no = case_no_of(s, "deadlocked", 2, 20).await;
    let store = s.clone();
    let vote = async move {
        store
            .cast_vote(GUILD, no, 800, VoteChoice::HandOff, Some(4_242), T0)
            .await
    };
    let outcome = deadlock_on_the_card(&db, no, vote).await;
    assert_eq!(outcome.tally.hand_off, 1);
    assert_eq!(audit_count(&db, "vote_cast").await, 1, "the vote is recorded once");
    assert_eq!(s.deadlock_retries().get(), 1);
    assert!(matches!(
        s.cast_vote(GUILD, no, 800, VoteChoice::HandOff, Some(4_242), T0).await,
        Err(StoreError::AlreadyHandled)
    ));
}

#[tokio::test]
async fn a_report_chosen_to_break_a_deadlock_is_filed_again() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let s = &db.store;
    let no = case_no_of(s, "x.com/deadlocked", 2, 20).await;
    let store = s.clone();
    let second = async move {
        store
            .file_report(report("https://x.com/deadlocked/status/9", 3, 21))
            .await
    };
    let outcome = deadlock_on_the_card(&db, no, second).await;
    assert!(
        matches!(&outcome, ReportOutcome::Merged { case, .. } if case.case_no == no),
        "{outcome:?}"
    );
    let reports: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reports")
        .fetch_one(&db.raw().await)
        .await
        .unwrap();
    assert_eq!(reports, 2, "the second report is filed once");
    assert_eq!(s.deadlock_retries().get(), 1);
}

#[tokio::test]
async fn a_single_statement_chosen_to_break_a_deadlock_is_run_again() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let s = &db.store;
    let no = case_no_of(s, "x.com/located", 2, 20).await;
    let raw = db.raw().await;
    // Another transaction holds the case row; the card's location, inserted first, waits
    // for it (its foreign key), and then the other asks for the same card row.
    let mut other = other_writer(&raw).await;
    let case_id: i64 = sqlx::query_scalar("SELECT id FROM cases WHERE case_no = $1 FOR UPDATE")
        .bind(no)
        .fetch_one(&mut *other)
        .await
        .unwrap();
    let at = CardLocation {
        channel_id: 5,
        message_id: 6,
    };
    let store = s.clone();
    let record = tokio::spawn(async move { store.record_card(case_id, at, T0).await });
    until_a_write_waits(&raw).await;
    sqlx::query(
        "INSERT INTO cards (case_id, channel_id, message_id, posted_at) VALUES ($1, 7, 8, 0) \
         ON CONFLICT (case_id) DO NOTHING",
    )
    .bind(case_id)
    .execute(&mut *other)
    .await
    .expect("the location is the write PostgreSQL fails");
    other.rollback().await.unwrap();
    record
        .await
        .unwrap()
        .expect("the location is recorded again after the deadlock");
    assert_eq!(s.card_location(case_id).await.unwrap(), Some(at));
    assert_eq!(s.deadlock_retries().get(), 1);
}

/// An import's chunk opens its new cases after it has reserved their numbers on the
/// server's row. Here another writer opened a case for one of the import's accounts first
/// and then asks for the server's row: the chunk, which waits for that case, is the one
/// PostgreSQL fails, and it is written again, merging into the other writer's case.
#[tokio::test]
async fn an_import_chunk_chosen_to_break_a_deadlock_is_written_again() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let s = &db.store;
    case_no_of(s, "x.com/existing", 2, 20).await;
    let raw = db.raw().await;
    let mut other = other_writer(&raw).await;
    sqlx::query(
        "INSERT INTO cases (guild_id, case_no, account_key, platform, created_at, updated_at) \
         VALUES ($1, 900, $2, 'x', 0, 0)",
    )
    .bind(GUILD as i64)
    .bind(key("x.com/raced").to_string())
    .execute(&mut *other)
    .await
    .unwrap();
    let store = s.clone();
    let import = tokio::spawn(async move {
        let mut importer = Importer::new(&store, GUILD, Actor::Cli, T0).await?;
        for input in ["x.com/fresh", "x.com/raced", "x.com/existing"] {
            let line = ImportLine {
                key: key(input),
                reason: ReasonCategory::Recruitment,
                details: None,
            };
            importer.accept(line).await?;
        }
        importer.finish().await
    });
    until_a_write_waits(&raw).await;
    sqlx::query("UPDATE guilds SET next_case_no = next_case_no WHERE guild_id = $1")
        .bind(GUILD as i64)
        .execute(&mut *other)
        .await
        .expect("the chunk is the write PostgreSQL fails");
    other.commit().await.unwrap();
    let summary = import
        .await
        .unwrap()
        .expect("the chunk is written again after the deadlock");
    assert_eq!((summary.lines, summary.new_cases, summary.merged), (3, 1, 2));
    assert_eq!(s.deadlock_retries().get(), 1);
    let raced: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM reports r JOIN cases c ON c.id = r.case_id WHERE c.case_no = 900")
            .fetch_one(&raw)
            .await
            .unwrap();
    assert_eq!(raced, 1, "the raced account's line merged into the case opened first");
    assert_eq!(audit_count(&db, "imported").await, 1, "the chunk is recorded once");
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

/// A server's audit chain head is a lock every write of the server takes; a write takes it
/// last, at its commit, so it never holds the head while it waits for another row. Here a
/// vote waits for its case's card, which another transaction holds: meanwhile, a note on
/// another case of the same server must go through.
#[tokio::test]
async fn a_write_waiting_for_a_row_holds_no_audit_head() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let s = &db.store;
    let waiting_no = case_no_of(s, "x.com/waits", 2, 20).await;
    let other_no = case_no_of(s, "x.com/other", 2, 21).await;
    let raw = db.raw().await;
    let (other, _) = hold_the_card(&raw, waiting_no).await;
    let store = s.clone();
    let vote = tokio::spawn(async move {
        store
            .cast_vote(GUILD, waiting_no, 800, VoteChoice::HandOff, None, T0)
            .await
    });
    until_a_write_waits(&raw).await;
    let note = s.add_note(GUILD, other_no, 801, "seen elsewhere too", T0);
    tokio::time::timeout(std::time::Duration::from_secs(5), note)
        .await
        .expect("a note on another case does not wait for the vote")
        .unwrap();
    other.commit().await.unwrap();
    vote.await.unwrap().unwrap();
    assert!(s.verify_audit(Some(GUILD)).await.unwrap().is_ok());
}

/// Votes, notes, reports, sends and casework ("I reported it", observations, hold
/// extensions, the queue's summary) on one server's cases at once, on PostgreSQL: none of
/// them fails on the database (a deadlock would be run again), and the audit chain verifies.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_votes_notes_reports_and_sends_fail_no_write() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let s = &db.store;
    let mut cases = Vec::new();
    for i in 0..30u64 {
        cases.push(case_no_of(s, &format!("x.com/stress_{i}"), 1, 100 + i).await);
    }
    let failures = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for m in 0..6u64 {
        let (s, cases, failures) = (s.clone(), cases.clone(), failures.clone());
        tasks.push(tokio::spawn(async move {
            let n = cases.len();
            for j in 0..n {
                let no = cases[(j * (m as usize + 1) * 7 + m as usize) % n];
                let choice = VoteChoice::BY_REVERSIBILITY[(j + m as usize) % 3];
                if let Err(e @ StoreError::Database { .. }) = s.cast_vote(GUILD, no, 900 + m, choice, None, T0).await {
                    failures.lock().unwrap().push(format!("vote: {e}"));
                }
                if let Err(e @ StoreError::Database { .. }) = s.add_note(GUILD, no, 900 + m, "note", T0).await {
                    failures.lock().unwrap().push(format!("note: {e}"));
                }
            }
        }));
    }
    for m in 0..3u64 {
        let (s, cases, failures) = (s.clone(), cases.clone(), failures.clone());
        tasks.push(tokio::spawn(async move {
            for (j, &no) in cases.iter().rev().enumerate() {
                let member = 20 + m;
                let observed = [Observed::LooksSuspended, Observed::StillUp][(j + m as usize) % 2];
                let results = [
                    s.mark_reported(GUILD, no, member, T0).await.err(),
                    s.observe(GUILD, no, member, m == 0, observed, T0).await.err(),
                    s.extend_hold(GUILD, no, &Actor::Member(member), HoldDays::new(7).unwrap(), T0)
                        .await
                        .err(),
                    s.queue_changed(GUILD, T0).await.err(),
                ];
                for e in results.into_iter().flatten() {
                    if let StoreError::Database { .. } = e {
                        failures.lock().unwrap().push(format!("case work: {e}"));
                    }
                }
            }
        }));
    }
    for r in 0..4u64 {
        let (s, failures) = (s.clone(), failures.clone());
        tasks.push(tokio::spawn(async move {
            for j in 0..60u64 {
                let input = format!("x.com/stress_{}", (j * (r + 3)) % 40);
                if let Err(e @ StoreError::Database { .. }) =
                    s.file_report(report(&input, 10 + r, 10_000 + r * 1000 + j)).await
                {
                    failures.lock().unwrap().push(format!("report: {e}"));
                }
            }
        }));
    }
    {
        let (s, failures) = (s.clone(), failures.clone());
        tasks.push(tokio::spawn(async move {
            for _ in 0..400 {
                match s.claim_outbox(Millis(T0.0 + 3_600_000), "w").await {
                    Ok(Some(item)) => {
                        if let Err(e) = s.complete_outbox(&item, None).await {
                            failures.lock().unwrap().push(format!("complete: {e}"));
                        }
                    }
                    Ok(None) => tokio::time::sleep(std::time::Duration::from_millis(2)).await,
                    Err(e) => failures.lock().unwrap().push(format!("claim: {e}")),
                }
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let failures = failures.lock().unwrap().clone();
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(matches!(s.verify_audit(Some(GUILD)).await.unwrap(), Ok(n) if n > 30));
}
