//! `flagwatch import`: stream a list of accounts (one per line, or CSV with an
//! `account` column) into a server's cases, in constant memory.

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use super::{now, Outcome};
use crate::domain::account::{AccountKey, Platform};
use crate::domain::audit::Actor;
use crate::domain::reason::ReasonCategory;
use crate::store::{ImportLine, Importer, Store};

/// One input record before validation.
struct Record {
    line_no: u64,
    account: String,
    platform: Option<String>,
    reason: Option<String>,
    details: Option<String>,
}

pub async fn run(store: &Store, path: &Path, guild: u64, reason: ReasonCategory) -> anyhow::Result<Outcome> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let progress = progress_bar(size);
    let mut reader = BufReader::with_capacity(1 << 16, progress.wrap_read(file));
    let default_platform = store.guild_settings(guild, now()).await?.default_platform;
    let mut importer = Importer::new(store, guild, Actor::Cli, now()).await?;
    let mut first = Vec::new();
    reader.read_until(b'\n', &mut first).context("cannot read the file")?;
    let header = csv_header(&first);
    let rest = Cursor::new(first).chain(reader);
    let records: Box<dyn Iterator<Item = anyhow::Result<Record>>> = match header {
        Some(_) => Box::new(csv_records(rest)?),
        None => Box::new(line_records(rest)),
    };
    for record in records {
        accept(&mut importer, record?, reason, default_platform, &progress).await?;
    }
    let summary = importer.finish().await?;
    progress.finish_and_clear();
    println!(
        "imported {} lines: {} new cases, {} merged, {} rejected",
        summary.lines, summary.new_cases, summary.merged, summary.rejected
    );
    Ok(Outcome::Success)
}

fn progress_bar(size: u64) -> ProgressBar {
    let bar = ProgressBar::new(size);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} ({eta} left)") {
        bar.set_style(style);
    }
    bar
}

/// The column names if the first line is a CSV header with an `account` column.
fn csv_header(first: &[u8]) -> Option<csv::StringRecord> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(first);
    let record = reader.records().next()?.ok()?;
    let names: csv::StringRecord = record.iter().map(|n| n.trim().to_ascii_lowercase()).collect();
    names.iter().any(|n| n == "account").then_some(names)
}

/// Non-blank, non-comment lines, numbered from 1.
fn line_records<R: Read>(reader: R) -> impl Iterator<Item = anyhow::Result<Record>> {
    BufReader::new(reader).split(b'\n').enumerate().filter_map(|(i, line)| {
        let line = match line.context("cannot read the file") {
            Ok(line) => line,
            Err(e) => return Some(Err(e)),
        };
        let text = String::from_utf8_lossy(&line);
        let account = text.trim();
        let blank = account.is_empty() || account.starts_with('#');
        let record = Record {
            line_no: i as u64 + 1,
            account: account.to_owned(),
            platform: None,
            reason: None,
            details: None,
        };
        (!blank).then_some(Ok(record))
    })
}

/// CSV rows with their `account` and optional `platform`, `reason`, `details` columns.
fn csv_records<R: Read>(reader: R) -> anyhow::Result<impl Iterator<Item = anyhow::Result<Record>>> {
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(reader);
    let headers: Vec<String> = csv
        .headers()
        .context("cannot read the CSV header")?
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let columns = [
        column("account"),
        column("platform"),
        column("reason"),
        column("details"),
    ];
    Ok(csv.into_records().filter_map(move |row| {
        let row = match row.context("cannot read the CSV file") {
            Ok(row) => row,
            Err(e) => return Some(Err(e)),
        };
        if row.iter().all(str::is_empty) {
            return None;
        }
        let field = |i: Option<usize>| i.and_then(|i| row.get(i)).filter(|v| !v.is_empty()).map(str::to_owned);
        let [account, platform, reason, details] = columns.map(field);
        let line_no = row.position().map_or(0, |p| p.line());
        Some(Ok(Record {
            line_no,
            account: account.unwrap_or_default(),
            platform,
            reason,
            details,
        }))
    }))
}

async fn accept(
    importer: &mut Importer,
    record: Record,
    default_reason: ReasonCategory,
    default_platform: Platform,
    progress: &ProgressBar,
) -> anyhow::Result<()> {
    match validate(&record, default_reason, default_platform) {
        Ok(line) => importer.accept(line).await?,
        Err(why) => {
            importer.reject();
            progress.suspend(|| println!("line {}: {why}", record.line_no));
        }
    }
    Ok(())
}

fn validate(record: &Record, default_reason: ReasonCategory, default_platform: Platform) -> Result<ImportLine, String> {
    if record.account.is_empty() {
        return Err("the account column is empty".into());
    }
    let platform = record
        .platform
        .as_deref()
        .map(str::parse::<Platform>)
        .transpose()
        .map_err(|e| e.to_string())?;
    let key = AccountKey::parse(&record.account, platform, default_platform).map_err(|e| e.to_string())?;
    let reason = record
        .reason
        .as_deref()
        .map_or(Ok(default_reason), str::parse)
        .map_err(|e: crate::domain::reason::UnknownReason| e.to_string())?;
    Ok(ImportLine {
        key,
        reason,
        details: record.details.clone(),
    })
}
