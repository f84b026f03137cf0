//! `/report` acknowledgement latency and throughput (issue 9, "Performance"): flagwatch
//! against a no-op poise bot, in one run, printed side by side.
//!
//! `cargo bench --bench report_latency` measures these configurations in [`ROUNDS`]
//! rounds, each configuration in turn within a round (`report_latency/rounds.rs` says why
//! and how the rounds are summed up), each time on a fresh simulator (REST and gateway
//! over loopback) with the same 4 servers on 2 shards and 250 members each:
//! 1. the no-op poise bot (`report_latency/noop_bot.rs`), one process;
//! 2. `flagwatch run`, one process on a fresh SQLite file;
//! 3. `flagwatch run`, one process on a fresh PostgreSQL database (both shards);
//! 4. `flagwatch run`, two processes on a fresh PostgreSQL database (`FLAGWATCH_SHARDS`
//!    `0/2` and `1/2`).
//!
//! With `BENCH_BOT_CPU` (e.g. `0.3`, needs root) each bot process gets at most that many
//! CPUs (`report_latency/cpu_limit.rs`), as on a machine of its own. With `BENCH_BOT_LOG`
//! (a `RUST_LOG` filter) each flagwatch process logs to a file named on standard error.
//!
//! Rows 3 and 4 need `BENCH_POSTGRES`, an admin URL such as
//! `postgres://flagwatch@127.0.0.1:55433/postgres` (a database is created per round and
//! dropped after it); without it they are skipped with a note.
//!
//! Each round of a configuration is a warm-up of [`WARM_UP`] reports, then [`STEADY_RATE`]
//! reports per second for its share of [`STEADY`], then a pause, then [`BURST`] reports at
//! once, spread over the
//! servers, each by another member. Measured per report: the time from dispatching
//! INTERACTION_CREATE to the bot's first callback (the simulator's `answered_after`), and
//! the time to the answer saying the report is filed (the same, unless the bot deferred);
//! per burst, reports answered per second from the first dispatch to the last answer,
//! and how busy the machine's CPUs were meanwhile.
//!
//! First, the floor under every durable answer on this machine (`report_latency/floor.rs`):
//! one-row commits alone through sqlx at the steady rate, on SQLite and (with
//! `BENCH_POSTGRES`) PostgreSQL, so that a run shows how much of a steady tail is the
//! disk's; then reports filed by the store alone at that rate (`report_latency/filing.rs`),
//! which shows how much is flagwatch's statements, without Discord.

#[path = "report_latency/cpu_limit.rs"]
mod cpu_limit;
#[path = "report_latency/filing.rs"]
mod filing;
#[path = "report_latency/floor.rs"]
mod floor;
#[path = "report_latency/load.rs"]
mod load;
#[path = "report_latency/noop_bot.rs"]
mod noop_bot;
#[path = "report_latency/rounds.rs"]
mod rounds;
#[path = "report_latency/world.rs"]
mod world;

use std::time::Duration;

use load::Phase;
use rounds::{ratio, Figure, Rounds};
use world::{Bot, Processes, World, MEMBERS_PER_SERVER, SERVERS};

/// Reports per second in the steady phase.
const STEADY_RATE: u64 = 200;
/// How long the steady phase lasts in all rounds together (issue 9 says 30 s; 15 s keeps
/// the whole run at a few minutes, and 3,000 reports give a stable p99).
const STEADY: Duration = Duration::from_secs(15);
/// How many times each configuration runs, taking turns with the others (`rounds.rs`).
const ROUNDS: u64 = 3;
/// Reports dispatched at once.
const BURST: usize = 1_000;
/// Reports filed before measuring (connections, caches and prepared statements warm up).
const WARM_UP: usize = 100;
/// Quiet time between the steady phase and the burst.
const PAUSE: Duration = Duration::from_secs(2);

const STEADY_REPORTS: usize = (STEADY_RATE * STEADY.as_secs()) as usize;
/// A round's steady reports; every round starts on a world of its own.
const ROUND_REPORTS: usize = STEADY_REPORTS / ROUNDS as usize;
const MEMBERS: usize = SERVERS * MEMBERS_PER_SERVER;
// One report per member in the burst, and at most flagwatch's default intake limit (10 per
// member per 10 minutes) in the whole run, so no report is refused.
const _: () = assert!(BURST <= MEMBERS);
const _: () = assert!((WARM_UP + ROUND_REPORTS + BURST).div_ceil(MEMBERS) <= 10);

/// The configurations, in the order they run.
const CONFIGURATIONS: [(&str, Bot); 4] = [
    ("no-op poise bot, 1 process", Bot::Noop),
    ("flagwatch, SQLite, 1 process", Bot::Sqlite),
    ("flagwatch, PostgreSQL, 1 process", Bot::Postgres(&[None])),
    (
        "flagwatch, PostgreSQL, 2 processes",
        Bot::Postgres(&[Some("0/2"), Some("1/2")]),
    ),
];

struct Row {
    name: &'static str,
    bot: Bot,
    rounds: Rounds,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    if let Some(api_base) = noop_bot::requested() {
        return noop_bot::run(&api_base).await;
    }
    let postgres = std::env::var("BENCH_POSTGRES").ok().filter(|v| !v.trim().is_empty());
    println!(
        "/report: {STEADY_RATE}/s for {} s ({STEADY_REPORTS} reports), then {BURST} at once; \
         {SERVERS} servers on {} shards, {MEMBERS} members",
        STEADY.as_secs(),
        world::SHARDS
    );
    if let Some(cpus) = cpu_limit::requested()? {
        println!("each bot process limited to {cpus} CPU (BENCH_BOT_CPU), as on a small machine of its own");
    }
    eprintln!("measuring durable commits and the store's filing alone…");
    let floors = measure_floors(postgres.as_deref()).await?;
    let (mut rows, skipped): (Vec<_>, Vec<_>) = CONFIGURATIONS
        .into_iter()
        .map(|(name, bot)| Row {
            name,
            bot,
            rounds: Rounds::default(),
        })
        .partition(|r| postgres.is_some() || !matches!(r.bot, Bot::Postgres(_)));
    for round in 1..=ROUNDS {
        for row in &mut rows {
            eprintln!("round {round} of {ROUNDS}: measuring {}…", row.name);
            let (steady, burst) = measure(row.bot, postgres.as_deref()).await?;
            row.rounds.push(steady, burst);
        }
    }
    print_figures(&rows);
    print_ratios(&rows);
    print_floors(&floors, &rows);
    for Row { name, .. } in skipped {
        println!("\nskipped {name}: set BENCH_POSTGRES to an admin URL such as postgres://user@host:port/postgres");
    }
    Ok(())
}

/// One configuration on a world of its own: warm-up, steady phase, pause, burst.
async fn measure(bot: Bot, postgres: Option<&str>) -> anyhow::Result<(Phase, Phase)> {
    let world = World::start().await?;
    let processes = Processes::start(bot, &world, postgres).await?;
    let measured = async {
        load::steady(&world, "warm", STEADY_RATE, WARM_UP).await?;
        let steady = load::steady(&world, "steady", STEADY_RATE, ROUND_REPORTS).await?;
        tokio::time::sleep(PAUSE).await;
        let burst = load::burst(&world, "burst", BURST).await?;
        anyhow::Ok((steady, burst))
    }
    .await;
    processes.stop().await?;
    measured
}

/// Commit times alone ([`floor`]), then the store's filing times ([`filing`]), on each
/// database, sorted.
async fn measure_floors(postgres: Option<&str>) -> anyhow::Result<Vec<(&'static str, Vec<Duration>)>> {
    let dir = tempfile::tempdir()?;
    let mut floors = vec![(
        "one-row commit alone, SQLite (WAL, synchronous FULL)",
        floor::sqlite(dir.path(), STEADY_RATE, STEADY_REPORTS).await?,
    )];
    if let Some(admin) = postgres {
        let commits = floor::postgres(admin, STEADY_RATE, STEADY_REPORTS).await?;
        floors.push(("one-row commit alone, PostgreSQL", commits));
    }
    floors.push((
        "a report filed by the store alone, SQLite",
        filing::sqlite(dir.path(), STEADY_RATE, STEADY_REPORTS).await?,
    ));
    if let Some(admin) = postgres {
        let filings = filing::postgres(admin, STEADY_RATE, STEADY_REPORTS).await?;
        floors.push(("a report filed by the store alone, PostgreSQL", filings));
    }
    Ok(floors)
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn print_figures(rows: &[Row]) {
    println!();
    println!(
        "| configuration ({ROUNDS} rounds: steady pooled, bursts their median) | steady p50 | steady p99 | \
         burst p50 | burst p99 | burst filed p99 | burst reports/s | deferred (steady / burst) | burst ≤ 3 s | \
         burst CPU busy |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        let f = |figure| r.rounds.overall(figure);
        let (steady_deferred, burst_deferred) = r.rounds.deferred();
        println!(
            "| {} | {} | {} | {:.1} ms | {:.1} ms | {:.1} ms | {:.0} | {steady_deferred} / {burst_deferred} | {:.1} % | {} |",
            r.name,
            ms(r.rounds.steady_at(0.50)),
            ms(r.rounds.steady_at(0.99)),
            f(Figure::BurstP50),
            f(Figure::BurstP99),
            f(Figure::BurstFiledP99),
            f(Figure::BurstPerSecond),
            f(Figure::BurstWithinDeadline),
            cpu_busy(f(Figure::BurstCpuBusy)),
        );
    }
}

/// A share of CPU time in percent, or `n/a` where `/proc/stat` could not be read.
fn cpu_busy(percent: f64) -> String {
    if percent.is_nan() {
        "n/a".to_owned()
    } else {
        format!("{percent:.0} %")
    }
}

/// The no-op bot's row, which every ratio is taken against.
fn noop_row(rows: &[Row]) -> Option<&Row> {
    rows.iter().find(|r| matches!(r.bot, Bot::Noop))
}

fn print_ratios(rows: &[Row]) {
    let Some(noop) = noop_row(rows) else {
        return;
    };
    println!();
    println!(
        "| against the no-op bot (targets: p99 ≤ 1.5×), overall (least–greatest round) | steady p99 | \
         burst p99 | burst filed p99 | burst reports/s |"
    );
    println!("|---|---|---|---|---|");
    for r in rows.iter().filter(|r| !matches!(r.bot, Bot::Noop)) {
        let against = |figure| ratio(&r.rounds, &noop.rounds, figure);
        println!(
            "| {} | {} | {} | {} | {} |",
            r.name,
            against(Figure::SteadyP99),
            against(Figure::BurstP99),
            against(Figure::BurstFiledP99),
            against(Figure::BurstPerSecond)
        );
    }
    let postgres = |processes: usize| {
        rows.iter()
            .find(|r| matches!(r.bot, Bot::Postgres(p) if p.len() == processes))
    };
    if let (Some(one), Some(two)) = (postgres(1), postgres(2)) {
        println!(
            "\nPostgreSQL burst throughput, 2 processes / 1 process: {} (target ≥ 1.6×)",
            ratio(&two.rounds, &one.rounds, Figure::BurstPerSecond)
        );
    }
}

/// The floors, and each one's p99 against the no-op bot's steady p99: where a commit's
/// is already above 1.5×, no answer given after a durable commit can meet the steady
/// target in this run.
fn print_floors(floors: &[(&str, Vec<Duration>)], rows: &[Row]) {
    let noop = noop_row(rows).map(|r| r.rounds.steady_at(0.99));
    println!();
    println!(
        "| without Discord, {STEADY_RATE}/s for {} s (under every answer) | p50 | p99 | max | \
         p99 against the no-op bot's steady p99 |",
        STEADY.as_secs()
    );
    println!("|---|---|---|---|---|");
    for (name, times) in floors {
        let p99 = load::quantile(times, 0.99);
        println!(
            "| {name} | {} | {} | {} | {} |",
            ms(load::quantile(times, 0.50)),
            ms(p99),
            ms(load::quantile(times, 1.0)),
            noop.map_or("n/a".to_owned(), |n| format!(
                "{:.2}×",
                p99.as_secs_f64() / n.as_secs_f64()
            ))
        );
    }
}
