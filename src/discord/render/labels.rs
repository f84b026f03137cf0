//! The names people read for the domain's values (the domain itself only knows their
//! stored names), and the member-facing wording of the case and policy refusals (an
//! account key's rejection is worded in `rejections`).

use std::collections::BTreeSet;

use crate::discord::setup_checks::{Needed, Purpose};
use crate::domain::account::Platform;
use crate::domain::campaign::{BatchSize, CampaignError, HourlyPace, RecheckDays};
use crate::domain::case::{AccountStatus, Decision, LifecycleError};
use crate::domain::language::Language;
use crate::domain::reason::ReasonCategory;
use crate::domain::time::Weekday;
use crate::domain::vote::{PolicyError, VoteChoice};
use crate::t;

/// A decision's name, in `lang`.
pub fn decision(d: Decision, lang: Language) -> String {
    match d {
        Decision::Pending => t!(lang, "decision-pending"),
        Decision::ReportNow => t!(lang, "decision-report-now"),
        Decision::HandOff => t!(lang, "decision-hand-off"),
        Decision::Dismissed => t!(lang, "decision-dismissed"),
        Decision::Withdrawn => t!(lang, "decision-withdrawn"),
        Decision::Merged => t!(lang, "decision-merged"),
    }
}

/// What was last seen of an account, in `lang`.
pub fn account_status(s: AccountStatus, lang: Language) -> String {
    match s {
        AccountStatus::Unknown => t!(lang, "account-unknown"),
        AccountStatus::Active => t!(lang, "account-active"),
        AccountStatus::Suspended => t!(lang, "account-suspended"),
        AccountStatus::Gone => t!(lang, "account-gone"),
    }
}

/// A vote's name: the review card's button label and the answers about votes.
pub fn vote_button(c: VoteChoice, lang: Language) -> String {
    match c {
        VoteChoice::ReportNow => t!(lang, "vote-report-now"),
        VoteChoice::HandOff => t!(lang, "vote-hand-off"),
        VoteChoice::Dismiss => t!(lang, "vote-dismiss"),
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

/// A platform's name: its own brand, except a website, which is a word in `lang`.
pub fn platform(p: Platform, lang: Language) -> String {
    let brand = match p {
        Platform::X => "X (Twitter)",
        Platform::Telegram => "Telegram",
        Platform::Facebook => "Facebook",
        Platform::Instagram => "Instagram",
        Platform::Youtube => "YouTube",
        Platform::Tiktok => "TikTok",
        Platform::Reddit => "Reddit",
        Platform::Web => return t!(lang, "platform-web"),
    };
    brand.to_owned()
}

/// Why the case lifecycle refused a change, for the moderator who asked.
pub fn lifecycle_refusal(e: &LifecycleError, lang: Language) -> String {
    match e {
        LifecycleError::NotPending(d) => t!(lang, "refusal-not-pending", decision = decision(*d, lang)),
        LifecycleError::NotHeld(d) => t!(lang, "refusal-not-held", decision = decision(*d, lang)),
        LifecycleError::HoldNotExpired(until) => t!(lang, "refusal-hold-not-expired", until = until.to_rfc3339()),
        LifecycleError::NotDismissed => t!(lang, "refusal-not-dismissed"),
        LifecycleError::NotWithdrawn => t!(lang, "refusal-not-withdrawn"),
        LifecycleError::AlreadyPending => t!(lang, "refusal-already-pending"),
        LifecycleError::AlreadyOverdue => t!(lang, "refusal-already-overdue"),
        LifecycleError::AlreadyDecided(d) => t!(lang, "refusal-already-decided", decision = decision(*d, lang)),
        LifecycleError::Merged => t!(lang, "refusal-merged"),
    }
}

/// Why a voting-policy setting was refused, for the admin who set it.
pub fn policy_refusal(e: &PolicyError, lang: Language) -> String {
    match e {
        PolicyError::Quorum(n) => t!(lang, "refusal-quorum", got = *n),
        PolicyError::Window(m) => t!(lang, "refusal-window", got = *m),
        PolicyError::HoldDays(d) => t!(lang, "refusal-hold-days", got = *d),
    }
}

/// A permission the bot needs, as Discord's channel settings name it in `lang`.
pub fn needed(n: Needed, lang: Language) -> String {
    match n {
        Needed::View => t!(lang, "permission-view"),
        Needed::Send => t!(lang, "permission-send"),
        Needed::Embed => t!(lang, "permission-embed"),
        Needed::Pin => t!(lang, "permission-pin"),
        Needed::ManageMessages => t!(lang, "permission-manage-messages"),
    }
}

/// Which configured channel a check is about.
pub fn purpose(p: Purpose, lang: Language) -> String {
    match p {
        Purpose::Review => t!(lang, "channel-review"),
        Purpose::Coordination => t!(lang, "channel-coordination"),
    }
}

/// A `/next` batch size or hourly pace outside its range.
pub fn campaign_refusal(e: &CampaignError, lang: Language) -> String {
    match e {
        CampaignError::BatchSize(n) => t!(lang, "refusal-batch-size", max = BatchSize::MAX, got = *n),
        CampaignError::Pace(n) => t!(lang, "refusal-pace", max = HourlyPace::MAX, got = *n),
        CampaignError::RecheckDays(n) => t!(
            lang,
            "recheck-days-refused",
            min = RecheckDays::MIN,
            max = RecheckDays::MAX,
            value = *n
        ),
    }
}

/// A weekday's name.
pub fn weekday(d: Weekday, lang: Language) -> String {
    match d {
        Weekday::Monday => t!(lang, "weekday-monday"),
        Weekday::Tuesday => t!(lang, "weekday-tuesday"),
        Weekday::Wednesday => t!(lang, "weekday-wednesday"),
        Weekday::Thursday => t!(lang, "weekday-thursday"),
        Weekday::Friday => t!(lang, "weekday-friday"),
        Weekday::Saturday => t!(lang, "weekday-saturday"),
        Weekday::Sunday => t!(lang, "weekday-sunday"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_platform_has_a_name_people_read() {
        for p in Platform::ALL {
            for lang in Language::ALL {
                assert!(!platform(p, lang).is_empty(), "{p} {lang}");
            }
        }
        assert_eq!(platform(Platform::Web, Language::French), "Site web");
    }
}
