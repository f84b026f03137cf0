//! A case's lifecycle: its decision, voting rounds and hold, as explicit transitions
//! (PRODUCT.md "Cases and their lifecycle"). Illegal moves are errors, never no-ops.

use serde::{Deserialize, Serialize};

use super::time::{days, Millis};
use super::vote::{HoldDays, VoteChoice, VotingWindow};

/// How the community handles a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Pending,
    ReportNow,
    HandOff,
    Dismissed,
    /// Every report was withdrawn before a decision: closed without one.
    Withdrawn,
    /// The case turned out to be another case's account: its reports and keys moved
    /// there (`/case merge`), and it only redirects now. Final.
    Merged,
}

crate::named!(Decision, "decision", {
    Pending => "pending",
    ReportNow => "report_now",
    HandOff => "hand_off",
    Dismissed => "dismissed",
    Withdrawn => "withdrawn",
    Merged => "merged",
});

impl From<VoteChoice> for Decision {
    fn from(choice: VoteChoice) -> Decision {
        match choice {
            VoteChoice::ReportNow => Decision::ReportNow,
            VoteChoice::HandOff => Decision::HandOff,
            VoteChoice::Dismiss => Decision::Dismissed,
        }
    }
}

/// What is known about the account on its platform: an observation, not a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    Unknown,
    Active,
    Suspended,
    Gone,
}

crate::named!(AccountStatus, "account status", {
    Unknown => "unknown",
    Active => "active",
    Suspended => "suspended",
    Gone => "gone",
});

/// An illegal lifecycle move. Its `Display` is for logs; what a moderator reads is
/// written by the Discord layer's renderer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LifecycleError {
    #[error("this case is no longer open for votes (it is {0}): ask an admin to re-open it")]
    NotPending(Decision),
    #[error("this case is not held (it is {0}): only cases handed to agencies can be released or extended")]
    NotHeld(Decision),
    #[error("the hold on this case runs until {}; it has not expired", .0.to_rfc3339())]
    HoldNotExpired(Millis),
    #[error("this case was not dismissed, so new reports do not re-open it")]
    NotDismissed,
    #[error("this case was not closed as withdrawn")]
    NotWithdrawn,
    #[error("this case is already pending a vote")]
    AlreadyPending,
    #[error("this case is already marked overdue")]
    AlreadyOverdue,
    #[error("this case is already decided as {0}")]
    AlreadyDecided(Decision),
    #[error("this case was merged into another one; act on that case instead")]
    Merged,
}

/// Why a case's current voting round was opened, when it is not the first. The store
/// keeps these facts; only the Discord layer puts them into words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RoundNote {
    /// The hold's review date was reached; the hold ended at `ended`.
    HoldReview { ended: Millis },
    /// A member who had not reported the dismissed case before reported it.
    NewReporter,
    /// A moderator re-opened the decided case, for `reason`.
    Reopened { reason: String },
}

/// The part of a case the lifecycle rules govern. Every change is a method returning the
/// next state; storage applies it only if the stored state is still `self` (so each
/// transition happens once, whoever races for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifecycle {
    pub decision: Decision,
    /// Voting round, from 1; a re-opened case votes again in a new round.
    pub round: u32,
    /// When the open round's window ends; `None` when no round is open or it is overdue.
    pub window_ends_at: Option<Millis>,
    /// The window ended with no vote cast; the moderators were pinged.
    pub overdue: bool,
    /// For held (`hand_off`) cases, when the hold is reviewed.
    pub held_until: Option<Millis>,
}

impl Lifecycle {
    /// A new case: pending, first round open.
    pub fn open(now: Millis, window: VotingWindow) -> Lifecycle {
        Lifecycle {
            decision: Decision::Pending,
            round: 1,
            window_ends_at: Some(now.plus(window.duration())),
            overdue: false,
            held_until: None,
        }
    }

    /// Close the open round with the outcome of a vote.
    pub fn decide(self, choice: VoteChoice, now: Millis, hold: HoldDays) -> Result<Self, LifecycleError> {
        if self.decision != Decision::Pending {
            return Err(LifecycleError::NotPending(self.decision));
        }
        Ok(self.closed_as(choice.into(), now, hold))
    }

    /// The window ended with no vote: stay pending, stop the clock, mark overdue.
    pub fn mark_overdue(self) -> Result<Self, LifecycleError> {
        match (self.decision, self.overdue) {
            (Decision::Pending, false) => Ok(Lifecycle {
                overdue: true,
                window_ends_at: None,
                ..self
            }),
            (Decision::Pending, true) => Err(LifecycleError::AlreadyOverdue),
            (other, _) => Err(LifecycleError::NotPending(other)),
        }
    }

    /// A liaison releases a hold: the case becomes `report_now`.
    pub fn release(self) -> Result<Self, LifecycleError> {
        self.require_held()?;
        Ok(Lifecycle {
            decision: Decision::ReportNow,
            held_until: None,
            ..self
        })
    }

    /// A liaison extends a hold by `extra` days from its current review date.
    pub fn extend_hold(self, extra: HoldDays) -> Result<Self, LifecycleError> {
        let until = self.require_held()?;
        Ok(Lifecycle {
            held_until: Some(until.plus(days(extra.get()))),
            ..self
        })
    }

    /// The hold's review date passed: the case returns to a vote in a new round.
    pub fn expire_hold(self, now: Millis, window: VotingWindow) -> Result<Self, LifecycleError> {
        let until = self.require_held()?;
        if until > now {
            return Err(LifecycleError::HoldNotExpired(until));
        }
        Ok(self.reopened(now, window))
    }

    /// A dismissed case got a report from someone new: voting re-opens.
    pub fn reopen_for_new_reporter(self, now: Millis, window: VotingWindow) -> Result<Self, LifecycleError> {
        if self.decision != Decision::Dismissed {
            return Err(LifecycleError::NotDismissed);
        }
        Ok(self.reopened(now, window))
    }

    /// The case's last report was withdrawn while it awaited its first decision: it closes
    /// without one.
    pub fn withdraw(self) -> Result<Self, LifecycleError> {
        if self.decision != Decision::Pending {
            return Err(LifecycleError::NotPending(self.decision));
        }
        Ok(Lifecycle {
            decision: Decision::Withdrawn,
            window_ends_at: None,
            overdue: false,
            ..self
        })
    }

    /// A report on a case closed as withdrawn: it awaits its decision again, in the same
    /// round (it was never reviewed, so it must not read as reviewed).
    pub fn reopen_withdrawn(self, now: Millis, window: VotingWindow) -> Result<Self, LifecycleError> {
        if self.decision != Decision::Withdrawn {
            return Err(LifecycleError::NotWithdrawn);
        }
        Ok(Lifecycle {
            decision: Decision::Pending,
            window_ends_at: Some(now.plus(window.duration())),
            ..self
        })
    }

    /// A moderator or admin re-opens a decided case (with a reason, recorded by the caller).
    pub fn reopen(self, now: Millis, window: VotingWindow) -> Result<Self, LifecycleError> {
        match self.decision {
            Decision::Pending => Err(LifecycleError::AlreadyPending),
            Decision::Merged => Err(LifecycleError::Merged),
            _ => Ok(self.reopened(now, window)),
        }
    }

    /// An admin decides a case directly, whatever its state, unless it was merged (its
    /// reports live on another case now).
    pub fn override_decision(self, choice: VoteChoice, now: Millis, hold: HoldDays) -> Result<Self, LifecycleError> {
        if self.decision == Decision::Merged {
            return Err(LifecycleError::Merged);
        }
        let target = Decision::from(choice);
        if self.decision == target {
            return Err(LifecycleError::AlreadyDecided(target));
        }
        Ok(self.closed_as(target, now, hold))
    }

    /// The case is merged into another: an open round closes (its votes stay, decide
    /// nothing), a hold ends, and no transition leads out again.
    pub fn merge(self) -> Result<Self, LifecycleError> {
        if self.decision == Decision::Merged {
            return Err(LifecycleError::Merged);
        }
        Ok(Lifecycle {
            decision: Decision::Merged,
            window_ends_at: None,
            overdue: false,
            held_until: None,
            ..self
        })
    }

    fn closed_as(self, decision: Decision, now: Millis, hold: HoldDays) -> Lifecycle {
        let held_until = (decision == Decision::HandOff).then(|| now.plus(days(hold.get())));
        Lifecycle {
            decision,
            window_ends_at: None,
            overdue: false,
            held_until,
            ..self
        }
    }

    fn reopened(self, now: Millis, window: VotingWindow) -> Lifecycle {
        Lifecycle {
            decision: Decision::Pending,
            round: self.round + 1,
            window_ends_at: Some(now.plus(window.duration())),
            overdue: false,
            held_until: None,
        }
    }

    /// Whether the moderators still need the ping that the round ended with no vote: the
    /// case is pending and overdue. A decision, merge or re-opening since makes it moot.
    pub fn awaits_overdue_ping(&self) -> bool {
        self.decision == Decision::Pending && self.overdue
    }

    /// A moderator's work on the case itself (a note, an alias) is refused once it was
    /// merged: it belongs on the case it was merged into.
    pub fn require_unmerged(self) -> Result<Self, LifecycleError> {
        match self.decision {
            Decision::Merged => Err(LifecycleError::Merged),
            _ => Ok(self),
        }
    }

    /// The review date of a held case; an error for any other.
    pub fn require_held(self) -> Result<Millis, LifecycleError> {
        match (self.decision, self.held_until) {
            (Decision::HandOff, Some(until)) => Ok(until),
            (other, _) => Err(LifecycleError::NotHeld(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;
    const NOW: Millis = Millis(1_000 * DAY);

    fn window() -> VotingWindow {
        VotingWindow::DEFAULT
    }

    fn hold() -> HoldDays {
        HoldDays::DEFAULT
    }

    fn pending() -> Lifecycle {
        Lifecycle::open(NOW, window())
    }

    fn decided(choice: VoteChoice) -> Lifecycle {
        pending().decide(choice, NOW, hold()).unwrap()
    }

    #[test]
    fn only_a_pending_overdue_case_awaits_its_ping() {
        let overdue = pending().mark_overdue().unwrap();
        assert!(overdue.awaits_overdue_ping());
        assert!(!pending().awaits_overdue_ping(), "its window is still open");
        let decided = overdue.override_decision(VoteChoice::Dismiss, NOW, hold()).unwrap();
        assert!(!decided.awaits_overdue_ping());
        assert!(!overdue.merge().unwrap().awaits_overdue_ping());
        let reopened = decided.reopen(NOW, window()).unwrap();
        assert!(!reopened.awaits_overdue_ping(), "a new round has a window of its own");
    }

    #[test]
    fn a_new_case_is_pending_with_its_first_window_open() {
        let l = pending();
        assert_eq!(l.decision, Decision::Pending);
        assert_eq!(l.round, 1);
        assert_eq!(l.window_ends_at, Some(Millis(NOW.0 + DAY)));
    }

    #[test]
    fn deciding_closes_the_round_and_holds_hand_offs() {
        let cases = [
            (VoteChoice::ReportNow, Decision::ReportNow, None),
            (VoteChoice::HandOff, Decision::HandOff, Some(Millis(NOW.0 + 30 * DAY))),
            (VoteChoice::Dismiss, Decision::Dismissed, None),
        ];
        for (choice, decision, held_until) in cases {
            let l = decided(choice);
            assert_eq!(
                (l.decision, l.held_until, l.window_ends_at),
                (decision, held_until, None)
            );
        }
    }

    #[test]
    fn a_round_is_closed_only_once() {
        let l = decided(VoteChoice::ReportNow);
        assert_eq!(
            l.decide(VoteChoice::Dismiss, NOW, hold()),
            Err(LifecycleError::NotPending(Decision::ReportNow))
        );
    }

    #[test]
    fn overdue_is_marked_once_and_only_on_pending_cases() {
        let overdue = pending().mark_overdue().unwrap();
        assert!(overdue.overdue);
        assert_eq!(overdue.window_ends_at, None);
        assert_eq!(overdue.mark_overdue(), Err(LifecycleError::AlreadyOverdue));
        assert!(decided(VoteChoice::Dismiss).mark_overdue().is_err());
        let later = overdue.decide(VoteChoice::HandOff, NOW, hold()).unwrap();
        assert!(!later.overdue, "a late decision clears the overdue mark");
    }

    #[test]
    fn a_hold_can_be_released_extended_and_expires_into_a_new_round() {
        let held = decided(VoteChoice::HandOff);
        assert_eq!(held.release().unwrap().decision, Decision::ReportNow);
        let extended = held.extend_hold(HoldDays::new(10).unwrap()).unwrap();
        assert_eq!(extended.held_until, Some(Millis(NOW.0 + 40 * DAY)));
        assert_eq!(
            held.expire_hold(NOW, window()),
            Err(LifecycleError::HoldNotExpired(Millis(NOW.0 + 30 * DAY)))
        );
        let review = Millis(NOW.0 + 30 * DAY);
        let reopened = held.expire_hold(review, window()).unwrap();
        assert_eq!((reopened.decision, reopened.round), (Decision::Pending, 2));
        assert_eq!(reopened.held_until, None);
    }

    #[test]
    fn only_held_cases_can_be_released_or_extended() {
        for l in [pending(), decided(VoteChoice::ReportNow), decided(VoteChoice::Dismiss)] {
            assert!(matches!(l.release(), Err(LifecycleError::NotHeld(_))));
            assert!(matches!(l.extend_hold(hold()), Err(LifecycleError::NotHeld(_))));
            assert!(matches!(l.expire_hold(NOW, window()), Err(LifecycleError::NotHeld(_))));
        }
    }

    #[test]
    fn a_new_reporter_reopens_only_a_dismissed_case() {
        let reopened = decided(VoteChoice::Dismiss)
            .reopen_for_new_reporter(NOW, window())
            .unwrap();
        assert_eq!((reopened.decision, reopened.round), (Decision::Pending, 2));
        for l in [pending(), decided(VoteChoice::ReportNow), decided(VoteChoice::HandOff)] {
            assert_eq!(
                l.reopen_for_new_reporter(NOW, window()),
                Err(LifecycleError::NotDismissed)
            );
        }
    }

    #[test]
    fn any_decided_case_can_be_reopened_but_not_a_pending_one() {
        for choice in VoteChoice::BY_REVERSIBILITY {
            assert_eq!(decided(choice).reopen(NOW, window()).unwrap().round, 2);
        }
        assert_eq!(pending().reopen(NOW, window()), Err(LifecycleError::AlreadyPending));
    }

    #[test]
    fn an_override_decides_from_any_state_except_the_same_decision() {
        let l = decided(VoteChoice::ReportNow)
            .override_decision(VoteChoice::HandOff, NOW, hold())
            .unwrap();
        assert_eq!(l.decision, Decision::HandOff);
        assert!(l.held_until.is_some());
        assert_eq!(
            l.override_decision(VoteChoice::HandOff, NOW, hold()),
            Err(LifecycleError::AlreadyDecided(Decision::HandOff))
        );
        assert_eq!(
            pending()
                .override_decision(VoteChoice::Dismiss, NOW, hold())
                .unwrap()
                .decision,
            Decision::Dismissed
        );
    }

    #[test]
    fn a_case_whose_reports_are_all_withdrawn_closes_and_a_new_report_reopens_it_in_its_round() {
        let closed = pending().withdraw().unwrap();
        assert_eq!((closed.decision, closed.window_ends_at), (Decision::Withdrawn, None));
        assert!(decided(VoteChoice::HandOff).withdraw().is_err());
        let again = closed.reopen_withdrawn(NOW, window()).unwrap();
        assert_eq!((again.decision, again.round), (Decision::Pending, 1));
        assert!(again.window_ends_at.is_some());
        assert_eq!(
            pending().reopen_withdrawn(NOW, window()),
            Err(LifecycleError::NotWithdrawn)
        );
    }

    #[test]
    fn any_case_can_be_merged_once_and_a_merged_case_goes_nowhere() {
        let overdue = pending().mark_overdue().unwrap();
        for l in [
            pending(),
            overdue,
            decided(VoteChoice::HandOff),
            pending().withdraw().unwrap(),
        ] {
            let merged = l.merge().unwrap();
            assert_eq!(merged.decision, Decision::Merged);
            assert_eq!(
                (merged.window_ends_at, merged.held_until, merged.overdue),
                (None, None, false)
            );
            assert_eq!(merged.round, l.round);
        }
        let merged = decided(VoteChoice::ReportNow).merge().unwrap();
        assert_eq!(merged.merge(), Err(LifecycleError::Merged));
        assert_eq!(merged.reopen(NOW, window()), Err(LifecycleError::Merged));
        assert_eq!(
            merged.override_decision(VoteChoice::ReportNow, NOW, hold()),
            Err(LifecycleError::Merged)
        );
        assert_eq!(
            merged.decide(VoteChoice::Dismiss, NOW, hold()),
            Err(LifecycleError::NotPending(Decision::Merged))
        );
        assert!(merged.withdraw().is_err());
        assert!(merged.release().is_err());
        assert!(merged.mark_overdue().is_err());
        assert!(merged.reopen_for_new_reporter(NOW, window()).is_err());
        assert!(merged.reopen_withdrawn(NOW, window()).is_err());
        assert_eq!(merged.require_unmerged(), Err(LifecycleError::Merged));
        assert_eq!(pending().require_unmerged(), Ok(pending()));
    }

    #[test]
    fn names_round_trip_and_unknown_names_list_the_accepted_ones() {
        for d in Decision::ALL {
            assert_eq!(d.as_str().parse::<Decision>(), Ok(d));
        }
        for s in AccountStatus::ALL {
            assert_eq!(s.as_str().parse::<AccountStatus>(), Ok(s));
        }
        let err = "maybe".parse::<Decision>().unwrap_err().to_string();
        assert_eq!(
            err,
            "\"maybe\" is not a decision: use one of pending, report_now, hand_off, dismissed, withdrawn, merged"
        );
    }
}
