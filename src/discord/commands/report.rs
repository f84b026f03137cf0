//! `/report`: file a report, committed before the member is told.

use std::sync::LazyLock;

use poise::serenity_prelude as serenity;
use regex::Regex;

use super::{acting, answer_language, caller, configured, within_deadline, PlatformChoice};
use crate::discord::checks::may_report;
use crate::discord::error::{private, user_error, Context, Error};
use crate::discord::evidence;
use crate::discord::render::answers::{self, Intake};
use crate::domain::account::AccountKey;
use crate::domain::language::Language;
use crate::domain::reason::ReasonCategory;
use crate::store::{NewEvidence, NewReport, ReportSource, StoreError};

/// Longest free text kept with a report.
const MAX_DETAILS: usize = 1_000;
/// Links kept from the details as evidence.
const MAX_LINKS: usize = 10;

/// The reason option's choices.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum ReasonChoice {
    #[name = "propaganda"]
    #[name_localized("fr", "propagande")]
    #[name_localized("hi", "दुष्प्रचार")]
    Propaganda,
    #[name = "recruitment"]
    #[name_localized("fr", "recrutement")]
    #[name_localized("hi", "भर्ती")]
    Recruitment,
    #[name = "incitement_to_violence"]
    #[name_localized("fr", "incitation à la violence")]
    #[name_localized("hi", "हिंसा के लिए उकसाना")]
    IncitementToViolence,
    #[name = "financing"]
    #[name_localized("fr", "financement")]
    #[name_localized("hi", "वित्तपोषण")]
    Financing,
    #[name = "threat"]
    #[name_localized("fr", "menace")]
    #[name_localized("hi", "धमकी")]
    Threat,
    #[name = "other"]
    #[name_localized("fr", "autre")]
    #[name_localized("hi", "अन्य")]
    Other,
}

impl From<ReasonChoice> for ReasonCategory {
    fn from(r: ReasonChoice) -> Self {
        match r {
            ReasonChoice::Propaganda => ReasonCategory::Propaganda,
            ReasonChoice::Recruitment => ReasonCategory::Recruitment,
            ReasonChoice::IncitementToViolence => ReasonCategory::IncitementToViolence,
            ReasonChoice::Financing => ReasonCategory::Financing,
            ReasonChoice::Threat => ReasonCategory::Threat,
            ReasonChoice::Other => ReasonCategory::Other,
        }
    }
}

/// Report an account that spreads extremist or terrorist content.
#[poise::command(
    slash_command,
    guild_only,
    description_localized("fr", "Signaler un compte qui diffuse des contenus extrémistes ou terroristes."),
    description_localized("hi", "ऐसे अकाउंट की रिपोर्ट करें जो उग्रवादी या आतंकवादी सामग्री फैलाता है।")
)]
pub async fn report(
    ctx: Context<'_>,
    #[description = "Link to the account, or its @handle"]
    #[description_localized("fr", "Lien vers le compte, ou son @identifiant")]
    #[description_localized("hi", "अकाउंट का लिंक, या उसका @हैंडल")]
    account: String,
    #[description = "Why it should be reviewed"]
    #[description_localized("fr", "Pourquoi il doit être examiné")]
    #[description_localized("hi", "इसकी समीक्षा क्यों होनी चाहिए")]
    reason: ReasonChoice,
    #[description = "Platform of a bare @handle"]
    #[description_localized("fr", "Plateforme d'un @identifiant seul")]
    #[description_localized("hi", "सिर्फ़ @हैंडल होने पर उसका प्लेटफ़ॉर्म")]
    platform: Option<PlatformChoice>,
    #[description = "What you saw (optional)"]
    #[description_localized("fr", "Ce que vous avez vu (facultatif)")]
    #[description_localized("hi", "आपने क्या देखा (वैकल्पिक)")]
    details: Option<String>,
    #[description = "A screenshot or file (kept at intake, up to 8 MiB)"]
    #[description_localized("fr", "Une capture d'écran ou un fichier (conservé à la réception, jusqu'à 8 Mio)")]
    #[description_localized("hi", "स्क्रीनशॉट या फ़ाइल (रिपोर्ट के समय रखी जाती है, 8 MiB तक)")]
    evidence: Option<serenity::Attachment>,
) -> Result<(), Error> {
    let started = tokio::time::Instant::now();
    let (guild, who) = caller(ctx)?;
    let settings = configured(ctx, guild).await?;
    may_report(&settings, &who)?;
    let key = AccountKey::parse(&account, platform.map(Into::into), settings.default_platform)
        .map_err(|e| user_error(move |lang| answers::unusable_account(&e, lang)))?;
    let details = details
        .map(|d| d.trim().chars().take(MAX_DETAILS).collect::<String>())
        .filter(|d| !d.is_empty());
    let mut kept = links_in(details.as_deref());
    if let Some(attachment) = evidence {
        // Downloading may take longer than Discord's 3 s answer window.
        ctx.defer_ephemeral().await?;
        // Stored notes are in English, like the rest of a case's record.
        let note = |why: &_| answers::download_failure(why, Language::English);
        kept.push(evidence::keep(&ctx.data().downloader, &attachment, note).await);
    }
    let data = ctx.data();
    let interaction_id = match ctx {
        poise::Context::Application(app) => Some(app.interaction.id.get()),
        poise::Context::Prefix(_) => None,
    };
    let store = acting(ctx);
    let filing = store.file_report_within(
        NewReport {
            guild_id: guild,
            key,
            reason: reason.into(),
            details,
            reporter: Some(who.user_id),
            member_joined_at: who.joined_at,
            interaction_id,
            source: ReportSource::Discord,
            evidence: kept,
            at: data.clock.now(),
        },
        settings.intake(),
    );
    // The member's language is read while the report is filed: the answer waits for
    // neither read after the commit.
    let (filed, lang) = tokio::join!(
        within_deadline(ctx, started, filing),
        answer_language(ctx, guild, who.user_id, settings.language)
    );
    let outcome = match filed {
        Err(e) => match e.downcast_ref::<StoreError>() {
            Some(StoreError::NotYet(not_yet)) => {
                let not_yet = *not_yet;
                return Err(user_error(move |lang| {
                    answers::intake_refusal(not_yet, &settings, Intake::Report, lang)
                }));
            }
            _ => return Err(e),
        },
        Ok(outcome) => outcome,
    };
    // The interaction's span (see `discord::spans`) learns its case only now.
    tracing::Span::current().record("case", outcome.case().case_no);
    tracing::info!("report filed");
    ctx.send(private(answers::report_answer(&outcome, lang))).await?;
    Ok(())
}

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    // A literal pattern: it compiles.
    Regex::new(r"https?://[^\s<>]+").expect("literal regex")
});

fn links_in(details: Option<&str>) -> Vec<NewEvidence> {
    let Some(text) = details else { return Vec::new() };
    LINK.find_iter(text)
        .take(MAX_LINKS)
        .map(|m| NewEvidence::Link {
            url: m.as_str().to_owned(),
        })
        .collect()
}
