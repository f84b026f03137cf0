//! Public coordination messages: calls to action, hold notices, the status board, the
//! digest and the review-queue summary. No reporter ever appears here, and a held account
//! appears only where the server opted in to hold notices.

use poise::serenity_prelude as serenity;

use super::{isolated, labels, link, MAX_LINK_CHARS};
use crate::discord::components::ComponentAction;
use crate::domain::account::{AccountKey, Platform};
use crate::domain::case::{AccountStatus, Decision};
use crate::domain::language::Language;
use crate::domain::time::Millis;
use crate::store::{BoardFacts, DigestFacts, NoticeFacts};
use crate::t;

/// A message's content, for posting or editing in place.
#[derive(Debug, Clone, Default)]
pub struct Post {
    pub content: String,
    pub embed: Option<serenity::CreateEmbed>,
    pub components: Vec<serenity::CreateActionRow>,
    /// Hide link previews, so the bot never spreads the reported content.
    pub suppress_embeds: bool,
}

/// How to report an account on its platform, in one short paragraph.
pub fn reporting_steps(platform: Platform, lang: Language) -> String {
    match platform {
        Platform::X => t!(lang, "steps-x"),
        Platform::Telegram => t!(lang, "steps-telegram"),
        Platform::Facebook => t!(lang, "steps-facebook"),
        Platform::Instagram => t!(lang, "steps-instagram"),
        Platform::Youtube => t!(lang, "steps-youtube"),
        Platform::Tiktok => t!(lang, "steps-tiktok"),
        Platform::Reddit => t!(lang, "steps-reddit"),
        Platform::Web => t!(lang, "steps-web"),
    }
}

pub(super) fn button(action: ComponentAction, label: &str, style: serenity::ButtonStyle) -> serenity::CreateButton {
    serenity::CreateButton::new(action.to_string())
        .label(label)
        .style(style)
}

/// The case's public message for its current state: a call to action, an opted-in hold
/// notice, or nothing (its old message, if any, is then deleted), in the server's `lang`.
pub fn notice(f: &NoticeFacts, announce_holds: bool, lang: Language) -> Option<Post> {
    let case = &f.case;
    Some(match case.lifecycle.decision {
        Decision::ReportNow => call_to_action(f, lang),
        Decision::HandOff if announce_holds => Post {
            content: format!(
                "{}\n{}{}\n{}",
                t!(lang, "hold-notice-heading", case = case.case_no),
                isolated(&link(&case.key, MAX_LINK_CHARS), lang),
                also_known_as(&f.aliases, lang),
                t!(lang, "hold-notice-body")
            ),
            suppress_embeds: true,
            ..Post::default()
        },
        _ => return None,
    })
}

/// How many of an account's other keys a notice (or a row of the public list) links;
/// the rest are counted.
pub const ALIASES_SHOWN: usize = 3;

/// A line after the case's link with the account's other keys as links (empty without
/// any), so volunteers find a renamed account under its name of now. Each link is half
/// the main one's length at most, so a notice stays far below Discord's 2,000 characters;
/// the catalogue isolates the links inside an Arabic sentence.
fn also_known_as(aliases: &[AccountKey], lang: Language) -> String {
    if aliases.is_empty() {
        return String::new();
    }
    let links: Vec<String> = aliases
        .iter()
        .take(ALIASES_SHOWN)
        .map(|key| link(key, MAX_LINK_CHARS / 2))
        .collect();
    let mut line = format!("\n{}", t!(lang, "also-known-as", keys = links.join(", ")));
    if aliases.len() > ALIASES_SHOWN {
        line = format!(
            "{line} {}",
            t!(lang, "board-more", count = aliases.len() - ALIASES_SHOWN)
        );
    }
    line
}

fn call_to_action(f: &NoticeFacts, lang: Language) -> Post {
    let case = &f.case;
    let reasons = labels::reasons(&f.reasons, lang);
    let suspended = matches!(case.account_status, AccountStatus::Suspended | AccountStatus::Gone);
    let state = if suspended {
        t!(lang, "cta-suspended")
    } else {
        format!(
            "{}\n{}",
            reporting_steps(case.key.platform(), lang),
            t!(lang, "cta-reported-so-far", count = f.reported_by)
        )
    };
    let no = case.case_no;
    let mut buttons = Vec::new();
    if !suspended {
        buttons.push(button(
            ComponentAction::ReportedIt { case_no: no },
            &t!(lang, "cta-button-reported"),
            serenity::ButtonStyle::Primary,
        ));
        buttons.push(button(
            ComponentAction::LooksSuspended { case_no: no },
            &t!(lang, "cta-button-suspended"),
            serenity::ButtonStyle::Secondary,
        ));
    }
    buttons.push(button(
        ComponentAction::StillUp { case_no: no },
        &t!(lang, "cta-button-still-up"),
        serenity::ButtonStyle::Secondary,
    ));
    let heading = t!(
        lang,
        "cta-heading",
        case = no,
        platform = labels::platform(case.key.platform(), lang)
    );
    Post {
        content: format!(
            "{heading}\n{}{}\n{}\n{state}",
            isolated(&link(&case.key, MAX_LINK_CHARS), lang),
            also_known_as(&f.aliases, lang),
            t!(lang, "cta-reason", reasons = reasons),
        ),
        components: vec![serenity::CreateActionRow::Buttons(buttons)],
        suppress_embeds: true,
        ..Post::default()
    }
}

fn counts<T: Copy>(items: &[(T, u64)], label: impl Fn(T) -> String, lang: Language) -> String {
    if items.is_empty() {
        return t!(lang, "counts-none");
    }
    items
        .iter()
        .map(|&(k, n)| format!("{}: {n}", label(k)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Decision totals as the public may see them: held and dismissed cases are counted
/// together, so no count changes in a way that singles out a held account.
fn public_decisions(items: &[(Decision, u64)], lang: Language) -> String {
    let mut merged: Vec<(String, u64)> = Vec::new();
    for &(decision, n) in items {
        let label = match decision {
            Decision::HandOff | Decision::Dismissed => t!(lang, "decision-reviewed-no-public-action"),
            other => labels::decision(other, lang),
        };
        match merged.iter_mut().find(|(l, _)| *l == label) {
            Some((_, total)) => *total += n,
            None => merged.push((label, n)),
        }
    }
    let items: Vec<(&str, u64)> = merged.iter().map(|(l, n)| (l.as_str(), *n)).collect();
    counts(&items, str::to_owned, lang)
}

/// Room for the board's report-now list in its embed description (4,096), keeping space
/// for the heading and the "…and N more" line; each link is cut shorter than elsewhere so
/// that long URLs cannot crowd out the others.
const BOARD_LIST_CHARS: usize = 3_800;
const BOARD_LINK_CHARS: usize = 150;

/// The status board, in the server's `lang`.
pub fn board(f: &BoardFacts, now: Millis, lang: Language) -> Post {
    let mut list: Vec<String> = Vec::new();
    let mut budget = BOARD_LIST_CHARS;
    for c in &f.report_now {
        let line = format!(
            "#{} {} ({})",
            c.case_no,
            isolated(&link(&c.key, BOARD_LINK_CHARS), lang),
            labels::platform(c.key.platform(), lang)
        );
        let Some(left) = budget.checked_sub(line.chars().count() + 1) else {
            break;
        };
        budget = left;
        list.push(line);
    }
    let shown = list.len() as u64;
    if f.report_now_total > shown {
        list.push(t!(lang, "board-more", count = f.report_now_total - shown));
    }
    let list = if list.is_empty() {
        t!(lang, "board-nothing")
    } else {
        list.join("\n")
    };
    let embed = serenity::CreateEmbed::new()
        .title(t!(lang, "board-title"))
        .description(format!("{}\n{list}", t!(lang, "board-report-now")))
        .field(t!(lang, "board-cases"), public_decisions(&f.by_decision, lang), false)
        .field(
            t!(lang, "board-accounts"),
            counts(&f.by_status, |s: AccountStatus| labels::account_status(s, lang), lang),
            false,
        )
        .field(
            t!(lang, "board-last-day"),
            [
                t!(lang, "board-new-cases", count = f.opened_last_day),
                t!(lang, "board-decisions", count = f.decided_last_day),
                t!(lang, "board-suspensions", count = f.suspended_last_day),
            ]
            .join(" · "),
            false,
        )
        .footer(serenity::CreateEmbedFooter::new(t!(lang, "board-updated")))
        .timestamp(
            serenity::Timestamp::from_unix_timestamp(now.0.div_euclid(1000))
                .unwrap_or_else(|_| serenity::Timestamp::now()),
        );
    Post {
        embed: Some(embed),
        ..Post::default()
    }
}

/// The daily digest, in the server's `lang`.
pub fn digest(f: &DigestFacts, lang: Language) -> Post {
    Post {
        content: [
            t!(lang, "digest-heading"),
            t!(lang, "digest-new-reports", count = f.new_reports),
            t!(lang, "digest-decisions", decisions = public_decisions(&f.decided, lang)),
            t!(lang, "digest-suspensions", count = f.suspensions_confirmed),
        ]
        .join("\n"),
        ..Post::default()
    }
}

/// The review queue's summary in the review channel, in the server's `lang`.
pub fn queue_summary(waiting: u64, lang: Language) -> Post {
    let content = match waiting {
        0 => t!(lang, "queue-summary-empty"),
        n => t!(lang, "queue-summary-waiting", count = n),
    };
    Post {
        content,
        ..Post::default()
    }
}

/// The weekly digest's line about its attached chart (the chart draws no words).
pub fn digest_chart(lang: Language) -> String {
    t!(lang, "digest-chart")
}
