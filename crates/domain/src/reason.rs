//! Why an account was reported: the fixed categories members choose from.

use std::fmt;
use std::str::FromStr;

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

impl ReasonCategory {
    pub const ALL: [ReasonCategory; 6] = [
        ReasonCategory::Propaganda,
        ReasonCategory::Recruitment,
        ReasonCategory::IncitementToViolence,
        ReasonCategory::Financing,
        ReasonCategory::Threat,
        ReasonCategory::Other,
    ];

    /// The stable name used in storage, exports and commands.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCategory::Propaganda => "propaganda",
            ReasonCategory::Recruitment => "recruitment",
            ReasonCategory::IncitementToViolence => "incitement_to_violence",
            ReasonCategory::Financing => "financing",
            ReasonCategory::Threat => "threat",
            ReasonCategory::Other => "other",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            ReasonCategory::Propaganda => "Propaganda",
            ReasonCategory::Recruitment => "Recruitment",
            ReasonCategory::IncitementToViolence => "Incitement to violence",
            ReasonCategory::Financing => "Financing",
            ReasonCategory::Threat => "Threat",
            ReasonCategory::Other => "Other",
        }
    }
}

impl fmt::Display for ReasonCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown reason name; the message lists the accepted ones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{0}\" is not a reason: use one of propaganda, recruitment, incitement_to_violence, financing, threat, other"
)]
pub struct UnknownReason(String);

impl FromStr for ReasonCategory {
    type Err = UnknownReason;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        ReasonCategory::ALL
            .into_iter()
            .find(|r| r.as_str() == wanted)
            .ok_or_else(|| UnknownReason(s.chars().take(40).collect()))
    }
}

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
