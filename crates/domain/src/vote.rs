//! The voting rules, as pure functions of the votes cast (PRODUCT.md "Voting").

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// What a moderator votes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteChoice {
    ReportNow,
    HandOff,
    Dismiss,
}

impl VoteChoice {
    /// Ordered from the most to the least reversible outcome: a hold can be lifted,
    /// a takedown cannot be undone. Window-end ties go to the earliest in this list.
    pub const BY_REVERSIBILITY: [VoteChoice; 3] = [VoteChoice::HandOff, VoteChoice::ReportNow, VoteChoice::Dismiss];
}

crate::named!(VoteChoice, "vote choice", {
    ReportNow => "report_now",
    HandOff => "hand_off",
    Dismiss => "dismiss",
});

/// How many votes a winning option needs at least; 1 to 25.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Quorum(u32);

/// A policy value out of range; the message says the range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("quorum must be between 1 and 25 votes (got {0})")]
    Quorum(u32),
    #[error("the voting window must be between 10 minutes and 30 days (got {0} minutes)")]
    Window(u64),
    #[error("holds must last between 1 and 365 days (got {0})")]
    HoldDays(u32),
}

impl Quorum {
    pub const DEFAULT: Quorum = Quorum(3);

    pub fn new(n: u32) -> Result<Quorum, PolicyError> {
        if (1..=25).contains(&n) {
            Ok(Quorum(n))
        } else {
            Err(PolicyError::Quorum(n))
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for Quorum {
    type Error = PolicyError;
    fn try_from(n: u32) -> Result<Self, Self::Error> {
        Quorum::new(n)
    }
}

impl From<Quorum> for u32 {
    fn from(q: Quorum) -> u32 {
        q.0
    }
}

/// How long a voting round stays open; 10 minutes to 30 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VotingWindow(Duration);

impl VotingWindow {
    pub const DEFAULT: VotingWindow = VotingWindow(Duration::from_secs(24 * 3600));

    pub fn from_minutes(minutes: u64) -> Result<VotingWindow, PolicyError> {
        if (10..=30 * 24 * 60).contains(&minutes) {
            Ok(VotingWindow(Duration::from_secs(minutes * 60)))
        } else {
            Err(PolicyError::Window(minutes))
        }
    }

    pub fn duration(self) -> Duration {
        self.0
    }

    pub fn minutes(self) -> u64 {
        self.0.as_secs() / 60
    }
}

/// How long a hand-off holds a case before it returns to a vote; 1 to 365 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoldDays(u32);

impl HoldDays {
    pub const DEFAULT: HoldDays = HoldDays(30);

    pub fn new(days: u32) -> Result<HoldDays, PolicyError> {
        if (1..=365).contains(&days) {
            Ok(HoldDays(days))
        } else {
            Err(PolicyError::HoldDays(days))
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

/// A server's voting policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub quorum: Quorum,
    pub window: VotingWindow,
    pub hold_days: HoldDays,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            quorum: Quorum::DEFAULT,
            window: VotingWindow::DEFAULT,
            hold_days: HoldDays::DEFAULT,
        }
    }
}

/// The votes of one round, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub report_now: u32,
    pub hand_off: u32,
    pub dismiss: u32,
}

impl Tally {
    pub fn of(choices: impl IntoIterator<Item = VoteChoice>) -> Tally {
        let mut tally = Tally::default();
        for c in choices {
            tally.add(c);
        }
        tally
    }

    pub fn add(&mut self, choice: VoteChoice) {
        *self.slot(choice) += 1;
    }

    pub fn count(&self, choice: VoteChoice) -> u32 {
        match choice {
            VoteChoice::ReportNow => self.report_now,
            VoteChoice::HandOff => self.hand_off,
            VoteChoice::Dismiss => self.dismiss,
        }
    }

    pub fn total(&self) -> u32 {
        self.report_now + self.hand_off + self.dismiss
    }

    fn slot(&mut self, choice: VoteChoice) -> &mut u32 {
        match choice {
            VoteChoice::ReportNow => &mut self.report_now,
            VoteChoice::HandOff => &mut self.hand_off,
            VoteChoice::Dismiss => &mut self.dismiss,
        }
    }
}

/// The option that wins while the round is open: at least `quorum` votes and a strict
/// majority of the votes cast. `None` while no option meets both.
pub fn winner(tally: Tally, quorum: Quorum) -> Option<VoteChoice> {
    VoteChoice::BY_REVERSIBILITY.into_iter().find(|&c| {
        let n = tally.count(c);
        n >= quorum.get() && 2 * n > tally.total()
    })
}

/// What happens when a round's window ends without a winner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowEnd {
    /// The most-voted option, ties broken toward the more reversible outcome.
    Decided(VoteChoice),
    /// Nobody voted: the case stays pending and the moderators are pinged once.
    Overdue,
}

/// The window-end rule (PRODUCT.md "Voting").
pub fn at_window_end(tally: Tally) -> WindowEnd {
    if tally.total() == 0 {
        return WindowEnd::Overdue;
    }
    let most = VoteChoice::BY_REVERSIBILITY
        .into_iter()
        .map(|c| tally.count(c))
        .max()
        .unwrap_or(0);
    VoteChoice::BY_REVERSIBILITY
        .into_iter()
        .find(|&c| tally.count(c) == most)
        .map_or(WindowEnd::Overdue, WindowEnd::Decided)
}

#[cfg(test)]
mod tests {
    use super::*;
    use VoteChoice::*;

    fn t(report_now: u32, hand_off: u32, dismiss: u32) -> Tally {
        Tally {
            report_now,
            hand_off,
            dismiss,
        }
    }

    #[test]
    fn an_option_wins_only_with_quorum_and_a_strict_majority() {
        let q3 = Quorum::new(3).unwrap();
        let cases = [
            (t(0, 0, 0), None, "no votes"),
            (t(2, 0, 0), None, "majority but below quorum"),
            (t(3, 0, 0), Some(ReportNow), "quorum and unanimous"),
            (t(3, 3, 0), None, "quorum reached by two options, no strict majority"),
            (t(3, 2, 0), Some(ReportNow), "quorum and 3 of 5"),
            (t(3, 2, 1), None, "quorum but exactly half is not a strict majority"),
            (t(0, 4, 3), Some(HandOff), "4 of 7"),
            (t(1, 1, 3), Some(Dismiss), "dismiss can win too"),
            (t(2, 2, 2), None, "three-way split"),
        ];
        for (tally, expected, why) in cases {
            assert_eq!(winner(tally, q3), expected, "{why}: {tally:?}");
        }
    }

    #[test]
    fn a_quorum_of_one_decides_on_the_first_vote() {
        assert_eq!(winner(t(0, 1, 0), Quorum::new(1).unwrap()), Some(HandOff));
    }

    #[test]
    fn the_window_end_picks_the_most_voted_and_breaks_ties_toward_reversible() {
        let cases = [
            (t(0, 0, 0), WindowEnd::Overdue, "nobody voted"),
            (t(1, 0, 0), WindowEnd::Decided(ReportNow), "one vote"),
            (
                t(1, 1, 0),
                WindowEnd::Decided(HandOff),
                "report/hand-off tie → hand off",
            ),
            (
                t(1, 0, 1),
                WindowEnd::Decided(ReportNow),
                "report/dismiss tie → report now",
            ),
            (
                t(0, 1, 1),
                WindowEnd::Decided(HandOff),
                "hand-off/dismiss tie → hand off",
            ),
            (t(2, 2, 2), WindowEnd::Decided(HandOff), "three-way tie → hand off"),
            (t(1, 0, 2), WindowEnd::Decided(Dismiss), "dismiss has most"),
            (t(2, 1, 0), WindowEnd::Decided(ReportNow), "report has most"),
        ];
        for (tally, expected, why) in cases {
            assert_eq!(at_window_end(tally), expected, "{why}");
        }
    }

    #[test]
    fn a_tally_counts_each_choice() {
        let tally = Tally::of([ReportNow, Dismiss, ReportNow]);
        assert_eq!(tally, t(2, 0, 1));
        assert_eq!(tally.total(), 3);
    }

    #[test]
    fn policy_values_are_validated_on_construction() {
        assert!(Quorum::new(0).is_err());
        assert!(Quorum::new(26).is_err());
        assert_eq!(Quorum::new(25).unwrap().get(), 25);
        assert!(VotingWindow::from_minutes(9).is_err());
        assert_eq!(VotingWindow::from_minutes(60).unwrap().duration().as_secs(), 3600);
        assert!(VotingWindow::from_minutes(30 * 24 * 60 + 1).is_err());
        assert!(HoldDays::new(0).is_err());
        assert!(HoldDays::new(366).is_err());
        assert_eq!(
            Quorum::new(0).unwrap_err().to_string(),
            "quorum must be between 1 and 25 votes (got 0)"
        );
    }

    #[test]
    fn choices_round_trip_through_their_names() {
        for c in VoteChoice::BY_REVERSIBILITY {
            assert_eq!(c.as_str().parse::<VoteChoice>(), Ok(c));
        }
        assert!("maybe".parse::<VoteChoice>().is_err());
    }
}
