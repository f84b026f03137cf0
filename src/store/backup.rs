//! Copies of a SQLite database: `VACUUM INTO` writes one consistent snapshot while the
//! bot keeps writing (a read transaction in WAL mode blocks no writer), and a probe tells
//! whether any process has a database file open before a restore replaces it.

use std::path::Path;

use sqlx::sqlite::{SqliteConnectOptions, SqliteLockingMode};
use sqlx::{ConnectOptions as _, Connection as _};

use super::{named, Result, Store, StoreError};

impl Store {
    /// Write a consistent copy of this SQLite database to `path`, which must not exist.
    pub async fn backup_into(&self, path: &Path) -> Result<()> {
        let target = path
            .to_str()
            .ok_or_else(|| StoreError::Corrupt(format!("the path {} is not UTF-8", path.display())))?;
        self.op("backup_into", async {
            sqlx::query("VACUUM INTO $1").bind(target).execute(&self.pool).await?;
            Ok(())
        })
        .await
    }
}

/// Whether some connection (a running bot, an import) has the SQLite database at `path`
/// open: in WAL mode, any open connection keeps another from taking the file exclusively.
pub async fn sqlite_file_in_use(path: &Path) -> Result<bool> {
    named("sqlite_file_in_use", async {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(false)
            .locking_mode(SqliteLockingMode::Exclusive)
            .busy_timeout(std::time::Duration::ZERO);
        let mut probe = options.connect().await?;
        let taken = async {
            sqlx::query("BEGIN EXCLUSIVE").execute(&mut probe).await?;
            sqlx::query("SELECT COUNT(*) FROM sqlite_master")
                .fetch_one(&mut probe)
                .await?;
            sqlx::query("COMMIT").execute(&mut probe).await?;
            Ok::<_, sqlx::Error>(())
        }
        .await;
        let _ = probe.close().await;
        match taken {
            Ok(()) => Ok(false),
            Err(sqlx::Error::Database(e)) if is_busy(e.code().as_deref()) => Ok(true),
            Err(e) => Err(e.into()),
        }
    })
    .await
}

/// SQLITE_BUSY or SQLITE_LOCKED, in any of their extended forms.
fn is_busy(code: Option<&str>) -> bool {
    code.and_then(|c| c.parse::<i32>().ok())
        .is_some_and(|c| matches!(c & 0xff, 5 | 6))
}
