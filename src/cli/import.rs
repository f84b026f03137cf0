//! `flagwatch import`: a file into a server's cases, with a progress bar on a terminal.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use super::{now, Outcome};
use crate::discord::render::rejections;
use crate::domain::audit::Actor;
use crate::domain::language::Language;
use crate::domain::reason::ReasonCategory;
use crate::import::{import, Progress};
use crate::store::Store;

pub async fn run(store: &Store, path: &Path, guild: u64, reason: ReasonCategory) -> anyhow::Result<Outcome> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let progress = progress_bar(size);
    let reader = BufReader::with_capacity(1 << 16, progress.wrap_read(file));
    let summary = import(store, reader, guild, Actor::Cli, reason, now(), |event| {
        if let Progress::Rejected { line_no, why } = event {
            progress.suspend(|| println!("line {line_no}: {}", rejections::import_line(&why, Language::English)));
        }
    })
    .await?;
    progress.finish_and_clear();
    println!(
        "imported {} lines: {} new cases, {} merged, {} rejected",
        summary.lines, summary.new_cases, summary.merged, summary.rejected
    );
    println!(
        "import #{} (its queued cases can be dismissed at once with /queue dismiss-all source:{})",
        summary.import_id, summary.import_id
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
