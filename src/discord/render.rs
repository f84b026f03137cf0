//! What members read: review cards, status answers, report acknowledgements. User text is
//! escaped here; no function in this file mentions a reporter.

use poise::serenity_prelude as serenity;

use super::components::ComponentAction;
use crate::domain::case::{AccountStatus, Decision, RoundNote};
use crate::domain::time::Millis;
use crate::domain::vote::VoteChoice;
use crate::store::{CardFacts, CaseRecord, ReportOutcome};

/// Neutralise markdown, mentions and masked links in user-supplied text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']' | '(' | ')' | '-' => {
                out.push('\\');
                out.push(c);
            }
            // A zero-width space after @ and < breaks @everyone, <@id> and <#id> forms.
            '@' | '<' => {
                out.push(c);
                out.push('\u{200B}');
            }
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// Discord's relative timestamp markup.
fn relative(at: Millis) -> String {
    format!("<t:{}:R>", at.0.div_euclid(1000))
}

fn status_line(case: &CaseRecord) -> String {
    let l = &case.lifecycle;
    let mut line = match (l.decision, l.window_ends_at, l.overdue) {
        (Decision::Pending, _, true) => "**Overdue** — the window ended with no vote; a vote still decides.".to_owned(),
        (Decision::Pending, Some(end), _) => format!("Voting open — closes {}", relative(end)),
        (Decision::Pending, None, _) => "Voting open".to_owned(),
        (decided, _, _) => format!("**Decided: {}**", decided.label()),
    };
    if let Some(until) = l.held_until {
        let referral = if case.agency.is_some() {
            "referral recorded"
        } else {
            "no referral recorded yet"
        };
        line += &format!("\nHeld until <t:{}:f> ({referral})", until.0.div_euclid(1000));
    }
    if let (Decision::Pending, Some(note)) = (l.decision, &case.round_note) {
        line += &format!("\n_{}_", escape(&round_note_text(note)));
    }
    line
}

/// Why the open round was opened, in words (the store keeps only the facts).
fn round_note_text(note: &RoundNote) -> String {
    match note {
        RoundNote::HoldReview { ended } => format!(
            "Hold review: the hold ended {}. Vote again on how to handle this account.",
            ended.to_rfc3339()
        ),
        RoundNote::NewReporter => {
            "Re-opened: a member who had not reported it before reported this dismissed account.".to_owned()
        }
        RoundNote::Reopened { reason } => format!("Re-opened: {reason}"),
    }
}

/// The review card's embed.
pub fn card_embed(f: &CardFacts) -> serenity::CreateEmbed {
    let case = &f.case;
    let reasons = f.reasons.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ");
    let reporters = match f.recent_members {
        0 => f.reporters.to_string(),
        n => format!("{} ({n} joined in the last week)", f.reporters),
    };
    let record = format!(
        "{} other case(s), {} dismissed",
        f.reporters_other_cases, f.reporters_dismissed_cases
    );
    let tally = [VoteChoice::ReportNow, VoteChoice::HandOff, VoteChoice::Dismiss]
        .iter()
        .map(|&c| format!("{}: {}", c.label(), f.tally.count(c)))
        .collect::<Vec<_>>()
        .join(" · ");
    let details = f
        .latest_details
        .as_deref()
        .map_or_else(|| "—".to_owned(), |d| truncate(&escape(d), 1000));
    serenity::CreateEmbed::new()
        .title(format!("Case #{} — {}", case.case_no, case.key))
        .description(format!("<{}>\n{}", case.key.canonical_url(), status_line(case)))
        .field("Platform", case.key.platform().label(), true)
        .field(
            "Reasons",
            if reasons.is_empty() { "—".to_owned() } else { reasons },
            true,
        )
        .field("Reporters", reporters, true)
        .field("Reporters' track record", record, true)
        .field("Evidence", f.evidence.to_string(), true)
        .field("Opened", relative(case.created_at), true)
        .field("Latest details", details, false)
        .field(format!("Votes (round {})", case.lifecycle.round), tally, false)
}

/// At most `max` characters, with an ellipsis when cut (embed fields hold 1,024).
fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The vote buttons; disabled once the round is closed.
pub fn card_buttons(case: &CaseRecord) -> Vec<serenity::CreateActionRow> {
    let open = case.lifecycle.decision == Decision::Pending;
    let button = |choice: VoteChoice, style| {
        serenity::CreateButton::new(
            ComponentAction::Vote {
                case_no: case.case_no,
                choice,
            }
            .to_string(),
        )
        .label(choice.label())
        .style(style)
        .disabled(!open)
    };
    vec![serenity::CreateActionRow::Buttons(vec![
        button(VoteChoice::ReportNow, serenity::ButtonStyle::Danger),
        button(VoteChoice::HandOff, serenity::ButtonStyle::Primary),
        button(VoteChoice::Dismiss, serenity::ButtonStyle::Secondary),
    ])]
}

/// The held answer, word for word where PRODUCT.md gives it.
pub fn held_notice(case_no: i64) -> String {
    format!("Case #{case_no} is held — please do not report it on the platform.")
}

/// The private answer to `/report`.
pub fn report_answer(outcome: &ReportOutcome) -> String {
    let case = outcome.case();
    if case.lifecycle.decision == Decision::HandOff {
        return format!("{} Your report was recorded.", held_notice(case.case_no));
    }
    match outcome {
        ReportOutcome::NewCase { case } => {
            format!(
                "Thank you — new case #{} opened for {}. Moderators will review it.",
                case.case_no, case.key
            )
        }
        ReportOutcome::Merged { case, reporters } | ReportOutcome::Reopened { case, reporters } => {
            let again = if matches!(outcome, ReportOutcome::Reopened { .. }) {
                " It had been dismissed; moderators will review it again."
            } else {
                ""
            };
            format!(
                "Thank you — added to case #{} ({reporters} reporters).{again}",
                case.case_no
            )
        }
        ReportOutcome::AlreadyFiled { case } => format!("This report is already filed in case #{}.", case.case_no),
    }
}

/// The public state of a case, for `/status`.
pub fn status_answer(case: &CaseRecord) -> String {
    let head = format!("Case #{} — {}", case.case_no, case.key);
    let body = match case.lifecycle.decision {
        Decision::Pending => {
            "The moderators are reviewing it. Please wait for their decision before reporting it on the platform."
                .to_owned()
        }
        Decision::ReportNow => {
            "The community decided to **report it now**: follow the call to action in the coordination channel."
                .to_owned()
        }
        Decision::HandOff => return held_notice(case.case_no),
        Decision::Dismissed => "It was reviewed and dismissed: no action is asked.".to_owned(),
    };
    let status = match case.account_status {
        AccountStatus::Unknown => String::new(),
        other => format!(" Account last seen: {other}."),
    };
    format!("{head}\n{body}{status}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_makes_mentions_and_markdown_inert() {
        assert_eq!(escape("@everyone"), "@\u{200B}everyone");
        assert_eq!(escape("<@&123>"), "<\u{200B}@\u{200B}&123\\>");
        assert_eq!(escape("[click](https://evil)"), "\\[click\\]\\(https://evil\\)");
        assert_eq!(escape("**bold** _x_"), "\\*\\*bold\\*\\* \\_x\\_");
        assert_eq!(escape("a\u{7}b\nc"), "ab\nc");
    }
}
