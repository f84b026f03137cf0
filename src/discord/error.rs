//! Errors as members see them: a [`UserError`] is a message written for them; anything
//! else is logged and replaced by a short apology.

use poise::serenity_prelude as serenity;
use poise::CreateReply;

use super::render::answers::{self, Refusal};
use super::Data;
use crate::domain::language::Language;
use crate::metrics::Outcome;
use crate::store::StoreError;

/// Whatever a command or component handler can fail with.
pub type Error = anyhow::Error;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// A message safe and useful to show to the member who caused it, worded once the
/// language they are answered in is known (an error may come before it is looked up).
pub struct UserError(Box<dyn Fn(Language) -> String + Send + Sync>);

impl UserError {
    /// The message in `lang`.
    pub fn text(&self, lang: Language) -> String {
        (self.0)(lang)
    }
}

/// Logs read the English message.
impl std::fmt::Display for UserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Language::English))
    }
}

impl std::fmt::Debug for UserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "UserError({:?})", self.text(Language::English))
    }
}

impl std::error::Error for UserError {}

/// Failing with a message for the member: `message` words it in their language.
pub fn user_error(message: impl Fn(Language) -> String + Send + Sync + 'static) -> Error {
    UserError(Box::new(message)).into()
}

/// Failing because the caller may not do this.
pub fn refused(why: Refusal) -> Error {
    user_error(move |lang| answers::refusal(why, lang))
}

/// What a member sees for an error, in `lang`: its own message if it is a
/// [`UserError`], a generic line otherwise (the detail goes to the log, never to Discord).
pub fn message_for(error: &Error, lang: Language) -> String {
    match error.downcast_ref::<UserError>() {
        Some(user) => user.text(lang),
        None => {
            tracing::error!("unexpected error: {error:#}");
            answers::internal_error(lang)
        }
    }
}

/// The language to answer a member in: their own choice on this server, else their
/// client's `locale` when it is one of ours, else the server's (`server`, read here when
/// the caller does not have it). Best effort: the answer is already decided, and a failed
/// read falls back rather than turning it into an error.
pub async fn answer_language(
    data: &Data,
    guild: Option<u64>,
    member: u64,
    locale: Option<&str>,
    server: Option<Language>,
) -> Language {
    let Some(guild) = guild else {
        return Language::for_member(None, locale, Language::default());
    };
    let server = match server {
        Some(server) => server,
        None => match data.store.guild_settings(guild, data.clock.now()).await {
            Ok(settings) => settings.language,
            Err(e) => {
                tracing::warn!("could not read the server's language: {e}");
                Language::default()
            }
        },
    };
    let chosen = data.store.member_language(guild, member).await.unwrap_or_else(|e| {
        tracing::warn!("could not read the member's language: {e}");
        None
    });
    Language::for_member(chosen, locale, server)
}

/// [`answer_language`] for the member behind a command, when nothing is known yet.
async fn language_of(ctx: Context<'_>) -> Language {
    let guild = ctx.guild_id().map(|g| g.get());
    answer_language(ctx.data(), guild, ctx.author().id.get(), ctx.locale(), None).await
}

/// Another delivery of this interaction (a replay, another process) handled it, and
/// answers it: this one stays silent.
pub fn already_handled(error: &Error) -> bool {
    matches!(error.downcast_ref::<StoreError>(), Some(StoreError::AlreadyHandled))
}

/// An ephemeral reply with mentions disabled.
pub fn private(content: impl Into<String>) -> CreateReply {
    CreateReply::default()
        .content(content)
        .ephemeral(true)
        .allowed_mentions(serenity::CreateAllowedMentions::new())
}

/// Whether an error is the member's (a message written for them) or ours.
pub fn outcome_of(error: &Error) -> Outcome {
    if error.downcast_ref::<UserError>().is_some() {
        Outcome::UserError
    } else {
        Outcome::InternalError
    }
}

/// Count a finished command in the metrics; `/report`'s time since the interaction was
/// created goes to its answer histogram.
pub fn record(ctx: Context<'_>, outcome: Outcome) {
    let metrics = &ctx.data().metrics;
    let command = &ctx.command().qualified_name;
    metrics.interaction(command, outcome);
    if command == "report" {
        let created = ctx.created_at().timestamp_millis();
        let waited = chrono::Utc::now().timestamp_millis().saturating_sub(created);
        metrics.report_answered(std::time::Duration::from_millis(u64::try_from(waited).unwrap_or(0)));
    }
}

/// poise's error hook: every variant ends in a private answer or a log line.
pub async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    if let Some(ctx) = error.ctx() {
        match &error {
            poise::FrameworkError::Command { error, .. } if already_handled(error) => {}
            poise::FrameworkError::Command { error, .. } => record(ctx, outcome_of(error)),
            _ => record(ctx, Outcome::UserError),
        }
    }
    match error {
        poise::FrameworkError::Command { error, .. } if already_handled(&error) => {
            tracing::info!("an interaction delivered twice was handled once");
        }
        poise::FrameworkError::Command { error, ctx, .. } => {
            let lang = language_of(ctx).await;
            reply(ctx, message_for(&error, lang)).await;
        }
        poise::FrameworkError::ArgumentParse { ctx, input, error, .. } => {
            let what = input.unwrap_or_default();
            let lang = language_of(ctx).await;
            reply(ctx, answers::unreadable_option(&what, &error.to_string(), lang)).await;
        }
        poise::FrameworkError::MissingUserPermissions { ctx, .. } | poise::FrameworkError::NotAnOwner { ctx, .. } => {
            let lang = language_of(ctx).await;
            reply(ctx, answers::refusal(Refusal::NoPermission, lang)).await;
        }
        poise::FrameworkError::CommandStructureMismatch { ctx, description, .. } => {
            tracing::warn!("command options did not match the registered command: {description}");
            let ctx = poise::Context::Application(ctx);
            let lang = language_of(ctx).await;
            reply(ctx, answers::options_out_of_date(lang)).await;
        }
        poise::FrameworkError::GuildOnly { ctx, .. } => {
            let lang = language_of(ctx).await;
            reply(ctx, answers::direct_message(lang)).await;
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                tracing::error!("error while handling an error: {e}");
            }
        }
    }
}

async fn reply(ctx: Context<'_>, message: String) {
    if let Err(e) = ctx.send(private(message)).await {
        tracing::warn!("could not send an error reply: {e}");
    }
}
