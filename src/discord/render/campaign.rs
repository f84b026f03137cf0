//! What volunteers read of the campaign tools: their `/next` batch and `/myreports`
//! (and moderators: `/reporter show`, `/case alias add`). Its *I reported it*
//! buttons are the call to action's own (same id, same handler), so a press counts the
//! same wherever it was made.

use poise::serenity_prelude as serenity;

use super::answers::reviewed_privately;
use super::notices::{button, reporting_steps, Post};
use super::{isolated, key_text, labels, link, relative, truncate};
use crate::discord::components::ComponentAction;
use crate::domain::account::AccountKey;
use crate::domain::campaign::{may_withdraw, AliasError, MergeError, Paced, RecheckDays, WithdrawError};
use crate::domain::case::{AccountStatus, Decision};
use crate::domain::language::Language;
use crate::domain::status::Observed;
use crate::domain::time::Millis;
use crate::store::{BatchItem, BulkDismissal, CaseRecord, MyReport, ReporterRecord, Withdrawal};
use crate::t;

/// Each account's link is cut shorter than elsewhere, so five fit in one embed.
const BATCH_LINK_CHARS: usize = 300;

/// The member's batch: one field per account with its link and the platform's steps,
/// and one *I reported it* button per account; a re-check instead asks whether the account
/// is still suspended, with *Still suspended* and *It is back* (in the member's `lang`).
pub fn next_batch(items: &[BatchItem], lang: Language) -> Post {
    if items.is_empty() {
        return Post {
            content: t!(lang, "next-nothing"),
            ..Post::default()
        };
    }
    let mut embed = serenity::CreateEmbed::new()
        .title(t!(lang, "next-title"))
        .description(t!(lang, "next-description"));
    let mut buttons = Vec::new();
    for (item, since) in items.iter().filter_map(|i| Some((i, i.recheck?))) {
        let (name, value) = recheck_field(item, since, lang);
        embed = embed.field(name, value, false);
        buttons.extend(recheck_buttons(item.case.case_no, lang));
    }
    for item in items.iter().filter(|i| i.recheck.is_none()) {
        let case = &item.case;
        let value = format!(
            "{}\n{}\n{}",
            isolated(&link(&case.key, BATCH_LINK_CHARS), lang),
            reporting_steps(case.key.platform(), lang),
            t!(lang, "cta-reported-so-far", count = item.volunteers)
        );
        embed = embed.field(
            t!(
                lang,
                "next-field",
                case = case.case_no,
                platform = labels::platform(case.key.platform(), lang)
            ),
            truncate(&value, 1_000),
            false,
        );
        buttons.push(button(
            ComponentAction::ReportedIt { case_no: case.case_no },
            &t!(lang, "next-button", case = case.case_no),
            serenity::ButtonStyle::Primary,
        ));
    }
    Post {
        embed: Some(embed),
        components: button_rows(&buttons),
        ..Post::default()
    }
}

/// Discord's rows of at most 5 buttons.
fn button_rows(buttons: &[serenity::CreateButton]) -> Vec<serenity::CreateActionRow> {
    buttons
        .chunks(5)
        .map(|row| serenity::CreateActionRow::Buttons(row.to_vec()))
        .collect()
}

/// A re-check's field: the account and when it was confirmed suspended.
fn recheck_field(item: &BatchItem, since: Millis, lang: Language) -> (String, String) {
    let case = &item.case;
    let name = t!(
        lang,
        "next-recheck-title",
        case = case.case_no,
        platform = labels::platform(case.key.platform(), lang)
    );
    let since = relative(since);
    let value = format!(
        "{}\n{}",
        isolated(&link(&case.key, BATCH_LINK_CHARS), lang),
        t!(lang, "next-recheck-body", since = since)
    );
    (name, truncate(&value, 1_000))
}

fn recheck_buttons(case_no: i64, lang: Language) -> [serenity::CreateButton; 2] {
    [
        button(
            ComponentAction::Recheck { case_no, back: false },
            &t!(lang, "next-recheck-still", case = case_no),
            serenity::ButtonStyle::Secondary,
        ),
        button(
            ComponentAction::Recheck { case_no, back: true },
            &t!(lang, "next-recheck-back", case = case_no),
            serenity::ButtonStyle::Success,
        ),
    ]
}

/// What a re-check's answer did: the suspension stands (asked again after `days`), the
/// account is active again with its call to action, or it waits for another volunteer.
pub fn recheck_answer(seen: Observed, case: &CaseRecord, days: RecheckDays, lang: Language) -> String {
    let no = case.case_no;
    match (seen, case.account_status) {
        (Observed::SeenBack, AccountStatus::Suspended | AccountStatus::Gone) => {
            t!(lang, "recheck-back-noted", case = no)
        }
        (Observed::SeenBack, _) => t!(lang, "recheck-back", case = no),
        (_, AccountStatus::Suspended | AccountStatus::Gone) => t!(lang, "recheck-still", case = no, days = days.get()),
        (_, _) => t!(lang, "recheck-not-suspended", case = no),
    }
}

/// `/import`'s summary names the import, for `/queue dismiss-all source:`.
pub fn import_named(import_id: i64, lang: Language) -> String {
    t!(lang, "import-named", import = import_id)
}

/// The cases `/queue` posted, each with the import that opened it, if any.
pub fn queue_sources(sources: &[(i64, i64)], lang: Language) -> String {
    let list: Vec<String> = sources
        .iter()
        .map(|&(case, import)| t!(lang, "queue-from-import", case = case, import = import))
        .collect();
    list.join(", ")
}

/// What `/queue dismiss-all` did.
pub fn dismissed_import(import_id: i64, done: &BulkDismissal, lang: Language) -> String {
    let mut text = if done.dismissed.is_empty() {
        t!(lang, "dismiss-all-nothing", import = import_id)
    } else {
        t!(
            lang,
            "dismiss-all-done",
            import = import_id,
            count = done.dismissed.len()
        )
    };
    if done.skipped > 0 {
        text.push('\n');
        text.push_str(&t!(lang, "dismiss-all-skipped", skipped = done.skipped));
    }
    text
}

/// `/queue dismiss-all` named an import this server does not have.
pub fn no_such_import(import_id: i64, lang: Language) -> String {
    t!(lang, "dismiss-all-unknown", import = import_id)
}

/// The member was handed their hourly pace.
pub fn paced(p: Paced, lang: Language) -> String {
    t!(lang, "next-paced", pace = p.pace.get(), when = relative(p.until))
}

/// A `count` outside 1–5.
pub fn batch_size_refused(e: &crate::domain::campaign::CampaignError, lang: Language) -> String {
    format!("{}.", labels::campaign_refusal(e, lang))
}

/// A member's reports with each case's public state. Held and dismissed cases (and any
/// later round) read the same, "reviewed: please do not report it", and only a case
/// awaiting its first decision offers *Withdraw*: nothing here tells them apart.
pub fn my_reports(reports: &[MyReport], lang: Language) -> Post {
    if reports.is_empty() {
        return Post {
            content: t!(lang, "mine-none"),
            ..Post::default()
        };
    }
    let mut lines = vec![t!(lang, "mine-heading")];
    let mut buttons = Vec::new();
    for r in reports {
        let case = &r.case;
        let withdrawable = !r.withdrawn && may_withdraw(&case.lifecycle).is_ok();
        lines.push(t!(
            lang,
            "mine-line",
            case = case.case_no,
            key = key_text(&case.key),
            state = public_state(r, withdrawable, lang),
            filed = relative(r.filed_at)
        ));
        if withdrawable && buttons.len() < MAX_WITHDRAW_BUTTONS {
            buttons.push(button(
                ComponentAction::Withdraw { case_no: case.case_no },
                &t!(lang, "mine-withdraw-button", case = case.case_no),
                serenity::ButtonStyle::Secondary,
            ));
        }
    }
    let components = buttons
        .chunks(5)
        .map(|row| serenity::CreateActionRow::Buttons(row.to_vec()))
        .collect();
    Post {
        content: truncate(&lines.join("\n"), 1_990),
        components,
        ..Post::default()
    }
}

/// Discord allows 5 rows of 5 buttons.
const MAX_WITHDRAW_BUTTONS: usize = 25;

fn public_state(r: &MyReport, withdrawable: bool, lang: Language) -> String {
    let case = &r.case;
    if r.withdrawn {
        return t!(lang, "mine-state-withdrawn");
    }
    if reviewed_privately(case) {
        return t!(lang, "mine-state-reviewed");
    }
    if withdrawable {
        return t!(lang, "mine-state-withdrawable");
    }
    match (case.lifecycle.decision, case.account_status) {
        (Decision::ReportNow, AccountStatus::Suspended | AccountStatus::Gone) => t!(lang, "mine-state-suspended"),
        (Decision::ReportNow, _) => t!(lang, "mine-state-report-now"),
        (Decision::Withdrawn, _) => t!(lang, "mine-state-closed"),
        _ => t!(lang, "mine-state-awaiting"),
    }
}

/// The member's report was withdrawn.
pub fn withdrawn(w: &Withdrawal, lang: Language) -> String {
    if w.closed {
        t!(lang, "withdrawn-closed", case = w.case.case_no)
    } else {
        t!(lang, "withdrawn", case = w.case.case_no)
    }
}

/// Why a report could not be withdrawn. A held and a dismissed case give the same answer.
pub fn withdraw_refused(e: WithdrawError, case_no: i64, lang: Language) -> String {
    match e {
        WithdrawError::Reviewed => t!(lang, "withdraw-reviewed", case = case_no),
        WithdrawError::AlreadyWithdrawn => t!(lang, "withdraw-already", case = case_no),
        WithdrawError::NoReport => t!(lang, "withdraw-no-report", case = case_no),
    }
}

/// `/case alias add` succeeded.
pub fn alias_added(case_no: i64, alias: &AccountKey, lang: Language) -> String {
    t!(lang, "alias-added", case = case_no, alias = key_text(alias))
}

/// Why `/case alias add` refused the key, and what to do instead.
pub fn alias_refused(e: &AliasError, case_no: i64, lang: Language) -> String {
    match e {
        AliasError::OtherPlatform { case, alias } => t!(
            lang,
            "alias-other-platform",
            case = case_no,
            case_platform = labels::platform(*case, lang),
            alias_platform = labels::platform(*alias, lang)
        ),
        AliasError::Taken { case_no: owner } if *owner == case_no => t!(lang, "alias-already", case = case_no),
        AliasError::Taken { case_no: owner } => t!(lang, "alias-taken", owner = *owner, case = case_no),
    }
}

/// `/case merge` done: where the merged case's reports went.
pub fn merged(from: i64, into: i64, lang: Language) -> String {
    t!(lang, "merge-done", from = from, into = into)
}

/// Why `/case merge` refused, and what to do instead.
pub fn merge_refused(e: &MergeError, lang: Language) -> String {
    match e {
        MergeError::SameCase => t!(lang, "merge-refused-same"),
        MergeError::OtherPlatform {
            from_no,
            from,
            into_no,
            into,
        } => t!(
            lang,
            "merge-refused-platform",
            from = *from_no,
            from_platform = labels::platform(*from, lang),
            into = *into_no,
            into_platform = labels::platform(*into, lang)
        ),
        MergeError::AlreadyMerged { case_no } => t!(lang, "merge-refused-merged", case = *case_no),
    }
}

/// `/reporter show`, for moderators: the reporter's record, in the card's own terms.
pub fn reporter_record(member: u64, r: &ReporterRecord, lang: Language) -> String {
    let member = format!("<@{member}>");
    if r.reports == 0 {
        return t!(lang, "reporter-none", member = member);
    }
    let when = |at: Option<Millis>| at.map_or_else(|| "—".to_owned(), |t| format!("<t:{}:f>", t.0.div_euclid(1000)));
    [
        t!(lang, "reporter-heading", member = member),
        t!(lang, "reporter-reports", reports = r.reports, cases = r.cases),
        t!(
            lang,
            "reporter-outcomes",
            report_now = r.report_now,
            suspended = r.suspended,
            held = r.held,
            dismissed = r.dismissed
        ),
        t!(lang, "reporter-dates", first = when(r.first), last = when(r.last)),
    ]
    .join("\n")
}

/// `/reporter mute`, for the moderator.
pub fn muted(member: u64, until: Option<Millis>, lang: Language) -> String {
    let member = format!("<@{member}>");
    match until {
        None => t!(lang, "reporter-muted", member = member),
        Some(t) => t!(
            lang,
            "reporter-muted-until",
            member = member,
            until = format!("<t:{}:f>", t.0.div_euclid(1000))
        ),
    }
}

/// `/reporter unmute`, for the moderator.
pub fn unmuted(member: u64, ended: bool, lang: Language) -> String {
    let member = format!("<@{member}>");
    if ended {
        t!(lang, "reporter-unmuted", member = member)
    } else {
        t!(lang, "reporter-not-muted", member = member)
    }
}
