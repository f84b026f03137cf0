//! The public status page of a server with 10,000 cases (issue 14: under 50 ms from the
//! database): `cargo bench --bench public_page`.
//!
//! Seeds a fresh SQLite file through the store's real paths — `import` of 10,000 accounts,
//! an admin's report-now decision of every case (`Store::override_decision`, one
//! transaction each, decisions spread over the last 30 days), a moderator's suspension of
//! every fourth — turns the page on, serves the page's real router on loopback and times
//! [`REQUESTS`] sequential GETs of each route on one keep-alive connection after
//! [`WARM_UP`] unmeasured ones, plus the read model alone (`Store::public_page`): the list
//! (page 1 and page 50 of 75, 100 accounts each), a case, two charts and the feed. Prints
//! median, p95 and max per route. Figures, not a test: nothing fails on a slow machine.

use std::time::{Duration, Instant};

use anyhow::Context as _;
use flagwatch::clock::Clock;
use flagwatch::domain::audit::Actor;
use flagwatch::domain::reason::ReasonCategory;
use flagwatch::domain::status::Observed;
use flagwatch::domain::time::Millis;
use flagwatch::domain::vote::VoteChoice;
use flagwatch::store::{SettingsChange, Store};

const CASES: i64 = 10_000;
const GUILD: u64 = 1;
const MODERATOR: u64 = 42;
const WARM_UP: usize = 20;
const REQUESTS: usize = 200;
const DAY_MS: i64 = 86_400_000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("page.db").display());
    let store = Store::open(&url).await?;
    let now = Millis(chrono::Utc::now().timestamp_millis());
    let started = Instant::now();
    let slug = seed(&store, now).await?;
    println!(
        "seeded {CASES} report-now cases in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let app = flagwatch::web::router(store.clone(), Clock::manual(now));
    tokio::spawn(async move { axum::serve(listener, app).await });
    let client = reqwest::Client::new();

    println!(
        "{:<28} {:>9} {:>9} {:>9} {:>10}",
        "route", "median", "p95", "max", "bytes"
    );
    let read_model = time(|| async {
        store.public_page(&slug, 1, now).await?.context("no page")?;
        Ok(0)
    })
    .await?;
    report("read model (no HTTP)", &read_model);
    for path in [
        "/",
        "/?page=50",
        "/case/1",
        "/chart/activity.svg",
        "/chart/status.svg",
        "/feed.xml",
    ] {
        let url = format!("{base}/{slug}{path}");
        let samples = time(|| async {
            let r = client.get(&url).send().await?.error_for_status()?;
            Ok(r.bytes().await?.len())
        })
        .await?;
        report(path, &samples);
    }
    store.close().await;
    Ok(())
}

/// 10,000 imported accounts decided report-now over 30 days, every fourth suspended;
/// the page's slug.
async fn seed(store: &Store, now: Millis) -> anyhow::Result<String> {
    let list: String = (1..=CASES).map(|i| format!("x.com/bench{i}\n")).collect();
    let reader = std::io::Cursor::new(list.into_bytes());
    flagwatch::import::import(
        store,
        reader,
        GUILD,
        Actor::Cli,
        ReasonCategory::Propaganda,
        Millis(now.0 - 31 * DAY_MS),
        |_| {},
    )
    .await?;
    for n in 1..=CASES {
        let at = Millis(now.0 - (n % 30) * DAY_MS);
        store
            .override_decision(GUILD, n, &Actor::Cli, VoteChoice::ReportNow, "benchmark", at)
            .await?;
        if n % 4 == 0 {
            store
                .observe(
                    GUILD,
                    n,
                    MODERATOR,
                    true,
                    Observed::LooksSuspended,
                    Millis(at.0 + DAY_MS / 2),
                )
                .await?;
        }
    }
    let on = SettingsChange {
        public_page: Some(true),
        ..SettingsChange::default()
    };
    store.update_settings(GUILD, &Actor::Cli, &on, now).await?;
    store.public_slug_of(GUILD).await?.context("the page is on")
}

/// [`REQUESTS`] timings of `f` after [`WARM_UP`] untimed calls, with the size it returned.
async fn time<F, Fut>(f: F) -> anyhow::Result<(Vec<Duration>, usize)>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<usize>>,
{
    for _ in 0..WARM_UP {
        f().await?;
    }
    let mut samples = Vec::with_capacity(REQUESTS);
    let mut bytes = 0;
    for _ in 0..REQUESTS {
        let start = Instant::now();
        bytes = f().await?;
        samples.push(start.elapsed());
    }
    samples.sort();
    Ok((samples, bytes))
}

fn report(name: &str, (samples, bytes): &(Vec<Duration>, usize)) {
    let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize];
    println!(
        "{name:<28} {:>9} {:>9} {:>9} {bytes:>10}",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0))
    );
}
