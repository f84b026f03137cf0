//! Every private answer a member, moderator or liaison reads: acknowledgements, refusals
//! and error messages. Handlers decide what happened; the words live here, so translating
//! flagwatch means translating this module and its siblings.

use super::{escape, key_text, labels, link, rejections, MAX_LINK_CHARS};
use crate::discord::setup_checks::{Access, ChannelCheck, Purpose};
use crate::domain::account::{AccountKey, AccountKeyError};
use crate::domain::audit::ChainHead;
use crate::domain::campaign::CampaignError;
use crate::domain::case::{AccountStatus, Decision, LifecycleError};
use crate::domain::intake::NotYet;
use crate::domain::language::Language;
use crate::domain::time::Millis;
use crate::domain::vote::{PolicyError, VoteChoice};
use crate::store::{
    CaseDetails, CaseRecord, GuildSettings, ImportSummary, OutboxKind, ParkedItem, ReportOutcome, Reporter, TaxiiPull,
    VoteOutcome,
};
use crate::t;

/// Discord's full date-time markup.
fn full_time(at: Millis) -> String {
    format!("<t:{}:f>", at.0 / 1000)
}

/// Why the caller may not do what they asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NotASlashCommand,
    OutsideServer,
    ButtonOutsideServer,
    VoteOutsideServer,
    ReporterRoleOnly,
    ModeratorsOnly,
    LiaisonsOnly,
    AdminsOnly,
    NotAModeratorVote,
    SetupAdminsOnly,
    SetupViewersOnly,
    NoPermission,
    StaleButton,
}

pub fn refusal(r: Refusal) -> &'static str {
    match r {
        Refusal::NotASlashCommand => "flagwatch only answers slash commands.",
        Refusal::OutsideServer => "flagwatch commands work inside a server.",
        Refusal::ButtonOutsideServer => "This button works inside a server.",
        Refusal::VoteOutsideServer => "Votes happen inside a server.",
        Refusal::ReporterRoleOnly => "Only members with the reporter role can do this on this server.",
        Refusal::ModeratorsOnly => "This is for moderators only.",
        Refusal::LiaisonsOnly => "This is for agency liaisons only (the liaison role set in /setup).",
        Refusal::AdminsOnly => "This is for server admins only (Manage Server permission).",
        Refusal::NotAModeratorVote => "Only moderators can vote on cases. Your press was not recorded.",
        Refusal::SetupAdminsOnly => "Only server admins (Manage Server permission) can change flagwatch's setup.",
        Refusal::SetupViewersOnly => "Only server admins and moderators can see flagwatch's setup.",
        Refusal::NoPermission => "You do not have permission to use this command.",
        Refusal::StaleButton => "This button is no longer in use.",
    }
}

pub fn not_set_up(missing: &[&str]) -> String {
    format!(
        "flagwatch is not set up on this server yet. A server admin needs to run `/setup set` with: {}.",
        missing.join(", ")
    )
}

pub fn internal_error() -> &'static str {
    "Something went wrong on our side and nothing was changed. Please try again in a minute."
}

pub fn unreadable_option(what: &str, error: &str) -> String {
    format!("I could not read the option {what:?}: {error}. Please check it and try again.")
}

pub fn options_out_of_date() -> &'static str {
    "I could not read this command's options; the command list may be out of date. Please try again in a minute."
}

pub fn direct_message() -> &'static str {
    "flagwatch commands work inside a server, not in direct messages."
}

pub fn no_such_case(case_no: i64) -> String {
    format!("There is no case #{case_no} on this server.")
}

pub fn case_changed_meanwhile() -> &'static str {
    "The case changed while this was being applied. Please look at it again and retry."
}

/// A rule of the case lifecycle that refused the change.
pub fn refused_rule(rule: &LifecycleError) -> String {
    format!("{}.", labels::lifecycle_refusal(rule))
}

/// A hold length outside the policy's range.
pub fn refused_policy(rule: &PolicyError) -> String {
    format!("{}.", labels::policy_refusal(rule))
}

pub fn campaign_setting_refused(rule: &CampaignError) -> String {
    format!("{}. Nothing was changed.", labels::campaign_refusal(rule))
}

pub fn setting_refused(rule: &PolicyError) -> String {
    format!("{}. Nothing was changed.", labels::policy_refusal(rule))
}

pub fn setting_out_of_range(
    name: &str,
    value: &dyn std::fmt::Display,
    min: &dyn std::fmt::Display,
    max: &dyn std::fmt::Display,
) -> String {
    format!("{name} must be between {min} and {max} (got {value}). Nothing was changed.")
}

/// A free-text option (note, reason) that was left empty.
pub fn missing_text(option: &str) -> String {
    format!("Please write a {option}.")
}

/// A required field of a referral (agency, reference) that was left empty.
pub fn missing_field(option: &str) -> String {
    format!("Please give the {option}.")
}

// ---- /report and /status ----

/// Why `/report` could not use the account given.
pub fn unusable_account(why: &AccountKeyError) -> String {
    format!("{} Nothing was filed.", unreadable_account(why))
}

/// Why `/status` could not read the account given.
pub fn unreadable_account(why: &AccountKeyError) -> String {
    rejections::account_key_for_discord(why)
}

/// What the intake policy limits: reports, or presses of a call to action's buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intake {
    Report,
    Press,
}

/// Why the intake policy refuses the member for now, and when they may act.
pub fn intake_refusal(not_yet: NotYet, settings: &GuildSettings, what: Intake) -> String {
    match (not_yet, what) {
        (NotYet::TooNew { until }, _) => format!(
            "New members can report {} hours after joining this server. You can report from {} (<t:{}:R>).",
            settings.min_member_age_hours,
            full_time(until),
            until.0 / 1000
        ),
        (NotYet::RateLimited { limit, until }, Intake::Report) => format!(
            "You have filed {limit} reports in the last {} minutes, the limit on this server. You can report again <t:{}:R>.",
            settings.report_limit_minutes,
            until.0 / 1000
        ),
        (NotYet::RateLimited { limit, until }, Intake::Press) => format!(
            "You have used these buttons {limit} times in the last {} minutes, the limit on this server. Your press was not recorded; you can press again <t:{}:R>.",
            settings.report_limit_minutes,
            until.0 / 1000
        ),
    }
}

/// The one answer about a held **or** dismissed account, word for word as PRODUCT.md
/// gives it: nobody outside the moderators (the account's owner included) can tell the
/// two apart, while volunteers still learn not to report it.
pub fn reviewed_do_not_report(lang: Language) -> String {
    t!(lang, "reviewed-do-not-report")
}

/// Whether the public may learn anything about this case beyond "reviewed": not when it
/// is held or dismissed, nor when a later round is open (a dismissed case re-opened by a
/// report, or a hold that came up for review), since that too would tell them apart.
pub(super) fn reviewed_privately(case: &CaseRecord) -> bool {
    match case.lifecycle.decision {
        Decision::HandOff | Decision::Dismissed | Decision::Merged => true,
        Decision::Pending => case.lifecycle.round > 1,
        Decision::ReportNow | Decision::Withdrawn => false,
    }
}

/// The private answer to `/report`. A report that re-opens a dismissed case reads like
/// one on a held case: otherwise the answer would tell the two apart.
pub fn report_answer(outcome: &ReportOutcome, lang: Language) -> String {
    let case = outcome.case();
    if reviewed_privately(case) || matches!(outcome, ReportOutcome::Reopened { .. }) {
        return t!(
            lang,
            "report-reviewed-recorded",
            reviewed = reviewed_do_not_report(lang)
        );
    }
    match outcome {
        ReportOutcome::NewCase { case } => {
            t!(lang, "report-new-case", case = case.case_no, key = key_text(&case.key))
        }
        ReportOutcome::Merged { case, reporters } | ReportOutcome::Reopened { case, reporters } => {
            t!(lang, "report-added", case = case.case_no, reporters = *reporters)
        }
        ReportOutcome::AlreadyFiled { case } => t!(lang, "report-already-filed", case = case.case_no),
    }
}

/// What `/language set` and `/language reset` answer, in the language now in force.
pub fn language_chosen(lang: Language) -> String {
    t!(lang, "language-chosen")
}

pub fn language_reset(lang: Language) -> String {
    t!(lang, "language-reset")
}

pub fn no_case_for(key: &AccountKey) -> String {
    format!(
        "There is no case for {} yet. If it spreads extremist content, use /report.",
        key_text(key)
    )
}

pub fn account_or_case() -> &'static str {
    "Give either `account` (a link or @handle) or `case` (a case number), not both."
}

/// The answer to `/status case:<n>` from a member for any case without a public call to
/// action — pending, held, dismissed or nonexistent alike — so case numbers cannot be
/// used to enumerate reported accounts.
pub fn no_public_action(case_no: i64) -> String {
    format!("There is no public action for case #{case_no}.")
}

/// The public state of a case, for `/status account:` and (report-now cases only)
/// `/status case:`.
pub fn status_answer(case: &CaseRecord) -> String {
    if reviewed_privately(case) {
        return reviewed_do_not_report(Language::English);
    }
    let head = format!("Case #{} — {}", case.case_no, key_text(&case.key));
    let body = match case.lifecycle.decision {
        Decision::Pending => {
            "The moderators are reviewing it. Please wait for their decision before reporting it on the platform."
                .to_owned()
        }
        Decision::ReportNow => {
            "The community decided to **report it now**: follow the call to action in the coordination channel."
                .to_owned()
        }
        Decision::HandOff | Decision::Dismissed | Decision::Merged => reviewed_do_not_report(Language::English),
        Decision::Withdrawn => "Closed: every report on it was withdrawn before a decision.".to_owned(),
    };
    let status = match case.account_status {
        AccountStatus::Unknown => String::new(),
        other => format!(" Account last seen: {other}."),
    };
    format!("{head}\n{body}{status}")
}

/// The full state of a case for moderators and liaisons asking `/status`.
pub fn status_for_moderators(case: &CaseRecord) -> String {
    let mut text = format!(
        "Case #{} — {}\nDecision: **{}** (round {}) · Account: {}",
        case.case_no,
        key_text(&case.key),
        labels::decision(case.lifecycle.decision),
        case.lifecycle.round,
        case.account_status
    );
    if let Some(until) = case.lifecycle.held_until {
        text += &format!(" · Held until {}", full_time(until));
    }
    text + "\nUse `/case show` for reports, votes and history."
}

// ---- buttons ----

pub fn call_withdrawn(case_no: i64) -> String {
    format!("The call to action for case #{case_no} was withdrawn: please take no action on it.")
}

pub fn reported_it(count: u64, case_no: i64) -> String {
    format!("Thank you — counted once for you. {count} volunteer(s) reported case #{case_no} so far.")
}

pub fn marked_still_up(case_no: i64) -> String {
    format!("Thanks — case #{case_no} is marked as still up.")
}

pub fn confirmed_suspended(case_no: i64) -> String {
    format!("Thanks — case #{case_no} is confirmed suspended.")
}

pub fn suspension_needs_confirmation(case_no: i64) -> String {
    format!("Thanks — noted. Case #{case_no} shows as suspended once another member (or a moderator) confirms it.")
}

pub fn vote_refused(case_no: i64, rule: &LifecycleError) -> String {
    format!(
        "Case #{case_no}: {}. Your vote was not recorded.",
        labels::lifecycle_refusal(rule)
    )
}

pub fn vote_answer(outcome: &VoteOutcome, choice: VoteChoice) -> String {
    let case_no = outcome.case.case_no;
    match outcome.decided {
        Some(decision) => format!(
            "Your vote ({}) decided case #{case_no}: {}.",
            labels::vote_choice(choice),
            labels::decision(decision)
        ),
        None => format!(
            "Your vote on case #{case_no} is recorded: {}. You can change it until the round closes.",
            labels::vote_choice(choice)
        ),
    }
}

// ---- moderators and liaisons ----

pub fn note_added(case_no: i64) -> String {
    format!("Note added to case #{case_no}.")
}

pub fn reopened(case_no: i64, round: u32) -> String {
    format!("Case #{case_no} is open for a new vote (round {round}).")
}

pub fn overridden(case_no: i64, decision: Decision) -> String {
    format!("Case #{case_no} is now decided: {}.", labels::decision(decision))
}

pub fn referral_recorded(case_no: i64) -> String {
    format!("Referral recorded on case #{case_no}.")
}

pub fn held_until(case_no: i64, until: Option<Millis>) -> String {
    format!(
        "Case #{case_no} is now held until {}.",
        full_time(until.unwrap_or(Millis(0)))
    )
}

pub fn released(case_no: i64) -> String {
    format!("Case #{case_no} is released: its call to action is being posted.")
}

pub fn queue_posted(case_nos: &[i64], left: u64) -> String {
    if case_nos.is_empty() {
        return "The review queue is empty.".to_owned();
    }
    let numbers = case_nos.iter().map(|n| format!("#{n}")).collect::<Vec<_>>().join(", ");
    format!(
        "Posting {} card(s): {numbers}. {left} case(s) still wait in the queue.",
        case_nos.len()
    )
}

/// The answer to `/export`, with the TAXII feed's last pulls (latest first), if any.
pub fn exported(cases: usize, pulls: &[TaxiiPull]) -> String {
    let mut text = format!("{cases} case(s) exported.");
    if !pulls.is_empty() {
        text.push_str("\nLast pulls of the TAXII feed:");
        for pull in pulls {
            text.push_str(&format!(
                "\n- {} — {}, {} object(s), {}",
                escape(&pull.agency),
                pull.collection.title(),
                pull.objects,
                super::relative(pull.at)
            ));
        }
    }
    text
}

pub fn forgotten(reports: u64) -> String {
    format!(
        "Done: your identity was removed from {reports} report(s) on this server. They still count, but nobody can see they were yours."
    )
}

// ---- /import ----

pub fn list_too_large() -> &'static str {
    "That file is larger than 25 MiB: split the list and import the parts."
}

pub fn list_unreadable(why: &str) -> String {
    format!("I could not read the file ({why}). Please attach it again.")
}

pub fn importing(file: &str, lines: Option<u64>) -> String {
    match lines {
        None => format!("Importing {}…", escape(file)),
        Some(n) => format!("Importing {}… {n} lines so far.", escape(file)),
    }
}

/// The summary of an import, with the first rejected lines (`(line number, why)`).
pub fn imported(s: &ImportSummary, rejections: &[(u64, String)]) -> String {
    let mut text = format!(
        "imported {} lines: {} new cases, {} merged, {} rejected. New cases wait in the review queue (`/queue post`).",
        s.lines, s.new_cases, s.merged, s.rejected
    );
    for (line_no, why) in rejections {
        text.push_str(&format!("\n• {}", escape(&format!("line {line_no}: {why}"))));
    }
    if s.rejected > rejections.len() as u64 {
        text.push_str(&format!(
            "\n…and {} more rejected lines.",
            s.rejected - rejections.len() as u64
        ));
    }
    text.chars().take(1_900).collect()
}

// ---- /setup ----

pub fn setup_saved(settings: &GuildSettings) -> String {
    format!("Setup saved.\n{}", settings_text(settings))
}

/// The settings as `/setup show` lists them, with what is still missing.
pub fn settings_text(s: &GuildSettings) -> String {
    let channel = |c: Option<u64>| c.map_or("not set".to_owned(), |c| format!("<#{c}>"));
    let role = |r: Option<u64>| r.map_or("not set".to_owned(), |r| format!("<@&{r}>"));
    let mut text = format!(
        "Review channel: {}\nCoordination channel: {}\nModerator role: {}\nLiaison role: {}\nReporter role: {}\n\
         Quorum: {} votes · Window: {} minutes · Holds: {} days · Default platform: {}\n\
         Public hold notices: {} · Digest: {} · Report limit: {} per {} minutes · Minimum membership: {} hours\n\
         /next: at most {} accounts per member per hour · Language: {}\nPublic page: {}",
        channel(s.review_channel),
        channel(s.coordination_channel),
        role(s.moderator_role),
        role(s.liaison_role),
        s.reporter_role
            .map_or("everyone may report".to_owned(), |r| format!("<@&{r}>")),
        s.policy.quorum.get(),
        s.policy.window.minutes(),
        s.policy.hold_days.get(),
        s.default_platform,
        if s.announce_holds { "on" } else { "off" },
        s.digest_hour.map_or("off".to_owned(), |h| format!(
            "{h:02}:00 UTC, weekly chart on {}s",
            labels::weekday(s.digest_weekday)
        )),
        s.report_limit,
        s.report_limit_minutes,
        s.min_member_age_hours,
        s.next_per_hour.get(),
        s.language.endonym(),
        s.public_slug.as_ref().map_or("off".to_owned(), |slug| format!(
            "on, at /{slug}/ on the bot's web address"
        )),
    );
    text.push_str(&format!(
        "\n{}",
        super::campaign::recheck_setting(s.recheck_days, s.language)
    ));
    let missing = s.missing();
    if !missing.is_empty() {
        text.push_str(&format!(
            "\nStill needed before members can report: {}.",
            missing.join(", ")
        ));
    }
    text
}

// ---- /case show ----

pub fn case_details_title(d: &CaseDetails) -> String {
    format!("Case #{} — {}", d.case.case_no, key_text(&d.case.key))
}

/// A case with its reporters, reports, votes, notes and history, for moderators.
pub fn case_details(d: &CaseDetails) -> String {
    let mut out = case_head(&d.case);
    if let Some(into) = d.merged_into {
        out += &format!("{}\n", t!(Language::English, "case-merged-into", case = into));
    }
    out += &format!("\n**Reports ({})**\n", d.reports.len());
    for r in d.reports.iter().rev().take(10) {
        let who = match r.reporter {
            Reporter::Member(id) => format!("<@{id}>"),
            Reporter::Anonymous => "anonymous reporter".into(),
            Reporter::Imported => "import".into(),
        };
        let details = r
            .details
            .as_deref()
            .map(|t| format!(" — {}", escape(&t.chars().take(150).collect::<String>())))
            .unwrap_or_default();
        out += &format!(
            "• {} {who} — {}{details} ({} evidence)\n",
            full_time(r.at),
            labels::reason(r.reason, Language::English),
            r.evidence
        );
    }
    out += "\n**Votes this round**\n";
    if d.votes.is_empty() {
        out += "none yet\n";
    }
    for (moderator, choice) in &d.votes {
        out += &format!("• <@{moderator}>: {}\n", labels::vote_choice(*choice));
    }
    if !d.notes.is_empty() {
        out += "\n**Notes**\n";
        for (author, note, at) in &d.notes {
            out += &format!("• {} <@{author}>: {}\n", full_time(*at), escape(note));
        }
    }
    out += "\n**History (newest first)**\n";
    for (at, kind, actor) in &d.history {
        out += &format!("• {} {kind} ({actor})\n", full_time(*at));
    }
    out.chars().take(4000).collect()
}

fn case_head(case: &CaseRecord) -> String {
    let mut out = format!(
        "{}\nDecision: **{}** (round {}) · Account: {}\n",
        link(&case.key, MAX_LINK_CHARS),
        labels::decision(case.lifecycle.decision),
        case.lifecycle.round,
        case.account_status
    );
    if let Some(until) = case.lifecycle.held_until {
        let agency = case
            .agency
            .as_deref()
            .map(escape)
            .unwrap_or_else(|| "not recorded".into());
        let reference = case.referral_ref.as_deref().map(escape).unwrap_or_else(|| "—".into());
        out += &format!(
            "Held until {} · Agency: {agency} · Reference: {reference}\n",
            full_time(until)
        );
    }
    out
}

// ---- posted by the outbox ----

/// The moderators' alert: Discord refuses some messages for good, and they are not retried.
pub fn delivery_refused(count: u64, latest: &ParkedItem, code: i64) -> String {
    let place = match latest.kind {
        OutboxKind::Card | OutboxKind::OverduePing | OutboxKind::QueueSummary | OutboxKind::FailureAlert => {
            "the review channel"
        }
        OutboxKind::ModeratorDigest => "the review channel",
        OutboxKind::Notice | OutboxKind::NoticeCount | OutboxKind::Board | OutboxKind::Digest => {
            "the coordination channel"
        }
    };
    let why = match code {
        50013 | 50001 => "the bot is missing permissions there (view, send, embed links, pin, manage messages)",
        10003 => "the channel no longer exists: set it again with `/setup set`",
        50035 => "Discord rejected the message's content",
        _ => "Discord refused it",
    };
    format!(
        "**flagwatch could not deliver {count} message(s) to {place}** in the last hour: {why} (HTTP {}, Discord error {code}). They are not retried; fix the cause and the next changes will be posted.",
        latest.status
    )
}

/// The moderators' part of the daily digest, in the review channel.
pub fn moderator_digest(holds_due_soon: u64, head: Option<&ChainHead>) -> String {
    let head = head.map_or("no events yet".to_owned(), |h| format!("`{h}`"));
    format!(
        "**Moderators' digest**\n• {holds_due_soon} hold(s) come up for review in the next 7 days\n• Audit chain head: {head} — keep a copy; `flagwatch audit verify --guild <id> --expect <head>` shows whether the log still holds it"
    )
}

/// The one message that mentions anyone: the moderator role, once per overdue round.
pub fn overdue_ping(case_no: i64, role: Option<u64>) -> String {
    let text = format!("Case #{case_no}'s voting window ended with no votes. Please review it.");
    match role {
        Some(role) => format!("<@&{role}> {text}"),
        None => text,
    }
}

/// What `/setup` adds about the configured channels: each problem on its own line, or
/// that all is well.
pub fn channel_checks(checks: &[ChannelCheck]) -> String {
    let problems: Vec<String> = checks.iter().flat_map(channel_problems).collect();
    if checks.is_empty() {
        String::new()
    } else if problems.is_empty() {
        "\nThe bot can view, send, embed, pin and manage messages in the configured channels.".to_owned()
    } else {
        problems.iter().map(|p| format!("\n⚠ {p}")).collect()
    }
}

fn channel_problems(check: &ChannelCheck) -> Vec<String> {
    let what = labels::purpose(check.purpose);
    let channel = check.channel;
    match &check.access {
        Access::Unreadable => vec![format!(
            "The bot cannot see the {what} <#{channel}>: give its role View Channel there, or choose another channel."
        )],
        Access::Read { missing, everyone_sees } => {
            let mut lines = Vec::new();
            if *everyone_sees && check.purpose == Purpose::Review {
                lines.push(format!(
                    "The review channel <#{channel}> is visible to @everyone: pending accounts and vote tallies would be public. Deny View Channel to @everyone there and allow it to the moderator role."
                ));
            }
            if !missing.is_empty() {
                let names: Vec<&str> = missing.iter().map(|n| labels::needed(*n)).collect();
                lines.push(format!(
                    "In the {what} <#{channel}> the bot lacks {}: allow them for its role in the channel's permissions.",
                    names.join(", ")
                ));
            }
            lines
        }
    }
}

/// `/setup` could not read the channels' permissions from Discord just now.
pub fn channel_checks_failed() -> &'static str {
    "\n⚠ Could not check the bot's permissions in the configured channels just now; run /setup show again later."
}
