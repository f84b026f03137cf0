//! `/next [count]`: a volunteer's private batch of accounts to report.

use poise::CreateReply;

use super::{acting, answer_language, member_context};
use crate::discord::checks::may_report;
use crate::discord::error::{private, user_error, Context, Error};
use crate::discord::render::campaign;
use crate::domain::campaign::BatchSize;
use crate::store::NextBatch;

/// Get the next accounts to report (at most 5, paced per hour).
#[poise::command(
    slash_command,
    guild_only,
    description_localized(
        "fr",
        "Recevoir les prochains comptes à signaler (5 au plus, rythme horaire limité)."
    ),
    description_localized("hi", "रिपोर्ट करने के लिए अगले अकाउंट पाएँ (ज़्यादा से ज़्यादा 5, प्रति घंटे सीमित)।")
)]
pub async fn next(
    ctx: Context<'_>,
    #[description = "How many accounts (1–5, default 3)"]
    #[description_localized("fr", "Combien de comptes (1–5, 3 par défaut)")]
    #[description_localized("hi", "कितने अकाउंट (1–5, डिफ़ॉल्ट 3)")]
    count: Option<u32>,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    may_report(&settings, &who)?;
    let size = count
        .map(BatchSize::new)
        .transpose()
        .map_err(|e| user_error(move |lang| campaign::batch_size_refused(&e, lang)))?
        .unwrap_or(BatchSize::DEFAULT);
    let now = ctx.data().clock.now();
    let batch = acting(ctx)
        .next_batch(guild, who.user_id, size, settings.next_per_hour, now)
        .await?;
    let items = match batch {
        NextBatch::Accounts(items) => items,
        NextBatch::Paced(paced) => return Err(user_error(move |lang| campaign::paced(paced, lang))),
    };
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    let post = campaign::next_batch(&items, lang);
    let mut reply: CreateReply = private(post.content).components(post.components);
    if let Some(embed) = post.embed {
        reply = reply.embed(embed);
    }
    ctx.send(reply).await?;
    Ok(())
}
