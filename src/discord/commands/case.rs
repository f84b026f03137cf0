//! `/case show|note|reopen|decide|alias add`: moderators' tools on one case.

use poise::serenity_prelude as serenity;

use super::{acting, answer_language, case_error, member_context};
use crate::discord::checks::{require_admin, require_moderator};
use crate::discord::error::{private, user_error, Context, Error};
use crate::discord::render::{answers, campaign};
use crate::domain::account::AccountKey;
use crate::domain::audit::Actor;
use crate::domain::vote::VoteChoice;
use crate::store::StoreError;

/// Longest note or reason kept.
const MAX_TEXT: usize = 500;

/// Inspect and handle one case (moderators).
#[poise::command(
    slash_command,
    guild_only,
    subcommands("show", "note", "reopen", "decide", "alias"),
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

pub(super) fn text(input: String, what: &str) -> Result<String, Error> {
    let t: String = input.trim().chars().take(MAX_TEXT).collect();
    if t.is_empty() {
        let what = what.to_owned();
        return Err(user_error(move |lang| answers::missing_text(&what, lang)));
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
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    let embed = serenity::CreateEmbed::new()
        .title(answers::case_details_title(&details, lang))
        .description(answers::case_details(&details, lang));
    ctx.send(private("").embed(embed)).await?;
    Ok(())
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
    acting(ctx)
        .add_note(guild, case, who.user_id, &note, data.clock.now())
        .await
        .map_err(case_error)?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    ctx.send(private(answers::note_added(case, lang))).await?;
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
    let reopened = acting(ctx)
        .reopen_case(guild, case, &actor, &reason, data.clock.now())
        .await
        .map_err(case_error)?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    ctx.send(private(answers::reopened(case, reopened.lifecycle.round, lang)))
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
    let (guild, who, settings) = member_context(ctx).await?;
    require_admin(&who)?;
    let data = ctx.data();
    let reason = text(reason, "reason")?;
    let actor = Actor::Member(who.user_id);
    let decided = acting(ctx)
        .override_decision(guild, case, &actor, decision.into(), &reason, data.clock.now())
        .await
        .map_err(case_error)?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    ctx.send(private(answers::overridden(case, decided.lifecycle.decision, lang)))
        .await?;
    Ok(())
}

/// Other keys of a case's account (moderators).
#[poise::command(slash_command, guild_only, subcommands("alias_add"), subcommand_required)]
async fn alias(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Give a case another key of its account, e.g. its numeric id (moderators).
///
/// A later report or `/status` of that form then lands on the case.
#[poise::command(slash_command, guild_only, rename = "add")]
async fn alias_add(
    ctx: Context<'_>,
    #[description = "Case number"] case: i64,
    #[description = "Link to the same account in its other form"] link: String,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_moderator(&settings, &who)?;
    let alias = AccountKey::parse(&link, None, settings.default_platform)
        .map_err(|e| user_error(move |lang| answers::unusable_account(&e, lang)))?;
    let actor = Actor::Member(who.user_id);
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    match acting(ctx)
        .add_alias(guild, case, &alias, &actor, ctx.data().clock.now())
        .await
    {
        Ok(_) => ctx.send(private(campaign::alias_added(case, &alias, lang))).await?,
        Err(StoreError::Alias(e)) => return Err(user_error(move |lang| campaign::alias_refused(&e, case, lang))),
        Err(other) => return Err(case_error(other)),
    };
    Ok(())
}
