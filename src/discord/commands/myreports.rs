//! `/myreports` and `/withdraw`: a member's own reports, privately, and withdrawing one
//! while its case awaits review.

use super::{acting, answer_language, member_context};
use crate::discord::error::{private, user_error, Context, Error};
use crate::discord::render::campaign;
use crate::domain::language::Language;
use crate::domain::time::Millis;
use crate::store::{Store, StoreError};

/// Your reports on this server and what became of each case.
#[poise::command(
    slash_command,
    guild_only,
    description_localized("fr", "Vos signalements sur ce serveur et ce qu'il est advenu de chaque dossier."),
    description_localized("hi", "इस सर्वर पर आपकी रिपोर्टें और हर केस का क्या हुआ।")
)]
pub async fn myreports(ctx: Context<'_>) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    let reports = ctx.data().store.my_reports(guild, who.user_id).await?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    let post = campaign::my_reports(&reports, lang);
    ctx.send(private(post.content).components(post.components)).await?;
    Ok(())
}

/// Withdraw your report on a case that still awaits review.
#[poise::command(
    slash_command,
    guild_only,
    description_localized("fr", "Retirer votre signalement sur un dossier qui attend encore son examen."),
    description_localized("hi", "ऐसे केस पर अपनी रिपोर्ट वापस लें जिसकी समीक्षा अभी बाक़ी है।")
)]
pub async fn withdraw(
    ctx: Context<'_>,
    #[description = "Case number"]
    #[description_localized("fr", "Numéro du dossier")]
    #[description_localized("hi", "केस नंबर")]
    case: i64,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    let now = ctx.data().clock.now();
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    let text = withdraw_answer(&acting(ctx), guild, case, who.user_id, now, lang).await?;
    ctx.send(private(text)).await?;
    Ok(())
}

/// Withdraw through `store` (acting for the interaction) and word the outcome; shared by
/// the command and the `/myreports` button.
pub async fn withdraw_answer(
    store: &Store,
    guild: u64,
    case_no: i64,
    member: u64,
    now: Millis,
    lang: Language,
) -> Result<String, Error> {
    match store.withdraw_report(guild, case_no, member, now).await {
        Ok(w) => Ok(campaign::withdrawn(&w, lang)),
        Err(StoreError::Withdraw(e)) => Err(user_error(move |lang| campaign::withdraw_refused(e, case_no, lang))),
        Err(StoreError::Lifecycle(_) | StoreError::Conflict) => Err(user_error(move |lang| {
            campaign::withdraw_refused(crate::domain::campaign::WithdrawError::Reviewed, case_no, lang)
        })),
        Err(other) => Err(other.into()),
    }
}
