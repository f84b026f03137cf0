//! The schema's migrations, embedded in the binary. They are listed here rather than
//! read by `sqlx::migrate!`, whose proc-macro builds a second copy of sqlx and SQLite
//! for the compiler; sqlx's checksums are the same either way, so existing databases
//! migrate on as before.

use std::borrow::Cow;

use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::SqlSafeStr as _;

use super::Backend;

/// Each migration's version and file (`migrations/<backend>/<file>.sql`); sqlx records
/// the part of the name after the version as its description.
macro_rules! migrations {
    ($backend:literal: $($version:literal $file:literal),* $(,)?) => {
        vec![$(Migration::new(
            $version,
            Cow::Borrowed($file.split_once('_').map_or($file, |(_, name)| name)),
            MigrationType::Simple,
            sqlx::AssertSqlSafe(include_str!(concat!("../../migrations/", $backend, "/", $file, ".sql"))).into_sql_str(),
            false,
        )),*]
    };
}

/// The migrator for `backend`. It takes the database's migration lock (an advisory lock
/// on PostgreSQL), so processes starting at once migrate one after the other.
pub(super) fn migrator(backend: Backend) -> Migrator {
    Migrator::with_migrations(match backend {
        Backend::Sqlite => migrations!("sqlite": 1 "0001_foundation", 2 "0002_discord", 3 "0003_coordination",
            4 "0004_outbox_pacing", 5 "0005_round_note", 6 "0006_outbox_failed", 7 "0007_audit_hash_version",
            8 "0008_pseudonyms", 9 "0009_outbox_leases", 10 "0010_taxii", 11 "0011_lookup_indexes", 12 "0012_campaign", 13 "0013_case_keys", 14 "0014_tlp_markings", 15 "0015_mute", 16 "0016_case_merge", 17 "0017_rechecks_imports", 18 "0018_public_page", 19 "0019_languages", 21 "0021_weekly_digest", 22 "0022_public_page_order", 23 "0023_feed_account_keys"),
        Backend::Postgres => migrations!("postgres": 1 "0001_foundation", 2 "0002_discord", 3 "0003_coordination",
            4 "0004_outbox_pacing", 5 "0005_round_note", 6 "0006_outbox_failed", 7 "0007_audit_hash_version",
            8 "0008_pseudonyms", 9 "0009_outbox_leases", 10 "0010_taxii", 11 "0011_lookup_indexes", 12 "0012_campaign", 13 "0013_case_keys", 14 "0014_tlp_markings", 15 "0015_mute", 16 "0016_case_merge", 17 "0017_rechecks_imports", 18 "0018_public_page", 19 "0019_languages", 21 "0021_weekly_digest", 22 "0022_public_page_order", 23 "0023_feed_account_keys"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A migration file added to the folder but not to the list would never run.
    #[test]
    fn every_migration_file_is_listed() {
        for (backend, dir) in [(Backend::Sqlite, "sqlite"), (Backend::Postgres, "postgres")] {
            let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("migrations")
                .join(dir);
            let files = std::fs::read_dir(folder).map(|d| d.count()).unwrap_or(0);
            assert!(files > 0);
            assert_eq!(migrator(backend).iter().count(), files, "{dir}");
        }
    }
}
