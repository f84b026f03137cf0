//! Export formats for handing cases to agencies: JSON, CSV and a STIX 2.1 bundle.
//! Pure formatting over [`CaseExport`]s; reporter identities are never part of them.

mod csv_rows;
mod json;
mod stix;

pub use stix::feed_object;

use std::io::Write;
use std::str::FromStr;

use crate::domain::time::Millis;
use crate::store::CaseExport;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Stix,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Stix => "stix",
        }
    }

    /// The file name extension of an export in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json | Format::Stix => "json",
            Format::Csv => "csv",
        }
    }
}

/// A format name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not an export format: use json, csv or stix")]
pub struct UnknownFormat(String);

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            "stix" | "stix2" | "stix2.1" => Ok(Format::Stix),
            _ => Err(UnknownFormat(s.chars().take(40).collect())),
        }
    }
}

/// Write `cases` of server `guild_id` in `format`; `now` stamps the STIX objects.
pub fn write(
    format: Format,
    guild_id: u64,
    cases: &[CaseExport],
    now: Millis,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match format {
        Format::Json => json::write(cases, out),
        Format::Csv => csv_rows::write(cases, out),
        Format::Stix => stix::write(guild_id, cases, now, out),
    }
}
