//! Account status from volunteers' observations (PRODUCT.md "Coordinated status updates").

use super::case::AccountStatus;

/// Distinct members whose "Looks suspended" confirms a suspension (one moderator suffices).
pub const MEMBERS_TO_CONFIRM_SUSPENSION: u32 = 2;

/// What one observation does to a case's account status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observed {
    /// "Looks suspended": counts toward a confirmation.
    LooksSuspended,
    /// "Still up": the account is active (again).
    StillUp,
}

/// The account status after an observation, given how many distinct members (and whether a
/// moderator) said "looks suspended" since the account was last seen up, this one included.
pub fn status_after(
    observed: Observed,
    members_saying_suspended: u32,
    moderator_said_suspended: bool,
    current: AccountStatus,
) -> AccountStatus {
    match observed {
        Observed::StillUp => AccountStatus::Active,
        Observed::LooksSuspended
            if moderator_said_suspended || members_saying_suspended >= MEMBERS_TO_CONFIRM_SUSPENSION =>
        {
            AccountStatus::Suspended
        }
        Observed::LooksSuspended => current,
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
}
