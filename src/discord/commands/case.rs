//! `/case show|note|reopen|decide`: moderators' tools on one case.

use poise::serenity_prelude as serenity;

use super::{case_error, member_context};
use crate::discord::checks::{require_admin, require_moderator};
use crate::discord::error::{private, user_error, Context, Error};
use crate::discord::render::escape;
use crate::domain::audit::Actor;
use crate::domain::vote::VoteChoice;
use crate::store::{CaseDetails, Reporter};

/// Longest note or reason kept.
const MAX_TEXT: usize = 500;

/// Inspect and handle one case (moderators).
#[poise::command(
    slash_command,
    guild_only,
    subcommands("show", "note", "reopen", "decide"),
    subcommand_required
)]
pub async fn case(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// The decision options of `/case decide`.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum DecisionChoice {
    #[name = "report_now"]
    ReportNow,
    #[name = "hand_off"]
    HandOff,
    #[name = "dismiss"]
    Dismiss,
}

impl From<DecisionChoice> for VoteChoice {
    fn from(d: DecisionChoice) -> Self {
        match d {
            DecisionChoice::ReportNow => VoteChoice::ReportNow,
            DecisionChoice::HandOff => VoteChoice::HandOff,
            DecisionChoice::Dismiss => VoteChoice::Dismiss,
        }
    }
}

fn text(input: String, what: &str) -> Result<String, Error> {
    let t: String = input.trim().chars().take(MAX_TEXT).collect();
    if t.is_empty() {
        return Err(user_error(format!("Please write a {what}.")));
    }
    Ok(t)
}

/// A case with its reporters, reports, votes, notes and history.
#[poise::command(slash_command, guild_only)]
async fn show(ctx: Context<'_>, #[description = "Case number"] case: i64) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_moderator(&settings, &who)?;
    let details = ctx
        .data()
        .store
        .case_details(guild, case, 10)
        .await
        .map_err(case_error)?;
    let embed = serenity::CreateEmbed::new()
        .title(format!("Case #{} — {}", details.case.case_no, details.case.key))
        .description(describe(&details));
    ctx.send(private("").embed(embed)).await?;
    Ok(())
}

fn describe(d: &CaseDetails) -> String {
    let case = &d.case;
    let mut out = format!(
        "<{}>\nDecision: **{}** (round {}) · Account: {}\n",
        case.key.canonical_url(),
        case.lifecycle.decision.label(),
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
            "Held until <t:{}:f> · Agency: {agency} · Reference: {reference}\n",
            until.0 / 1000
        );
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
            "• <t:{}:f> {who} — {}{details} ({} evidence)\n",
            r.at.0 / 1000,
            r.reason.label(),
            r.evidence
        );
    }
    out += "\n**Votes this round**\n";
    if d.votes.is_empty() {
        out += "none yet\n";
    }
    for (moderator, choice) in &d.votes {
        out += &format!("• <@{moderator}>: {}\n", choice.label());
    }
    if !d.notes.is_empty() {
        out += "\n**Notes**\n";
        for (author, note, at) in &d.notes {
            out += &format!("• <t:{}:f> <@{author}>: {}\n", at.0 / 1000, escape(note));
        }
    }
    out += "\n**History (newest first)**\n";
    for (at, kind, actor) in &d.history {
        out += &format!("• <t:{}:f> {kind} ({actor})\n", at.0 / 1000);
    }
    out.chars().take(4000).collect()
}

/// Add a note to a case (moderators).
#[poise::command(slash_command, guild_only)]
async fn note(
    ctx: Context<'_>,
    #[description = "Case number"] case: i64,
    #[description = "The note"] note: String,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_moderator(&settings, &who)?;
    let data = ctx.data();
    let note = text(note, "note")?;
    data.store
        .add_note(guild, case, who.user_id, &note, data.clock.now())
        .await
        .map_err(case_error)?;
    ctx.send(private(format!("Note added to case #{case}."))).await?;
    Ok(())
}

/// Re-open a decided case for a new vote (moderators), with a reason.
#[poise::command(slash_command, guild_only)]
async fn reopen(
    ctx: Context<'_>,
    #[description = "Case number"] case: i64,
    #[description = "Why"] reason: String,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_moderator(&settings, &who)?;
    let data = ctx.data();
    let reason = text(reason, "reason")?;
    let actor = Actor::Member(who.user_id);
    let reopened = data
        .store
        .reopen_case(guild, case, &actor, &reason, data.clock.now())
        .await
        .map_err(case_error)?;
    data.outbox_changed.notify_one();
    ctx.send(private(format!(
        "Case #{case} is open for a new vote (round {}).",
        reopened.lifecycle.round
    )))
    .await?;
    Ok(())
}

/// Decide a case directly (admins), with a reason; recorded in the audit log.
#[poise::command(slash_command, guild_only)]
async fn decide(
    ctx: Context<'_>,
    #[description = "Case number"] case: i64,
    #[description = "The decision"] decision: DecisionChoice,
    #[description = "Why"] reason: String,
) -> Result<(), Error> {
    let (guild, who, _) = member_context(ctx).await?;
    require_admin(&who)?;
    let data = ctx.data();
    let reason = text(reason, "reason")?;
    let actor = Actor::Member(who.user_id);
    let decided = data
        .store
        .override_decision(guild, case, &actor, decision.into(), &reason, data.clock.now())
        .await
        .map_err(case_error)?;
    data.outbox_changed.notify_one();
    ctx.send(private(format!(
        "Case #{case} is now decided: {}.",
        decided.lifecycle.decision.label()
    )))
    .await?;
    Ok(())
}
