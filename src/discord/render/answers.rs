//! Every private answer a member, moderator or liaison reads: acknowledgements, refusals
//! and error messages. Handlers decide what happened; the words live here, so translating
//! flagwatch means translating this module and its siblings.

use super::{escape, isolated, key_text, labels, link, rejections, MAX_LINK_CHARS};
use crate::discord::evidence::DownloadError;
use crate::discord::setup_checks::{Access, ChannelCheck, Purpose};
use crate::domain::account::{AccountKey, AccountKeyError};
use crate::domain::audit::ChainHead;
use crate::domain::campaign::{CampaignError, RecheckDays};
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

pub fn refusal(r: Refusal, lang: Language) -> String {
    match r {
        Refusal::NotASlashCommand => t!(lang, "denied-not-a-slash-command"),
        Refusal::OutsideServer => t!(lang, "denied-outside-server"),
        Refusal::ButtonOutsideServer => t!(lang, "denied-button-outside-server"),
        Refusal::VoteOutsideServer => t!(lang, "denied-vote-outside-server"),
        Refusal::ReporterRoleOnly => t!(lang, "denied-reporter-role-only"),
        Refusal::ModeratorsOnly => t!(lang, "denied-moderators-only"),
        Refusal::LiaisonsOnly => t!(lang, "denied-liaisons-only"),
        Refusal::AdminsOnly => t!(lang, "denied-admins-only"),
        Refusal::NotAModeratorVote => t!(lang, "denied-not-a-moderator-vote"),
        Refusal::SetupAdminsOnly => t!(lang, "denied-setup-admins-only"),
        Refusal::SetupViewersOnly => t!(lang, "denied-setup-viewers-only"),
        Refusal::NoPermission => t!(lang, "denied-no-permission"),
        Refusal::StaleButton => t!(lang, "denied-stale-button"),
    }
}

/// `missing`: the `/setup set` options still to give, by their (untranslated) names.
pub fn not_set_up(missing: &[&str], lang: Language) -> String {
    t!(lang, "not-set-up", missing = missing.join(", "))
}

pub fn internal_error(lang: Language) -> String {
    t!(lang, "internal-error")
}

/// `error` is poise's own wording of the problem, in English.
pub fn unreadable_option(what: &str, error: &str, lang: Language) -> String {
    t!(lang, "unreadable-option", option = format!("{what:?}"), error = error)
}

pub fn options_out_of_date(lang: Language) -> String {
    t!(lang, "options-out-of-date")
}

pub fn direct_message(lang: Language) -> String {
    t!(lang, "direct-message")
}

pub fn no_such_case(case_no: i64, lang: Language) -> String {
    t!(lang, "no-such-case", case = case_no)
}

pub fn case_changed_meanwhile(lang: Language) -> String {
    t!(lang, "case-changed-meanwhile")
}

/// A rule of the case lifecycle that refused the change.
pub fn refused_rule(rule: &LifecycleError, lang: Language) -> String {
    format!("{}.", labels::lifecycle_refusal(rule, lang))
}

/// A hold length outside the policy's range.
pub fn refused_policy(rule: &PolicyError, lang: Language) -> String {
    format!("{}.", labels::policy_refusal(rule, lang))
}

pub fn campaign_setting_refused(rule: &CampaignError, lang: Language) -> String {
    format!(
        "{}. {}",
        labels::campaign_refusal(rule, lang),
        t!(lang, "nothing-changed")
    )
}

pub fn setting_refused(rule: &PolicyError, lang: Language) -> String {
    format!(
        "{}. {}",
        labels::policy_refusal(rule, lang),
        t!(lang, "nothing-changed")
    )
}

/// A numeric `/setup set` option (`name`, untranslated) outside its range.
pub fn setting_out_of_range(name: &str, value: &str, min: &str, max: &str, lang: Language) -> String {
    t!(
        lang,
        "setting-out-of-range",
        name = name,
        value = value,
        min = min,
        max = max
    )
}

/// A free-text option (note, reason; its untranslated name) that was left empty.
pub fn missing_text(option: &str, lang: Language) -> String {
    t!(lang, "missing-text", option = option)
}

/// A required field of a referral (agency, reference) that was left empty.
pub fn missing_field(option: &str, lang: Language) -> String {
    t!(lang, "missing-field", option = option)
}

// ---- /report and /status ----

/// Why `/report` could not use the account given.
pub fn unusable_account(why: &AccountKeyError, lang: Language) -> String {
    format!("{} {}", unreadable_account(why, lang), t!(lang, "nothing-filed"))
}

/// Why `/status` could not read the account given.
pub fn unreadable_account(why: &AccountKeyError, lang: Language) -> String {
    rejections::account_key_for_discord(why, lang)
}

/// What the intake policy limits: reports, or presses of a call to action's buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intake {
    Report,
    Press,
}

/// Why the intake policy refuses the member for now, and when they may act.
pub fn intake_refusal(not_yet: NotYet, settings: &GuildSettings, what: Intake, lang: Language) -> String {
    let minutes = settings.report_limit_minutes;
    match (not_yet, what) {
        (NotYet::TooNew { until }, _) => t!(
            lang,
            "intake-too-new",
            hours = settings.min_member_age_hours,
            at = full_time(until),
            when = super::relative(until)
        ),
        (NotYet::RateLimited { limit, until }, Intake::Report) => t!(
            lang,
            "intake-report-limit",
            limit = limit,
            minutes = minutes,
            when = super::relative(until)
        ),
        (NotYet::RateLimited { limit, until }, Intake::Press) => t!(
            lang,
            "intake-press-limit",
            limit = limit,
            minutes = minutes,
            when = super::relative(until)
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

pub fn no_case_for(key: &AccountKey, lang: Language) -> String {
    t!(lang, "no-case-for", key = key_text(key))
}

pub fn account_or_case(lang: Language) -> String {
    t!(lang, "account-or-case")
}

/// The answer to `/status case:<n>` from a member for any case without a public call to
/// action — pending, held, dismissed or nonexistent alike — so case numbers cannot be
/// used to enumerate reported accounts.
pub fn no_public_action(case_no: i64, lang: Language) -> String {
    t!(lang, "no-public-action", case = case_no)
}

/// The public state of a case, for `/status account:` and (report-now cases only)
/// `/status case:`.
pub fn status_answer(case: &CaseRecord, lang: Language) -> String {
    if reviewed_privately(case) {
        return reviewed_do_not_report(lang);
    }
    let head = t!(lang, "status-head", case = case.case_no, key = key_text(&case.key));
    let body = match case.lifecycle.decision {
        Decision::Pending => t!(lang, "status-pending"),
        Decision::ReportNow => t!(lang, "status-report-now"),
        Decision::HandOff | Decision::Dismissed | Decision::Merged => reviewed_do_not_report(lang),
        Decision::Withdrawn => t!(lang, "status-withdrawn"),
    };
    let status = match case.account_status {
        AccountStatus::Unknown => String::new(),
        other => format!(
            " {}",
            t!(
                lang,
                "status-account-seen",
                status = labels::account_status(other, lang)
            )
        ),
    };
    format!("{head}\n{body}{status}")
}

/// The full state of a case for moderators and liaisons asking `/status`.
/// `merged_into`: the case a merged case's account went to.
pub fn status_for_moderators(case: &CaseRecord, merged_into: Option<i64>, lang: Language) -> String {
    let mut text = format!(
        "{}\n{}",
        t!(lang, "status-head", case = case.case_no, key = key_text(&case.key)),
        decision_line(case, lang)
    );
    if let Some(until) = case.lifecycle.held_until {
        text += &format!(" · {}", t!(lang, "status-held-until", until = full_time(until)));
    }
    if let Some(into) = merged_into {
        text += &format!("\n{}", t!(lang, "case-merged-into", case = into));
    }
    text + "\n" + &t!(lang, "status-see-case-show")
}

/// "Decision: **…** (round n) · Account: …", as moderators read it.
fn decision_line(case: &CaseRecord, lang: Language) -> String {
    t!(
        lang,
        "decision-line",
        decision = labels::decision(case.lifecycle.decision, lang),
        round = case.lifecycle.round,
        status = labels::account_status(case.account_status, lang)
    )
}

// ---- buttons ----

pub fn call_withdrawn(case_no: i64, lang: Language) -> String {
    t!(lang, "press-call-withdrawn", case = case_no)
}

pub fn reported_it(count: u64, case_no: i64, lang: Language) -> String {
    t!(lang, "press-reported-it", count = count, case = case_no)
}

pub fn marked_still_up(case_no: i64, lang: Language) -> String {
    t!(lang, "press-still-up", case = case_no)
}

pub fn confirmed_suspended(case_no: i64, lang: Language) -> String {
    t!(lang, "press-confirmed-suspended", case = case_no)
}

pub fn suspension_needs_confirmation(case_no: i64, lang: Language) -> String {
    t!(lang, "press-suspension-needs-confirmation", case = case_no)
}

pub fn vote_refused(case_no: i64, rule: &LifecycleError, lang: Language) -> String {
    t!(
        lang,
        "vote-refused",
        case = case_no,
        why = labels::lifecycle_refusal(rule, lang)
    )
}

pub fn vote_answer(outcome: &VoteOutcome, choice: VoteChoice, lang: Language) -> String {
    let case_no = outcome.case.case_no;
    let vote = labels::vote_button(choice, lang);
    match outcome.decided {
        Some(decision) => t!(
            lang,
            "vote-decided",
            vote = vote,
            case = case_no,
            decision = labels::decision(decision, lang)
        ),
        None => t!(lang, "vote-recorded", vote = vote, case = case_no),
    }
}

// ---- moderators and liaisons ----

pub fn note_added(case_no: i64, lang: Language) -> String {
    t!(lang, "note-added", case = case_no)
}

pub fn reopened(case_no: i64, round: u32, lang: Language) -> String {
    t!(lang, "case-reopened", case = case_no, round = round)
}

pub fn overridden(case_no: i64, decision: Decision, lang: Language) -> String {
    t!(
        lang,
        "case-overridden",
        case = case_no,
        decision = labels::decision(decision, lang)
    )
}

pub fn referral_recorded(case_no: i64, lang: Language) -> String {
    t!(lang, "referral-recorded", case = case_no)
}

pub fn held_until(case_no: i64, until: Option<Millis>, lang: Language) -> String {
    t!(
        lang,
        "hold-extended",
        case = case_no,
        until = full_time(until.unwrap_or(Millis(0)))
    )
}

pub fn released(case_no: i64, lang: Language) -> String {
    t!(lang, "hold-released", case = case_no)
}

pub fn queue_posted(case_nos: &[i64], left: u64, lang: Language) -> String {
    if case_nos.is_empty() {
        return t!(lang, "queue-empty");
    }
    let numbers = case_nos.iter().map(|n| format!("#{n}")).collect::<Vec<_>>().join(", ");
    t!(
        lang,
        "queue-posted",
        count = case_nos.len(),
        numbers = numbers,
        left = left
    )
}

/// The answer to `/export`, with the TAXII feed's last pulls (latest first), if any.
pub fn exported(cases: usize, pulls: &[TaxiiPull], lang: Language) -> String {
    let mut text = t!(lang, "exported", count = cases);
    if !pulls.is_empty() {
        text.push_str(&format!("\n{}", t!(lang, "exported-pulls")));
        for pull in pulls {
            let objects = t!(lang, "exported-pull-objects", count = pull.objects);
            text.push_str(&format!(
                "\n- {} — {}, {objects}, {}",
                escape(&pull.agency),
                pull.collection.title(),
                super::relative(pull.at)
            ));
        }
    }
    text
}

pub fn forgotten(reports: u64, lang: Language) -> String {
    t!(lang, "forgotten", count = reports)
}

// ---- /import ----

pub fn list_too_large(lang: Language) -> String {
    t!(lang, "import-too-large")
}

pub fn list_unreadable(why: &DownloadError, lang: Language) -> String {
    t!(lang, "import-unreadable", why = download_failure(why, lang))
}

/// Why an attachment could not be downloaded (also the note stored with evidence).
pub fn download_failure(why: &DownloadError, lang: Language) -> String {
    match why {
        DownloadError::NotALink => t!(lang, "download-not-a-link"),
        DownloadError::NotDiscord => t!(lang, "download-not-discord"),
        DownloadError::Failed(detail) => t!(lang, "download-failed", detail = detail.as_str()),
        DownloadError::Status(status) => t!(lang, "download-failed", detail = format!("HTTP {status}")),
        DownloadError::TooLarge(mib) => t!(lang, "download-too-large", mib = *mib),
    }
}

pub fn importing(file: &str, lines: Option<u64>, lang: Language) -> String {
    match lines {
        None => t!(lang, "importing", file = escape(file)),
        Some(n) => t!(lang, "importing-lines", file = escape(file), lines = n),
    }
}

/// The summary of an import, with the first rejected lines (`(line number, why)`).
pub fn imported(s: &ImportSummary, rejections: &[(u64, String)], lang: Language) -> String {
    let mut text = t!(
        lang,
        "imported",
        lines = s.lines,
        new = s.new_cases,
        merged = s.merged,
        rejected = s.rejected
    );
    for (line_no, why) in rejections {
        let line = t!(lang, "imported-rejected-line", line = *line_no, why = escape(why));
        text.push_str(&format!("\n• {line}"));
    }
    if s.rejected > rejections.len() as u64 {
        let more = t!(
            lang,
            "imported-more-rejected",
            count = s.rejected - rejections.len() as u64
        );
        text.push_str(&format!("\n{more}"));
    }
    text.chars().take(1_900).collect()
}

// ---- /setup ----

pub fn setup_saved(settings: &GuildSettings, lang: Language) -> String {
    format!("{}\n{}", t!(lang, "setup-saved"), settings_text(settings, lang))
}

/// `/setup`'s line for the re-check period.
fn recheck_setting(days: RecheckDays, lang: Language) -> String {
    t!(lang, "setup-recheck-days", days = days.get())
}

/// The settings as `/setup show` lists them, with what is still missing.
pub fn settings_text(s: &GuildSettings, lang: Language) -> String {
    let not_set = || t!(lang, "setting-not-set");
    let channel = |c: Option<u64>| c.map_or_else(not_set, |c| format!("<#{c}>"));
    let role = |r: Option<u64>| r.map_or_else(not_set, |r| format!("<@&{r}>"));
    let on_off = |on: bool| {
        if on {
            t!(lang, "setting-on")
        } else {
            t!(lang, "setting-off")
        }
    };
    let lines = [
        t!(lang, "settings-review-channel", value = channel(s.review_channel)),
        t!(
            lang,
            "settings-coordination-channel",
            value = channel(s.coordination_channel)
        ),
        t!(lang, "settings-moderator-role", value = role(s.moderator_role)),
        t!(lang, "settings-liaison-role", value = role(s.liaison_role)),
        t!(
            lang,
            "settings-reporter-role",
            value = s
                .reporter_role
                .map_or_else(|| t!(lang, "setting-everyone-reports"), |r| format!("<@&{r}>"))
        ),
        t!(
            lang,
            "settings-policy",
            quorum = s.policy.quorum.get(),
            window = s.policy.window.minutes(),
            holds = s.policy.hold_days.get(),
            platform = s.default_platform.to_string()
        ),
        t!(
            lang,
            "settings-intake",
            notices = on_off(s.announce_holds),
            digest = s
                .digest_hour
                .map_or_else(|| on_off(false), |h| format!("{h:02}:00 UTC")),
            limit = s.report_limit,
            minutes = s.report_limit_minutes,
            hours = s.min_member_age_hours
        ),
        t!(
            lang,
            "settings-next",
            pace = s.next_per_hour.get(),
            language = s.language.endonym()
        ),
        t!(
            lang,
            "settings-public-page",
            value = s.public_slug.as_ref().map_or_else(
                || on_off(false),
                |slug| t!(lang, "settings-public-page-on", slug = slug.to_string())
            )
        ),
    ];
    let mut text = lines.join("\n");
    if s.digest_hour.is_some() {
        text.push_str(&format!(
            "\n{}",
            t!(
                lang,
                "settings-weekly-chart",
                day = labels::weekday(s.digest_weekday, lang)
            )
        ));
    }
    text.push_str(&format!("\n{}", recheck_setting(s.recheck_days, lang)));
    let missing = s.missing();
    if !missing.is_empty() {
        text.push('\n');
        text.push_str(&t!(lang, "settings-still-needed", missing = missing.join(", ")));
    }
    text
}

// ---- /case show ----

pub fn case_details_title(d: &CaseDetails, lang: Language) -> String {
    t!(lang, "status-head", case = d.case.case_no, key = key_text(&d.case.key))
}

/// A case with its reporters, reports, votes, notes and history, for moderators.
pub fn case_details(d: &CaseDetails, lang: Language) -> String {
    let mut out = case_head(&d.case, lang);
    if let Some(into) = d.merged_into {
        out += &format!("{}\n", t!(lang, "case-merged-into", case = into));
    }
    if !d.aliases.is_empty() {
        let keys: Vec<String> = d.aliases.iter().map(key_text).collect();
        out += &format!("{}\n", t!(lang, "also-known-as", keys = keys.join(", ")));
    }
    out += &format!("\n{}\n", t!(lang, "details-reports", count = d.reports.len()));
    for r in d.reports.iter().rev().take(10) {
        let who = match r.reporter {
            Reporter::Member(id) => format!("<@{id}>"),
            Reporter::Anonymous => t!(lang, "details-anonymous"),
            Reporter::Imported => t!(lang, "details-imported"),
        };
        let details = r
            .details
            .as_deref()
            .map(|t| format!(" — {}", escape(&t.chars().take(150).collect::<String>())))
            .unwrap_or_default();
        out += &format!(
            "• {} {who} — {}{details} ({})\n",
            full_time(r.at),
            labels::reason(r.reason, lang),
            t!(lang, "details-evidence", count = r.evidence)
        );
    }
    out += &format!("\n{}\n", t!(lang, "details-votes"));
    if d.votes.is_empty() {
        out += &format!("{}\n", t!(lang, "counts-none"));
    }
    for (moderator, choice) in &d.votes {
        out += &format!("• <@{moderator}>: {}\n", labels::vote_button(*choice, lang));
    }
    if !d.notes.is_empty() {
        out += &format!("\n{}\n", t!(lang, "details-notes"));
        for (author, note, at) in &d.notes {
            out += &format!("• {} <@{author}>: {}\n", full_time(*at), escape(note));
        }
    }
    out += &format!("\n{}\n", t!(lang, "details-history"));
    for (at, kind, actor) in &d.history {
        out += &format!("• {} {kind} ({actor})\n", full_time(*at));
    }
    out.chars().take(4000).collect()
}

fn case_head(case: &CaseRecord, lang: Language) -> String {
    let mut out = format!(
        "{}\n{}\n",
        isolated(&link(&case.key, MAX_LINK_CHARS), lang),
        decision_line(case, lang)
    );
    if let Some(until) = case.lifecycle.held_until {
        let agency = case
            .agency
            .as_deref()
            .map_or_else(|| t!(lang, "details-not-recorded"), escape);
        let reference = case.referral_ref.as_deref().map(escape).unwrap_or_else(|| "—".into());
        out += &t!(
            lang,
            "details-held",
            until = full_time(until),
            agency = agency,
            reference = reference
        );
        out.push('\n');
    }
    out
}

// ---- posted by the outbox ----

/// The moderators' alert in the server's `lang`: Discord refuses some messages for
/// good, and they are not retried.
pub fn delivery_refused(count: u64, latest: &ParkedItem, code: i64, lang: Language) -> String {
    let place = match latest.kind {
        OutboxKind::Card
        | OutboxKind::OverduePing
        | OutboxKind::QueueSummary
        | OutboxKind::FailureAlert
        | OutboxKind::ModeratorDigest => labels::purpose(Purpose::Review, lang),
        OutboxKind::Notice | OutboxKind::NoticeCount | OutboxKind::Board | OutboxKind::Digest => {
            labels::purpose(Purpose::Coordination, lang)
        }
    };
    let why = match code {
        50013 | 50001 => t!(lang, "delivery-missing-permissions"),
        10003 => t!(lang, "delivery-unknown-channel"),
        50035 => t!(lang, "delivery-rejected-content"),
        _ => t!(lang, "delivery-refused-other"),
    };
    t!(
        lang,
        "delivery-refused",
        count = count,
        place = place,
        why = why,
        status = latest.status,
        code = code
    )
}

/// The moderators' part of the daily digest, in the review channel, in the server's `lang`.
pub fn moderator_digest(holds_due_soon: u64, head: Option<&ChainHead>, lang: Language) -> String {
    let head = head.map_or_else(|| t!(lang, "moderator-digest-no-events"), |h| format!("`{h}`"));
    [
        t!(lang, "moderator-digest-heading"),
        t!(lang, "moderator-digest-holds", count = holds_due_soon),
        t!(lang, "moderator-digest-chain-head", head = head),
    ]
    .join("\n")
}

/// The one message that mentions anyone: the moderator role, once per overdue round.
pub fn overdue_ping(case_no: i64, role: Option<u64>, lang: Language) -> String {
    let text = t!(lang, "overdue-ping", case = case_no);
    match role {
        Some(role) => format!("<@&{role}> {text}"),
        None => text,
    }
}

/// What `/setup` adds about the configured channels: each problem on its own line, or
/// that all is well.
pub fn channel_checks(checks: &[ChannelCheck], lang: Language) -> String {
    let problems: Vec<String> = checks.iter().flat_map(|c| channel_problems(c, lang)).collect();
    if checks.is_empty() {
        String::new()
    } else if problems.is_empty() {
        format!("\n{}", t!(lang, "channels-all-well"))
    } else {
        problems.iter().map(|p| format!("\n⚠ {p}")).collect()
    }
}

fn channel_problems(check: &ChannelCheck, lang: Language) -> Vec<String> {
    let what = labels::purpose(check.purpose, lang);
    let channel = format!("<#{}>", check.channel);
    match &check.access {
        Access::Unreadable => vec![t!(lang, "channel-unreadable", what = what, channel = channel)],
        Access::Read { missing, everyone_sees } => {
            let mut lines = Vec::new();
            if *everyone_sees && check.purpose == Purpose::Review {
                lines.push(t!(lang, "channel-review-public", channel = channel.clone()));
            }
            if !missing.is_empty() {
                let names: Vec<String> = missing.iter().map(|n| labels::needed(*n, lang)).collect();
                lines.push(t!(
                    lang,
                    "channel-missing-permissions",
                    what = what,
                    channel = channel,
                    permissions = names.join(", ")
                ));
            }
            lines
        }
    }
}

/// `/setup` could not read the channels' permissions from Discord just now.
pub fn channel_checks_failed(lang: Language) -> String {
    format!("\n⚠ {}", t!(lang, "channels-check-failed"))
}
