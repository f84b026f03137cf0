//! Button ids: every `custom_id` the bot creates is parsed once into a [`ComponentAction`].

use std::fmt;

use crate::domain::vote::VoteChoice;

/// What a button press asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComponentAction {
    Vote { case_no: i64, choice: VoteChoice },
}

impl ComponentAction {
    /// `None` for ids the bot did not create (or no longer supports).
    pub fn parse(custom_id: &str) -> Option<ComponentAction> {
        let mut parts = custom_id.split(':');
        match (parts.next()?, parts.next()?, parts.next()?, parts.next()) {
            ("vote", case_no, choice, None) => Some(ComponentAction::Vote {
                case_no: case_no.parse().ok().filter(|n: &i64| *n > 0)?,
                choice: choice.parse().ok()?,
            }),
            _ => None,
        }
    }
}

impl fmt::Display for ComponentAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ComponentAction::Vote { case_no, choice } => write!(f, "vote:{case_no}:{choice}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vote_ids_round_trip() {
        for choice in VoteChoice::BY_REVERSIBILITY {
            let action = ComponentAction::Vote { case_no: 42, choice };
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
        ] {
            assert_eq!(ComponentAction::parse(id), None, "{id}");
        }
    }
}
