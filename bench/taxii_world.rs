//! What `bench/taxii.sh` needs besides the flagwatch binary (`cargo run --example
//! taxii_world -- …`):
//!
//! - `decide <database-url> <guild>`: decide every pending case of `guild` report-now
//!   through the store's real decision path (`Store::override_decision`, an admin's
//!   direct decision: one transaction per case that writes the case, its audit event and
//!   the `report-now` collection entries, exactly as a decision from Discord does), and
//!   print how many it decided;
//! - `discord`: start the Discord simulator with one server, print `<api base> <token>`
//!   on one line, and serve until standard input closes, so `flagwatch run` (which needs
//!   a gateway) can start against it.

use std::io::Read as _;

use anyhow::{bail, Context as _};
use flagwatch::domain::audit::Actor;
use flagwatch::domain::case::Decision;
use flagwatch::domain::time::Millis;
use flagwatch::domain::vote::VoteChoice;
use flagwatch::simulator::{SimConfig, Simulator};
use flagwatch::store::Store;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["decide", url, guild] => decide(url, guild.parse().context("guild is not a number")?).await,
        ["discord"] => discord().await,
        _ => bail!("usage: taxii_world decide <database-url> <guild> | taxii_world discord"),
    }
}

async fn decide(url: &str, guild: u64) -> anyhow::Result<()> {
    let store = Store::open(url).await?;
    let pending: Vec<i64> = store
        .export_cases(guild, Some(Decision::Pending))
        .await?
        .into_iter()
        .map(|c| c.case.case_no)
        .collect();
    let at = Millis(chrono::Utc::now().timestamp_millis());
    for &case_no in &pending {
        store
            .override_decision(guild, case_no, &Actor::Cli, VoteChoice::ReportNow, "benchmark", at)
            .await?;
    }
    store.close().await;
    println!("decided {} cases report-now", pending.len());
    Ok(())
}

async fn discord() -> anyhow::Result<()> {
    let sim = Simulator::start(SimConfig::default()).await?;
    sim.add_guild("bench");
    println!("{} {}", sim.api_base(), sim.token());
    // Serve until the script closes our standard input.
    tokio::task::spawn_blocking(|| std::io::stdin().read_to_end(&mut Vec::new())).await??;
    Ok(())
}
