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
    Propaganda,
    #[name = "recruitment"]
    Recruitment,
    #[name = "incitement_to_violence"]
    IncitementToViolence,
    #[name = "financing"]
    Financing,
    #[name = "threat"]
    Threat,
    #[name = "other"]
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
#[poise::command(slash_command, guild_only)]
pub async fn report(
    ctx: Context<'_>,
    #[description = "Link to the account, or its @handle"] account: String,
    #[description = "Why it should be reviewed"] reason: ReasonChoice,
    #[description = "Platform of a bare @handle"] platform: Option<PlatformChoice>,
    #[description = "What you saw (optional)"] details: Option<String>,
    #[description = "A screenshot or file (kept at intake, up to 8 MiB)"] evidence: Option<serenity::Attachment>,
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
        kept.push(evidence::keep(&ctx.data().downloader, &attachment).await);
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
    let outcome = match within_deadline(ctx, started, filing).await {
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
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
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
