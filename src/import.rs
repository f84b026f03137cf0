//! Bulk import, shared by `flagwatch import` and `/import`: a list of accounts (one per
//! line, or CSV with an `account` column) streamed into a server's cases in constant
//! memory.
//!
//! Reading and parsing run on their own thread and hand over batches through a bounded
//! channel, so parsing the next lines overlaps writing the previous ones to the
//! database, and memory stays bounded by the channel and the importer's chunk.

use std::borrow::Cow;
use std::io::{BufRead, Cursor, Read};

use anyhow::Context;
use tokio::sync::mpsc;

use crate::domain::account::{AccountKey, AccountKeyError, Platform};
use crate::domain::audit::Actor;
use crate::domain::names::UnknownName;
use crate::domain::reason::ReasonCategory;
use crate::domain::time::Millis;
use crate::store::{ImportLine, ImportSummary, Importer, Store};

/// Records handed over at a time: enough to make the hand-over cost nothing per line.
const BATCH: usize = 1_024;
/// Batches parsed ahead of the database. Parsing is several times faster than writing,
/// so a short queue keeps the writer busy; a longer one only holds memory.
const BATCHES_AHEAD: usize = 2;

/// What an import reports while it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// A line was refused, and why.
    Rejected { line_no: u64, why: Rejection },
    /// Totals so far, after each batch.
    Counted(ImportSummary),
}

/// Why a line was refused, as facts: the command line and `/import` word it
/// (`discord::render::rejections::import_line`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// The line (or CSV row) names no account.
    NoAccount,
    /// The account or its platform column could not be read.
    Account(AccountKeyError),
    /// The reason column names no reason.
    Reason(UnknownName),
}

/// One input record before validation, borrowing from the line or CSV row.
struct Record<'a> {
    line_no: u64,
    account: &'a str,
    platform: Option<&'a str>,
    reason: Option<&'a str>,
    details: Option<&'a str>,
}

/// A validated record.
enum Parsed {
    Accepted(ImportLine),
    Rejected { line_no: u64, why: Rejection },
}

/// What the import thread reads the file with.
struct Parser {
    default_reason: ReasonCategory,
    default_platform: Platform,
    batch: Vec<Parsed>,
    out: mpsc::Sender<anyhow::Result<Vec<Parsed>>>,
}

/// The receiving side went away (the import failed): stop reading.
struct Stopped;

/// Import everything `reader` holds into `guild`'s cases. New cases enter the review
/// queue. Lines with a bare handle use the server's default platform; lines without a
/// reason get `reason`.
pub async fn import(
    store: &Store,
    reader: impl BufRead + Send + 'static,
    guild: u64,
    actor: Actor,
    reason: ReasonCategory,
    now: Millis,
    mut on_progress: impl FnMut(Progress),
) -> anyhow::Result<ImportSummary> {
    let default_platform = store.guild_settings(guild, now).await?.default_platform;
    let mut importer = Importer::new(store, guild, actor, now).await?;
    let (out, mut batches) = mpsc::channel(BATCHES_AHEAD);
    let parser = Parser {
        default_reason: reason,
        default_platform,
        batch: Vec::with_capacity(BATCH),
        out,
    };
    std::thread::Builder::new()
        .name("import-parser".into())
        .spawn(move || parser.parse_all(reader))
        .context("cannot start the import thread")?;
    while let Some(batch) = batches.recv().await {
        for parsed in batch? {
            match parsed {
                Parsed::Accepted(line) => importer.accept(line).await?,
                Parsed::Rejected { line_no, why } => {
                    importer.reject();
                    on_progress(Progress::Rejected { line_no, why });
                }
            }
        }
        on_progress(Progress::Counted(importer.summary()));
    }
    let summary = importer.finish().await?;
    store.queue_changed(guild, now).await?;
    Ok(summary)
}

impl Parser {
    /// Read everything, handing batches over; a read error is handed over too.
    fn parse_all(mut self, reader: impl BufRead) {
        match self.read(reader) {
            Ok(()) => {
                let last = std::mem::take(&mut self.batch);
                if !last.is_empty() {
                    let _ = self.out.blocking_send(Ok(last));
                }
            }
            Err(ReadError::Failed(e)) => {
                let _ = self.out.blocking_send(Err(e));
            }
            Err(ReadError::Stopped) => {}
        }
    }

    fn read(&mut self, mut reader: impl BufRead) -> Result<(), ReadError> {
        let mut first = Vec::new();
        reader.read_until(b'\n', &mut first).context("cannot read the file")?;
        // Spreadsheets save UTF-8 with a byte order mark.
        if first.starts_with(b"\xEF\xBB\xBF") {
            first.drain(..3);
        }
        let is_csv = has_account_column(&first);
        let first_line_ends_with_crlf = first.ends_with(b"\r\n");
        let rest = Cursor::new(first).chain(reader);
        if is_csv {
            // The csv crate counts a CRLF-terminated header one line short; say physical lines.
            let header_crlf = u64::from(first_line_ends_with_crlf);
            self.csv_records(rest, header_crlf)
        } else {
            self.line_records(rest)
        }
    }

    fn push(&mut self, record: Record<'_>) -> Result<(), Stopped> {
        let parsed = match validate(&record, self.default_reason, self.default_platform) {
            Ok(line) => Parsed::Accepted(line),
            Err(why) => Parsed::Rejected {
                line_no: record.line_no,
                why,
            },
        };
        self.batch.push(parsed);
        if self.batch.len() >= BATCH {
            let full = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
            self.out.blocking_send(Ok(full)).map_err(|_| Stopped)?;
        }
        Ok(())
    }

    /// Non-blank, non-comment lines, numbered from 1.
    fn line_records(&mut self, mut reader: impl BufRead) -> Result<(), ReadError> {
        let mut buf = Vec::with_capacity(256);
        let mut line_no = 0;
        loop {
            buf.clear();
            if reader.read_until(b'\n', &mut buf).context("cannot read the file")? == 0 {
                return Ok(());
            }
            line_no += 1;
            let text = String::from_utf8_lossy(&buf);
            let account = text.trim();
            if account.is_empty() || account.starts_with('#') {
                continue;
            }
            self.push(Record {
                line_no,
                account,
                platform: None,
                reason: None,
                details: None,
            })?;
        }
    }

    /// CSV rows with their `account` and optional `platform`, `reason`, `details` columns.
    fn csv_records(&mut self, reader: impl Read, line_offset: u64) -> Result<(), ReadError> {
        let mut csv = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(reader);
        let headers: Vec<String> = csv
            .byte_headers()
            .context("cannot read the CSV header")?
            .iter()
            .map(|h| String::from_utf8_lossy(h).to_ascii_lowercase())
            .collect();
        let column = |name: &str| headers.iter().position(|h| h == name);
        let columns = [
            column("account"),
            column("platform"),
            column("reason"),
            column("details"),
        ];
        let mut row = csv::ByteRecord::new();
        while csv.read_byte_record(&mut row).context("cannot read the CSV file")? {
            if row.iter().all(<[u8]>::is_empty) {
                continue;
            }
            let [account, platform, reason, details]: [Option<Cow<'_, str>>; 4] = columns.map(|i| {
                i.and_then(|i| row.get(i))
                    .filter(|v| !v.is_empty())
                    .map(String::from_utf8_lossy)
            });
            let line_no = row.position().map_or(0, |p| p.line()) + line_offset;
            self.push(Record {
                line_no,
                account: account.as_deref().unwrap_or_default(),
                platform: platform.as_deref(),
                reason: reason.as_deref(),
                details: details.as_deref(),
            })?;
        }
        Ok(())
    }
}

/// Why reading stopped early.
enum ReadError {
    Failed(anyhow::Error),
    Stopped,
}

impl From<anyhow::Error> for ReadError {
    fn from(e: anyhow::Error) -> Self {
        ReadError::Failed(e)
    }
}

impl From<Stopped> for ReadError {
    fn from(_: Stopped) -> Self {
        ReadError::Stopped
    }
}

/// Whether the first line is a CSV header with an `account` column.
fn has_account_column(first: &[u8]) -> bool {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(first);
    let Some(Ok(record)) = reader.byte_records().next() else {
        return false;
    };
    record
        .iter()
        .any(|name| String::from_utf8_lossy(name).trim().eq_ignore_ascii_case("account"))
}

fn validate(
    record: &Record<'_>,
    default_reason: ReasonCategory,
    default_platform: Platform,
) -> Result<ImportLine, Rejection> {
    if record.account.is_empty() {
        return Err(Rejection::NoAccount);
    }
    let platform = record
        .platform
        .map(str::parse::<Platform>)
        .transpose()
        .map_err(Rejection::Account)?;
    let key = AccountKey::parse(record.account, platform, default_platform).map_err(Rejection::Account)?;
    let reason = record
        .reason
        .map_or(Ok(default_reason), str::parse)
        .map_err(Rejection::Reason)?;
    Ok(ImportLine {
        key,
        reason,
        details: record.details.map(str::to_owned),
    })
}
