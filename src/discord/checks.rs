//! Who may do what, decided from the member data Discord sent with each interaction —
//! never only from Discord's command visibility.

use super::convert::Caller;
use super::error::{refused, Error};
use super::render::answers::Refusal;
use crate::store::GuildSettings;

/// Reporters: every member, or only the reporter role when one is set (moderators always).
pub fn may_report(settings: &GuildSettings, caller: &Caller) -> Result<(), Error> {
    let open = settings.reporter_role.is_none();
    if open || caller.has_role(settings.reporter_role) || is_moderator(settings, caller) {
        Ok(())
    } else {
        Err(refused(Refusal::ReporterRoleOnly))
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
        Err(refused(Refusal::ModeratorsOnly))
    }
}

/// Liaisons (and admins).
pub fn require_liaison(settings: &GuildSettings, caller: &Caller) -> Result<(), Error> {
    if caller.has_role(settings.liaison_role) || caller.is_admin {
        Ok(())
    } else {
        Err(refused(Refusal::LiaisonsOnly))
    }
}

pub fn require_admin(caller: &Caller) -> Result<(), Error> {
    if caller.is_admin {
        Ok(())
    } else {
        Err(refused(Refusal::AdminsOnly))
    }
}

/// Only moderators vote (admins decide with `/case decide` instead).
pub fn require_voter(settings: &GuildSettings, caller: &Caller) -> Result<(), Error> {
    if is_moderator(settings, caller) {
        Ok(())
    } else {
        Err(refused(Refusal::NotAModeratorVote))
    }
}

/// Changing the setup is for admins.
pub fn require_setup_admin(caller: &Caller) -> Result<(), Error> {
    if caller.is_admin {
        Ok(())
    } else {
        Err(refused(Refusal::SetupAdminsOnly))
    }
}

/// Admins and moderators may read the setup.
pub fn require_setup_viewer(settings: &GuildSettings, caller: &Caller) -> Result<(), Error> {
    if caller.is_admin || is_moderator(settings, caller) {
        Ok(())
    } else {
        Err(refused(Refusal::SetupViewersOnly))
    }
}

/// Moderators, liaisons and admins see a case's real state; everyone else only its
/// public one.
pub fn sees_full_state(settings: &GuildSettings, caller: &Caller) -> bool {
    is_moderator(settings, caller) || caller.has_role(settings.liaison_role) || caller.is_admin
}
