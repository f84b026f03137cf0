//! `/export`: the same exports as the command line, as a private file.

use poise::serenity_prelude as serenity;

use super::{acting, answer_language, member_context};
use crate::discord::checks::require_liaison;
use crate::discord::error::{private, Context, Error};
use crate::domain::audit::Actor;
use crate::domain::case::Decision;
use crate::export::{self, Format};

/// The TAXII feed's last pulls (one per agency and collection) `/export` shows liaisons.
const LAST_PULLS_SHOWN: usize = 5;

#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum FormatChoice {
    #[name = "json"]
    #[name_localized("fr", "JSON")]
    #[name_localized("hi", "JSON")]
    Json,
    #[name = "csv"]
    #[name_localized("fr", "CSV")]
    #[name_localized("hi", "CSV")]
    Csv,
    #[name = "stix"]
    #[name_localized("fr", "STIX")]
    #[name_localized("hi", "STIX")]
    Stix,
}

#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum DecisionFilter {
    #[name = "pending"]
    #[name_localized("fr", "en attente")]
    #[name_localized("hi", "लंबित")]
    Pending,
    #[name = "report_now"]
    #[name_localized("fr", "à signaler maintenant")]
    #[name_localized("hi", "अभी रिपोर्ट करें")]
    ReportNow,
    #[name = "hand_off"]
    #[name_localized("fr", "confiés aux autorités")]
    #[name_localized("hi", "एजेंसियों को सौंपे गए")]
    HandOff,
    #[name = "dismissed"]
    #[name_localized("fr", "classés")]
    #[name_localized("hi", "खारिज")]
    Dismissed,
}

/// Export cases for agencies (liaisons and admins); reporters are never included.
#[poise::command(
    slash_command,
    guild_only,
    description_localized(
        "fr",
        "Exporter les dossiers pour les autorités (liaison et admins) ; jamais les signaleurs."
    ),
    description_localized("hi", "एजेंसियों के लिए केस एक्सपोर्ट करें (लायज़न और एडमिन); रिपोर्टर कभी शामिल नहीं होते।")
)]
pub async fn export(
    ctx: Context<'_>,
    #[description = "File format"]
    #[description_localized("fr", "Format du fichier")]
    #[description_localized("hi", "फ़ाइल फ़ॉर्मैट")]
    format: FormatChoice,
    #[description = "Only cases with this decision"]
    #[description_localized("fr", "Seulement les dossiers ayant cette décision")]
    #[description_localized("hi", "सिर्फ़ इस फ़ैसले वाले केस")]
    decision: Option<DecisionFilter>,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_liaison(&settings, &who)?;
    ctx.defer_ephemeral().await?;
    let format = match format {
        FormatChoice::Json => Format::Json,
        FormatChoice::Csv => Format::Csv,
        FormatChoice::Stix => Format::Stix,
    };
    let decision = decision.map(|d| match d {
        DecisionFilter::Pending => Decision::Pending,
        DecisionFilter::ReportNow => Decision::ReportNow,
        DecisionFilter::HandOff => Decision::HandOff,
        DecisionFilter::Dismissed => Decision::Dismissed,
    });
    let data = ctx.data();
    let now = data.clock.now();
    let cases = data.store.export_cases(guild, decision).await?;
    let mut bytes = Vec::new();
    export::write(format, guild, &cases, now, &mut bytes)?;
    let actor = Actor::Member(who.user_id);
    acting(ctx)
        .record_export(guild, &actor, format.as_str(), decision, cases.len(), now)
        .await?;
    let pulls = data.store.taxii_last_pulls(guild, LAST_PULLS_SHOWN).await?;
    let name = format!("flagwatch-{}.{}", format.as_str(), format.extension());
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    let reply = private(crate::discord::render::answers::exported(cases.len(), &pulls, lang))
        .attachment(serenity::CreateAttachment::bytes(bytes, name));
    ctx.send(reply).await?;
    Ok(())
}
