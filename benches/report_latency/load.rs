//! The load (`/report`s at a steady rate, or all at once) and what is measured of it.

use std::time::{Duration, Instant};

use anyhow::ensure;
use chrono::{DateTime, Utc};
use flagwatch::simulator::{InteractionRef, Opt, Reply};

use super::world::World;

/// How long to wait for the answers of a phase, after its last report.
const PATIENCE: Duration = Duration::from_secs(120);
/// Discord drops an interaction whose first answer comes later than this.
const DISCORD_DEADLINE: Duration = Duration::from_secs(3);

/// What one phase measured.
pub struct Phase {
    /// Time from dispatching INTERACTION_CREATE to the bot's first callback, sorted.
    pub first: Vec<Duration>,
    /// Time to the answer that says the report is filed: the first callback, or for a
    /// deferred ("thinking…") answer the follow-up or edit that replaced it; sorted.
    pub answered: Vec<Duration>,
    /// Answers that were deferred first.
    pub deferred: usize,
    /// From the first dispatch to the last answer.
    pub span: Duration,
    /// Share of the machine's CPU time that was busy (not idle) over the phase, in
    /// percent, from `/proc/stat`; `None` where that cannot be read. Near 100 % the
    /// phase is bound by the machine, and a second process cannot add capacity.
    pub cpu_busy: Option<f64>,
}

impl Phase {
    pub fn first_at(&self, q: f64) -> Duration {
        quantile(&self.first, q)
    }

    pub fn answered_at(&self, q: f64) -> Duration {
        quantile(&self.answered, q)
    }

    /// Reports answered per second, from the first dispatch to the last answer.
    pub fn per_second(&self) -> f64 {
        self.answered.len() as f64 / self.span.as_secs_f64()
    }

    /// Share of first answers within Discord's 3 s, in percent.
    pub fn within_deadline(&self) -> f64 {
        let within = self.first.iter().filter(|d| **d <= DISCORD_DEADLINE).count();
        100.0 * within as f64 / self.first.len() as f64
    }
}

/// Nearest-rank quantile of sorted durations.
pub fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// A dispatched `/report` and when the bench saw it leave.
struct Sent {
    interaction: InteractionRef,
    at: DateTime<Utc>,
}

/// `total` reports, one every `1 / rate` s, each by the next reporter; `tag` makes the
/// accounts unique (one new case per report).
pub async fn steady(world: &World, tag: &str, rate: u64, total: usize) -> anyhow::Result<Phase> {
    let interval = Duration::from_secs(1) / u32::try_from(rate)?;
    let start = Instant::now();
    let first = Utc::now();
    let mut sent = Vec::with_capacity(total);
    for i in 0..total {
        tokio::time::sleep_until((start + interval * u32::try_from(i)?).into()).await;
        sent.push(report(world, &format!("{tag}{i}"))?);
    }
    collect(world, sent, first).await
}

/// `total` reports dispatched at once (as fast as the simulator takes them), each by
/// another member.
pub async fn burst(world: &World, tag: &str, total: usize) -> anyhow::Result<Phase> {
    let before = cpu_times();
    let first = Utc::now();
    let sent = (0..total)
        .map(|i| report(world, &format!("{tag}{i}")))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut phase = collect(world, sent, first).await?;
    phase.cpu_busy = before.zip(cpu_times()).map(|(a, b)| a.busy_percent_until(b));
    Ok(phase)
}

/// The machine's CPU time so far, in clock ticks: all of it, and the idle part.
#[derive(Clone, Copy)]
struct CpuTimes {
    total: u64,
    idle: u64,
}

impl CpuTimes {
    fn busy_percent_until(self, later: CpuTimes) -> f64 {
        let total = later.total.saturating_sub(self.total).max(1);
        let idle = later.idle.saturating_sub(self.idle);
        100.0 * (total.saturating_sub(idle)) as f64 / total as f64
    }
}

/// `/proc/stat`'s first line: `cpu user nice system idle iowait irq softirq steal …`.
fn cpu_times() -> Option<CpuTimes> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().next()?.strip_prefix("cpu ")?;
    let ticks: Vec<u64> = line.split_whitespace().filter_map(|t| t.parse().ok()).collect();
    let idle = ticks.get(3)? + ticks.get(4).copied().unwrap_or(0);
    // guest and guest_nice (9th and 10th) are already counted in user and nice.
    let total = ticks.iter().take(8).sum();
    Some(CpuTimes { total, idle })
}

fn report(world: &World, handle: &str) -> anyhow::Result<Sent> {
    let (channel, who) = world.next_reporter();
    let options = vec![
        Opt::string("account", format!("x.com/{handle}")),
        Opt::string("reason", "propaganda"),
    ];
    let interaction = world.sim.slash(channel, who, "report", options)?;
    Ok(Sent {
        interaction,
        at: Utc::now(),
    })
}

/// Wait for every answer, check it is a private acknowledgement, and time it.
async fn collect(world: &World, sent: Vec<Sent>, first: DateTime<Utc>) -> anyhow::Result<Phase> {
    let mut phase = Phase {
        first: Vec::with_capacity(sent.len()),
        answered: Vec::with_capacity(sent.len()),
        deferred: 0,
        span: Duration::ZERO,
        cpu_busy: None,
    };
    let mut last = first;
    for s in &sent {
        let reply = world.sim.wait_reply(&s.interaction, PATIENCE).await?;
        ensure!(
            reply.ephemeral && reply.content.starts_with("Thank you"),
            "a report was not acknowledged: {reply:?}"
        );
        let answered = answered_after(&reply, s.at);
        last = last.max(s.at + chrono::TimeDelta::from_std(answered)?);
        phase.first.push(reply.answered_after);
        phase.answered.push(answered);
        if reply.callback_type == 5 {
            phase.deferred += 1;
        }
    }
    phase.first.sort();
    phase.answered.sort();
    phase.span = (last - first).to_std()?;
    Ok(phase)
}

/// When the member saw the filed answer: the first callback itself, or the message that
/// replaced a deferred one (its edit or creation time in the simulator).
fn answered_after(reply: &Reply, sent: DateTime<Utc>) -> Duration {
    if reply.callback_type != 5 {
        return reply.answered_after;
    }
    let shown = reply
        .message
        .as_ref()
        .map(|m| m.edited_at.unwrap_or(m.created_at))
        .unwrap_or(sent);
    (shown - sent).to_std().unwrap_or(reply.answered_after)
}
