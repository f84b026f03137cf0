//! `/queue [count]`: bring up the cards of the oldest queued cases.

use super::{acting, answer_language, member_context};
use crate::discord::checks::require_moderator;
use crate::discord::error::{private, Context, Error};
use crate::discord::render::answers;
use crate::store::MAX_DEQUEUE;

/// Post the review cards of the oldest queued cases (at most 5).
#[poise::command(
    slash_command,
    guild_only,
    description_localized("fr", "Publier les cartes d'examen des plus anciens dossiers en file (5 au plus)."),
    description_localized("hi", "कतार के सबसे पुराने केसों के समीक्षा कार्ड पोस्ट करें (ज़्यादा से ज़्यादा 5)।")
)]
pub async fn queue(
    ctx: Context<'_>,
    #[description = "How many (1–5, default 5)"]
    #[description_localized("fr", "Combien (1–5, 5 par défaut)")]
    #[description_localized("hi", "कितने (1–5, डिफ़ॉल्ट 5)")]
    count: Option<u32>,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_moderator(&settings, &who)?;
    let data = ctx.data();
    let count = count.unwrap_or(MAX_DEQUEUE).clamp(1, MAX_DEQUEUE);
    let cases = acting(ctx).dequeue(guild, count, data.clock.now()).await?;
    let left = data.store.queue_len(guild).await?;
    let numbers: Vec<i64> = cases.iter().map(|c| c.case_no).collect();
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    ctx.send(private(answers::queue_posted(&numbers, left, lang))).await?;
    Ok(())
}
