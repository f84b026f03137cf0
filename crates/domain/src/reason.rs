//! Why an account was reported: the fixed categories members choose from.

use serde::{Deserialize, Serialize};

/// A report's reason category (PRODUCT.md "Slash commands").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCategory {
    Propaganda,
    Recruitment,
    IncitementToViolence,
    Financing,
    Threat,
    Other,
}

crate::named!(ReasonCategory, "reason", {
    Propaganda => "propaganda",
    Recruitment => "recruitment",
    IncitementToViolence => "incitement_to_violence",
    Financing => "financing",
    Threat => "threat",
    Other => "other",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_round_trips_through_its_name() {
        for r in ReasonCategory::ALL {
            assert_eq!(r.as_str().parse::<ReasonCategory>(), Ok(r));
        }
    }

    #[test]
    fn reasons_are_read_forgivingly() {
        assert_eq!(
            "Incitement to violence".parse(),
            Ok(ReasonCategory::IncitementToViolence)
        );
        assert_eq!(" THREAT ".parse(), Ok(ReasonCategory::Threat));
    }

    #[test]
    fn an_unknown_reason_lists_the_accepted_ones() {
        let err = "spam".parse::<ReasonCategory>().unwrap_err();
        assert!(err
            .to_string()
            .contains("\"spam\" is not a reason: use one of propaganda"));
    }
}
