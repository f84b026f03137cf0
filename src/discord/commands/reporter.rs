//! `/reporter show` (moderators): what became of a member's reports.

use poise::serenity_prelude as serenity;

use super::member_context;
use crate::discord::checks::require_moderator;
use crate::discord::error::{private, Context, Error};
use crate::discord::render::campaign;

/// Reporters' records (moderators).
#[poise::command(slash_command, guild_only, subcommands("show"), subcommand_required)]
pub async fn reporter(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// A member's reports, cases and their outcomes.
#[poise::command(slash_command, guild_only)]
async fn show(ctx: Context<'_>, #[description = "The member"] member: serenity::User) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_moderator(&settings, &who)?;
    let record = ctx.data().store.reporter_record(guild, member.id.get()).await?;
    ctx.send(private(campaign::reporter_record(member.id.get(), &record)))
        .await?;
    Ok(())
}
