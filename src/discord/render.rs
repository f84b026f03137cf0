//! What members read, and the only place it is written: review cards here, private
//! answers in `answers`, public posts in `notices`. User text (details, notes, account
//! keys) is escaped here; no function in this module mentions a reporter.

pub mod answers;
pub mod campaign;
pub mod catalogue;
pub mod labels;
pub mod notices;
pub mod rejections;

use poise::serenity_prelude as serenity;

use super::components::ComponentAction;
use crate::domain::account::AccountKey;
use crate::domain::case::{Decision, RoundNote};
use crate::domain::language::Language;
use crate::domain::time::Millis;
use crate::domain::vote::VoteChoice;
use crate::store::{CardFacts, CaseRecord, ReporterRecord};
use crate::t;

/// Invisible characters that change how text around them reads: bidi embeddings,
/// overrides and isolates (which can make a URL display backwards), zero-width and other
/// Unicode format characters (category Cf), and the byte-order mark.
fn is_format_char(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{0600}'..='\u{0605}' | '\u{061C}' | '\u{06DD}' | '\u{070F}' | '\u{08E2}'
        | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{110BD}' | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}' | '\u{E0020}'..='\u{E007F}')
}

/// Neutralise markdown, mentions and masked links in user-supplied text, and drop control
/// and format characters (see [`is_format_char`]).
pub fn escape(text: &str) -> String {
    escape_keeping(text, &[])
}

/// [`escape`], leaving the markdown characters in `keep` as they are.
fn escape_keeping(text: &str, keep: &[char]) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if is_format_char(c) => {}
            c if keep.contains(&c) => out.push(c),
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

/// The longest account key shown in a title or an answer.
const MAX_KEY_CHARS: usize = 120;
/// The longest link shown; longer ones are cut (the full one is in `/case show` and exports).
pub const MAX_LINK_CHARS: usize = 400;

/// An account key is user input too: escaped like any other and kept short, except that
/// underscores stay as they are (handles are full of them, and an underscore inside a word
/// does not format in Discord).
pub fn key_text(key: &AccountKey) -> String {
    truncate(&escape_keeping(&key.to_string(), &['_']), MAX_KEY_CHARS)
}

/// An account's canonical link as `<…>` (no preview), with the characters that could end
/// it or start markdown inside it percent-encoded, cut to `max` characters.
pub fn link(key: &AccountKey, max: usize) -> String {
    let mut url = String::new();
    for c in key
        .canonical_url()
        .chars()
        .filter(|&c| !is_format_char(c) && !c.is_control())
    {
        match c {
            '<' | '>' | '[' | ']' | '(' | ')' | '*' | '~' | '|' | '`' | ' ' | '\\' => {
                url += &format!("%{:02X}", c as u32);
            }
            c => url.push(c),
        }
    }
    match url.char_indices().nth(max) {
        Some((cut, _)) => format!("<{}>…", &url[..cut]),
        None => format!("<{url}>"),
    }
}

/// A Latin fragment (a link, an account key) on a line of its own in a right-to-left
/// message, isolated (U+2068 FSI … U+2069 PDI) so it is neither reordered nor broken;
/// as it is elsewhere. Inside a sentence, the catalogue isolates placeables itself.
pub fn isolated(text: &str, lang: Language) -> String {
    if lang.right_to_left() {
        format!("\u{2068}{text}\u{2069}")
    } else {
        text.to_owned()
    }
}

/// Discord's relative timestamp markup.
pub(super) fn relative(at: Millis) -> String {
    format!("<t:{}:R>", at.0.div_euclid(1000))
}

fn status_line(case: &CaseRecord, lang: Language) -> String {
    let l = &case.lifecycle;
    let mut line = match (l.decision, l.window_ends_at, l.overdue) {
        (Decision::Pending, _, true) => t!(lang, "card-overdue"),
        (Decision::Pending, Some(end), _) => t!(lang, "card-voting-closes", closes = relative(end)),
        (Decision::Pending, None, _) => t!(lang, "card-voting-open"),
        (Decision::Withdrawn, _, _) => t!(lang, "card-closed-withdrawn"),
        (decided, _, _) => t!(lang, "card-decided", decision = labels::decision(decided, lang)),
    };
    if let Some(until) = l.held_until {
        let until = format!("<t:{}:f>", until.0.div_euclid(1000));
        line += "\n";
        line += &if case.agency.is_some() {
            t!(lang, "card-held-referral", until = until)
        } else {
            t!(lang, "card-held-no-referral", until = until)
        };
    }
    if let (Decision::Pending, Some(note)) = (l.decision, &case.round_note) {
        line += &format!("\n_{}_", round_note_text(note, lang));
    }
    line
}

/// Why the open round was opened, in words (the store keeps only the facts); the
/// moderator's reason is escaped, the rest is ours.
fn round_note_text(note: &RoundNote, lang: Language) -> String {
    match note {
        RoundNote::HoldReview { ended } => t!(lang, "round-hold-review", ended = escape(&ended.to_rfc3339())),
        RoundNote::NewReporter => t!(lang, "round-new-reporter"),
        RoundNote::Reopened { reason } => t!(lang, "round-reopened", reason = escape(reason)),
    }
}

/// The review card's embed, in the server's `lang`.
pub fn card_embed(f: &CardFacts, lang: Language) -> serenity::CreateEmbed {
    let case = &f.case;
    let reasons = labels::reasons(&f.reasons, lang);
    let reporters = match f.recent_members {
        0 => f.reporters.to_string(),
        n => t!(lang, "card-reporters-recent", reporters = f.reporters, recent = n),
    };
    let reporters = match f.opener_muted {
        None => reporters,
        Some(None) => t!(lang, "card-opened-by-muted", reporters = reporters),
        Some(Some(until)) => t!(
            lang,
            "card-opened-by-muted-until",
            reporters = reporters,
            until = relative(until)
        ),
    };
    let record = track_record(&f.record, lang);
    let tally = [VoteChoice::ReportNow, VoteChoice::HandOff, VoteChoice::Dismiss]
        .iter()
        .map(|&c| format!("{}: {}", labels::vote_button(c, lang), f.tally.count(c)))
        .collect::<Vec<_>>()
        .join(" · ");
    let details = f
        .latest_details
        .as_deref()
        .map_or_else(|| "—".to_owned(), |d| truncate(&escape(d), 1000));
    serenity::CreateEmbed::new()
        .title(t!(lang, "card-title", case = case.case_no, key = key_text(&case.key)))
        .description(format!(
            "{}\n{}",
            isolated(&link(&case.key, MAX_LINK_CHARS), lang),
            match f.merged_into {
                Some(into) => t!(lang, "case-merged-into", case = into),
                None => status_line(case, lang),
            }
        ))
        .field(
            t!(lang, "card-platform"),
            labels::platform(case.key.platform(), lang),
            true,
        )
        .field(t!(lang, "card-reasons"), reasons, true)
        .field(t!(lang, "card-reporters"), reporters, true)
        .field(t!(lang, "card-track-record"), record, true)
        .field(t!(lang, "card-evidence"), f.evidence.to_string(), true)
        .field(t!(lang, "card-opened"), relative(case.created_at), true)
        .field(t!(lang, "card-latest-details"), details, false)
        .field(t!(lang, "card-votes", round = case.lifecycle.round), tally, false)
}

/// What became of a reporter's other cases, on the review card.
pub fn track_record(r: &ReporterRecord, lang: Language) -> String {
    t!(
        lang,
        "card-track-record-value",
        cases = r.cases,
        report_now = r.report_now,
        suspended = r.suspended,
        held = r.held,
        dismissed = r.dismissed
    )
}

/// At most `max` characters, with an ellipsis when cut (embed fields hold 1,024).
pub fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The vote buttons, in the server's `lang`; disabled once the round is closed.
pub fn card_buttons(case: &CaseRecord, lang: Language) -> Vec<serenity::CreateActionRow> {
    let open = case.lifecycle.decision == Decision::Pending;
    let button = |choice: VoteChoice, style| {
        serenity::CreateButton::new(
            ComponentAction::Vote {
                case_no: case.case_no,
                choice,
            }
            .to_string(),
        )
        .label(labels::vote_button(choice, lang))
        .style(style)
        .disabled(!open)
    };
    vec![serenity::CreateActionRow::Buttons(vec![
        button(VoteChoice::ReportNow, serenity::ButtonStyle::Danger),
        button(VoteChoice::HandOff, serenity::ButtonStyle::Primary),
        button(VoteChoice::Dismiss, serenity::ButtonStyle::Secondary),
    ])]
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

    #[test]
    fn escape_drops_bidi_controls_and_invisible_characters() {
        let hostile = "x.com/\u{202E}moc.live\u{202C} \u{2066}a\u{2069}\u{200B}b\u{200D}c\u{FEFF}\u{E0041}";
        assert_eq!(escape(hostile), "x.com/moc.live abc");
        // The zero-width space escape itself adds after @ survives.
        assert_eq!(escape("\u{200B}@x"), "@\u{200B}x");
    }
}
