//! `/reporter show|mute|unmute` (moderators): what became of a member's reports, and
//! muting a reporter whose reports should count toward nothing.

use poise::serenity_prelude as serenity;

use super::case::text;
use super::{acting, answer_language, member_context};
use crate::discord::checks::require_moderator;
use crate::discord::error::{private, Context, Error};
use crate::discord::render::campaign;
use crate::domain::time;

/// The longest mute with an end, in days.
const MAX_MUTE_DAYS: u32 = 365;

/// Reporters' records (moderators).
#[poise::command(
    slash_command,
    guild_only,
    subcommands("show", "mute", "unmute"),
    subcommand_required
)]
pub async fn reporter(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// A member's reports, cases and their outcomes.
#[poise::command(slash_command, guild_only)]
async fn show(ctx: Context<'_>, #[description = "The member"] member: serenity::User) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_moderator(&settings, &who)?;
    let record = ctx.data().store.reporter_record(guild, member.id.get()).await?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    ctx.send(private(campaign::reporter_record(member.id.get(), &record, lang)))
        .await?;
    Ok(())
}

/// Mute a reporter: their reports are still accepted (they are not told) but count
/// toward nothing.
#[poise::command(slash_command, guild_only)]
async fn mute(
    ctx: Context<'_>,
    #[description = "The member"] member: serenity::User,
    #[description = "Why (recorded in the audit log)"] reason: String,
    #[description = "For how many days (1–365; default: until unmuted)"] days: Option<u32>,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_moderator(&settings, &who)?;
    let reason = text(reason, "reason")?;
    let now = ctx.data().clock.now();
    let days = days.map(|d| d.clamp(1, MAX_MUTE_DAYS));
    let until = days.map(|d| now.plus(time::days(d)));
    acting(ctx)
        .mute_reporter(guild, member.id.get(), who.user_id, &reason, until, now)
        .await?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    ctx.send(private(campaign::muted(member.id.get(), until, lang))).await?;
    Ok(())
}

/// End a reporter's mute: their reports from now on count again.
#[poise::command(slash_command, guild_only)]
async fn unmute(
    ctx: Context<'_>,
    #[description = "The member"] member: serenity::User,
    #[description = "Why (recorded in the audit log)"] reason: String,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_moderator(&settings, &who)?;
    let reason = text(reason, "reason")?;
    let now = ctx.data().clock.now();
    let ended = acting(ctx)
        .unmute_reporter(guild, member.id.get(), who.user_id, &reason, now)
        .await?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    ctx.send(private(campaign::unmuted(member.id.get(), ended, lang)))
        .await?;
    Ok(())
}
