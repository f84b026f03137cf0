//! Slash commands, one file per command group.

mod case;
mod export;
mod forget;
mod handoff;
mod import;
mod language;
pub mod myreports;
mod next;
mod queue;
mod report;
mod reporter;
mod setup;
mod status;

use super::convert::Caller;
use super::error::{self, refused, user_error, Context, Error};
use super::render::answers::{self, Refusal};
use super::Data;
use crate::domain::language::Language;
use crate::store::{GuildSettings, Store, StoreError};

/// Every command the bot registers.
pub fn all() -> Vec<poise::Command<Data, Error>> {
    vec![
        setup::setup(),
        report::report(),
        status::status(),
        case::case(),
        handoff::handoff(),
        queue::queue(),
        export::export(),
        import::import(),
        forget::forget_me(),
        next::next(),
        myreports::myreports(),
        myreports::withdraw(),
        reporter::reporter(),
        language::language(),
    ]
}

/// The server and member behind a command; commands only work in servers.
fn caller(ctx: Context<'_>) -> Result<(u64, Caller), Error> {
    let poise::Context::Application(app) = ctx else {
        return Err(refused(Refusal::NotASlashCommand));
    };
    Caller::of_interaction(app.interaction.guild_id, app.interaction.member.as_deref())
        .ok_or_else(|| refused(Refusal::OutsideServer))
}

/// The store acting for this command's interaction: the handler's first write claims the
/// interaction id in its own transaction, so a second delivery (a replay, or another bot
/// process) fails there and changes nothing. One handler makes one such write.
fn acting(ctx: Context<'_>) -> Store {
    let data = ctx.data();
    data.store.for_interaction(ctx.id(), data.clock.now())
}

/// The server's settings, refusing with what is missing until `/setup` is done.
async fn configured(ctx: Context<'_>, guild: u64) -> Result<GuildSettings, Error> {
    let data = ctx.data();
    let settings = data.store.guild_settings(guild, data.clock.now()).await?;
    let missing = settings.missing();
    if missing.is_empty() {
        return Ok(settings);
    }
    Err(user_error(move |lang| answers::not_set_up(&missing, lang)))
}

/// The server, member and settings behind a command, once the server is set up.
async fn member_context(ctx: Context<'_>) -> Result<(u64, Caller, GuildSettings), Error> {
    let (guild, who) = caller(ctx)?;
    let settings = configured(ctx, guild).await?;
    Ok((guild, who, settings))
}

/// Discord drops an interaction not answered within 3 s; past this much work, the bot
/// defers (the member sees "thinking…") and answers when the work is done.
const DEFER_AFTER: std::time::Duration = std::time::Duration::from_millis(2_000);

/// Run `work`, deferring the private answer if the handler, `started` at this instant,
/// runs longer than [`DEFER_AFTER`] (what came before `work`, such as reading settings
/// while the database is busy, counts too).
async fn within_deadline<T, E>(
    ctx: Context<'_>,
    started: tokio::time::Instant,
    work: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T, Error>
where
    Error: From<E>,
{
    tokio::pin!(work);
    tokio::select! {
        done = &mut work => Ok(done?),
        _ = tokio::time::sleep_until(started + DEFER_AFTER) => {
            ctx.defer_ephemeral().await?;
            Ok(work.await?)
        }
    }
}

/// The language answers to this member are written in: their own choice on this server,
/// else their Discord client's locale when it is one of ours, else the server's.
async fn answer_language(ctx: Context<'_>, guild: u64, member: u64, server: Language) -> Language {
    error::answer_language(ctx.data(), Some(guild), member, ctx.locale(), Some(server)).await
}

/// The language options' choices, each named in its own language.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum LanguageChoice {
    #[name = "English"]
    English,
    #[name = "Français"]
    French,
    #[name = "العربية"]
    Arabic,
    #[name = "हिन्दी"]
    Hindi,
}

impl From<LanguageChoice> for Language {
    fn from(l: LanguageChoice) -> Self {
        match l {
            LanguageChoice::English => Language::English,
            LanguageChoice::French => Language::French,
            LanguageChoice::Arabic => Language::Arabic,
            LanguageChoice::Hindi => Language::Hindi,
        }
    }
}

/// A store error as the member should read it.
fn case_error(e: StoreError) -> Error {
    match e {
        StoreError::NoSuchCase { case_no } => user_error(move |lang| answers::no_such_case(case_no, lang)),
        StoreError::Lifecycle(e) => user_error(move |lang| answers::refused_rule(&e, lang)),
        StoreError::Conflict => user_error(answers::case_changed_meanwhile),
        other => other.into(),
    }
}

/// The platform option's choices.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum PlatformChoice {
    #[name = "x"]
    #[name_localized("fr", "X (Twitter)")]
    #[name_localized("hi", "X (Twitter)")]
    X,
    #[name = "telegram"]
    #[name_localized("fr", "Telegram")]
    #[name_localized("hi", "Telegram")]
    Telegram,
    #[name = "facebook"]
    #[name_localized("fr", "Facebook")]
    #[name_localized("hi", "Facebook")]
    Facebook,
    #[name = "instagram"]
    #[name_localized("fr", "Instagram")]
    #[name_localized("hi", "Instagram")]
    Instagram,
    #[name = "youtube"]
    #[name_localized("fr", "YouTube")]
    #[name_localized("hi", "YouTube")]
    Youtube,
    #[name = "tiktok"]
    #[name_localized("fr", "TikTok")]
    #[name_localized("hi", "TikTok")]
    Tiktok,
    #[name = "reddit"]
    #[name_localized("fr", "Reddit")]
    #[name_localized("hi", "Reddit")]
    Reddit,
    #[name = "web"]
    #[name_localized("fr", "site web")]
    #[name_localized("hi", "वेबसाइट")]
    Web,
}

impl From<PlatformChoice> for crate::domain::account::Platform {
    fn from(p: PlatformChoice) -> Self {
        use crate::domain::account::Platform;
        match p {
            PlatformChoice::X => Platform::X,
            PlatformChoice::Telegram => Platform::Telegram,
            PlatformChoice::Facebook => Platform::Facebook,
            PlatformChoice::Instagram => Platform::Instagram,
            PlatformChoice::Youtube => Platform::Youtube,
            PlatformChoice::Tiktok => Platform::Tiktok,
            PlatformChoice::Reddit => Platform::Reddit,
            PlatformChoice::Web => Platform::Web,
        }
    }
}
