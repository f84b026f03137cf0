//! The one place that maps Discord's types to ours (snowflakes, times, member roles).

use poise::serenity_prelude as serenity;

use crate::domain::time::Millis;

/// What the bot needs to know about the member behind an interaction, taken from the
/// interaction itself (never from a cache), as Discord sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub user_id: u64,
    pub roles: Vec<u64>,
    pub joined_at: Option<Millis>,
    /// Manage Server (or Administrator) permission.
    pub is_admin: bool,
}

impl Caller {
    pub fn from_member(member: &serenity::Member) -> Caller {
        let is_admin = member
            .permissions
            .is_some_and(|p| p.manage_guild() || p.administrator());
        Caller {
            user_id: member.user.id.get(),
            roles: member.roles.iter().map(|r| r.get()).collect(),
            joined_at: member.joined_at.map(|t| Millis(t.unix_timestamp() * 1000)),
            is_admin,
        }
    }

    /// The server and member behind any interaction (a command or a button press), as
    /// Discord sent them with it; `None` outside a server.
    pub fn of_interaction(
        guild: Option<serenity::GuildId>,
        member: Option<&serenity::Member>,
    ) -> Option<(u64, Caller)> {
        Some((guild?.get(), Caller::from_member(member?)))
    }

    pub fn has_role(&self, role: Option<u64>) -> bool {
        role.is_some_and(|r| self.roles.contains(&r))
    }
}
