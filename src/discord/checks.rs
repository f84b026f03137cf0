//! Who may do what, decided from the member data Discord sent with each interaction —
//! never only from Discord's command visibility.

use super::convert::Caller;
use super::error::{user_error, Error};
use crate::store::GuildSettings;

/// Reporters: every member, or only the reporter role when one is set (moderators always).
pub fn may_report(settings: &GuildSettings, caller: &Caller) -> Result<(), Error> {
    let open = settings.reporter_role.is_none();
    if open || caller.has_role(settings.reporter_role) || is_moderator(settings, caller) {
        Ok(())
    } else {
        Err(user_error(
            "Only members with the reporter role can do this on this server.",
        ))
    }
}

pub fn is_moderator(settings: &GuildSettings, caller: &Caller) -> bool {
    caller.has_role(settings.moderator_role)
}

/// Moderators (and admins, who may always step in).
pub fn require_moderator(settings: &GuildSettings, caller: &Caller) -> Result<(), Error> {
    if is_moderator(settings, caller) || caller.is_admin {
        Ok(())
    } else {
        Err(user_error("This is for moderators only."))
    }
}

/// Liaisons (and admins).
pub fn require_liaison(settings: &GuildSettings, caller: &Caller) -> Result<(), Error> {
    if caller.has_role(settings.liaison_role) || caller.is_admin {
        Ok(())
    } else {
        Err(user_error(
            "This is for agency liaisons only (the liaison role set in /setup).",
        ))
    }
}

pub fn require_admin(caller: &Caller) -> Result<(), Error> {
    if caller.is_admin {
        Ok(())
    } else {
        Err(user_error("This is for server admins only (Manage Server permission)."))
    }
}
