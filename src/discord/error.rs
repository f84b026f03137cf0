//! Errors as members see them: a [`UserError`] is a message written for them; anything
//! else is logged and replaced by a short apology.

use poise::serenity_prelude as serenity;
use poise::CreateReply;

use super::render::answers::{self, Refusal};
use super::Data;
use crate::metrics::Outcome;
use crate::store::StoreError;

/// Whatever a command or component handler can fail with.
pub type Error = anyhow::Error;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// A message safe and useful to show to the member who caused it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UserError(pub String);

/// Shorthand for failing with a message for the member.
pub fn user_error(message: impl Into<String>) -> Error {
    UserError(message.into()).into()
}

/// Failing because the caller may not do this.
pub fn refused(why: Refusal) -> Error {
    user_error(answers::refusal(why))
}

/// What a member sees for an error: its own message if it is a [`UserError`], a generic
/// line otherwise (the detail goes to the log, never to Discord).
pub fn message_for(error: &Error) -> String {
    match error.downcast_ref::<UserError>() {
        Some(user) => user.0.clone(),
        None => {
            tracing::error!("unexpected error: {error:#}");
            answers::internal_error().to_owned()
        }
    }
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
        poise::FrameworkError::Command { error, ctx, .. } => reply(ctx, message_for(&error)).await,
        poise::FrameworkError::ArgumentParse { ctx, input, error, .. } => {
            let what = input.unwrap_or_default();
            reply(ctx, answers::unreadable_option(&what, &error.to_string())).await;
        }
        poise::FrameworkError::MissingUserPermissions { ctx, .. } | poise::FrameworkError::NotAnOwner { ctx, .. } => {
            reply(ctx, answers::refusal(Refusal::NoPermission).to_owned()).await;
        }
        poise::FrameworkError::CommandStructureMismatch { ctx, description, .. } => {
            tracing::warn!("command options did not match the registered command: {description}");
            let ctx = poise::Context::Application(ctx);
            reply(ctx, answers::options_out_of_date().to_owned()).await;
        }
        poise::FrameworkError::GuildOnly { ctx, .. } => {
            reply(ctx, answers::direct_message().to_owned()).await;
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
