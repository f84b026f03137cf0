//! Slash commands, one file per command group.

mod report;
mod setup;
mod status;

use super::convert::Caller;
use super::error::{user_error, Context, Error};
use super::Data;
use crate::store::GuildSettings;

/// Every command the bot registers.
pub fn all() -> Vec<poise::Command<Data, Error>> {
    vec![setup::setup(), report::report(), status::status()]
}

/// The server and member behind a command; commands only work in servers.
fn caller(ctx: Context<'_>) -> Result<(u64, Caller), Error> {
    let poise::Context::Application(app) = ctx else {
        return Err(user_error("flagwatch only answers slash commands."));
    };
    let guild = app
        .interaction
        .guild_id
        .ok_or_else(|| user_error("flagwatch commands work inside a server."))?;
    let member = app
        .interaction
        .member
        .as_deref()
        .ok_or_else(|| user_error("flagwatch commands work inside a server."))?;
    Ok((guild.get(), Caller::from_member(member)))
}

/// The server's settings, refusing with what is missing until `/setup` is done.
async fn configured(ctx: Context<'_>, guild: u64) -> Result<GuildSettings, Error> {
    let data = ctx.data();
    let settings = data.store.guild_settings(guild, data.clock.now()).await?;
    let missing = settings.missing();
    if missing.is_empty() {
        return Ok(settings);
    }
    Err(user_error(format!(
        "flagwatch is not set up on this server yet. A server admin needs to run `/setup set` with: {}.",
        missing.join(", ")
    )))
}

/// The platform option's choices.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum PlatformChoice {
    #[name = "x"]
    X,
    #[name = "telegram"]
    Telegram,
    #[name = "facebook"]
    Facebook,
    #[name = "instagram"]
    Instagram,
    #[name = "youtube"]
    Youtube,
    #[name = "tiktok"]
    Tiktok,
    #[name = "reddit"]
    Reddit,
    #[name = "web"]
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
