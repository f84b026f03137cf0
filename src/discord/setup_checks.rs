//! Whether the bot can do its work in the configured channels, and whether the review
//! channel is private. Read over REST from the server's roles, the bot's member and each
//! channel's permission overwrites, and computed by serenity with Discord's own rules;
//! the facts go to `render` (for `/setup`) and to `flagwatch doctor`.

use poise::serenity_prelude as serenity;
use serenity::Permissions;

use crate::store::GuildSettings;

/// What the bot does in its channels, each with the permission it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needed {
    View,
    Send,
    Embed,
    /// Pinning the board (Manage Messages in API v10, as serenity 0.12 knows it).
    Pin,
    /// Deleting and replacing its own stale cards.
    ManageMessages,
}

impl Needed {
    pub const ALL: [Needed; 5] = [
        Needed::View,
        Needed::Send,
        Needed::Embed,
        Needed::Pin,
        Needed::ManageMessages,
    ];

    fn permission(self) -> Permissions {
        match self {
            Needed::View => Permissions::VIEW_CHANNEL,
            Needed::Send => Permissions::SEND_MESSAGES,
            Needed::Embed => Permissions::EMBED_LINKS,
            Needed::Pin | Needed::ManageMessages => Permissions::MANAGE_MESSAGES,
        }
    }
}

/// Which of the configured channels a check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Review,
    Coordination,
}

/// One configured channel, as the bot can use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelCheck {
    pub purpose: Purpose,
    pub channel: u64,
    pub access: Access,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Read: what the bot lacks there, and whether `@everyone` may view it.
    Read { missing: Vec<Needed>, everyone_sees: bool },
    /// Discord would not show the channel to the bot (deleted, or hidden from it).
    Unreadable,
}

impl ChannelCheck {
    /// Something an admin should fix: a missing permission, an unreadable channel, or a
    /// review channel everyone can see.
    pub fn is_problem(&self) -> bool {
        match &self.access {
            Access::Read { missing, everyone_sees } => {
                !missing.is_empty() || (*everyone_sees && self.purpose == Purpose::Review)
            }
            Access::Unreadable => true,
        }
    }
}

/// Check the configured review and coordination channels of `settings`' server for the
/// bot `bot`.
pub async fn check_channels(
    http: &serenity::Http,
    bot: serenity::UserId,
    settings: &GuildSettings,
) -> serenity::Result<Vec<ChannelCheck>> {
    let guild_id = serenity::GuildId::new(settings.guild_id);
    let guild = http.get_guild(guild_id).await?;
    let member = http.get_member(guild_id, bot).await?;
    let configured = [
        (Purpose::Review, settings.review_channel),
        (Purpose::Coordination, settings.coordination_channel),
    ];
    let mut checks = Vec::new();
    for (purpose, channel) in configured {
        let Some(channel) = channel else { continue };
        let access = match http.get_channel(serenity::ChannelId::new(channel)).await {
            Ok(serenity::Channel::Guild(c)) => read(&guild, &member, &c),
            Ok(_) | Err(_) => Access::Unreadable,
        };
        checks.push(ChannelCheck {
            purpose,
            channel,
            access,
        });
    }
    Ok(checks)
}

fn read(guild: &serenity::PartialGuild, member: &serenity::Member, channel: &serenity::GuildChannel) -> Access {
    let granted = guild.user_permissions_in(channel, member);
    let missing = Needed::ALL
        .into_iter()
        .filter(|n| !granted.contains(n.permission()))
        .collect();
    // @everyone's id is the server's; what it may do in the channel is what a member
    // without roles may: exactly the question, so the other roles the deprecation
    // notice warns about do not apply.
    let everyone = guild.roles.get(&serenity::RoleId::new(guild.id.get()));
    #[allow(deprecated)]
    let everyone_sees = everyone
        .and_then(|role| guild.role_permissions_in(channel, role).ok())
        .is_some_and(|p| p.contains(Permissions::VIEW_CHANNEL));
    Access::Read { missing, everyone_sees }
}
