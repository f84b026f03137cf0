//! The no-op baseline: the smallest poise bot that registers flagwatch's `/report` (same
//! name, options, types and choices) and answers every invocation at once with a fixed
//! private reply, touching no database. Built like flagwatch's client (serenity `Http`
//! with the simulator as proxy and serenity's ratelimiter off, GUILDS intent, autosharded,
//! commands registered globally), it measures what any poise bot on this simulator and
//! machine costs, so flagwatch's figures can be read against it.
//!
//! It runs in its own process, as flagwatch does: the bench starts its own executable again
//! with [`ROLE`] set (see [`spawn`]), so the bot has a runtime and CPU scheduling of its
//! own, apart from the simulator's, exactly like the `flagwatch run` processes it is
//! compared with.

use std::process::Stdio;

use poise::serenity_prelude as serenity;
use tokio::process::{Child, Command};

/// Set (to the simulator's REST base) in the environment of the bench's own executable
/// started as the no-op bot; `DISCORD_TOKEN` carries the token.
const ROLE: &str = "REPORT_LATENCY_NOOP_BOT_API_BASE";

/// What the bot answers; it starts like flagwatch's acknowledgement, which the bench checks.
pub const ANSWER: &str = "Thank you — your report was received.";

type Error = Box<dyn std::error::Error + Send + Sync>;
type Context<'a> = poise::Context<'a, (), Error>;

/// flagwatch's reason choices.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
enum ReasonChoice {
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

/// flagwatch's platform choices.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
enum PlatformChoice {
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

/// Report an account that spreads extremist or terrorist content.
#[poise::command(slash_command, guild_only)]
async fn report(
    ctx: Context<'_>,
    #[description = "Link to the account, or its @handle"] account: String,
    #[description = "Why it should be reviewed"] reason: ReasonChoice,
    #[description = "Platform of a bare @handle"] platform: Option<PlatformChoice>,
    #[description = "What you saw (optional)"] details: Option<String>,
    #[description = "A screenshot or file (kept at intake, up to 8 MiB)"] evidence: Option<serenity::Attachment>,
) -> Result<(), Error> {
    // Parsed like flagwatch's, then ignored.
    let _ = (account, reason, platform, details, evidence);
    let reply = poise::CreateReply::default()
        .content(ANSWER)
        .ephemeral(true)
        .allowed_mentions(serenity::CreateAllowedMentions::new());
    ctx.send(reply).await?;
    Ok(())
}

/// The simulator's REST base when this process was started as the no-op bot.
pub fn requested() -> Option<String> {
    std::env::var(ROLE).ok()
}

/// Serve as the no-op bot until the bench kills the process.
pub async fn run(api_base: &str) -> anyhow::Result<()> {
    let token = std::env::var("DISCORD_TOKEN")?;
    let http = serenity::HttpBuilder::new(token)
        .proxy(api_base)
        .ratelimiter_disabled(true)
        .build();
    let options = poise::FrameworkOptions {
        commands: vec![report()],
        ..Default::default()
    };
    let framework = poise::Framework::builder()
        .options(options)
        .initialize_owners(false)
        .setup(|ctx, _ready, framework| {
            Box::pin(async move {
                poise::builtins::register_globally(ctx, &framework.options().commands).await?;
                Ok(())
            })
        })
        .build();
    let mut client = serenity::ClientBuilder::new_with_http(http, serenity::GatewayIntents::GUILDS)
        .framework(framework)
        .await?;
    client.start_autosharded().await?;
    Ok(())
}

/// Start this bench's executable again as the no-op bot against the simulator.
pub fn spawn(api_base: &str, token: &str) -> anyhow::Result<Child> {
    Ok(Command::new(std::env::current_exe()?)
        .env(ROLE, api_base)
        .env("DISCORD_TOKEN", token)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()?)
}
