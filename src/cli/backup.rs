//! `flagwatch backup` and `flagwatch restore`, for SQLite (PostgreSQL has `pg_dump` and
//! `pg_restore`, see the README). A backup is a consistent copy taken while the bot runs,
//! and counts only once its audit chains verify; a restore verifies the copy first and
//! never replaces a database file some process has open.

use std::path::{Path, PathBuf};
use std::str::FromStr as _;

use anyhow::Context as _;
use sqlx::sqlite::SqliteConnectOptions;

use super::Outcome;
use crate::config::Config;
use crate::store::{sqlite_file_in_use, AuditFailure, Store};

const POSTGRES: &str = "flagwatch backup and restore copy SQLite databases; for PostgreSQL use \
     pg_dump --format=custom --file=flagwatch.dump \"$DATABASE_URL\" and pg_restore (see the README)";

/// The file of a SQLite `DATABASE_URL`; an error naming `pg_dump` for PostgreSQL.
pub(super) fn sqlite_file(config: &Config) -> anyhow::Result<PathBuf> {
    if !config.database_url.starts_with("sqlite:") {
        anyhow::bail!(POSTGRES);
    }
    let options = SqliteConnectOptions::from_str(&config.database_url).context("DATABASE_URL")?;
    Ok(options.get_filename().to_owned())
}

fn url_of(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// Write a consistent copy of the database to `to` (a new file), then verify its chains.
pub async fn backup(config: &Config, to: &Path) -> anyhow::Result<Outcome> {
    sqlite_file(config)?;
    if to.exists() {
        anyhow::bail!("{} exists already: a backup goes to a new file", to.display());
    }
    let store = Store::connect(&config.database_url).await?;
    store.backup_into(to).await?;
    store.close().await;
    let copy = Store::connect(&url_of(to)).await?;
    let verified = copy.verify_audit(None).await?;
    let heads = copy.audit_heads(None).await?;
    copy.close().await;
    match verified {
        Ok(events) => {
            println!("backup written to {}: {events} audit events verified", to.display());
            for (guild, head) in heads {
                println!("{guild}\t{head}");
            }
            Ok(Outcome::Success)
        }
        Err(failure) => {
            broken(to, &failure);
            Ok(Outcome::Failure)
        }
    }
}

fn broken(copy: &Path, failure: &AuditFailure) {
    println!(
        "the copy at {} does not verify: audit log broken in server {} at event {}: {} (run flagwatch audit verify on the live database)",
        copy.display(),
        failure.guild_id,
        failure.broken.seq,
        failure.broken.problem
    );
}

/// Put the backup `from` in place of `DATABASE_URL`'s file: copied next to it, migrated
/// and verified there, then renamed in. The database it replaces is kept beside it.
pub async fn restore(config: &Config, from: &Path) -> anyhow::Result<Outcome> {
    let target = sqlite_file(config)?;
    if !from.is_file() {
        anyhow::bail!("no backup at {}", from.display());
    }
    if target.exists() && sqlite_file_in_use(&target).await? {
        println!(
            "refused: {} is in use (a running flagwatch, or another program has it open); stop it first",
            target.display()
        );
        return Ok(Outcome::Failure);
    }
    let staged = sibling(&target, "restoring");
    remove_trio(&staged)?;
    std::fs::copy(from, &staged).with_context(|| format!("cannot copy {} next to the database", from.display()))?;
    let copy = Store::open(&url_of(&staged)).await?;
    let verified = copy.verify_audit(None).await?;
    copy.close().await;
    if let Err(failure) = verified {
        broken(from, &failure);
        remove_trio(&staged)?;
        return Ok(Outcome::Failure);
    }
    if target.exists() {
        // Checked again just before the swap: a bot may have started meanwhile.
        if sqlite_file_in_use(&target).await? {
            remove_trio(&staged)?;
            println!("refused: {} came into use; stop what opened it first", target.display());
            return Ok(Outcome::Failure);
        }
        let aside = sibling(
            &target,
            &format!("before-restore-{}", chrono::Utc::now().format("%Y%m%dT%H%M%SZ")),
        );
        move_trio(&target, &aside)?;
        println!("the database it replaces is kept at {}", aside.display());
    }
    move_trio(&staged, &target)?;
    println!("restored {} to {}", from.display(), target.display());
    Ok(Outcome::Success)
}

/// `<file>.<suffix>` in the same directory (so a rename is atomic).
fn sibling(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(format!(".{suffix}"));
    PathBuf::from(name)
}

/// A SQLite database is its file and, in WAL mode, `-wal` and `-shm` beside it: they move
/// together or not at all.
fn trio(file: &Path) -> [PathBuf; 3] {
    let with = |end: &str| {
        let mut name = file.as_os_str().to_owned();
        name.push(end);
        PathBuf::from(name)
    };
    [file.to_owned(), with("-wal"), with("-shm")]
}

fn move_trio(from: &Path, to: &Path) -> anyhow::Result<()> {
    for (a, b) in trio(from).iter().zip(trio(to).iter()) {
        if a.exists() {
            std::fs::rename(a, b).with_context(|| format!("cannot move {} to {}", a.display(), b.display()))?;
        }
    }
    Ok(())
}

fn remove_trio(file: &Path) -> anyhow::Result<()> {
    for f in trio(file) {
        if f.exists() {
            std::fs::remove_file(&f).with_context(|| format!("cannot remove {}", f.display()))?;
        }
    }
    Ok(())
}
