//! `/forget-me`: a member's reports keep counting, but no longer name them.

use super::{acting, answer_language, caller};
use crate::discord::error::{private, Context, Error};
use crate::discord::render::answers;

/// Remove your identity from your reports on this server (counts stay).
#[poise::command(
    slash_command,
    guild_only,
    rename = "forget-me",
    description_localized(
        "fr",
        "Retirer votre identité de vos signalements sur ce serveur (ils restent comptés)."
    ),
    description_localized("hi", "इस सर्वर पर अपनी रिपोर्टों से अपनी पहचान हटाएँ (गिनती बनी रहती है)।")
)]
pub async fn forget_me(ctx: Context<'_>) -> Result<(), Error> {
    let (guild, who) = caller(ctx)?;
    let data = ctx.data();
    let n = acting(ctx).forget_member(guild, who.user_id, data.clock.now()).await?;
    let settings = data.store.guild_settings(guild, data.clock.now()).await?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    ctx.send(private(answers::forgotten(n, lang))).await?;
    Ok(())
}
