//! `/case show|note|reopen|decide|alias add|merge`: moderators' tools on one case.

use poise::serenity_prelude as serenity;

use super::{acting, answer_language, case_error, member_context};
use crate::discord::checks::{require_admin, require_moderator};
use crate::discord::error::{private, user_error, Context, Error};
use crate::discord::render::{answers, campaign};
use crate::domain::account::AccountKey;
use crate::domain::audit::Actor;
use crate::domain::vote::VoteChoice;
use crate::store::StoreError;

/// Longest note or reason kept.
const MAX_TEXT: usize = 500;

/// Inspect and handle one case (moderators).
#[poise::command(
    slash_command,
    guild_only,
    subcommands("show", "note", "reopen", "decide", "alias", "merge"),
    subcommand_required,
    description_localized("fr", "Examiner et traiter un dossier (modérateurs)."),
    description_localized("hi", "एक केस देखें और संभालें (मॉडरेटर)।")
)]
pub async fn case(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// The decision options of `/case decide`.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum DecisionChoice {
    #[name = "report_now"]
    #[name_localized("fr", "signaler maintenant")]
    #[name_localized("hi", "अभी रिपोर्ट करें")]
    ReportNow,
    #[name = "hand_off"]
    #[name_localized("fr", "confier aux autorités")]
    #[name_localized("hi", "एजेंसियों को सौंपें")]
    HandOff,
    #[name = "dismiss"]
    #[name_localized("fr", "classer")]
    #[name_localized("hi", "खारिज करें")]
    Dismiss,
}

impl From<DecisionChoice> for VoteChoice {
    fn from(d: DecisionChoice) -> Self {
        match d {
            DecisionChoice::ReportNow => VoteChoice::ReportNow,
            DecisionChoice::HandOff => VoteChoice::HandOff,
            DecisionChoice::Dismiss => VoteChoice::Dismiss,
        }
    }
}

pub(super) fn text(input: String, what: &str) -> Result<String, Error> {
    let t: String = input.trim().chars().take(MAX_TEXT).collect();
    if t.is_empty() {
        let what = what.to_owned();
        return Err(user_error(move |lang| answers::missing_text(&what, lang)));
    }
    Ok(t)
}

/// A case with its reporters, reports, votes, notes and history.
#[poise::command(
    slash_command,
    guild_only,
    description_localized("fr", "Un dossier avec ses signaleurs, signalements, votes, notes et historique."),
    description_localized("hi", "एक केस, उसके रिपोर्टरों, रिपोर्टों, वोटों, नोट और इतिहास के साथ।")
)]
async fn show(
    ctx: Context<'_>,
    #[description = "Case number"]
    #[description_localized("fr", "Numéro du dossier")]
    #[description_localized("hi", "केस नंबर")]
    case: i64,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_moderator(&settings, &who)?;
    let details = ctx
        .data()
        .store
        .case_details(guild, case, 10)
        .await
        .map_err(case_error)?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    let embed = serenity::CreateEmbed::new()
        .title(answers::case_details_title(&details, lang))
        .description(answers::case_details(&details, lang));
    ctx.send(private("").embed(embed)).await?;
    Ok(())
}

/// Add a note to a case (moderators).
#[poise::command(
    slash_command,
    guild_only,
    description_localized("fr", "Ajouter une note à un dossier (modérateurs)."),
    description_localized("hi", "किसी केस में नोट जोड़ें (मॉडरेटर)।")
)]
async fn note(
    ctx: Context<'_>,
    #[description = "Case number"]
    #[description_localized("fr", "Numéro du dossier")]
    #[description_localized("hi", "केस नंबर")]
    case: i64,
    #[description = "The note"]
    #[description_localized("fr", "La note")]
    #[description_localized("hi", "नोट")]
    note: String,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_moderator(&settings, &who)?;
    let data = ctx.data();
    let note = text(note, "note")?;
    acting(ctx)
        .add_note(guild, case, who.user_id, &note, data.clock.now())
        .await
        .map_err(case_error)?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    ctx.send(private(answers::note_added(case, lang))).await?;
    Ok(())
}

/// Re-open a decided case for a new vote (moderators), with a reason.
#[poise::command(
    slash_command,
    guild_only,
    description_localized(
        "fr",
        "Rouvrir un dossier tranché pour un nouveau vote (modérateurs), avec un motif."
    ),
    description_localized("hi", "फ़ैसला हो चुके केस को कारण के साथ नए वोट के लिए फिर खोलें (मॉडरेटर)।")
)]
async fn reopen(
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
    require_moderator(&settings, &who)?;
    let data = ctx.data();
    let reason = text(reason, "reason")?;
    let actor = Actor::Member(who.user_id);
    let reopened = acting(ctx)
        .reopen_case(guild, case, &actor, &reason, data.clock.now())
        .await
        .map_err(case_error)?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    ctx.send(private(answers::reopened(case, reopened.lifecycle.round, lang)))
        .await?;
    Ok(())
}

/// Decide a case directly (admins), with a reason; recorded in the audit log.
#[poise::command(
    slash_command,
    guild_only,
    description_localized(
        "fr",
        "Trancher un dossier directement (admins), avec un motif ; inscrit au journal d'audit."
    ),
    description_localized("hi", "कारण के साथ सीधे केस का फ़ैसला करें (एडमिन); ऑडिट लॉग में दर्ज होता है।")
)]
async fn decide(
    ctx: Context<'_>,
    #[description = "Case number"]
    #[description_localized("fr", "Numéro du dossier")]
    #[description_localized("hi", "केस नंबर")]
    case: i64,
    #[description = "The decision"]
    #[description_localized("fr", "La décision")]
    #[description_localized("hi", "फ़ैसला")]
    decision: DecisionChoice,
    #[description = "Why"]
    #[description_localized("fr", "Pourquoi")]
    #[description_localized("hi", "क्यों")]
    reason: String,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_admin(&who)?;
    let data = ctx.data();
    let reason = text(reason, "reason")?;
    let actor = Actor::Member(who.user_id);
    let decided = acting(ctx)
        .override_decision(guild, case, &actor, decision.into(), &reason, data.clock.now())
        .await
        .map_err(case_error)?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    ctx.send(private(answers::overridden(case, decided.lifecycle.decision, lang)))
        .await?;
    Ok(())
}

/// Other keys of a case's account (moderators).
#[poise::command(
    slash_command,
    guild_only,
    subcommands("alias_add"),
    subcommand_required,
    description_localized("fr", "Autres clés du compte d'un dossier (modérateurs)."),
    description_localized("hi", "किसी केस के अकाउंट की दूसरी कुंजियाँ (मॉडरेटर)।")
)]
async fn alias(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Give a case another key of its account, e.g. its numeric id (moderators).
///
/// A later report or `/status` of that form then lands on the case.
#[poise::command(
    slash_command,
    guild_only,
    rename = "add",
    description_localized(
        "fr",
        "Donner à un dossier une autre clé de son compte, par ex. son id numérique (modérateurs)."
    ),
    description_localized("hi", "केस को उसके अकाउंट की दूसरी कुंजी दें, जैसे उसकी संख्या वाली ID (मॉडरेटर)।")
)]
async fn alias_add(
    ctx: Context<'_>,
    #[description = "Case number"]
    #[description_localized("fr", "Numéro du dossier")]
    #[description_localized("hi", "केस नंबर")]
    case: i64,
    #[description = "Link to the same account in its other form"]
    #[description_localized("fr", "Lien vers le même compte sous son autre forme")]
    #[description_localized("hi", "उसी अकाउंट का दूसरे रूप में लिंक")]
    link: String,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_moderator(&settings, &who)?;
    let alias = AccountKey::parse(&link, None, settings.default_platform)
        .map_err(|e| user_error(move |lang| answers::unusable_account(&e, lang)))?;
    let actor = Actor::Member(who.user_id);
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    match acting(ctx)
        .add_alias(guild, case, &alias, &actor, ctx.data().clock.now())
        .await
    {
        Ok(_) => ctx.send(private(campaign::alias_added(case, &alias, lang))).await?,
        Err(StoreError::Alias(e)) => return Err(user_error(move |lang| campaign::alias_refused(&e, case, lang))),
        Err(other) => return Err(case_error(other)),
    };
    Ok(())
}

/// Merge a case into another of the same account, e.g. a renamed handle (moderators).
///
/// Its reports, evidence, notes and keys move to `into`; later reports land there.
#[poise::command(
    slash_command,
    guild_only,
    description_localized("fr", "Fusionner deux dossiers qui concernent le même compte (modérateurs)."),
    description_localized("hi", "एक ही अकाउंट के दो केस मिलाएँ (मॉडरेटर)।")
)]
async fn merge(
    ctx: Context<'_>,
    #[description = "The case that goes (its reports move)"]
    #[description_localized("fr", "Le dossier qui disparaît (ses signalements sont déplacés)")]
    #[description_localized("hi", "वह केस जो हटेगा (उसकी रिपोर्टें चली जाती हैं)")]
    from: i64,
    #[description = "The case that stays"]
    #[description_localized("fr", "Le dossier qui reste")]
    #[description_localized("hi", "वह केस जो बना रहता है")]
    into: i64,
    #[description = "Why they are one account"]
    #[description_localized("fr", "Pourquoi il s'agit d'un seul compte")]
    #[description_localized("hi", "ये एक ही अकाउंट क्यों हैं")]
    reason: String,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_moderator(&settings, &who)?;
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    let reason = text(reason, "reason")?;
    let actor = Actor::Member(who.user_id);
    match acting(ctx)
        .merge_cases(guild, from, into, &actor, &reason, ctx.data().clock.now())
        .await
    {
        Ok(_) => ctx.send(private(campaign::merged(from, into, lang))).await?,
        Err(StoreError::Merge(e)) => return Err(user_error(move |lang| campaign::merge_refused(&e, lang))),
        Err(other) => return Err(case_error(other)),
    };
    Ok(())
}
