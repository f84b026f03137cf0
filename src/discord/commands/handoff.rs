//! `/handoff record|extend|release`: liaisons manage holds.

use super::{acting, answer_language, case_error, member_context};
use crate::discord::checks::require_liaison;
use crate::discord::error::{private, user_error, Context, Error};
use crate::discord::render::answers;
use crate::domain::audit::Actor;
use crate::domain::vote::HoldDays;

/// Manage cases handed to agencies (liaisons).
#[poise::command(
    slash_command,
    guild_only,
    subcommands("record", "extend", "release"),
    subcommand_required,
    description_localized("fr", "Gérer les dossiers confiés aux autorités (liaison)."),
    description_localized("hi", "एजेंसियों को सौंपे गए केस संभालें (लायज़न)।")
)]
pub async fn handoff(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

fn field(input: String, what: &str) -> Result<String, Error> {
    let t: String = input.trim().chars().take(200).collect();
    if t.is_empty() {
        let what = what.to_owned();
        return Err(user_error(move |lang| answers::missing_field(&what, lang)));
    }
    Ok(t)
}

/// Record which agency a held case was referred to, and its reference.
#[poise::command(
    slash_command,
    guild_only,
    description_localized("fr", "Indiquer à quelle autorité un dossier a été transmis, et sa référence."),
    description_localized("hi", "दर्ज करें कि केस किस एजेंसी को भेजा गया, और उसका संदर्भ नंबर।")
)]
async fn record(
    ctx: Context<'_>,
    #[description = "Case number"]
    #[description_localized("fr", "Numéro du dossier")]
    #[description_localized("hi", "केस नंबर")]
    case: i64,
    #[description = "The agency it was referred to"]
    #[description_localized("fr", "L'autorité à laquelle il a été transmis")]
    #[description_localized("hi", "वह एजेंसी जिसे यह भेजा गया")]
    agency: String,
    #[description = "The agency's reference"]
    #[description_localized("fr", "La référence de l'autorité")]
    #[description_localized("hi", "एजेंसी का संदर्भ नंबर")]
    reference: String,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_liaison(&settings, &who)?;
    let data = ctx.data();
    let (agency, reference) = (field(agency, "agency")?, field(reference, "reference")?);
    let actor = Actor::Member(who.user_id);
    acting(ctx)
        .record_referral(guild, case, &actor, &agency, &reference, data.clock.now())
        .await
        .map_err(case_error)?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    ctx.send(private(answers::referral_recorded(case, lang))).await?;
    Ok(())
}

/// Extend a hold by a number of days.
#[poise::command(
    slash_command,
    guild_only,
    description_localized("fr", "Prolonger une mise en attente de quelques jours."),
    description_localized("hi", "एजेंसियों के पास रहने की अवधि कुछ दिन बढ़ाएँ।")
)]
async fn extend(
    ctx: Context<'_>,
    #[description = "Case number"]
    #[description_localized("fr", "Numéro du dossier")]
    #[description_localized("hi", "केस नंबर")]
    case: i64,
    #[description = "Days to add (1–365)"]
    #[description_localized("fr", "Jours à ajouter (1–365)")]
    #[description_localized("hi", "जोड़ने के लिए दिन (1–365)")]
    days: u32,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_liaison(&settings, &who)?;
    let days = HoldDays::new(days).map_err(|e| user_error(move |lang| answers::refused_policy(&e, lang)))?;
    let data = ctx.data();
    let actor = Actor::Member(who.user_id);
    let held = acting(ctx)
        .extend_hold(guild, case, &actor, days, data.clock.now())
        .await
        .map_err(case_error)?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    ctx.send(private(answers::held_until(case, held.lifecycle.held_until, lang)))
        .await?;
    Ok(())
}

/// Release a hold: the case becomes "report now" and its call to action is posted.
#[poise::command(
    slash_command,
    guild_only,
    description_localized("fr", "Lever une mise en attente : le dossier passe à « signaler maintenant »."),
    description_localized("hi", "रोक हटाएँ: केस \"अभी रिपोर्ट करें\" बन जाता है और उसकी अपील पोस्ट होती है।")
)]
async fn release(
    ctx: Context<'_>,
    #[description = "Case number"]
    #[description_localized("fr", "Numéro du dossier")]
    #[description_localized("hi", "केस नंबर")]
    case: i64,
    #[description = "Why"]
    #[description_localized("fr", "Pourquoi")]
    #[description_localized("hi", "क्यों")]
    reason: String,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_liaison(&settings, &who)?;
    let reason = field(reason, "reason")?;
    let data = ctx.data();
    let actor = Actor::Member(who.user_id);
    acting(ctx)
        .release_hold(guild, case, &actor, &reason, data.clock.now())
        .await
        .map_err(case_error)?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    ctx.send(private(answers::released(case, lang))).await?;
    Ok(())
}
