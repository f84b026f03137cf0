//! `/report` acknowledgement latency of the real bot against the simulator on loopback.
//!
//! `cargo bench --bench report_latency` prints:
//! - p50/p99 of the time from dispatching INTERACTION_CREATE to the bot's first callback,
//!   at 200 reports per second for 30 s (6,000 reports by 1,000 members);
//! - the share of 1,000 simultaneous `/report`s answered within Discord's 3 s.
//!
//! The database is a fresh SQLite file; set `BENCH_DATABASE_URL` to use another.

use std::time::{Duration, Instant};

use flagwatch::clock::Clock;
use flagwatch::demo::community::Community;
use flagwatch::domain::time::Millis;
use flagwatch::simulator::{Opt, SimConfig, UserRef};
use flagwatch::store::Store;

const RATE_PER_SECOND: u64 = 200;
const SECONDS: u64 = 30;
const BURST: usize = 1_000;
const MEMBERS: usize = 1_000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.path().join("bench.db").display()));
    let store = Store::open(&url).await?;
    let clock = Clock::manual(Millis(chrono::Utc::now().timestamp_millis()));
    let c = Community::start(store, clock, SimConfig::default()).await?;
    c.setup(vec![]).await?;
    let long_ago = chrono::Utc::now() - chrono::TimeDelta::days(30);
    let members: Vec<UserRef> = (0..MEMBERS)
        .map(|i| c.sim.add_member(c.guild, &format!("volunteer{i}"), &[], long_ago))
        .collect();

    let steady = steady_rate(&c, &members).await?;
    report("steady 200/s for 30 s", &steady);
    let burst = burst(&c, &members).await?;
    report("1,000 simultaneous", &burst);
    c.shutdown().await
}

/// First-callback latencies of `/report`s dispatched at a fixed rate.
async fn steady_rate(c: &Community, members: &[UserRef]) -> anyhow::Result<Vec<Duration>> {
    let total = RATE_PER_SECOND * SECONDS;
    let interval = Duration::from_micros(1_000_000 / RATE_PER_SECOND);
    let start = Instant::now();
    let mut pending = Vec::new();
    for i in 0..total {
        tokio::time::sleep_until((start + interval * i as u32).into()).await;
        let who = members[i as usize % members.len()];
        let options = vec![
            Opt::string("account", format!("x.com/steady{i}")),
            Opt::string("reason", "propaganda"),
        ];
        pending.push(c.sim.slash(c.general, who, "report", options)?);
    }
    collect(c, pending).await
}

async fn burst(c: &Community, members: &[UserRef]) -> anyhow::Result<Vec<Duration>> {
    let mut pending = Vec::new();
    for (i, &who) in members.iter().cycle().take(BURST).enumerate() {
        let options = vec![
            Opt::string("account", format!("t.me/burst_{i:05}")),
            Opt::string("reason", "threat"),
        ];
        pending.push(c.sim.slash(c.general, who, "report", options)?);
    }
    collect(c, pending).await
}

async fn collect(c: &Community, pending: Vec<flagwatch::simulator::InteractionRef>) -> anyhow::Result<Vec<Duration>> {
    let mut latencies = Vec::with_capacity(pending.len());
    for interaction in pending {
        let reply = c.sim.wait_reply(&interaction, Duration::from_secs(60)).await?;
        latencies.push(reply.answered_after);
    }
    Ok(latencies)
}

fn report(name: &str, latencies: &[Duration]) {
    let mut sorted = latencies.to_vec();
    sorted.sort();
    let at = |q: f64| sorted[((sorted.len() as f64 - 1.0) * q).round() as usize];
    let within = sorted.iter().filter(|d| **d <= Duration::from_secs(3)).count();
    println!(
        "{name}: {} reports, first answer p50 {:?}, p99 {:?}, max {:?}; answered within 3 s: {:.2} %",
        sorted.len(),
        at(0.50),
        at(0.99),
        sorted[sorted.len() - 1],
        100.0 * within as f64 / sorted.len() as f64
    );
}
