//! `/queue post [count]`: bring up the cards of the oldest queued cases (moderators);
//! `/queue dismiss-all source reason`: dismiss what one import left waiting (admins).

use super::{acting, answer_language, case_error, member_context};
use crate::discord::checks::{require_admin, require_moderator};
use crate::discord::error::{private, user_error, Context, Error};
use crate::discord::render::{answers, campaign};
use crate::domain::audit::Actor;
use crate::store::{StoreError, MAX_DEQUEUE};

/// The review queue: bring up cards, or dismiss one import's cases.
#[poise::command(
    slash_command,
    guild_only,
    subcommands("post", "dismiss_all"),
    subcommand_required,
    description_localized(
        "fr",
        "La file d'examen : faire monter des cartes, ou écarter les dossiers d'un import."
    ),
    description_localized("hi", "समीक्षा कतार: कार्ड लाएँ, या किसी इंपोर्ट के केस ख़ारिज करें।")
)]
pub async fn queue(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Post the review cards of the oldest queued cases (at most 5).
#[poise::command(
    slash_command,
    guild_only,
    description_localized("fr", "Publier les cartes d'examen des plus anciens dossiers en file (5 au plus)."),
    description_localized("hi", "कतार के सबसे पुराने केसों के समीक्षा कार्ड पोस्ट करें (ज़्यादा से ज़्यादा 5)।")
)]
async fn post(
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
    let mut text = answers::queue_posted(&numbers, left, lang);
    let sources = data.store.imports_of(guild, &numbers).await?;
    if !sources.is_empty() {
        text = format!("{text}\n{}", campaign::queue_sources(&sources, lang));
    }
    ctx.send(private(text)).await?;
    Ok(())
}

/// Dismiss every case one import opened that still waits for a decision (admins).
#[poise::command(
    slash_command,
    guild_only,
    rename = "dismiss-all",
    description_localized(
        "fr",
        "Écarter tous les dossiers qu'un import a laissés en attente (administrateurs)."
    ),
    description_localized("hi", "किसी इंपोर्ट के सभी लंबित केस ख़ारिज करें (एडमिन)।")
)]
async fn dismiss_all(
    ctx: Context<'_>,
    #[description = "The import's number (its summary names it)"]
    #[description_localized("fr", "Le numéro de l'import (son résumé l'indique)")]
    #[description_localized("hi", "इंपोर्ट का नंबर (उसके सारांश में लिखा है)")]
    source: i64,
    #[description = "Why these cases are dismissed (kept in the audit log)"]
    #[description_localized("fr", "Pourquoi ces dossiers sont écartés (conservé dans le journal d'audit)")]
    #[description_localized("hi", "ये केस क्यों ख़ारिज किए जा रहे हैं (ऑडिट लॉग में रखा जाता है)")]
    reason: String,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_admin(&who)?;
    let reason = super::case::text(reason, "reason")?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    // A large import means many cases in one transaction: more than 3 s on a busy day.
    ctx.defer_ephemeral().await?;
    let now = ctx.data().clock.now();
    let done = acting(ctx)
        .dismiss_import(guild, source, &Actor::Member(who.user_id), &reason, now)
        .await
        .map_err(|e| match e {
            StoreError::NoSuchImport { import_id } => user_error(move |lang| campaign::no_such_import(import_id, lang)),
            other => case_error(other),
        })?;
    ctx.send(private(campaign::dismissed_import(source, &done, lang)))
        .await?;
    Ok(())
}
