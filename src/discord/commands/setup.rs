//! `/setup set` and `/setup show` (admins: Manage Server).

use poise::serenity_prelude as serenity;

use super::{acting, answer_language, caller, LanguageChoice, PlatformChoice};
use crate::discord::checks::{require_setup_admin, require_setup_viewer};
use crate::discord::error::{private, user_error, Context, Error};
use crate::discord::render::answers;
use crate::discord::setup_checks;
use crate::domain::audit::Actor;
use crate::domain::campaign::{HourlyPace, RecheckDays};
use crate::domain::language::Language;
use crate::domain::time::Weekday;
use crate::domain::vote::{HoldDays, Quorum, VotingWindow};
use crate::store::SettingsChange;

/// Configure flagwatch on this server.
#[poise::command(
    slash_command,
    guild_only,
    subcommands("set", "show"),
    subcommand_required,
    description_localized("fr", "Configurer flagwatch sur ce serveur."),
    description_localized("hi", "इस सर्वर पर flagwatch सेट अप करें।")
)]
pub async fn setup(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Change settings; options you leave out stay as they are.
#[poise::command(
    slash_command,
    guild_only,
    description_localized("fr", "Modifier les réglages ; les options omises restent inchangées."),
    description_localized("hi", "सेटिंग बदलें; जो विकल्प आप छोड़ देंगे वे जैसे हैं वैसे रहेंगे।")
)]
#[allow(clippy::too_many_arguments)]
async fn set(
    ctx: Context<'_>,
    #[description = "Channel where moderators get review cards"]
    #[description_localized("fr", "Salon où les modérateurs reçoivent les cartes d'examen")]
    #[description_localized("hi", "वह चैनल जहाँ मॉडरेटरों को समीक्षा कार्ड मिलते हैं")]
    review_channel: Option<serenity::ChannelId>,
    #[description = "Public channel for calls to action and the status board"]
    #[description_localized("fr", "Salon public des appels à l'action et du tableau de bord")]
    #[description_localized("hi", "कार्रवाई की अपीलों और स्टेटस बोर्ड का सार्वजनिक चैनल")]
    coordination_channel: Option<serenity::ChannelId>,
    #[description = "Role whose members vote"]
    #[description_localized("fr", "Rôle dont les membres votent")]
    #[description_localized("hi", "वह रोल जिसके सदस्य वोट करते हैं")]
    moderator_role: Option<serenity::RoleId>,
    #[description = "Role of agency liaisons"]
    #[description_localized("fr", "Rôle des agents de liaison avec les autorités")]
    #[description_localized("hi", "एजेंसी संपर्क अधिकारियों का रोल")]
    liaison_role: Option<serenity::RoleId>,
    #[description = "Only this role may report (leave unset to let every member report)"]
    #[description_localized(
        "fr",
        "Seul ce rôle peut signaler (laissez vide pour que tout membre puisse signaler)"
    )]
    #[description_localized("hi", "सिर्फ़ यह रोल रिपोर्ट कर सकता है (हर सदस्य के लिए खाली छोड़ें)")]
    reporter_role: Option<serenity::RoleId>,
    #[description = "Votes an option needs to win (1–25, default 3)"]
    #[description_localized("fr", "Votes nécessaires pour qu'une option l'emporte (1–25, 3 par défaut)")]
    #[description_localized("hi", "किसी विकल्प को जीतने के लिए ज़रूरी वोट (1–25, डिफ़ॉल्ट 3)")]
    quorum: Option<u32>,
    #[description = "Voting window in minutes (10–43200, default 1440)"]
    #[description_localized("fr", "Durée du vote en minutes (10–43200, 1440 par défaut)")]
    #[description_localized("hi", "वोटिंग की अवधि मिनटों में (10–43200, डिफ़ॉल्ट 1440)")]
    window_minutes: Option<u64>,
    #[description = "Days a hand-off is held before review (1–365, default 30)"]
    #[description_localized("fr", "Jours de mise en attente avant réexamen (1–365, 30 par défaut)")]
    #[description_localized("hi", "समीक्षा से पहले एजेंसियों के पास रहने के दिन (1–365, डिफ़ॉल्ट 30)")]
    hold_days: Option<u32>,
    #[description = "Platform of bare @handles (default x)"]
    #[description_localized("fr", "Plateforme des @identifiants seuls (x par défaut)")]
    #[description_localized("hi", "सिर्फ़ @हैंडल वाले अकाउंट का प्लेटफ़ॉर्म (डिफ़ॉल्ट x)")]
    default_platform: Option<PlatformChoice>,
    #[description = "Post public \"held — do not report\" notices (default off)"]
    #[description_localized(
        "fr",
        "Publier des avis « confié aux autorités — ne pas signaler » (désactivé par défaut)"
    )]
    #[description_localized("hi", "सार्वजनिक \"रिपोर्ट न करें\" सूचनाएँ पोस्ट करें (डिफ़ॉल्ट बंद)")]
    announce_holds: Option<bool>,
    #[description = "Hour (UTC, 0–23) of the daily digest"]
    #[description_localized("fr", "Heure (UTC, 0–23) du résumé quotidien")]
    #[description_localized("hi", "दैनिक सारांश का समय (UTC, 0–23)")]
    digest_hour: Option<u8>,
    #[description = "Day whose digest is the weekly one, with the 30-day chart (default Monday)"]
    #[description_localized(
        "fr",
        "Jour du résumé hebdomadaire, avec le graphique sur 30 jours (lundi par défaut)"
    )]
    #[description_localized("hi", "साप्ताहिक सारांश का दिन, 30 दिनों के चार्ट के साथ (डिफ़ॉल्ट सोमवार)")]
    digest_weekday: Option<WeekdayChoice>,
    #[description = "Reports a member may file per period (default 10)"]
    #[description_localized("fr", "Signalements autorisés par membre et par période (10 par défaut)")]
    #[description_localized("hi", "एक सदस्य प्रति अवधि कितनी रिपोर्ट कर सकता है (डिफ़ॉल्ट 10)")]
    report_limit: Option<u32>,
    #[description = "The period of the report limit, in minutes (default 10)"]
    #[description_localized("fr", "La période de la limite de signalements, en minutes (10 par défaut)")]
    #[description_localized("hi", "रिपोर्ट सीमा की अवधि, मिनटों में (डिफ़ॉल्ट 10)")]
    report_limit_minutes: Option<u32>,
    #[description = "Hours a member must have been in the server to report (default 0)"]
    #[description_localized("fr", "Heures de présence sur le serveur requises pour signaler (0 par défaut)")]
    #[description_localized("hi", "रिपोर्ट करने के लिए सर्वर में कितने घंटे से होना ज़रूरी है (डिफ़ॉल्ट 0)")]
    min_member_age_hours: Option<u32>,
    #[description = "Accounts /next hands one member per hour (1–100, default 20)"]
    #[description_localized("fr", "Comptes que /next donne à un membre par heure (1–100, 20 par défaut)")]
    #[description_localized("hi", "/next एक सदस्य को प्रति घंटे कितने अकाउंट देता है (1–100, डिफ़ॉल्ट 20)")]
    next_per_hour: Option<u32>,
    #[description = "Language of cards, calls to action, the board and the digest (default English)"]
    #[description_localized(
        "fr",
        "Langue des cartes, appels à l'action, tableau de bord et résumé (anglais par défaut)"
    )]
    #[description_localized("hi", "कार्ड, अपीलों, बोर्ड और सारांश की भाषा (डिफ़ॉल्ट अंग्रेज़ी)")]
    language: Option<LanguageChoice>,
    #[description = "Serve a public status page at a random address (default off)"]
    #[description_localized(
        "fr",
        "Publier une page d'état publique à une adresse aléatoire (désactivé par défaut)"
    )]
    #[description_localized("hi", "किसी रैंडम पते पर सार्वजनिक स्टेटस पेज चलाएँ (डिफ़ॉल्ट बंद)")]
    public_page: Option<bool>,
    #[description = "Days before a confirmed suspension is re-checked in /next (1–90, default 7)"]
    #[description_localized(
        "fr",
        "Jours avant qu'une suspension confirmée soit revérifiée dans /next (1–90, 7 par défaut)"
    )]
    #[description_localized("hi", "पुष्ट निलंबन की /next में दोबारा जाँच से पहले के दिन (1–90, डिफ़ॉल्ट 7)")]
    recheck_days: Option<u32>,
) -> Result<(), Error> {
    let (guild, who) = caller(ctx)?;
    require_setup_admin(&who)?;
    // The permission checks ask Discord several things: more than 3 s on a slow day.
    ctx.defer_ephemeral().await?;
    let invalid = |e: crate::domain::vote::PolicyError| user_error(move |lang| answers::setting_refused(&e, lang));
    let change = SettingsChange {
        review_channel: review_channel.map(|c| c.get()),
        coordination_channel: coordination_channel.map(|c| c.get()),
        moderator_role: moderator_role.map(|r| r.get()),
        liaison_role: liaison_role.map(|r| r.get()),
        reporter_role: reporter_role.map(|r| r.get()),
        quorum: quorum.map(Quorum::new).transpose().map_err(invalid)?,
        window: window_minutes
            .map(VotingWindow::from_minutes)
            .transpose()
            .map_err(invalid)?,
        hold_days: hold_days.map(HoldDays::new).transpose().map_err(invalid)?,
        default_platform: default_platform.map(Into::into),
        announce_holds,
        digest_hour: digest_hour.map(|h| check_range("digest_hour", h, 0, 23)).transpose()?,
        digest_weekday: digest_weekday.map(Into::into),
        report_limit: report_limit
            .map(|n| check_range("report_limit", n, 1, 1_000))
            .transpose()?,
        report_limit_minutes: report_limit_minutes
            .map(|n| check_range("report_limit_minutes", n, 1, 10_080))
            .transpose()?,
        min_member_age_hours: min_member_age_hours
            .map(|n| check_range("min_member_age_hours", n, 0, 8_760))
            .transpose()?,
        next_per_hour: next_per_hour
            .map(HourlyPace::new)
            .transpose()
            .map_err(|e| user_error(move |lang| answers::campaign_setting_refused(&e, lang)))?,
        recheck_days: recheck_days
            .map(RecheckDays::new)
            .transpose()
            .map_err(|e| user_error(move |lang| answers::campaign_setting_refused(&e, lang)))?,
        language: language.map(Into::into),
        public_page,
    };
    let data = ctx.data();
    let settings = acting(ctx)
        .update_settings(guild, &Actor::Member(who.user_id), &change, data.clock.now())
        .await?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    let checks = channel_checks(ctx, &settings, lang).await;
    ctx.send(private(answers::setup_saved(&settings, lang) + &checks))
        .await?;
    Ok(())
}

/// Show the current settings.
#[poise::command(
    slash_command,
    guild_only,
    description_localized("fr", "Afficher les réglages actuels."),
    description_localized("hi", "मौजूदा सेटिंग दिखाएँ।")
)]
async fn show(ctx: Context<'_>) -> Result<(), Error> {
    let (guild, who) = caller(ctx)?;
    let data = ctx.data();
    let settings = data.store.guild_settings(guild, data.clock.now()).await?;
    require_setup_viewer(&settings, &who)?;
    ctx.defer_ephemeral().await?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    let checks = channel_checks(ctx, &settings, lang).await;
    ctx.send(private(answers::settings_text(&settings, lang) + &checks))
        .await?;
    Ok(())
}

/// What `/setup` says about the bot's permissions in the configured channels.
async fn channel_checks(ctx: Context<'_>, settings: &crate::store::GuildSettings, lang: Language) -> String {
    let bot = ctx.serenity_context().cache.current_user().id;
    match setup_checks::check_channels(ctx.http(), bot, settings).await {
        Ok(checks) => answers::channel_checks(&checks, lang),
        Err(e) => {
            tracing::warn!("could not read the channels' permissions: {e}");
            answers::channel_checks_failed(lang)
        }
    }
}

/// The weekly digest's day.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum WeekdayChoice {
    #[name = "Monday"]
    #[name_localized("fr", "lundi")]
    #[name_localized("hi", "सोमवार")]
    Monday,
    #[name = "Tuesday"]
    #[name_localized("fr", "mardi")]
    #[name_localized("hi", "मंगलवार")]
    Tuesday,
    #[name = "Wednesday"]
    #[name_localized("fr", "mercredi")]
    #[name_localized("hi", "बुधवार")]
    Wednesday,
    #[name = "Thursday"]
    #[name_localized("fr", "jeudi")]
    #[name_localized("hi", "गुरुवार")]
    Thursday,
    #[name = "Friday"]
    #[name_localized("fr", "vendredi")]
    #[name_localized("hi", "शुक्रवार")]
    Friday,
    #[name = "Saturday"]
    #[name_localized("fr", "samedi")]
    #[name_localized("hi", "शनिवार")]
    Saturday,
    #[name = "Sunday"]
    #[name_localized("fr", "dimanche")]
    #[name_localized("hi", "रविवार")]
    Sunday,
}

impl From<WeekdayChoice> for Weekday {
    fn from(d: WeekdayChoice) -> Self {
        match d {
            WeekdayChoice::Monday => Weekday::Monday,
            WeekdayChoice::Tuesday => Weekday::Tuesday,
            WeekdayChoice::Wednesday => Weekday::Wednesday,
            WeekdayChoice::Thursday => Weekday::Thursday,
            WeekdayChoice::Friday => Weekday::Friday,
            WeekdayChoice::Saturday => Weekday::Saturday,
            WeekdayChoice::Sunday => Weekday::Sunday,
        }
    }
}

fn check_range<T: PartialOrd + std::fmt::Display>(name: &str, value: T, min: T, max: T) -> Result<T, Error> {
    if value < min || value > max {
        let (name, value, min, max) = (name.to_owned(), value.to_string(), min.to_string(), max.to_string());
        return Err(user_error(move |lang| {
            answers::setting_out_of_range(&name, &value, &min, &max, lang)
        }));
    }
    Ok(value)
}
