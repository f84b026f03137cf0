//! Campaign tools' rules (PRODUCT.md "Campaign tools"): the size and pace of a
//! volunteer's `/next` batch, when a suspension comes back as a re-check and how much of a
//! batch re-checks take, when a member may withdraw a report, which keys may become a
//! case's aliases, and which cases may be merged.

use std::time::Duration;

use super::account::{AccountKey, Platform};

use super::case::{Decision, Lifecycle};
use super::time::{days, Millis};

/// How many accounts one `/next` hands out: 1 to 5, 3 unless asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchSize(u32);

/// How many accounts one member is handed per hour: platforms suspend accounts that
/// report in bursts, so the bot paces its volunteers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HourlyPace(u32);

/// A campaign setting or request outside its range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CampaignError {
    #[error("a batch holds 1 to 5 accounts (got {0})")]
    BatchSize(u32),
    #[error("the hourly pace must be between 1 and 100 accounts (got {0})")]
    Pace(u32),
    #[error("re-checks come after 1 to 90 days (got {0})")]
    RecheckDays(u32),
}

impl BatchSize {
    pub const MAX: u32 = 5;
    pub const DEFAULT: BatchSize = BatchSize(3);

    pub fn new(n: u32) -> Result<BatchSize, CampaignError> {
        if (1..=Self::MAX).contains(&n) {
            Ok(BatchSize(n))
        } else {
            Err(CampaignError::BatchSize(n))
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl HourlyPace {
    pub const MAX: u32 = 100;
    pub const DEFAULT: HourlyPace = HourlyPace(20);

    pub fn new(n: u32) -> Result<HourlyPace, CampaignError> {
        if (1..=Self::MAX).contains(&n) {
            Ok(HourlyPace(n))
        } else {
            Err(CampaignError::Pace(n))
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

/// How long a confirmed suspension stands before `/next` asks volunteers whether the
/// account is still suspended (platforms reverse suspensions): 1 to 90 days, 7 unless set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecheckDays(u32);

impl RecheckDays {
    pub const MIN: u32 = 1;
    pub const MAX: u32 = 90;
    pub const DEFAULT: RecheckDays = RecheckDays(7);

    pub fn new(n: u32) -> Result<RecheckDays, CampaignError> {
        if (Self::MIN..=Self::MAX).contains(&n) {
            Ok(RecheckDays(n))
        } else {
            Err(CampaignError::RecheckDays(n))
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }

    /// A suspension last seen (confirmed, or answered "still suspended") at or before
    /// this time is due for a re-check at `now`.
    pub fn due_if_seen_by(self, now: Millis) -> Millis {
        now.minus(days(self.0))
    }
}

/// Re-checks a batch holds when it has accounts to report besides: a batch is for reporting
/// first, so re-checks fill it only where no account to report is left.
pub const RECHECKS_BESIDE_REPORTS: u32 = 1;

/// How a batch with `room` places is shared between re-checks (`due` are waiting) and
/// accounts to report (`reports` are available): `(re-checks, reports)`. Both kinds count
/// toward the hourly pace alike, since each is one visit to the account on its platform.
pub fn share_room(room: u32, due: u32, reports: u32) -> (u32, u32) {
    let rechecks = due
        .min(room)
        .min(RECHECKS_BESIDE_REPORTS.max(room.saturating_sub(reports)));
    (rechecks, reports.min(room - rechecks))
}

/// The window the pace counts over.
pub const PACE_WINDOW: Duration = Duration::from_secs(3_600);

/// How long the accounts of a batch stay out of other members' batches: long enough to
/// work through five accounts, short enough that an abandoned batch frees them soon.
pub const RESERVATION: Duration = Duration::from_secs(15 * 60);

/// The member was handed their hourly pace already; more from `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paced {
    pub pace: HourlyPace,
    pub until: Millis,
}

/// How many accounts the member may be handed now. `handed` are the times accounts were
/// handed to them within the last [`PACE_WINDOW`], oldest first.
pub fn batch_room(size: BatchSize, pace: HourlyPace, handed: &[Millis]) -> Result<u32, Paced> {
    let used = u32::try_from(handed.len()).unwrap_or(u32::MAX);
    match pace.get().checked_sub(used).filter(|&left| left > 0) {
        Some(left) => Ok(left.min(size.get())),
        None => {
            // A slot frees when the hand-out `pace` places from the newest leaves the window.
            let limit = usize::try_from(pace.get()).unwrap_or(usize::MAX);
            let freeing = handed[handed.len().saturating_sub(limit)];
            Err(Paced {
                pace,
                until: freeing.plus(PACE_WINDOW),
            })
        }
    }
}

/// Why a report cannot be withdrawn. Both read as "already reviewed" to the member:
/// a withdrawal must not tell a held case from a dismissed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WithdrawError {
    #[error("the case was already reviewed")]
    Reviewed,
    #[error("the report was already withdrawn")]
    AlreadyWithdrawn,
    #[error("the member has no report on this case")]
    NoReport,
}

/// Whether a report on a case in this state may be withdrawn: only while the case waits
/// for its first decision. A later round (a dismissed case re-opened, a hold back for
/// review) counts as reviewed, since members cannot tell those from held cases either.
pub fn may_withdraw(case: &Lifecycle) -> Result<(), WithdrawError> {
    if case.decision == Decision::Pending && case.round == 1 {
        Ok(())
    } else {
        Err(WithdrawError::Reviewed)
    }
}

/// Why a key cannot become another key of a case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AliasError {
    /// One account lives on one platform: a key elsewhere is another account.
    #[error("the case is on {case}, the alias on {alias}")]
    OtherPlatform { case: Platform, alias: Platform },
    /// The key already belongs to a case of the server (this one or another).
    #[error("the key already belongs to case #{case_no}")]
    Taken { case_no: i64 },
}

/// Whether `alias` may name the same account as a case keyed `case`.
pub fn may_alias(case: &AccountKey, alias: &AccountKey) -> Result<(), AliasError> {
    if case.platform() == alias.platform() {
        Ok(())
    } else {
        Err(AliasError::OtherPlatform {
            case: case.platform(),
            alias: alias.platform(),
        })
    }
}

/// One side of a merge, as the rule needs it.
#[derive(Debug, Clone, Copy)]
pub struct MergeSide<'a> {
    pub case_no: i64,
    pub key: &'a AccountKey,
    pub decision: Decision,
}

/// Why two cases cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("a case cannot be merged into itself")]
    SameCase,
    /// One account lives on one platform: cases on two are two accounts.
    #[error("case #{from_no} is on {from}, case #{into_no} on {into}")]
    OtherPlatform {
        from_no: i64,
        from: Platform,
        into_no: i64,
        into: Platform,
    },
    /// The case (either side) was merged already and only redirects.
    #[error("case #{case_no} was already merged into another case")]
    AlreadyMerged { case_no: i64 },
}

/// Whether case `from` may be merged into case `into` (both of one server): two cases,
/// on one platform, neither merged already (a merged case's keys belong to its target).
pub fn may_merge(from: MergeSide<'_>, into: MergeSide<'_>) -> Result<(), MergeError> {
    if from.case_no == into.case_no {
        return Err(MergeError::SameCase);
    }
    for side in [from, into] {
        if side.decision == Decision::Merged {
            return Err(MergeError::AlreadyMerged { case_no: side.case_no });
        }
    }
    if from.key.platform() != into.key.platform() {
        return Err(MergeError::OtherPlatform {
            from_no: from.case_no,
            from: from.key.platform(),
            into_no: into.case_no,
            into: into.key.platform(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vote::{HoldDays, VoteChoice, VotingWindow};

    const HOUR: i64 = 3_600_000;

    #[test]
    fn sizes_and_paces_outside_their_ranges_are_refused() {
        assert_eq!(BatchSize::new(0), Err(CampaignError::BatchSize(0)));
        assert_eq!(BatchSize::new(6), Err(CampaignError::BatchSize(6)));
        assert_eq!(BatchSize::new(5).map(BatchSize::get), Ok(5));
        assert_eq!(HourlyPace::new(0), Err(CampaignError::Pace(0)));
        assert_eq!(HourlyPace::new(101), Err(CampaignError::Pace(101)));
        assert_eq!(HourlyPace::DEFAULT.get(), 20);
    }

    #[test]
    fn a_batch_is_cut_to_what_is_left_of_the_hourly_pace() {
        let pace = HourlyPace::new(4).unwrap();
        let five = BatchSize::new(5).unwrap();
        assert_eq!(batch_room(five, pace, &[]), Ok(4));
        assert_eq!(batch_room(BatchSize::DEFAULT, pace, &[Millis(0)]), Ok(3));
        assert_eq!(batch_room(five, pace, &[Millis(0), Millis(1), Millis(2)]), Ok(1));
    }

    #[test]
    fn a_spent_pace_says_when_the_next_account_comes() {
        let pace = HourlyPace::new(2).unwrap();
        let handed = [Millis(10), Millis(20)];
        assert_eq!(
            batch_room(BatchSize::DEFAULT, pace, &handed),
            Err(Paced {
                pace,
                until: Millis(10 + HOUR)
            })
        );
        // A lowered pace with more hand-outs in the window: the oldest that must leave.
        let lowered = HourlyPace::new(1).unwrap();
        assert_eq!(
            batch_room(BatchSize::DEFAULT, lowered, &handed).map_err(|p| p.until),
            Err(Millis(20 + HOUR))
        );
    }

    #[test]
    fn recheck_days_are_validated_and_give_the_cutoff() {
        assert_eq!(RecheckDays::new(0), Err(CampaignError::RecheckDays(0)));
        assert_eq!(RecheckDays::new(91), Err(CampaignError::RecheckDays(91)));
        assert_eq!(RecheckDays::DEFAULT.get(), 7);
        let now = Millis(30 * 24 * HOUR);
        assert_eq!(RecheckDays::DEFAULT.due_if_seen_by(now), Millis(23 * 24 * HOUR));
    }

    #[test]
    fn rechecks_take_one_place_beside_reports_and_fill_what_reports_leave() {
        assert_eq!(share_room(3, 4, 10), (1, 2), "one re-check beside reports");
        assert_eq!(share_room(3, 0, 10), (0, 3), "none due");
        assert_eq!(share_room(3, 4, 1), (2, 1), "re-checks fill what reports leave");
        assert_eq!(share_room(3, 4, 0), (3, 0));
        assert_eq!(share_room(1, 4, 10), (1, 0), "a one-place batch takes a due re-check");
        assert_eq!(share_room(0, 4, 10), (0, 0));
        assert_eq!(share_room(5, 1, 2), (1, 2), "fewer of both than room");
    }

    #[test]
    fn only_a_report_on_a_case_awaiting_its_first_decision_can_be_withdrawn() {
        let open = Lifecycle::open(Millis(0), VotingWindow::DEFAULT);
        assert_eq!(may_withdraw(&open), Ok(()));
        for choice in VoteChoice::BY_REVERSIBILITY {
            let decided = open.decide(choice, Millis(1), HoldDays::DEFAULT).unwrap();
            assert_eq!(may_withdraw(&decided), Err(WithdrawError::Reviewed), "{choice:?}");
            let reopened = decided.reopen(Millis(2), VotingWindow::DEFAULT).unwrap();
            assert_eq!(may_withdraw(&reopened), Err(WithdrawError::Reviewed), "re-opened");
        }
    }

    #[test]
    fn an_alias_must_be_on_the_case_platform() {
        let handle = AccountKey::parse("https://x.com/someone", None, Platform::Web).unwrap();
        let other = AccountKey::parse("https://x.com/other", None, Platform::Web).unwrap();
        let telegram = AccountKey::parse("https://t.me/someone", None, Platform::Web).unwrap();
        assert_eq!(may_alias(&handle, &other), Ok(()));
        assert_eq!(
            may_alias(&handle, &telegram),
            Err(AliasError::OtherPlatform {
                case: Platform::X,
                alias: Platform::Telegram
            })
        );
    }

    #[test]
    fn merges_need_two_unmerged_cases_on_one_platform() {
        let handle = AccountKey::parse("https://x.com/someone", None, Platform::Web).unwrap();
        let id = AccountKey::parse("https://x.com/renamed", None, Platform::Web).unwrap();
        let telegram = AccountKey::parse("https://t.me/someone", None, Platform::Web).unwrap();
        let side = |case_no, key, decision| MergeSide { case_no, key, decision };
        let open = Decision::Pending;
        assert_eq!(
            may_merge(side(1, &handle, open), side(2, &id, Decision::HandOff)),
            Ok(())
        );
        assert_eq!(
            may_merge(side(1, &handle, open), side(1, &handle, open)),
            Err(MergeError::SameCase)
        );
        assert_eq!(
            may_merge(side(1, &handle, open), side(2, &telegram, open)),
            Err(MergeError::OtherPlatform {
                from_no: 1,
                from: Platform::X,
                into_no: 2,
                into: Platform::Telegram
            })
        );
        assert_eq!(
            may_merge(side(1, &handle, Decision::Merged), side(2, &id, open)),
            Err(MergeError::AlreadyMerged { case_no: 1 })
        );
        assert_eq!(
            may_merge(side(1, &handle, open), side(2, &telegram, Decision::Merged)),
            Err(MergeError::AlreadyMerged { case_no: 2 }),
            "a merged target is refused before its platform is compared"
        );
    }
}
