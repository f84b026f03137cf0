//! The least a durable answer takes on this machine: one-row commits alone, at the steady
//! phase's rate, through sqlx on a fresh SQLite file (WAL, `synchronous` FULL, as
//! flagwatch's) and on a fresh PostgreSQL database. Every `/report` answer waits for such a
//! commit, so these are a floor under flagwatch's figures, and their tail is the disk's
//! (its `fsync`), not any bot's.

use std::path::Path;
use std::time::{Duration, Instant};

use sqlx::{AnyConnection, Connection, Executor};

use super::world::{drop_postgres, fresh_postgres};

/// One 300-byte row per commit, about a report's.
const ROW: usize = 300;

/// Commit times on a fresh SQLite file in `dir`, sorted.
pub async fn sqlite(dir: &Path, rate: u64, total: usize) -> anyhow::Result<Vec<Duration>> {
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=rwc", dir.join("floor.db").display());
    let mut conn = AnyConnection::connect(&url).await?;
    conn.execute("PRAGMA journal_mode = WAL").await?;
    commits(&mut conn, rate, total).await
}

/// Commit times on a fresh database of the PostgreSQL server of `admin`, sorted.
pub async fn postgres(admin: &str, rate: u64, total: usize) -> anyhow::Result<Vec<Duration>> {
    let (url, name) = fresh_postgres(admin).await?;
    let measured = async {
        let mut conn = AnyConnection::connect(&url).await?;
        let times = commits(&mut conn, rate, total).await;
        conn.close().await?;
        times
    }
    .await;
    drop_postgres(admin, &name).await?;
    measured
}

/// `total` commits of one row each, one every `1 / rate` s, timed from `BEGIN` to the end
/// of `COMMIT`.
async fn commits(conn: &mut AnyConnection, rate: u64, total: usize) -> anyhow::Result<Vec<Duration>> {
    conn.execute("CREATE TABLE floor (id BIGINT PRIMARY KEY, body TEXT NOT NULL)")
        .await?;
    let body = "x".repeat(ROW);
    let interval = Duration::from_secs(1) / u32::try_from(rate)?;
    let start = Instant::now();
    let mut times = Vec::with_capacity(total);
    for i in 0..total {
        tokio::time::sleep_until((start + interval * u32::try_from(i)?).into()).await;
        let began = Instant::now();
        let mut tx = conn.begin().await?;
        sqlx::query("INSERT INTO floor (id, body) VALUES ($1, $2)")
            .bind(i64::try_from(i)?)
            .bind(&body)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        times.push(began.elapsed());
    }
    times.sort();
    Ok(times)
}
