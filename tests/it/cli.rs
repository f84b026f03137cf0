//! The `flagwatch` binary end to end: each test runs the real executable in a temporary
//! working directory, with `DATABASE_URL` pointing at a fresh database. Import, export
//! and audit run on SQLite and on PostgreSQL.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::TestDb;
use flagwatch::domain::account::{AccountKey, Platform};
use flagwatch::domain::reason::ReasonCategory;
use flagwatch::domain::time::Millis;
use flagwatch::domain::vote::VoteChoice;
use flagwatch::store::{NewReport, ReportSource, Store};
use serde_json::Value;
use sqlx::Executor;

const GUILD: u64 = 1_100_000_000_000_000_001;
const T0: Millis = Millis(1_800_000_000_000);
/// Reporter ids distinctive enough that finding them in an export cannot be a coincidence.
const REPORTERS: [u64; 2] = [987_654_321_012_345_678, 876_543_210_987_654_321];

/// What one run of the binary did.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn stdout_lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    #[track_caller]
    fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(self.code, Some(code), "unexpected exit code: {self:#?}");
        self
    }
}

/// Run `flagwatch args…` in `dir` with `DATABASE_URL` set to `database_url` (or unset),
/// and none of the other settings inherited from this process.
fn flagwatch(dir: &Path, database_url: Option<&str>, args: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_flagwatch"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("DISCORD_TOKEN")
        .env_remove("FLAGWATCH_API_BASE")
        .env_remove("FLAGWATCH_DEV_GUILD")
        .env("RUST_LOG", "error");
    if let Some(url) = database_url {
        cmd.env("DATABASE_URL", url);
    }
    let out = cmd.output().expect("the flagwatch binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// A database and a working directory for files, for commands that need a database.
struct Cli {
    db: TestDb,
    dir: tempfile::TempDir,
}

impl Cli {
    fn new(db: TestDb) -> Cli {
        Cli {
            db,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn run(&self, args: &[&str]) -> Run {
        flagwatch(self.dir.path(), Some(&self.db.url), args)
    }

    fn file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    fn import(&self, path: &Path, extra: &[&str]) -> Run {
        let guild = GUILD.to_string();
        let mut args = vec!["import", path.to_str().unwrap(), "--guild", &guild];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// `flagwatch export --format json` parsed, with the raw text.
    fn export_json(&self, extra: &[&str]) -> (Vec<Value>, String) {
        let guild = GUILD.to_string();
        let mut args = vec!["export", "--guild", &guild, "--format", "json"];
        args.extend_from_slice(extra);
        let run = self.run(&args);
        run.assert_code(0);
        let cases: Vec<Value> = serde_json::from_str(&run.stdout).expect("the JSON export is an array");
        (cases, run.stdout)
    }
}

fn keys_of(cases: &[Value]) -> BTreeSet<String> {
    cases.iter().map(|c| c["key"].as_str().unwrap().to_owned()).collect()
}

fn case_with_key<'a>(cases: &'a [Value], key: &str) -> &'a Value {
    cases
        .iter()
        .find(|c| c["key"] == key)
        .unwrap_or_else(|| panic!("no case {key} in {cases:#?}"))
}

/// The reason `flagwatch account` gives for rejecting `input`.
fn rejection_of(input: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let run = flagwatch(dir.path(), None, &["account", input]);
    run.assert_code(1);
    let prefix = format!("error: {input}: ");
    run.stderr
        .lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no rejection of {input:?} in {run:#?}"))
        .to_owned()
}

/// The summary line and the rejected lines (number → reason) of an import's output;
/// fails if the output has any other line, or does not name the import once.
fn import_output(run: &Run) -> (String, Vec<(u64, String)>) {
    run.assert_code(0);
    let mut summary = Vec::new();
    let mut rejected = Vec::new();
    let mut named = 0;
    for line in run.stdout_lines() {
        if line.starts_with("imported ") {
            summary.push(line.to_owned());
        } else if line.starts_with("import #") && line.contains("/queue dismiss-all source:") {
            named += 1;
        } else if let Some((no, why)) = line.strip_prefix("line ").and_then(|l| l.split_once(": ")) {
            rejected.push((no.parse().expect("a line number"), why.to_owned()));
        } else {
            panic!("unexpected output line {line:?} in {run:#?}");
        }
    }
    assert_eq!(summary.len(), 1, "one summary line: {run:#?}");
    assert_eq!(named, 1, "the import's id: {run:#?}");
    (summary.remove(0), rejected)
}

// ---------------------------------------------------------------------------------------
// account

#[test]
fn account_prints_the_key_and_canonical_url_of_each_input_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let run = flagwatch(
        dir.path(),
        None,
        &[
            "account",
            "https://twitter.com/SomeOne/status/1234567890",
            "t.me/s/ChannelName",
            "@Handle_1",
            "https://www.youtube.com/@SomeChannel/videos",
            "reddit.com/u/Spez",
            "https://m.facebook.com/John.Smith.5?ref=bookmarks",
        ],
    );
    run.assert_code(0);
    assert_eq!(
        run.stdout_lines(),
        [
            "x:someone\thttps://x.com/someone",
            "telegram:channelname\thttps://t.me/channelname",
            "x:handle_1\thttps://x.com/handle_1",
            "youtube:@somechannel\thttps://www.youtube.com/@somechannel",
            "reddit:spez\thttps://www.reddit.com/user/spez",
            "facebook:johnsmith5\thttps://www.facebook.com/johnsmith5",
        ]
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn account_reports_an_invalid_input_on_stderr_exits_1_and_still_prints_the_valid_ones() {
    let dir = tempfile::tempdir().unwrap();
    let post = "https://www.instagram.com/p/Cxyz123/";
    let run = flagwatch(
        dir.path(),
        None,
        &[
            "account",
            "x.com/first",
            post,
            "ftp://x.com/someone",
            "t.me/second_channel",
        ],
    );
    run.assert_code(1);
    assert_eq!(
        run.stdout_lines(),
        [
            "x:first\thttps://x.com/first",
            "telegram:second_channel\thttps://t.me/second_channel"
        ]
    );
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(errors.len(), 2, "{run:#?}");
    let why = errors[0]
        .strip_prefix(&format!("error: {post}: "))
        .unwrap_or_else(|| panic!("{:?} does not name the input", errors[0]));
    assert!(why.contains("post"), "the reason says it is a post link: {why:?}");
    let why = errors[1]
        .strip_prefix("error: ftp://x.com/someone: ")
        .unwrap_or_else(|| panic!("{:?} does not name the input", errors[1]));
    assert!(!why.trim().is_empty());
}

#[test]
fn account_applies_the_platform_option_to_bare_handles() {
    let dir = tempfile::tempdir().unwrap();
    let run = flagwatch(
        dir.path(),
        None,
        &["account", "--platform", "telegram", "@ChannelName", "other_channel"],
    );
    run.assert_code(0);
    assert_eq!(
        run.stdout_lines(),
        [
            "telegram:channelname\thttps://t.me/channelname",
            "telegram:other_channel\thttps://t.me/other_channel"
        ]
    );
    let run = flagwatch(dir.path(), None, &["account", "@some.user", "--platform", "instagram"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout_lines(),
        ["instagram:some.user\thttps://www.instagram.com/some.user"]
    );
}

// ---------------------------------------------------------------------------------------
// migrate and configuration

#[test]
fn migrate_creates_the_sqlite_file_named_by_database_url() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data").join("..").join("custom.db");
    std::fs::create_dir(dir.path().join("data")).unwrap();
    let url = format!("sqlite://{}", file.display());
    flagwatch(dir.path(), Some(&url), &["migrate"]).assert_code(0);
    assert!(dir.path().join("custom.db").is_file());
    // Running it again on the migrated database changes nothing and succeeds.
    flagwatch(dir.path(), Some(&url), &["migrate"]).assert_code(0);
}

#[test]
fn migrate_without_database_url_creates_flagwatch_db_in_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let run = flagwatch(dir.path(), None, &["migrate"]);
    run.assert_code(0);
    assert!(dir.path().join("flagwatch.db").is_file(), "{run:#?}");
}

#[test]
fn an_unsupported_database_url_stops_with_a_message_naming_database_url() {
    let dir = tempfile::tempdir().unwrap();
    let run = flagwatch(dir.path(), Some("mysql://x"), &["migrate"]);
    assert_ne!(run.code, Some(0), "{run:#?}");
    assert!(run.code.is_some(), "it exits, it does not crash: {run:#?}");
    assert!(run.stderr.contains("DATABASE_URL"), "{run:#?}");
    assert!(!run.stderr.contains("panicked"), "{run:#?}");
    assert!(!dir.path().join("flagwatch.db").exists());
}

// ---------------------------------------------------------------------------------------
// import (both databases)

/// A campaign list as people paste it: a comment, blank lines, the same account in
/// several URL forms, lines that are not accounts, a CRLF line and no final newline.
const PLAIN_LIST: &str = "# campaign list, from the shared sheet\n\
https://twitter.com/SomeOne/status/1234567890\n\
\n\
x.com/someone\n\
@SomeOne\n\
https://mobile.twitter.com/someone?lang=en\n\
https://t.me/ChannelName\n\
telegram.me/channelname/42\n\
https://www.instagram.com/p/Cxyz123/\n\
   \n\
ftp://x.com/someone\n\
another_one\r\n\
https://www.facebook.com/profile.php?id=100004\n\
https://x.com/home\n\
someone";

async fn import_of_a_plain_list_dedups_and_lists_each_rejected_line(db: TestDb) {
    let cli = Cli::new(db);
    let list = cli.file("list.txt", PLAIN_LIST);
    let run = cli.import(&list, &["--reason", "propaganda"]);
    let (summary, rejected) = import_output(&run);
    assert_eq!(summary, "imported 12 lines: 4 new cases, 5 merged, 3 rejected");
    let expected: Vec<(u64, String)> = [
        (9, "https://www.instagram.com/p/Cxyz123/"),
        (11, "ftp://x.com/someone"),
        (14, "https://x.com/home"),
    ]
    .into_iter()
    .map(|(no, input)| (no, rejection_of(input)))
    .collect();
    assert_eq!(rejected, expected, "each rejected line with its number and reason");

    let (cases, _) = cli.export_json(&[]);
    assert_eq!(
        keys_of(&cases),
        BTreeSet::from(
            [
                "x:someone",
                "telegram:channelname",
                "x:another_one",
                "facebook:id.100004"
            ]
            .map(String::from)
        )
    );
    let someone = case_with_key(&cases, "x:someone");
    assert_eq!(someone["report_count"], 5);
    assert_eq!(someone["reasons"], serde_json::json!(["propaganda"]));
    assert_eq!(case_with_key(&cases, "telegram:channelname")["report_count"], 2);
}

async fn importing_the_same_file_twice_opens_no_new_cases(db: TestDb) {
    let cli = Cli::new(db);
    let list = cli.file("list.txt", PLAIN_LIST);
    let (first, _) = import_output(&cli.import(&list, &[]));
    assert_eq!(first, "imported 12 lines: 4 new cases, 5 merged, 3 rejected");
    let again = cli.import(&list, &[]);
    assert!(
        again.stdout_lines().iter().any(|l| l.starts_with("import #2 ")),
        "each import has its own id: {again:#?}"
    );
    let (second, rejected) = import_output(&again);
    assert_eq!(second, "imported 12 lines: 0 new cases, 9 merged, 3 rejected");
    assert_eq!(rejected.len(), 3);
    let (cases, _) = cli.export_json(&[]);
    assert_eq!(cases.len(), 4);
    assert_eq!(case_with_key(&cases, "x:someone")["report_count"], 10);
}

/// A spreadsheet export: CRLF line ends, capitalised header, quoted fields with commas,
/// escaped quotes and a line break, an empty row, and rows that must be rejected.
const CSV_LIST: &str = "Account,Platform,Reason,Details\r\n\
\"https://x.com/CsvOne\",,propaganda,\"posts videos, daily\"\r\n\
csvone,x,recruitment,\r\n\
@channelname,telegram,,\"quoted \"\"details\"\"\"\r\n\
\"https://www.instagram.com/reel/xyz123/\",,,\r\n\
\"bare_handle\",,threat,\"two\r\nlines\"\r\n\
,x,other,no account here\r\n\
someone,,nonsense,\r\n\
someone,myspace,,\r\n\
\r\n\
https://t.me/channelname/7,,financing,\r\n";

async fn import_of_a_csv_with_an_account_column_reads_platform_reason_and_details(db: TestDb) {
    let cli = Cli::new(db);
    let csv = cli.file("list.csv", CSV_LIST);
    let run = cli.import(&csv, &[]);
    let (summary, rejected) = import_output(&run);
    assert_eq!(summary, "imported 9 lines: 3 new cases, 2 merged, 4 rejected");
    let numbers: Vec<u64> = rejected.iter().map(|(no, _)| *no).collect();
    assert_eq!(numbers, [5, 8, 9, 10], "physical line numbers: {rejected:#?}");
    assert_eq!(rejected[0].1, rejection_of("https://www.instagram.com/reel/xyz123/"));
    assert!(rejected[1].1.contains("account"), "{:?}", rejected[1]);
    assert!(rejected[2].1.contains("nonsense"), "{:?}", rejected[2]);
    assert!(rejected[3].1.contains("myspace"), "{:?}", rejected[3]);

    let (cases, _) = cli.export_json(&[]);
    assert_eq!(
        keys_of(&cases),
        BTreeSet::from(["x:csvone", "telegram:channelname", "x:bare_handle"].map(String::from))
    );
    let csvone = case_with_key(&cases, "x:csvone");
    assert_eq!(csvone["report_count"], 2);
    assert_eq!(csvone["reasons"], serde_json::json!(["propaganda", "recruitment"]));
    let channel = case_with_key(&cases, "telegram:channelname");
    assert_eq!(channel["reasons"], serde_json::json!(["financing", "other"]));
    assert_eq!(
        case_with_key(&cases, "x:bare_handle")["reasons"],
        serde_json::json!(["threat"])
    );
}

async fn import_ignores_a_byte_order_mark_in_csv_files_and_plain_lists(db: TestDb) {
    let cli = Cli::new(db);
    let csv = cli.file(
        "list.csv",
        "\u{feff}account\nhttps://x.com/bom_one\n\"@bom_two\"\nbom_one\n",
    );
    let (summary, rejected) = import_output(&cli.import(&csv, &[]));
    assert_eq!(summary, "imported 3 lines: 2 new cases, 1 merged, 0 rejected");
    assert!(rejected.is_empty());
    let plain = cli.file("list.txt", "\u{feff}https://x.com/bom_three\r\nbom_two\r\n");
    let (summary, rejected) = import_output(&cli.import(&plain, &[]));
    assert_eq!(summary, "imported 2 lines: 1 new cases, 1 merged, 0 rejected");
    assert!(rejected.is_empty(), "{rejected:?}");
    let (cases, _) = cli.export_json(&[]);
    assert_eq!(
        keys_of(&cases),
        BTreeSet::from(["x:bom_one", "x:bom_two", "x:bom_three"].map(String::from))
    );
}

/// Long enough to be written in several chunks: duplicates of accounts from an earlier
/// chunk and from the same chunk, and new accounts after them.
async fn a_long_import_spans_chunks_and_numbers_cases_in_order_of_first_appearance(db: TestDb) {
    let cli = Cli::new(db);
    let mut list = String::new();
    for i in 0..10_000 {
        list.push_str(&format!("https://x.com/user_{i}\n"));
    }
    for i in 0..4_000 {
        list.push_str(&format!("@User_{i}\n"));
    }
    for i in 10_000..12_000 {
        list.push_str(&format!("https://twitter.com/user_{i}/status/1\nx.com/USER_{i}\n"));
    }
    let path = cli.file("long.txt", &list);
    let (summary, rejected) = import_output(&cli.import(&path, &[]));
    assert_eq!(
        summary,
        "imported 18000 lines: 12000 new cases, 6000 merged, 0 rejected"
    );
    assert!(rejected.is_empty());

    let guild = GUILD.to_string();
    let run = cli.run(&["export", "--guild", &guild, "--format", "csv"]);
    run.assert_code(0);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (case, key, count) = (column("case"), column("key"), column("report_count"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 12_000);
    for row in &rows {
        let n: usize = row[case].parse().unwrap();
        assert_eq!(
            &row[key],
            format!("x:user_{}", n - 1),
            "case #{n} is the n-th account listed"
        );
        let expected = if n <= 4_000 || n > 10_000 { "2" } else { "1" };
        assert_eq!(&row[count], expected, "{row:?}");
    }
    verify(&cli).assert_code(0);
}

// ---------------------------------------------------------------------------------------
// export (both databases)

fn report(input: &str, reporter: u64, interaction: u64) -> NewReport {
    NewReport {
        guild_id: GUILD,
        key: AccountKey::parse(input, None, Platform::X).unwrap(),
        reason: ReasonCategory::Recruitment,
        details: Some("recruits, with \"quotes\", commas and\na line break".into()),
        reporter: Some(reporter),
        member_joined_at: None,
        interaction_id: Some(interaction),
        source: ReportSource::Discord,
        evidence: Vec::new(),
        at: T0,
    }
}

/// Three cases reported by members: one decided `report_now`, one `hand_off`, one pending.
async fn reported_and_decided(store: &Store) {
    let inputs = ["https://x.com/report_me", "https://t.me/held_channel", "@still_pending"];
    for (i, input) in inputs.iter().enumerate() {
        for (j, reporter) in REPORTERS.iter().enumerate() {
            store
                .file_report(report(input, *reporter, (10 * i + j) as u64 + 1))
                .await
                .unwrap();
        }
    }
    for (case_no, choice) in [(1, VoteChoice::ReportNow), (2, VoteChoice::HandOff)] {
        for moderator in 0..3 {
            store
                .cast_vote(GUILD, case_no, 700 + moderator, choice, None, T0)
                .await
                .unwrap();
        }
    }
}

#[track_caller]
fn assert_no_reporter_ids(text: &str) {
    for id in REPORTERS {
        assert!(!text.contains(&id.to_string()), "reporter id {id} exported:\n{text}");
    }
}

async fn export_json_has_one_object_per_case_and_no_reporter_ids(db: TestDb) {
    reported_and_decided(&db.store).await;
    let cli = Cli::new(db);
    let (cases, text) = cli.export_json(&[]);
    assert_eq!(cases.len(), 3);
    assert_eq!(
        keys_of(&cases),
        BTreeSet::from(["x:report_me", "telegram:held_channel", "x:still_pending"].map(String::from))
    );
    let decided = case_with_key(&cases, "x:report_me");
    assert_eq!(decided["decision"], "report_now");
    assert_eq!(decided["report_count"], 2);
    assert_eq!(decided["url"], "https://x.com/report_me");
    assert_no_reporter_ids(&text);

    let (held, text) = cli.export_json(&["--decision", "hand_off"]);
    assert_eq!(keys_of(&held), BTreeSet::from(["telegram:held_channel".to_owned()]));
    assert_no_reporter_ids(&text);

    let out = cli.dir.path().join("cases.json");
    let run = cli.run(&[
        "export",
        "--guild",
        &GUILD.to_string(),
        "--format",
        "json",
        "--decision",
        "report_now",
        "-o",
        out.to_str().unwrap(),
    ]);
    run.assert_code(0);
    assert!(!run.stdout.contains("report_me"), "-o writes to the file: {run:#?}");
    let written: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(keys_of(&written), BTreeSet::from(["x:report_me".to_owned()]));
}

async fn export_csv_has_a_header_and_one_row_per_case(db: TestDb) {
    reported_and_decided(&db.store).await;
    let cli = Cli::new(db);
    let out = cli.dir.path().join("cases.csv");
    let guild = GUILD.to_string();
    let run = cli.run(&[
        "export",
        "--guild",
        &guild,
        "--format",
        "csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    run.assert_code(0);
    let text = std::fs::read_to_string(&out).unwrap();
    assert_no_reporter_ids(&text);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let key_col = header.iter().position(|h| h == "key").expect("a key column");
    assert!(header.iter().any(|h| h == "decision"), "{header:?}");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let keys: BTreeSet<&str> = rows.iter().map(|r| &r[key_col]).collect();
    assert_eq!(
        keys,
        BTreeSet::from(["x:report_me", "telegram:held_channel", "x:still_pending"])
    );

    let run = cli.run(&["export", "--guild", &guild, "--format", "csv", "--decision", "pending"]);
    run.assert_code(0);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][key_col], "x:still_pending");
}

async fn export_stix_passes_the_oasis_validator(db: TestDb) {
    reported_and_decided(&db.store).await;
    let cli = Cli::new(db);
    let out = cli.dir.path().join("bundle.json");
    let guild = GUILD.to_string();
    let run = cli.run(&[
        "export",
        "--guild",
        &guild,
        "--format",
        "stix",
        "-o",
        out.to_str().unwrap(),
    ]);
    run.assert_code(0);
    let text = std::fs::read_to_string(&out).unwrap();
    assert_no_reporter_ids(&text);
    let bundle: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(bundle["type"], "bundle");
    let objects = bundle["objects"].as_array().unwrap();
    let count = |t: &str| objects.iter().filter(|o| o["type"] == t).count();
    assert_eq!((count("identity"), count("user-account"), count("report")), (1, 3, 3));

    crate::common::assert_valid_stix(&out);
}

// ---------------------------------------------------------------------------------------
// audit verify (both databases)

/// Some history: an import from the command line and member reports (several events).
async fn some_history(cli: &Cli) {
    let list = cli.file("list.txt", "https://x.com/imported_one\nt.me/imported_channel\n");
    import_output(&cli.import(&list, &[]));
    reported_and_decided(&cli.db.store).await;
}

fn verify(cli: &Cli) -> Run {
    cli.run(&["audit", "verify"])
}

async fn audit_verify_passes_on_an_untouched_database(db: TestDb) {
    let cli = Cli::new(db);
    verify(&cli).assert_code(0);
    some_history(&cli).await;
    verify(&cli).assert_code(0);
    cli.run(&["audit", "verify", "--guild", &GUILD.to_string()])
        .assert_code(0);
}

async fn audit_verify_names_an_edited_event(db: TestDb) {
    let cli = Cli::new(db);
    some_history(&cli).await;
    let raw = cli.db.raw().await;
    raw.execute(sqlx::AssertSqlSafe(format!(
        "UPDATE audit_events SET payload = '{{\"lines\":1000}}' WHERE guild_id = {} AND seq = 3",
        GUILD as i64
    )))
    .await
    .unwrap();
    let run = verify(&cli);
    run.assert_code(1);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(said.contains("at event 3:"), "{run:#?}");
    let run = cli.run(&["audit", "verify", "--guild", &GUILD.to_string()]);
    run.assert_code(1);
}

async fn audit_verify_names_a_deleted_event(db: TestDb) {
    let cli = Cli::new(db);
    some_history(&cli).await;
    let raw = cli.db.raw().await;
    raw.execute(sqlx::AssertSqlSafe(format!(
        "DELETE FROM audit_events WHERE guild_id = {} AND seq = 4",
        GUILD as i64
    )))
    .await
    .unwrap();
    let run = verify(&cli);
    run.assert_code(1);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(said.contains("event 4"), "names the missing event: {run:#?}");
}

async fn audit_verify_notices_that_the_last_event_was_deleted(db: TestDb) {
    let cli = Cli::new(db);
    some_history(&cli).await;
    let raw = cli.db.raw().await;
    let guild = GUILD as i64;
    raw.execute(sqlx::AssertSqlSafe(format!(
        "DELETE FROM audit_events WHERE guild_id = {guild} \
         AND seq = (SELECT MAX(seq) FROM audit_events WHERE guild_id = {guild})"
    )))
    .await
    .unwrap();
    let run = verify(&cli);
    run.assert_code(1);
    assert!(
        format!("{}{}", run.stdout, run.stderr).contains(" at event "),
        "{run:#?}"
    );
}

/// An operator with database access deletes the last events and rewrites the head so the
/// chain looks whole: only a head witnessed outside the database shows it.
async fn audit_verify_with_a_witnessed_head_catches_a_truncated_tail(db: TestDb) {
    let cli = Cli::new(db);
    some_history(&cli).await;
    let printed = cli.run(&["audit", "head", "--guild", &GUILD.to_string()]);
    printed.assert_code(0);
    let head = printed.stdout.trim().split('\t').nth(1).unwrap().to_owned();
    let guild = GUILD.to_string();
    cli.run(&["audit", "verify", "--guild", &guild, "--expect", &head])
        .assert_code(0);
    let raw = cli.db.raw().await;
    let g = GUILD as i64;
    raw.execute(sqlx::AssertSqlSafe(format!(
        "DELETE FROM audit_events WHERE guild_id = {g} AND seq = (SELECT MAX(seq) FROM audit_events WHERE guild_id = {g})"
    )))
    .await
    .unwrap();
    raw.execute(sqlx::AssertSqlSafe(format!(
        "UPDATE audit_heads SET seq = (SELECT MAX(seq) FROM audit_events WHERE guild_id = {g}), \
         hash = (SELECT hash FROM audit_events WHERE guild_id = {g} ORDER BY seq DESC LIMIT 1) WHERE guild_id = {g}"
    )))
    .await
    .unwrap();
    verify(&cli).assert_code(0);
    let caught = cli.run(&["audit", "verify", "--guild", &guild, "--expect", &head]);
    caught.assert_code(1);
    assert!(caught.stdout.contains("no longer in the database"), "{caught:#?}");
    let malformed = cli.run(&["audit", "verify", "--guild", &guild, "--expect", "12:nothex"]);
    assert_eq!(malformed.code, Some(2), "{malformed:#?}");
}

/// A liaison's agency and reference are typed text: in a CSV export a spreadsheet would
/// run them as formulas unless neutralised.
async fn export_csv_neutralises_formula_cells(db: TestDb) {
    reported_and_decided(&db.store).await;
    let liaison = flagwatch::domain::audit::Actor::Member(42);
    db.store
        .record_referral(
            GUILD,
            2,
            &liaison,
            "=HYPERLINK(\"http://evil.example\",\"open\")",
            "@SUM(1+1)",
            T0,
        )
        .await
        .unwrap();
    let cli = Cli::new(db);
    let out = cli.dir.path().join("cases.csv");
    let guild = GUILD.to_string();
    cli.run(&[
        "export",
        "--guild",
        &guild,
        "--format",
        "csv",
        "-o",
        out.to_str().unwrap(),
    ])
    .assert_code(0);
    let text = std::fs::read_to_string(&out).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let held: Vec<csv::StringRecord> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| r[col("decision")] == *"hand_off")
        .collect();
    assert_eq!(&held[0][col("agency")], "'=HYPERLINK(\"http://evil.example\",\"open\")");
    assert_eq!(&held[0][col("reference")], "'@SUM(1+1)");
    for row in &held {
        assert!(
            row.iter().all(|cell| !cell.starts_with(['=', '+', '-', '@'])),
            "{row:?}"
        );
    }
}

on_both_databases!(
    import_of_a_plain_list_dedups_and_lists_each_rejected_line,
    importing_the_same_file_twice_opens_no_new_cases,
    import_of_a_csv_with_an_account_column_reads_platform_reason_and_details,
    import_ignores_a_byte_order_mark_in_csv_files_and_plain_lists,
    a_long_import_spans_chunks_and_numbers_cases_in_order_of_first_appearance,
    export_json_has_one_object_per_case_and_no_reporter_ids,
    export_csv_has_a_header_and_one_row_per_case,
    export_stix_passes_the_oasis_validator,
    audit_verify_passes_on_an_untouched_database,
    audit_verify_names_an_edited_event,
    audit_verify_names_a_deleted_event,
    audit_verify_notices_that_the_last_event_was_deleted,
    audit_verify_with_a_witnessed_head_catches_a_truncated_tail,
    export_csv_neutralises_formula_cells,
);

/// The README's first command: the demo plays its story against the simulator, in English
/// and in another language, and Discord never has to rate-limit the bot.
#[test]
fn the_demo_plays_its_story_offline_in_each_language() {
    let dir = tempfile::tempdir().unwrap();
    for (language, heading) in [("en", "flagwatch status board"), ("fr", "Tableau de bord flagwatch")] {
        let run = flagwatch(dir.path(), None, &["demo", "--language", language]);
        run.assert_code(0);
        assert!(run.stdout.contains(heading), "{language}: {}", run.stdout);
        assert!(
            run.stdout.ends_with("0 were rate-limited.\n"),
            "{language}: {}",
            run.stdout
        );
    }
}
