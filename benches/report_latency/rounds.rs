//! A configuration's rounds, summed up. On a shared machine the no-op bot's own steady p99
//! moved from 0.8 to 8 ms between runs minutes apart, so a ratio of two phases measured
//! minutes apart read mostly the machine. The configurations therefore take turns, round
//! after round; a configuration's steady answers are pooled over its rounds, a burst
//! figure is the median of its rounds, and each ratio also shows its spread over the
//! rounds, where both sides ran within a minute of each other.

use std::time::Duration;

use super::load::{quantile, Phase};

/// One configuration's phases, round by round.
#[derive(Default)]
pub struct Rounds {
    steady: Vec<Phase>,
    bursts: Vec<Phase>,
}

impl Rounds {
    pub fn push(&mut self, steady: Phase, burst: Phase) {
        self.steady.push(steady);
        self.bursts.push(burst);
    }

    /// The steady phases' times to the first callback, pooled over the rounds, at
    /// quantile `q`.
    pub fn steady_at(&self, q: f64) -> Duration {
        let mut pooled: Vec<Duration> = self.steady.iter().flat_map(|p| &p.first).copied().collect();
        pooled.sort();
        quantile(&pooled, q)
    }

    /// Answers deferred, in the steady phases and in the bursts.
    pub fn deferred(&self) -> (usize, usize) {
        let sum = |phases: &[Phase]| phases.iter().map(|p| p.deferred).sum();
        (sum(&self.steady), sum(&self.bursts))
    }

    /// Each round's value of `figure`.
    pub fn per_round(&self, figure: Figure) -> Vec<f64> {
        self.steady
            .iter()
            .zip(&self.bursts)
            .map(|(s, b)| figure.of(s, b))
            .collect()
    }

    /// `figure` over all rounds: pooled for the steady phase, else the rounds' median.
    pub fn overall(&self, figure: Figure) -> f64 {
        match figure {
            Figure::SteadyP99 => millis(self.steady_at(0.99)),
            _ => median(self.per_round(figure)),
        }
    }
}

/// A figure of one round.
#[derive(Clone, Copy)]
pub enum Figure {
    SteadyP99,
    BurstP50,
    BurstP99,
    BurstFiledP99,
    BurstPerSecond,
    BurstWithinDeadline,
    BurstCpuBusy,
}

impl Figure {
    fn of(self, steady: &Phase, burst: &Phase) -> f64 {
        match self {
            Figure::SteadyP99 => millis(steady.first_at(0.99)),
            Figure::BurstP50 => millis(burst.first_at(0.50)),
            Figure::BurstP99 => millis(burst.first_at(0.99)),
            Figure::BurstFiledP99 => millis(burst.answered_at(0.99)),
            Figure::BurstPerSecond => burst.per_second(),
            Figure::BurstWithinDeadline => burst.within_deadline(),
            Figure::BurstCpuBusy => burst.cpu_busy.unwrap_or(f64::NAN),
        }
    }
}

/// `a`'s `figure` over `b`'s: overall, then its least and greatest over the rounds, as
/// `1.23× (1.01–1.60×)`. A pooled steady p99 can come from one side's worst round and
/// the other's best, so the overall ratio may lie outside the rounds' range; the range is
/// the fairer reading on a noisy machine.
pub fn ratio(a: &Rounds, b: &Rounds, figure: Figure) -> String {
    let rounds: Vec<f64> = a
        .per_round(figure)
        .iter()
        .zip(b.per_round(figure))
        .map(|(x, y)| x / y)
        .collect();
    let least = rounds.iter().copied().fold(f64::INFINITY, f64::min);
    let greatest = rounds.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!(
        "{:.2}× ({least:.2}–{greatest:.2}×)",
        a.overall(figure) / b.overall(figure)
    )
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The middle value (the upper middle of an even count); NaN for none.
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}
