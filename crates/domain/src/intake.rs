//! Who may report, and when: the per-member rate limit and the minimum membership age
//! that blunt brigading and false mass-reporting.

use std::time::Duration;

use super::time::Millis;

/// Why a member may not report right now, and when they may.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotYet {
    /// Joined too recently; may report from `until`.
    TooNew { until: Millis },
    /// Reported `limit` times within the window; may report again at `until`.
    RateLimited { limit: u32, until: Millis },
}

/// The intake policy of a server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntakePolicy {
    /// At most this many reports per member per `window`.
    pub limit: u32,
    pub window: Duration,
    /// Members may report this long after joining (zero: at once).
    pub min_membership: Duration,
}

impl IntakePolicy {
    /// `recent` are the member's report times within the last `window`, oldest first.
    pub fn check(&self, now: Millis, joined_at: Option<Millis>, recent: &[Millis]) -> Result<(), NotYet> {
        if let Some(joined) = joined_at {
            let until = joined.plus(self.min_membership);
            if until > now {
                return Err(NotYet::TooNew { until });
            }
        }
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
        if recent.len() >= limit {
            // The report that frees a slot is the one `limit` places from the newest.
            let freeing = recent[recent.len() - limit];
            return Err(NotYet::RateLimited {
                limit: self.limit,
                until: freeing.plus(self.window),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    fn policy(min_hours: u64) -> IntakePolicy {
        IntakePolicy {
            limit: 3,
            window: Duration::from_secs(600),
            min_membership: Duration::from_secs(min_hours * 3600),
        }
    }

    #[test]
    fn members_within_the_limit_may_report() {
        assert_eq!(
            policy(0).check(Millis(100 * MIN), None, &[Millis(95 * MIN), Millis(96 * MIN)]),
            Ok(())
        );
    }

    #[test]
    fn the_limit_says_when_the_oldest_report_leaves_the_window() {
        let recent = [Millis(91 * MIN), Millis(95 * MIN), Millis(96 * MIN)];
        assert_eq!(
            policy(0).check(Millis(100 * MIN), None, &recent),
            Err(NotYet::RateLimited {
                limit: 3,
                until: Millis(101 * MIN)
            })
        );
    }

    #[test]
    fn new_members_wait_for_the_minimum_membership_age() {
        let joined = Millis(100 * MIN);
        assert_eq!(
            policy(2).check(Millis(130 * MIN), Some(joined), &[]),
            Err(NotYet::TooNew {
                until: Millis(220 * MIN)
            })
        );
        assert_eq!(policy(2).check(Millis(220 * MIN), Some(joined), &[]), Ok(()));
        assert_eq!(policy(0).check(Millis(100 * MIN), Some(joined), &[]), Ok(()));
    }
}
