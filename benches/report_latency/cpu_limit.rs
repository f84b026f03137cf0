//! `BENCH_BOT_CPU`: give each bot process at most this many CPUs (e.g. `0.3`), as if each
//! ran on a small machine of its own, with PostgreSQL and the simulator on the rest. On a
//! machine of two cores, where one unlimited process keeps both busy, this is how to see
//! whether a second process adds capacity (each process confined to its own Linux cgroup,
//! v1 `cpu` hierarchy or v2; needs root).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

/// The CFS period the quota is a share of.
const PERIOD_US: u64 = 100_000;

/// The limit asked for, if any.
pub fn requested() -> anyhow::Result<Option<f64>> {
    let Ok(value) = std::env::var("BENCH_BOT_CPU") else {
        return Ok(None);
    };
    let cpus: f64 = value
        .trim()
        .parse()
        .with_context(|| format!("BENCH_BOT_CPU must be a number of CPUs such as 0.3, got {value:?}"))?;
    if !(0.01..=64.0).contains(&cpus) {
        bail!("BENCH_BOT_CPU must be between 0.01 and 64, got {cpus}");
    }
    Ok(Some(cpus))
}

/// Put process `pid` (all its threads) in a new cgroup limited to `cpus`; the cgroup's
/// directory, to remove once the process ended.
pub fn confine(pid: u32, cpus: f64) -> anyhow::Result<PathBuf> {
    let quota = (cpus * PERIOD_US as f64).round() as u64;
    let name = format!("flagwatch-bench-{pid}");
    let v1 = Path::new("/sys/fs/cgroup/cpu");
    let (dir, limits) = if v1.join("cpu.cfs_quota_us").exists() {
        let dir = v1.join(name);
        let limits = vec![
            ("cpu.cfs_period_us", PERIOD_US.to_string()),
            ("cpu.cfs_quota_us", quota.to_string()),
        ];
        (dir, limits)
    } else if std::fs::read_to_string("/sys/fs/cgroup/cgroup.controllers").is_ok_and(|c| c.contains("cpu")) {
        let dir = Path::new("/sys/fs/cgroup").join(name);
        (dir, vec![("cpu.max", format!("{quota} {PERIOD_US}"))])
    } else {
        bail!("BENCH_BOT_CPU needs a cgroup cpu controller (/sys/fs/cgroup/cpu or cgroup v2 with cpu)");
    };
    std::fs::create_dir(&dir).with_context(|| format!("creating {} (run as root)", dir.display()))?;
    for (file, value) in limits {
        std::fs::write(dir.join(file), value).with_context(|| format!("writing {file}"))?;
    }
    std::fs::write(dir.join("cgroup.procs"), pid.to_string()).context("moving the bot into its cgroup")?;
    Ok(dir)
}

/// Remove a cgroup made by [`confine`] whose process has ended.
pub fn release(dir: &Path) {
    if let Err(e) = std::fs::remove_dir(dir) {
        eprintln!("could not remove {}: {e}", dir.display());
    }
}
