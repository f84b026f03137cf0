//! Button ids: every `custom_id` the bot creates is parsed once into a [`ComponentAction`].

use std::fmt;

use crate::domain::vote::VoteChoice;

/// What a button press asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComponentAction {
    Vote {
        case_no: i64,
        choice: VoteChoice,
    },
    /// "I reported it" on a call to action.
    ReportedIt {
        case_no: i64,
    },
    /// "Looks suspended" on a call to action.
    LooksSuspended {
        case_no: i64,
    },
    /// "Still up" on a call to action.
    StillUp {
        case_no: i64,
    },
    /// "Withdraw" on a member's `/myreports`.
    Withdraw {
        case_no: i64,
    },
    /// A `/next` re-check: "Still suspended" (`back: false`) or "It is back".
    Recheck {
        case_no: i64,
        back: bool,
    },
}

impl ComponentAction {
    /// The case the button is about.
    pub fn case_no(self) -> i64 {
        match self {
            ComponentAction::Vote { case_no, .. }
            | ComponentAction::ReportedIt { case_no }
            | ComponentAction::LooksSuspended { case_no }
            | ComponentAction::StillUp { case_no }
            | ComponentAction::Withdraw { case_no }
            | ComponentAction::Recheck { case_no, .. } => case_no,
        }
    }

    /// `None` for ids the bot did not create (or no longer supports).
    pub fn parse(custom_id: &str) -> Option<ComponentAction> {
        let parts: Vec<&str> = custom_id.split(':').collect();
        let case_no = |s: &str| s.parse::<i64>().ok().filter(|n| *n > 0);
        match parts.as_slice() {
            ["vote", no, choice] => Some(ComponentAction::Vote {
                case_no: case_no(no)?,
                choice: choice.parse().ok()?,
            }),
            ["cta", "reported", no] => Some(ComponentAction::ReportedIt { case_no: case_no(no)? }),
            ["cta", "suspended", no] => Some(ComponentAction::LooksSuspended { case_no: case_no(no)? }),
            ["cta", "up", no] => Some(ComponentAction::StillUp { case_no: case_no(no)? }),
            ["mine", "withdraw", no] => Some(ComponentAction::Withdraw { case_no: case_no(no)? }),
            ["recheck", answer @ ("still" | "back"), no] => Some(ComponentAction::Recheck {
                case_no: case_no(no)?,
                back: *answer == "back",
            }),
            _ => None,
        }
    }
}

impl fmt::Display for ComponentAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ComponentAction::Vote { case_no, choice } => write!(f, "vote:{case_no}:{choice}"),
            ComponentAction::ReportedIt { case_no } => write!(f, "cta:reported:{case_no}"),
            ComponentAction::LooksSuspended { case_no } => write!(f, "cta:suspended:{case_no}"),
            ComponentAction::StillUp { case_no } => write!(f, "cta:up:{case_no}"),
            ComponentAction::Withdraw { case_no } => write!(f, "mine:withdraw:{case_no}"),
            ComponentAction::Recheck { case_no, back } => {
                write!(f, "recheck:{}:{case_no}", if *back { "back" } else { "still" })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_through_its_id() {
        let mut actions: Vec<ComponentAction> = VoteChoice::BY_REVERSIBILITY
            .iter()
            .map(|&choice| ComponentAction::Vote { case_no: 42, choice })
            .collect();
        actions.extend([
            ComponentAction::ReportedIt { case_no: 7 },
            ComponentAction::LooksSuspended { case_no: 7 },
            ComponentAction::StillUp { case_no: 7 },
            ComponentAction::Withdraw { case_no: 7 },
            ComponentAction::Recheck { case_no: 7, back: true },
            ComponentAction::Recheck {
                case_no: 7,
                back: false,
            },
        ]);
        for action in actions {
            assert_eq!(ComponentAction::parse(&action.to_string()), Some(action));
        }
    }

    #[test]
    fn foreign_or_malformed_ids_are_not_actions() {
        for id in [
            "",
            "vote",
            "vote:1",
            "vote:x:dismiss",
            "vote:0:dismiss",
            "vote:1:maybe",
            "vote:1:dismiss:extra",
            "other:1:dismiss",
            "recheck:maybe:1",
        ] {
            assert_eq!(ComponentAction::parse(id), None, "{id}");
        }
    }
}
