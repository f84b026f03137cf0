//! Operating flagwatch: the real `flagwatch run` against the simulator with its operator
//! address on; `/metrics` read with the Prometheus project's own parser
//! (`tests/metrics_parse.py`) as a scripted session runs, `/readyz` and
//! `flagwatch healthcheck` as the database file and the gateway go away and come back.

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::fleet::{free_addr, Fleet, Server, PATIENCE};
use flagwatch::simulator::Opt;

/// Every sample of a `/metrics` text, keyed `name{label=value,…}` (labels sorted).
type Samples = HashMap<String, f64>;

/// Whether the `prometheus_client` package is importable; without it the metrics test
/// fails when `FLAGWATCH_REQUIRE_PROMETHEUS_PARSER` is set (CI) and otherwise skips.
fn parser_available() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import prometheus_client.openmetrics.parser"])
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("FLAGWATCH_REQUIRE_PROMETHEUS_PARSER").is_none(),
            "FLAGWATCH_REQUIRE_PROMETHEUS_PARSER is set but prometheus_client is not installed (pip install prometheus-client)"
        );
        eprintln!("prometheus_client is not installed: skipping the /metrics test");
    }
    found
}

async fn scrape(addr: &str) -> Samples {
    let response = reqwest::get(format!("http://{addr}/metrics")).await.unwrap();
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(
        content_type.starts_with("application/openmetrics-text"),
        "{content_type}"
    );
    let text = response.text().await.unwrap();
    tokio::task::spawn_blocking(move || parse(&text)).await.unwrap()
}

fn parse(text: &str) -> Samples {
    use std::io::Write;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/metrics_parse.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the parser refused /metrics:\n{}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn get(samples: &Samples, key: &str) -> f64 {
    samples.get(key).copied().unwrap_or(0.0)
}

/// `/readyz`'s status and body.
async fn readyz(addr: &str) -> (u16, String) {
    match reqwest::get(format!("http://{addr}/readyz")).await {
        Ok(r) => (r.status().as_u16(), r.text().await.unwrap_or_default()),
        Err(e) => (0, e.to_string()),
    }
}

/// Wait until `/readyz` answers `status`; its body then.
async fn readyz_becomes(addr: &str, status: u16) -> String {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        let (now, body) = readyz(addr).await;
        if now == status {
            return body;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "/readyz stayed {now}, not {status}: {body}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `flagwatch healthcheck` against `addr`: its exit code.
fn healthcheck(addr: &str) -> Option<i32> {
    Command::new(env!("CARGO_BIN_EXE_flagwatch"))
        .arg("healthcheck")
        .env("FLAGWATCH_METRICS_ADDR", addr)
        .output()
        .unwrap()
        .status
        .code()
}

async fn report(fleet: &Fleet, server: &Server, member: usize, account: &str) -> String {
    let options = vec![Opt::string("account", account), Opt::string("reason", "propaganda")];
    let report = fleet
        .sim
        .slash(server.general, server.members[member], "report", options)
        .unwrap();
    fleet.sim.wait_reply(&report, PATIENCE).await.unwrap().text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn metrics_parse_and_count_a_scripted_session() {
    if !parser_available() {
        return;
    }
    let addr = free_addr();
    let fleet = Fleet::start_sqlite(&[("FLAGWATCH_METRICS_ADDR", addr.as_str())]).await;
    let server = &fleet.servers[0];
    readyz_becomes(&addr, 200).await;
    let before = scrape(&addr).await;
    assert_eq!(
        get(&before, "flagwatch_interactions_total{command=setup set,outcome=ok}"),
        1.0,
        "the fleet's /setup set: {before:?}"
    );

    for (i, account) in ["x.com/first", "x.com/second", "x.com/third"].iter().enumerate() {
        report(&fleet, server, i, account).await;
    }
    let refused = report(&fleet, server, 3, "not an account at all").await;
    let store = fleet.store().await;
    let cases = store.export_cases(server.guild.0, None).await.unwrap();
    assert_eq!(cases.len(), 3, "the unreadable account made no case: {refused}");
    for case in &cases {
        let press = fleet.press_vote(server, case.case.case_no, "report_now").await.unwrap();
        fleet.sim.wait_reply(&press, PATIENCE).await.unwrap();
    }
    fleet.settle().await;

    let after = scrape(&addr).await;
    let moved = |key: &str| get(&after, key) - get(&before, key);
    assert_eq!(moved("flagwatch_interactions_total{command=report,outcome=ok}"), 3.0);
    assert_eq!(
        moved("flagwatch_interactions_total{command=report,outcome=user_error}"),
        1.0
    );
    assert_eq!(
        moved("flagwatch_interactions_total{command=button vote,outcome=ok}"),
        3.0
    );
    assert_eq!(moved("flagwatch_report_answer_seconds_count{}"), 4.0);
    assert_eq!(moved("flagwatch_votes_total{kind=report_now}"), 3.0);
    assert_eq!(moved("flagwatch_decisions_total{kind=report_now}"), 3.0);
    assert!(
        moved("flagwatch_outbox_sends_total{kind=card,result=sent}") >= 3.0,
        "{after:?}"
    );
    assert!(moved("flagwatch_outbox_sends_total{kind=notice,result=sent}") >= 3.0);
    assert_eq!(get(&after, "flagwatch_database_errors_total{}"), 0.0);
    assert_eq!(after.get("flagwatch_database_deadlock_retries_total{}"), Some(&0.0));
    assert!(after.contains_key("flagwatch_outbox_oldest_due_age_seconds{}"));
    assert!(after.contains_key("flagwatch_gateway_reconnects_total{}"));
    // Labels are closed sets: no server, member or case id is ever one.
    let ids = [server.guild.0, server.members[0].0, server.moderators[0].0];
    for key in after.keys() {
        assert!(!ids.iter().any(|id| key.contains(&id.to_string())), "{key}");
    }
    fleet.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn readyz_turns_unready_without_the_database_file_or_the_gateway_and_ready_after() {
    let addr = free_addr();
    let fleet = Fleet::start_sqlite(&[("FLAGWATCH_METRICS_ADDR", addr.as_str())]).await;
    let health = reqwest::get(format!("http://{addr}/healthz")).await.unwrap();
    assert_eq!(health.status(), 200);
    let body = readyz_becomes(&addr, 200).await;
    assert_eq!(body, "database: ok\ngateway: ok\noutbox: ok\n");
    assert_eq!(healthcheck(&addr), Some(0));

    // The database file moved away: the bot's open connections would write into a file
    // nobody will find again.
    let file = fleet.url.trim_start_matches("sqlite://").to_owned();
    let moved = format!("{file}.elsewhere");
    std::fs::rename(&file, &moved).unwrap();
    let body = readyz_becomes(&addr, 503).await;
    assert!(body.starts_with("database: unreachable"), "{body}");
    assert_eq!(healthcheck(&addr), Some(1));
    std::fs::rename(&moved, &file).unwrap();
    readyz_becomes(&addr, 200).await;

    // A gateway outage: connections are cut and refused until it ends.
    fleet.sim.gateway_outage(true);
    let body = readyz_becomes(&addr, 503).await;
    assert!(body.contains("gateway: shard 0"), "{body}");
    assert_eq!(healthcheck(&addr), Some(1));
    fleet.sim.gateway_outage(false);
    readyz_becomes(&addr, 200).await;
    let text = reqwest::get(format!("http://{addr}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !text.contains("flagwatch_gateway_reconnects_total 0\n"),
        "the reconnect is counted: {text}"
    );

    // Nobody listening: not ready either.
    assert_eq!(healthcheck(&free_addr()), Some(1));
    fleet.stop().await;
}

/// The spans (name → fields) a JSON log line was written in.
fn spans_of(line: &serde_json::Value) -> Vec<(String, serde_json::Value)> {
    line["spans"]
        .as_array()
        .map(|spans| {
            spans
                .iter()
                .map(|s| (s["name"].as_str().unwrap_or_default().to_owned(), s.clone()))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn json_logs_name_server_case_and_item_but_never_a_reporter_a_token_or_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("flagwatch.log");
    let env = [("FLAGWATCH_LOG_FORMAT", "json"), ("RUST_LOG", "info")];
    let fleet = Fleet::start_sqlite_logged(&env, &log).await;
    let server = &fleet.servers[0];
    let reporter = server.members[0];
    let review = server.review;
    let detail = "posted the flyer in the town group, see screenshot";
    // The review card's first post fails once: the retry is logged about its item.
    fleet
        .sim
        .fail_next("POST", &format!("/channels/{}/messages", review.0), 500, 1);
    let options = vec![
        Opt::string("account", "x.com/loggedaccount"),
        Opt::string("reason", "propaganda"),
        Opt::string("details", detail),
    ];
    let filed = fleet.sim.slash(server.general, reporter, "report", options).unwrap();
    fleet.sim.wait_reply(&filed, PATIENCE).await.unwrap();
    fleet.sim.replay(&filed).unwrap();
    let press = fleet.press_vote(server, 1, "report_now").await.unwrap();
    fleet.sim.wait_reply(&press, PATIENCE).await.unwrap();
    fleet.settle().await;
    let (guild, token) = (serde_json::json!(server.guild.0), fleet.sim.token().to_owned());
    fleet.stop().await;

    let text = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    assert!(lines.len() > 5, "{text}");
    for secret in [
        reporter.0.to_string(),
        token,
        filed.token.clone(),
        press.token.clone(),
        detail.to_owned(),
    ] {
        assert!(!text.contains(&secret), "the log holds {secret:?}:\n{text}");
    }
    let in_span = |name: &str, message: &str| {
        lines.iter().find_map(|l| {
            let about = l["fields"]["message"].as_str().is_some_and(|m| m.contains(message));
            spans_of(l).into_iter().find(|(n, _)| about && n == name).map(|s| s.1)
        })
    };
    let filed_span = in_span("interaction", "report filed").expect("the report is logged");
    assert_eq!(filed_span["guild"], guild);
    assert_eq!(filed_span["case"], 1);
    assert_eq!(filed_span["command"], "report");
    let replayed = in_span("interaction", "handled once").expect("the replay is logged");
    assert_eq!(replayed["interaction"], serde_json::json!(filed.id));
    let retried = in_span("outbox_item", "retrying").expect("the failed send is logged");
    assert_eq!(retried["guild"], guild);
    assert_eq!(retried["case"], 1);
    assert_eq!(retried["kind"], "card");
    assert!(retried["item"].is_i64(), "{retried}");
    let sent = in_span("outbox_item", "sent").expect("sends are logged");
    assert!(sent["item"].is_i64(), "{sent}");
}

/// `flagwatch <args>` on the database `url`: exit code and standard output.
fn flagwatch_on(url: &str, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_flagwatch"))
        .args(args)
        .env("DATABASE_URL", url)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_during_a_burst_of_reports_restores_everything_acknowledged_before_it() {
    use chrono::{TimeDelta, Utc};
    use flagwatch::domain::account::{AccountKey, Platform};
    let fleet = Fleet::start_sqlite(&[]).await;
    let server = &fleet.servers[0];
    let long_ago = Utc::now() - TimeDelta::days(400);
    let members: Vec<_> = (0..20)
        .map(|i| fleet.sim.add_member(server.guild, &format!("burst{i}"), &[], long_ago))
        .collect();
    let file = |batch: &str| -> Vec<(String, flagwatch::simulator::InteractionRef)> {
        members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let account = format!("x.com/{batch}{i}");
                let options = vec![Opt::string("account", &account), Opt::string("reason", "propaganda")];
                let r = fleet.sim.slash(server.general, *m, "report", options).unwrap();
                (account, r)
            })
            .collect()
    };
    let first = file("first");
    for (_, r) in &first {
        fleet.sim.wait_reply(r, PATIENCE).await.unwrap();
    }
    // The backup starts once part of the second burst is answered, the rest in flight.
    let second = file("second");
    let answered =
        |sim: &flagwatch::simulator::Simulator| second.iter().filter(|(_, r)| sim.reply(r).is_some()).count();
    fleet.sim.wait_for(|sim| answered(sim) >= 5, PATIENCE).await.unwrap();
    let acknowledged: Vec<String> = second
        .iter()
        .filter(|(_, r)| fleet.sim.reply(r).is_some())
        .map(|(a, _)| a.clone())
        .chain(first.iter().map(|(a, _)| a.clone()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("backup.db");
    let copy_arg = copy.display().to_string();
    let url = fleet.url.clone();
    let backup = tokio::task::spawn_blocking(move || flagwatch_on(&url, &["backup", &copy_arg]));
    for (_, r) in &second {
        fleet.sim.wait_reply(r, PATIENCE).await.unwrap();
    }
    let (code, said) = backup.await.unwrap();
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("audit events verified"), "{said}");

    // Not over the running bot's database.
    let copy_arg = copy.display().to_string();
    let (code, said) = flagwatch_on(&fleet.url, &["restore", &copy_arg]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("in use"), "{said}");
    let live = fleet.store().await.export_cases(server.guild.0, None).await.unwrap();
    assert_eq!(live.len(), 40, "the live database is untouched");

    let restored = format!("sqlite://{}", dir.path().join("restored.db").display());
    let (code, said) = flagwatch_on(&restored, &["restore", &copy_arg]);
    assert_eq!(code, Some(0), "{said}");
    let (code, said) = flagwatch_on(&restored, &["audit", "verify"]);
    assert_eq!(code, Some(0), "{said}");
    let store = flagwatch::store::Store::connect(&restored).await.unwrap();
    let cases = store.export_cases(server.guild.0, None).await.unwrap();
    for account in &acknowledged {
        let key = AccountKey::parse(account, None, Platform::X).unwrap();
        assert!(
            cases.iter().any(|c| c.case.key == key),
            "{account} was acknowledged before the backup began"
        );
    }
    assert!(cases.len() <= 40);
    eprintln!(
        "backup held {} cases; {} were acknowledged before it began",
        cases.len(),
        acknowledged.len()
    );
    fleet.stop().await;
}

/// The settings a text names: `DISCORD_TOKEN`, `DATABASE_URL`, `RUST_LOG` and every `FLAGWATCH_…`.
fn setting_names(text: &str, pattern: &str) -> std::collections::BTreeSet<String> {
    regex::Regex::new(pattern)
        .unwrap()
        .captures_iter(text)
        .map(|c| c[1].to_owned())
        .collect()
}

#[test]
fn env_example_lists_exactly_the_settings_of_the_readme_table_and_config_reads_no_other() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let table = readme
        .split("## Configuration")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap();
    let rows: String = table
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            // Only the first column names settings.
            l.split(" | ").next().unwrap_or_default().to_owned() + "\n"
        })
        .collect();
    let documented = setting_names(&rows, r"`([A-Z][A-Z_]+)`");
    let example = std::fs::read_to_string(format!("{root}/.env.example")).unwrap();
    let listed = setting_names(&example, r"(?m)^#? ?([A-Z][A-Z_]+)=");
    assert_eq!(listed, documented, ".env.example against the README's table");
    let config = std::fs::read_to_string(format!("{root}/src/config.rs")).unwrap();
    let read = setting_names(&config, r#""((?:FLAGWATCH|DISCORD|DATABASE)_[A-Z_]+)""#);
    let undocumented: Vec<&String> = read.difference(&documented).collect();
    assert!(undocumented.is_empty(), "read but not in the README: {undocumented:?}");
    assert!(documented.len() >= 13, "{documented:?}");
}

#[test]
fn the_systemd_units_verify() {
    let Ok(probe) = Command::new("systemd-analyze").arg("--version").output() else {
        eprintln!("systemd-analyze is not installed: skipping the systemd unit check");
        return;
    };
    assert!(probe.status.success());
    // As installed: the binary where the unit expects it (here, the one just built).
    let dir = tempfile::tempdir().unwrap();
    let units = [
        "flagwatch.service",
        "flagwatch-healthcheck.service",
        "flagwatch-healthcheck.timer",
    ];
    for unit in units {
        let text = std::fs::read_to_string(format!("{}/deploy/{unit}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let text = text.replace("/usr/local/bin/flagwatch", env!("CARGO_BIN_EXE_flagwatch"));
        std::fs::write(dir.path().join(unit), text).unwrap();
    }
    let unit = std::fs::read_to_string(dir.path().join("flagwatch.service")).unwrap();
    for needed in [
        "healthcheck",
        "Restart=on-failure",
        "User=flagwatch",
        "StateDirectory=flagwatch",
    ] {
        assert!(unit.contains(needed), "the unit lacks {needed}");
    }
    let out = Command::new("systemd-analyze")
        .arg("verify")
        .args(units.iter().map(|u| dir.path().join(u)))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "systemd-analyze verify: {said}");
    assert!(said.trim().is_empty(), "systemd-analyze warns: {said}");
}

/// `/setup show` by the server's admin: what it answered.
async fn setup_show(fleet: &Fleet, server: &Server) -> String {
    let show = fleet
        .sim
        .slash(server.general, server.admin, "setup", vec![Opt::sub("show", vec![])])
        .unwrap();
    fleet.sim.wait_reply(&show, PATIENCE).await.unwrap().text()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn setup_warns_while_the_review_channel_is_visible_to_everyone_or_the_bot_lacks_a_permission() {
    use flagwatch::simulator::{permissions, OverwriteTarget};
    let fleet = Fleet::start_sqlite(&[]).await;
    let server = &fleet.servers[0];
    // The fleet's review channel is an ordinary one: everyone sees it.
    let said = setup_show(&fleet, server).await;
    assert!(said.contains("is visible to @everyone"), "{said}");
    assert!(said.contains("vote tallies would be public"), "{said}");

    // Hidden from @everyone, shown to the moderators: and so hidden from the bot too.
    let view = permissions::VIEW_CHANNEL;
    fleet
        .sim
        .set_overwrite(server.review, OverwriteTarget::Everyone, 0, view);
    let moderators = OverwriteTarget::Role(server.moderator_role);
    fleet.sim.set_overwrite(server.review, moderators, view, 0);
    let said = setup_show(&fleet, server).await;
    assert!(!said.contains("visible to @everyone"), "{said}");
    assert!(
        said.contains(&format!(
            "In the review channel <#{}> the bot lacks View Channel",
            server.review.0
        )),
        "{said}"
    );

    let bot = OverwriteTarget::Member(fleet.sim.bot_user());
    fleet.sim.set_overwrite(server.review, bot, view, 0);
    let set = fleet
        .sim
        .slash(
            server.general,
            server.admin,
            "setup",
            vec![Opt::sub("set", vec![Opt::integer("quorum", 1)])],
        )
        .unwrap();
    let said = fleet.sim.wait_reply(&set, PATIENCE).await.unwrap().text();
    assert!(said.starts_with("Setup saved"), "{said}");
    assert!(
        said.contains("The bot can view, send, embed, pin and manage messages"),
        "{said}"
    );
    assert!(!said.contains('⚠'), "{said}");
    fleet.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn doctor_reports_a_permission_the_server_withholds_from_the_bot() {
    use flagwatch::simulator::{permissions, OverwriteTarget};
    let fleet = Fleet::start_sqlite(&[]).await;
    let server = &fleet.servers[0];
    let view = permissions::VIEW_CHANNEL;
    fleet
        .sim
        .set_overwrite(server.review, OverwriteTarget::Everyone, 0, view);
    let bot = OverwriteTarget::Member(fleet.sim.bot_user());
    fleet.sim.set_overwrite(server.review, bot, view, 0);
    let doctor = || {
        Command::new(env!("CARGO_BIN_EXE_flagwatch"))
            .arg("doctor")
            .env("DATABASE_URL", &fleet.url)
            .env("DISCORD_TOKEN", fleet.sim.token())
            .env("FLAGWATCH_API_BASE", fleet.sim.api_base())
            .output()
            .unwrap()
    };
    let healthy = doctor();
    let said = String::from_utf8_lossy(&healthy.stdout).into_owned();
    assert_eq!(healthy.status.code(), Some(0), "{said}");
    for line in [
        "ok    token",
        "ok    database",
        "ok    migrations: up to date",
        "ok    audit chains",
    ] {
        assert!(said.contains(line), "{line}: {said}");
    }

    // The coordination channel withholds Embed Links from the bot.
    fleet
        .sim
        .set_overwrite(server.coordination, bot, 0, permissions::EMBED_LINKS);
    let sick = doctor();
    let said = String::from_utf8_lossy(&sick.stdout).into_owned();
    assert_eq!(sick.status.code(), Some(1), "{said}");
    let expected = format!(
        "FAIL  server {} coordination channel {}: the bot lacks Embed Links",
        server.guild.0, server.coordination.0
    );
    assert!(said.contains(&expected), "{said}");
    assert!(
        said.contains(&format!("ok    server {} review channel", server.guild.0)),
        "{said}"
    );
    fleet.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn doctor_creates_no_database_where_none_is_and_names_pending_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("typo.db");
    let (code, said) = flagwatch_on(&format!("sqlite://{}", file.display()), &["doctor"]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("FAIL  database: no file at"), "{said}");
    assert!(!file.exists(), "doctor created a database");
    // An empty file, and an empty PostgreSQL database: nothing migrated yet.
    std::fs::File::create(&file).unwrap();
    let sqlite = format!("sqlite://{}", file.display());
    for url in std::iter::once(sqlite).chain(crate::common::empty_postgres().await) {
        let (code, said) = flagwatch_on(&url, &["doctor"]);
        assert_eq!(code, Some(1), "{said}");
        assert!(
            said.contains("FAIL  migrations: 10 pending") || said.contains("pending ("),
            "{said}"
        );
        assert!(!said.contains("error:"), "{said}");
    }
}
