//! Several real `flagwatch run` processes on one PostgreSQL database, against the
//! simulator over loopback: shards, an interaction delivered to two processes, a process
//! killed with SIGKILL mid-load, and Discord's per-channel rate for all of them together.
//! PostgreSQL only (SQLite is for one process); skipped when no server is configured.

use std::time::Duration;

use crate::fleet::{free_addr, Fleet, PATIENCE};
use flagwatch::discord::render::notices;
use flagwatch::domain::account::{AccountKey, Platform};
use flagwatch::domain::case::Decision;
use flagwatch::simulator::{Opt, Simulator};
use flagwatch::store::Store;
use sqlx::AnyPool;

/// Every member of every server reports accounts (several per account, so reports
/// merge); returns each answered report's server, account and answer.
async fn report_wave(fleet: &Fleet, wave: usize) -> Vec<(u64, String, bool)> {
    let mut sent = Vec::new();
    for server in &fleet.servers {
        for (m, member) in server.members.iter().enumerate() {
            for a in 0..3 {
                let account = format!("x.com/wave{wave}acct{}", (m + a) % 5);
                let options = vec![Opt::string("account", &account), Opt::string("reason", "propaganda")];
                let interaction = fleet.sim.slash(server.general, *member, "report", options).unwrap();
                sent.push((server.guild.0, account, interaction));
            }
        }
    }
    // Discord drops an interaction unanswered after 3 s; a killed process answers none.
    let replies = sent
        .iter()
        .map(|(_, _, i)| fleet.sim.wait_reply(i, Duration::from_secs(5)));
    let replies = futures::future::join_all(replies).await;
    sent.into_iter()
        .zip(replies)
        .map(|((guild, account, _), reply)| (guild, account, reply.is_ok()))
        .collect()
}

/// A moderator votes on every open card: report now, hand off or dismiss in turn.
async fn vote_everything(fleet: &Fleet, store: &Store) {
    let choices = ["report_now", "hand_off", "dismiss"];
    let mut presses = Vec::new();
    for server in &fleet.servers {
        for case in store.export_cases(server.guild.0, None).await.unwrap() {
            if case.case.queued {
                continue;
            }
            let case_no = case.case.case_no;
            let choice = choices[usize::try_from(case_no).unwrap_or(0) % 3];
            let Some(press) = fleet.press_vote(server, case_no, choice).await else {
                continue;
            };
            presses.push(press);
        }
    }
    for press in presses {
        fleet.sim.wait_reply(&press, PATIENCE).await.unwrap();
    }
}

/// What every run must end with, per server: one card per case, one call to action per
/// `report_now` case, one pinned board, each decision once, nothing left claimed, and
/// no channel sent to faster than Discord allows. A server may have no case when every
/// report to it fell in a kill (a slow machine), but some server must have some.
async fn assert_exactly_once(fleet: &Fleet) {
    fleet.settle().await;
    let store = fleet.store().await;
    let mut total = 0;
    for server in &fleet.servers {
        let cases = store.export_cases(server.guild.0, None).await.unwrap();
        total += cases.len();
        if cases.is_empty() {
            continue;
        }
        let live = |channel| -> Vec<_> {
            fleet
                .sim
                .messages(channel)
                .into_iter()
                .filter(|m| !m.deleted && m.interaction_id.is_none())
                .collect()
        };
        let cards = live(server.review).into_iter().filter(|m| !m.embeds.is_empty()).count();
        let brought_up = cases.iter().filter(|c| !c.case.queued).count();
        assert_eq!(
            cards, brought_up,
            "one card per case out of the queue in {:?}",
            server.guild
        );
        let coordination = live(server.coordination);
        let report_now = cases
            .iter()
            .filter(|c| c.case.lifecycle.decision == Decision::ReportNow)
            .count();
        let calls = coordination
            .iter()
            .filter(|m| m.custom_ids().iter().any(|id| id.starts_with("cta:reported:")))
            .count();
        assert_eq!(calls, report_now, "one call to action per report_now case");
        let pinned: Vec<_> = coordination.iter().filter(|m| m.pinned).collect();
        assert_eq!(pinned.len(), 1, "one pinned board");
        assert_board_matches(&store, server.guild.0, &pinned[0].embeds[0]).await;
        for case in &cases {
            let decided = case.history.iter().filter(|h| h.kind == "case_decided").count();
            assert!(decided <= 1, "case {} decided {decided} times", case.case.case_no);
        }
    }
    assert!(total > 0, "no server has a case: nothing was checked");
    let raw = AnyPool::connect(&fleet.url).await.unwrap();
    let claimed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE claimed_at IS NOT NULL")
        .fetch_one(&raw)
        .await
        .unwrap();
    assert_eq!(claimed, 0, "nothing stays claimed");
    let limited: Vec<_> = fleet.sim.requests().into_iter().filter(|r| r.status == 429).collect();
    let around: Vec<_> = limited
        .first()
        .map(|first| {
            let at = first.at;
            fleet
                .sim
                .requests()
                .into_iter()
                .filter(|r| (r.at - at).num_milliseconds().abs() < 5_000)
                .map(|r| (r.at, r.method, r.path, r.status))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        fleet.sim.rate_limited_count(),
        0,
        "no request was rate-limited: {around:#?}"
    );
    let peak = fleet.sim.max_channel_requests_within(Duration::from_secs(5));
    assert!(peak <= 5, "{peak} requests to one channel within 5 s");
}

/// The board shows what the database holds (its time stamp aside).
async fn assert_board_matches(store: &Store, guild: u64, shown: &serde_json::Value) {
    let now = flagwatch::cli::now();
    let facts = store.board_facts(guild, now).await.unwrap();
    let expected =
        serde_json::to_value(notices::board(&facts, now, flagwatch::domain::language::Language::English).embed)
            .unwrap();
    for part in ["title", "description", "fields"] {
        assert_eq!(shown[part], expected[part], "the board's {part} in {guild}");
    }
}

/// A moderator of every server imports a list (its cases wait in the review queue).
async fn import_everywhere(fleet: &Fleet) {
    let mut imports = Vec::new();
    for (i, server) in fleet.servers.iter().enumerate() {
        let list: String = (0..3).map(|n| format!("t.me/imported{i}x{n}\n")).collect();
        let file = fleet.sim.host_attachment(list.into_bytes(), "list.txt", "text/plain");
        let options = vec![Opt::attachment("file", &file)];
        imports.push(
            fleet
                .sim
                .slash(server.general, server.moderators[1], "import", options)
                .unwrap(),
        );
    }
    for import in imports {
        let reply = fleet.sim.wait_reply(&import, PATIENCE).await.unwrap();
        assert!(reply.ephemeral, "{reply:?}");
    }
}

/// Two members press "I reported it" on every call to action.
async fn press_calls(fleet: &Fleet) {
    let mut presses = Vec::new();
    for server in &fleet.servers {
        for call in fleet
            .sim
            .messages(server.coordination)
            .into_iter()
            .filter(|m| !m.deleted)
        {
            let ids = call.custom_ids();
            let Some(id) = ids.iter().find(|id| id.starts_with("cta:reported:")) else {
                continue;
            };
            for member in &server.members[..2] {
                presses.push(fleet.sim.press(server.coordination, *member, call.id, id).unwrap());
            }
        }
    }
    assert!(!presses.is_empty(), "there are calls to action to press");
    for press in presses {
        fleet.sim.wait_reply(&press, PATIENCE).await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_on_two_shards_post_everything_exactly_once() {
    let Some(fleet) = Fleet::start(&["0/2", "1/2"], 2, 2).await else {
        return;
    };
    let store = fleet.store().await;
    let answered = report_wave(&fleet, 0).await;
    assert!(answered.iter().all(|a| a.2), "every report is answered");
    import_everywhere(&fleet).await;
    vote_everything(&fleet, &store).await;
    fleet.settle().await;
    press_calls(&fleet).await;
    assert_exactly_once(&fleet).await;
    let cases = store.export_cases(fleet.servers[0].guild.0, None).await.unwrap();
    assert_eq!(
        cases.iter().filter(|c| c.case.queued).count(),
        3,
        "the imported cases wait"
    );
    agencies_pull_the_decisions(&fleet, &store).await;
    fleet.stop().await;
}

/// The TAXII feed of a third process (`FLAGWATCH_TAXII_ADDR`) serves what the others
/// decided through Discord: a report per `report_now` case, and only to credentials.
async fn agencies_pull_the_decisions(fleet: &Fleet, store: &Store) {
    let addr = free_addr();
    let feed = fleet.spawn_with("0/2", &[("FLAGWATCH_TAXII_ADDR", addr.as_str())]);
    fleet.running().push(("0/2".into(), Some(feed)));
    let guild = fleet.servers[0].guild.0;
    let granted = fleet.cli(&["taxii", "grant", "--guild", &guild.to_string(), "--name", "Agency X"]);
    let secret = granted.trim().to_owned();
    let url = format!("http://{addr}/{guild}/collections/report-now/objects/");
    let client = reqwest::Client::new();
    let get = |auth: Option<&str>| {
        let request = client.get(&url).header("Accept", "application/taxii+json;version=2.1");
        match auth {
            Some(secret) => request.basic_auth("agency", Some(secret)),
            None => request,
        }
        .send()
    };
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while get(None).await.is_err() {
        assert!(tokio::time::Instant::now() < deadline, "the feed did not come up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(get(None).await.unwrap().status(), 401, "no credentials, no feed");
    let envelope: serde_json::Value = get(Some(&secret)).await.unwrap().json().await.unwrap();
    let reports = envelope["objects"]
        .as_array()
        .map_or(0, |objects| objects.iter().filter(|o| o["type"] == "report").count());
    let report_now = store
        .export_cases(guild, None)
        .await
        .unwrap()
        .iter()
        .filter(|c| c.case.lifecycle.decision == Decision::ReportNow)
        .count();
    assert!(report_now > 0);
    assert_eq!(reports, report_now, "one report per report_now case: {envelope}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_interaction_delivered_to_two_processes_has_one_effect() {
    // Both processes run shard 0 of 1: each receives every interaction.
    let Some(fleet) = Fleet::start(&["0/1", "0/1"], 1, 1).await else {
        return;
    };
    let store = fleet.store().await;
    let server = &fleet.servers[0];
    for (i, member) in server.members.iter().enumerate() {
        let options = vec![
            Opt::string("account", format!("x.com/twice{i}")),
            Opt::string("reason", "threat"),
        ];
        let interaction = fleet.sim.slash(server.general, *member, "report", options).unwrap();
        fleet.sim.wait_reply(&interaction, PATIENCE).await.unwrap();
        fleet.sim.replay(&interaction).unwrap();
    }
    let note = vec![Opt::sub(
        "note",
        vec![Opt::integer("case", 1), Opt::string("note", "seen twice")],
    )];
    let noted = fleet
        .sim
        .slash(server.general, server.moderators[0], "case", note)
        .unwrap();
    fleet.sim.wait_reply(&noted, PATIENCE).await.unwrap();
    vote_everything(&fleet, &store).await;
    fleet.settle().await;
    let cases = store.export_cases(server.guild.0, None).await.unwrap();
    assert_eq!(cases.len(), server.members.len());
    assert!(cases.iter().all(|c| c.report_count == 1), "each report filed once");
    let details = store.case_details(server.guild.0, 1, 50).await.unwrap();
    let count = |kind: &str| details.history.iter().filter(|(_, k, _)| k == kind).count();
    assert_eq!(
        (count("note_added"), count("vote_cast")),
        (1, 1),
        "{:?}",
        details.history
    );
    assert_exactly_once(&fleet).await;
    fleet.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_process_killed_mid_load_loses_nothing_acknowledged_and_posts_nothing_twice() {
    let Some(fleet) = Fleet::start(&["0/2", "1/2"], 2, 1).await else {
        return;
    };
    let store = fleet.store().await;
    let mut answered = Vec::new();
    for wave in 0..3 {
        let load = report_wave(&fleet, wave);
        // Kill the process of shard 0 while the wave is in flight, then start it again.
        let kill_after = Duration::from_millis(50 + 150 * wave as u64);
        tokio::pin!(load);
        tokio::select! {
            done = &mut load => answered.extend(done),
            _ = tokio::time::sleep(kill_after) => {
                fleet.kill(0).await;
                answered.extend(load.await);
            }
        }
        // The killed process's session may still look connected: wait for the new one.
        let sessions = fleet.sim.session_stats().len();
        fleet.restart(0);
        let identified = |sim: &Simulator| {
            sim.session_stats()
                .iter()
                .skip(sessions)
                .any(|s| s.shard_id == 0 && s.connected)
        };
        fleet.sim.wait_for(identified, PATIENCE).await.unwrap();
    }
    for (guild, account, acknowledged) in &answered {
        if *acknowledged {
            let key = AccountKey::parse(account, None, Platform::X).unwrap();
            let cases = store.export_cases(*guild, None).await.unwrap();
            assert!(
                cases.iter().any(|c| c.case.key == key),
                "{account} was acknowledged, then lost"
            );
        }
    }
    vote_everything(&fleet, &store).await;
    assert_exactly_once(&fleet).await;
    fleet.stop().await;
}
