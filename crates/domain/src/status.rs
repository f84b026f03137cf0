//! Account status from volunteers' observations (PRODUCT.md "Coordinated status updates",
//! and the re-checks of "Campaign tools").

use super::case::AccountStatus;

/// Distinct members whose "Looks suspended" confirms a suspension (one moderator suffices).
pub const MEMBERS_TO_CONFIRM_SUSPENSION: u32 = 2;

/// Distinct members whose "It is back" (a re-check) confirms a reinstatement (one moderator
/// suffices): the suspension rule mirrored, so one mistaken answer undoes no confirmation.
pub const MEMBERS_TO_CONFIRM_REINSTATEMENT: u32 = MEMBERS_TO_CONFIRM_SUSPENSION;

/// What one observation does to a case's account status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observed {
    /// "Looks suspended": counts toward a confirmation.
    LooksSuspended,
    /// "Still up" on a call to action: the account is active (again) at once.
    StillUp,
    /// A re-check's "Still suspended": the suspension stands and is not asked about again
    /// for another re-check period.
    StillSuspended,
    /// A re-check's "It is back": counts toward a reinstatement.
    SeenBack,
}

impl Observed {
    /// The status the observer says they saw, as stored with the observation.
    pub fn seen(self) -> AccountStatus {
        match self {
            Observed::LooksSuspended | Observed::StillSuspended => AccountStatus::Suspended,
            Observed::StillUp | Observed::SeenBack => AccountStatus::Active,
        }
    }

    /// Whether the observation answers a `/next` re-check.
    pub fn is_recheck(self) -> bool {
        matches!(self, Observed::StillSuspended | Observed::SeenBack)
    }
}

/// The account status after an observation, given how many distinct members (and whether a
/// moderator) saw what this observation saw since the account was last seen otherwise,
/// this one included.
pub fn status_after(
    observed: Observed,
    members_agreeing: u32,
    moderator_agreeing: bool,
    current: AccountStatus,
) -> AccountStatus {
    let confirmed = |members: u32| moderator_agreeing || members_agreeing >= members;
    match observed {
        Observed::StillUp => AccountStatus::Active,
        Observed::LooksSuspended if confirmed(MEMBERS_TO_CONFIRM_SUSPENSION) => AccountStatus::Suspended,
        Observed::SeenBack if confirmed(MEMBERS_TO_CONFIRM_REINSTATEMENT) => AccountStatus::Active,
        Observed::LooksSuspended | Observed::SeenBack | Observed::StillSuspended => current,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AccountStatus::*;

    #[test]
    fn a_suspension_needs_two_members_or_one_moderator() {
        let cases = [
            (1, false, Unknown, Unknown, "one member is not enough"),
            (2, false, Unknown, Suspended, "two members confirm"),
            (1, true, Active, Suspended, "one moderator confirms"),
            (3, false, Active, Suspended, "more than two"),
        ];
        for (members, moderator, current, expected, why) in cases {
            assert_eq!(
                status_after(Observed::LooksSuspended, members, moderator, current),
                expected,
                "{why}"
            );
        }
    }

    #[test]
    fn still_up_makes_any_account_active_again() {
        for current in AccountStatus::ALL {
            assert_eq!(status_after(Observed::StillUp, 5, true, current), Active);
        }
    }

    #[test]
    fn a_reinstatement_from_a_recheck_needs_two_members_or_one_moderator() {
        let cases = [
            (1, false, Suspended, "one member is not enough"),
            (2, false, Active, "two members confirm"),
            (1, true, Active, "one moderator confirms"),
        ];
        for (members, moderator, expected, why) in cases {
            assert_eq!(
                status_after(Observed::SeenBack, members, moderator, Suspended),
                expected,
                "{why}"
            );
        }
    }

    #[test]
    fn still_suspended_changes_nothing_however_many_say_it() {
        for current in AccountStatus::ALL {
            assert_eq!(status_after(Observed::StillSuspended, 9, true, current), current);
        }
    }

    #[test]
    fn each_observation_is_stored_as_what_was_seen() {
        assert_eq!(Observed::StillSuspended.seen(), Suspended);
        assert_eq!(Observed::SeenBack.seen(), Active);
        assert!(Observed::SeenBack.is_recheck() && !Observed::StillUp.is_recheck());
    }
}
