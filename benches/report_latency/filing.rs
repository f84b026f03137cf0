//! What the store alone takes to file a report, at the steady phase's rate: each a new
//! account's report by one of 1,000 members over the bench's servers, under the default
//! intake limit, through `Store::file_report_within` (the path `/report` takes, with its
//! batch writer), on a fresh SQLite file and a fresh PostgreSQL database. Between the
//! one-row commit ([`super::floor`]) and the whole answer through Discord, this shows how
//! much of flagwatch's time is its own statements, with no simulator or gateway in the way.

use std::path::Path;
use std::time::{Duration, Instant};

use flagwatch::domain::account::{AccountKey, Platform};
use flagwatch::domain::intake::IntakePolicy;
use flagwatch::domain::reason::ReasonCategory;
use flagwatch::domain::time::Millis;
use flagwatch::store::{NewReport, ReportSource, Store};

use super::world::{drop_postgres, fresh_postgres, MEMBERS_PER_SERVER, SERVERS};

/// As `/setup` leaves it: 10 reports per member per 10 minutes.
const POLICY: IntakePolicy = IntakePolicy {
    limit: 10,
    window: Duration::from_secs(600),
    min_membership: Duration::ZERO,
};

/// Filing times on a fresh SQLite file in `dir`, sorted.
pub async fn sqlite(dir: &Path, rate: u64, total: usize) -> anyhow::Result<Vec<Duration>> {
    let url = format!("sqlite://{}?mode=rwc", dir.join("filing.db").display());
    filings(&Store::open(&url).await?, rate, total).await
}

/// Filing times on a fresh database of the PostgreSQL server of `admin`, sorted.
pub async fn postgres(admin: &str, rate: u64, total: usize) -> anyhow::Result<Vec<Duration>> {
    let (url, name) = fresh_postgres(admin).await?;
    let measured = async {
        let store = Store::open(&url).await?;
        let times = filings(&store, rate, total).await;
        store.close().await;
        times
    }
    .await;
    drop_postgres(admin, &name).await?;
    measured
}

/// `total` reports, one every `1 / rate` s, each timed from the call to its answer.
async fn filings(store: &Store, rate: u64, total: usize) -> anyhow::Result<Vec<Duration>> {
    let interval = Duration::from_secs(1) / u32::try_from(rate)?;
    let members = u64::try_from(SERVERS * MEMBERS_PER_SERVER)?;
    let start = Instant::now();
    let mut times = Vec::with_capacity(total);
    for i in 0..total {
        tokio::time::sleep_until((start + interval * u32::try_from(i)?).into()).await;
        let n = u64::try_from(i)?;
        let report = NewReport {
            guild_id: 1_000 + n % u64::try_from(SERVERS)?,
            key: AccountKey::parse(&format!("x.com/filing_{i}"), None, Platform::X)?,
            reason: ReasonCategory::Propaganda,
            details: None,
            reporter: Some(10_000 + n % members),
            member_joined_at: None,
            interaction_id: Some(1_000_000 + n),
            source: ReportSource::Discord,
            evidence: Vec::new(),
            at: Millis(chrono::Utc::now().timestamp_millis()),
        };
        let began = Instant::now();
        store.file_report_within(report, POLICY).await?;
        times.push(began.elapsed());
    }
    times.sort();
    Ok(times)
}
