//! `flagwatch export`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;

use super::{now, Outcome};
use crate::domain::audit::Actor;
use crate::domain::case::Decision;
use crate::export::{self, Format};
use crate::store::Store;

pub async fn run(
    store: &Store,
    guild: u64,
    format: Format,
    decision: Option<Decision>,
    output: Option<&Path>,
) -> anyhow::Result<Outcome> {
    let at = now();
    let cases = store.export_cases(guild, decision).await?;
    let mut out: Box<dyn Write> = match output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    export::write(format, guild, &cases, at, &mut out)?;
    out.flush().context("cannot write the export")?;
    store
        .record_export(guild, &Actor::Cli, format.as_str(), decision, cases.len(), at)
        .await?;
    if let Some(path) = output {
        eprintln!("exported {} cases to {}", cases.len(), path.display());
    }
    Ok(Outcome::Success)
}
