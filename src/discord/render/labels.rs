//! The names people read for the domain's values (the domain itself only knows their
//! stored names), and the member-facing wording of the case and policy refusals (an
//! account key's rejection is worded in `rejections`).

use std::collections::BTreeSet;

use crate::discord::setup_checks::{Needed, Purpose};
use crate::domain::account::Platform;
use crate::domain::campaign::{BatchSize, CampaignError, HourlyPace, RecheckDays};
use crate::domain::case::{Decision, LifecycleError};
use crate::domain::language::Language;
use crate::domain::reason::ReasonCategory;
use crate::domain::time::Weekday;
use crate::domain::vote::{PolicyError, VoteChoice};
use crate::t;

pub fn decision(d: Decision) -> &'static str {
    match d {
        Decision::Pending => "Pending",
        Decision::ReportNow => "Report now",
        Decision::HandOff => "Handed to agencies",
        Decision::Dismissed => "Dismissed",
        Decision::Withdrawn => "Closed: every report withdrawn",
        Decision::Merged => "Merged into another case",
    }
}

/// The vote button's label on a review card, in the server's language.
pub fn vote_button(c: VoteChoice, lang: Language) -> String {
    match c {
        VoteChoice::ReportNow => t!(lang, "vote-report-now"),
        VoteChoice::HandOff => t!(lang, "vote-hand-off"),
        VoteChoice::Dismiss => t!(lang, "vote-dismiss"),
    }
}

/// The vote's name in answers still written in English.
pub fn vote_choice(c: VoteChoice) -> &'static str {
    match c {
        VoteChoice::ReportNow => "Report now",
        VoteChoice::HandOff => "Hand to agencies",
        VoteChoice::Dismiss => "Dismiss",
    }
}

pub fn reason(r: ReasonCategory, lang: Language) -> String {
    match r {
        ReasonCategory::Propaganda => t!(lang, "reason-propaganda"),
        ReasonCategory::Recruitment => t!(lang, "reason-recruitment"),
        ReasonCategory::IncitementToViolence => t!(lang, "reason-incitement"),
        ReasonCategory::Financing => t!(lang, "reason-financing"),
        ReasonCategory::Threat => t!(lang, "reason-threat"),
        ReasonCategory::Other => t!(lang, "reason-other"),
    }
}

/// A case's reasons, or a dash when it has none.
pub fn reasons(reasons: &BTreeSet<ReasonCategory>, lang: Language) -> String {
    if reasons.is_empty() {
        return "—".to_owned();
    }
    reasons.iter().map(|&r| reason(r, lang)).collect::<Vec<_>>().join(", ")
}

pub fn platform(p: Platform) -> &'static str {
    match p {
        Platform::X => "X (Twitter)",
        Platform::Telegram => "Telegram",
        Platform::Facebook => "Facebook",
        Platform::Instagram => "Instagram",
        Platform::Youtube => "YouTube",
        Platform::Tiktok => "TikTok",
        Platform::Reddit => "Reddit",
        Platform::Web => "Website",
    }
}

/// Why the case lifecycle refused a change, for the moderator who asked.
pub fn lifecycle_refusal(e: &LifecycleError) -> String {
    match e {
        LifecycleError::NotPending(d) => format!(
            "this case is no longer open for votes (it is {}): ask an admin to re-open it",
            decision(*d)
        ),
        LifecycleError::NotHeld(d) => format!(
            "this case is not held (it is {}): only cases handed to agencies can be released or extended",
            decision(*d)
        ),
        LifecycleError::HoldNotExpired(until) => {
            format!(
                "the hold on this case runs until {}; it has not expired",
                until.to_rfc3339()
            )
        }
        LifecycleError::NotDismissed => "this case was not dismissed, so new reports do not re-open it".to_owned(),
        LifecycleError::NotWithdrawn => "this case was not closed as withdrawn".to_owned(),
        LifecycleError::AlreadyPending => "this case is already pending a vote".to_owned(),
        LifecycleError::AlreadyOverdue => "this case is already marked overdue".to_owned(),
        LifecycleError::AlreadyDecided(d) => format!("this case is already decided as {}", decision(*d)),
        LifecycleError::Merged => "this case was merged into another one; act on that case instead".to_owned(),
    }
}

/// Why a voting-policy setting was refused, for the admin who set it.
pub fn policy_refusal(e: &PolicyError) -> String {
    match e {
        PolicyError::Quorum(n) => format!("quorum must be between 1 and 25 votes (got {n})"),
        PolicyError::Window(m) => {
            format!("the voting window must be between 10 minutes and 30 days (got {m} minutes)")
        }
        PolicyError::HoldDays(d) => format!("holds must last between 1 and 365 days (got {d})"),
    }
}

/// A permission the bot needs, as Discord's channel settings name it.
pub fn needed(n: Needed) -> &'static str {
    match n {
        Needed::View => "View Channel",
        Needed::Send => "Send Messages",
        Needed::Embed => "Embed Links",
        Needed::Pin => "Pin Messages (Manage Messages)",
        Needed::ManageMessages => "Manage Messages",
    }
}

/// Which configured channel a check is about.
pub fn purpose(p: Purpose) -> &'static str {
    match p {
        Purpose::Review => "review channel",
        Purpose::Coordination => "coordination channel",
    }
}

/// A `/next` batch size or hourly pace outside its range.
pub fn campaign_refusal(e: &CampaignError) -> String {
    match e {
        CampaignError::BatchSize(n) => format!("a batch holds 1 to {} accounts (got {n})", BatchSize::MAX),
        CampaignError::Pace(n) => format!("next_per_hour must be between 1 and {} (got {n})", HourlyPace::MAX),
        // Through the catalogue already; in English like the rest of this function for now.
        CampaignError::RecheckDays(n) => t!(
            Language::English,
            "recheck-days-refused",
            min = RecheckDays::MIN,
            max = RecheckDays::MAX,
            value = *n
        ),
    }
}

/// A weekday's English name.
pub fn weekday(d: Weekday) -> &'static str {
    match d {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_platform_has_a_name_people_read() {
        for p in Platform::ALL {
            assert!(!platform(p).is_empty(), "{p}");
        }
    }
}

