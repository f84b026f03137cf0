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
            content: "Nothing for you to report right now: you have reported every open call to action, or the rest are being worked on by others. Try again later.".to_owned(),
            ..Post::default()
        };
    }
    let mut embed = serenity::CreateEmbed::new()
        .title("Your next accounts to report")
        .description("Report each on its platform, then press its button here. Take your time: platforms suspend accounts that report in bursts.");
    let mut buttons = Vec::new();
    for (item, since) in items.iter().filter_map(|i| Some((i, i.recheck?))) {
        let (name, value) = recheck_field(item, since, lang);
        embed = embed.field(name, value, false);
        buttons.extend(recheck_buttons(item.case.case_no, lang));
    }
    for item in items.iter().filter(|i| i.recheck.is_none()) {
        let case = &item.case;
        let value = format!(
            "{}\n{}\n{} volunteer(s) reported it so far.",
            link(&case.key, BATCH_LINK_CHARS),
            reporting_steps(case.key.platform(), Language::English),
            item.volunteers
        );
        embed = embed.field(
            format!("Case #{} — {}", case.case_no, labels::platform(case.key.platform())),
            truncate(&value, 1_000),
            false,
        );
        buttons.push(button(
            ComponentAction::ReportedIt { case_no: case.case_no },
            &format!("I reported #{}", case.case_no),
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
        platform = labels::platform(case.key.platform())
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

/// `/setup`'s line for the re-check period.
pub fn recheck_setting(days: RecheckDays, lang: Language) -> String {
    t!(lang, "setup-recheck-days", days = days.get())
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
pub fn paced(p: Paced) -> String {
    format!(
        "You have been handed {} accounts in the last hour, this server's pace: platforms suspend accounts that report in bursts. You can ask for more {}.",
        p.pace.get(),
        relative(p.until)
    )
}

/// A `count` outside 1–5.
pub fn batch_size_refused(e: &crate::domain::campaign::CampaignError) -> String {
    format!("{}.", labels::campaign_refusal(e))
}

/// A member's reports with each case's public state. Held and dismissed cases (and any
/// later round) read the same, "reviewed: please do not report it", and only a case
/// awaiting its first decision offers *Withdraw*: nothing here tells them apart.
pub fn my_reports(reports: &[MyReport]) -> Post {
    if reports.is_empty() {
        return Post {
            content: "You have not filed any reports on this server.".to_owned(),
            ..Post::default()
        };
    }
    let mut lines = vec!["**Your reports** (newest first)".to_owned()];
    let mut buttons = Vec::new();
    for r in reports {
        let case = &r.case;
        let withdrawable = !r.withdrawn && may_withdraw(&case.lifecycle).is_ok();
        lines.push(format!(
            "• #{} {} — {} · filed {}",
            case.case_no,
            key_text(&case.key),
            public_state(r, withdrawable),
            relative(r.filed_at)
        ));
        if withdrawable && buttons.len() < MAX_WITHDRAW_BUTTONS {
            buttons.push(button(
                ComponentAction::Withdraw { case_no: case.case_no },
                &format!("Withdraw #{}", case.case_no),
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

fn public_state(r: &MyReport, withdrawable: bool) -> &'static str {
    let case = &r.case;
    if r.withdrawn {
        return "you withdrew your report";
    }
    if reviewed_privately(case) {
        return "reviewed: please do not report it";
    }
    if withdrawable {
        return "awaiting review (you can withdraw it)";
    }
    match (case.lifecycle.decision, case.account_status) {
        (Decision::ReportNow, AccountStatus::Suspended | AccountStatus::Gone) => {
            "reported; account confirmed suspended"
        }
        (Decision::ReportNow, _) => "report now: see the call to action",
        (Decision::Withdrawn, _) => "closed: every report was withdrawn",
        _ => "awaiting review",
    }
}

/// The member's report was withdrawn.
pub fn withdrawn(w: &Withdrawal) -> String {
    if w.closed {
        format!(
            "Your report on case #{} is withdrawn. It was the case's last report, so the case is closed.",
            w.case.case_no
        )
    } else {
        format!(
            "Your report on case #{} is withdrawn; the case's counts no longer include it.",
            w.case.case_no
        )
    }
}

/// Why a report could not be withdrawn. A held and a dismissed case give the same answer.
pub fn withdraw_refused(e: WithdrawError, case_no: i64) -> String {
    match e {
        WithdrawError::Reviewed => format!(
            "Case #{case_no} was already reviewed, so your report stays. Reports can be withdrawn only while the case awaits review."
        ),
        WithdrawError::AlreadyWithdrawn => format!("You already withdrew your report on case #{case_no}."),
        WithdrawError::NoReport => format!("You have no report on case #{case_no} to withdraw. `/myreports` lists yours."),
    }
}

/// `/case alias add` succeeded.
pub fn alias_added(case_no: i64, alias: &AccountKey) -> String {
    format!(
        "Case #{case_no} is now also known as {}: reports and `/status` of that form land on it.",
        key_text(alias)
    )
}

/// Why `/case alias add` refused the key, and what to do instead.
pub fn alias_refused(e: &AliasError, case_no: i64) -> String {
    match e {
        AliasError::OtherPlatform { case, alias } => format!(
            "Case #{case_no} is on {case} and that link is on {alias}; an alias must be the same account on the same platform."
        ),
        AliasError::Taken { case_no: owner } if *owner == case_no => {
            format!("Case #{case_no} already has that key; nothing to add.")
        }
        AliasError::Taken { case_no: owner } => format!(
            "That account already belongs to case #{owner}, so it cannot also be an alias of case #{case_no}. \
             If both cases are the same account, merge them with `/case merge`."
        ),
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
            from_platform = labels::platform(*from),
            into = *into_no,
            into_platform = labels::platform(*into)
        ),
        MergeError::AlreadyMerged { case_no } => t!(lang, "merge-refused-merged", case = *case_no),
    }
}

/// `/reporter show`, for moderators: the reporter's record, in the card's own terms.
pub fn reporter_record(member: u64, r: &ReporterRecord) -> String {
    if r.reports == 0 {
        return format!("<@{member}> has no reports on this server (withdrawn reports are not counted).");
    }
    let when = |at: Option<Millis>| at.map_or_else(|| "—".to_owned(), |t| format!("<t:{}:f>", t.0.div_euclid(1000)));
    format!(
        "**Reporter <@{member}>**\n{} report(s) on {} case(s)\nOutcomes: {} report now ({} confirmed suspended) · {} held · {} dismissed\nFirst report: {} · Last report: {}",
        r.reports,
        r.cases,
        r.report_now,
        r.suspended,
        r.held,
        r.dismissed,
        when(r.first),
        when(r.last)
    )
}

/// `/reporter mute`, for the moderator.
pub fn muted(member: u64, until: Option<Millis>) -> String {
    let end = until.map_or_else(
        || "until unmuted".to_owned(),
        |t| format!("until <t:{}:f>", t.0.div_euclid(1000)),
    );
    format!(
        "<@{member}> is muted {end}: their reports are still accepted and kept, but open no case and count toward nothing. They are not told."
    )
}

/// `/reporter unmute`, for the moderator.
pub fn unmuted(member: u64, ended: bool) -> String {
    if ended {
        format!("<@{member}> is no longer muted: their reports from now on count. Reports filed during the mute stay uncounted.")
    } else {
        format!("<@{member}> is not muted; nothing changed.")
    }
}
