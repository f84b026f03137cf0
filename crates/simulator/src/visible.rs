//! What a member could see happen, as data (the transcript builds it, the world keeps it).

use std::fmt;

use chrono::{DateTime, Utc};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisibleKind {
    /// A member used a slash command (`text` is the command line).
    Command,
    /// A member pressed a button (`text` is its label).
    Pressed,
    Posted,
    Edited,
    Deleted,
    Pinned,
    Unpinned,
    /// The bot answered with a form (`text` is its title).
    Modal,
}

/// One thing a member could see happen in a channel.
#[derive(Debug, Clone, PartialEq)]
pub struct VisibleEvent {
    pub at: DateTime<Utc>,
    /// The channel's name, without `#`.
    pub channel: String,
    /// Who did it (a username; the bot's name for the bot).
    pub actor: String,
    pub kind: VisibleKind,
    pub message_id: Option<u64>,
    /// For an ephemeral message: the only member who sees it.
    pub private_to: Option<String>,
    /// The message as text (content, embeds, buttons, files), or the command line.
    pub text: String,
}

impl fmt::Display for VisibleEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.channel)?;
        if let Some(to) = &self.private_to {
            write!(f, " (only @{to} sees it)")?;
        }
        write!(f, "  {} {}", self.actor, self.verb())?;
        if matches!(self.kind, VisibleKind::Command | VisibleKind::Pressed) {
            write!(f, " {}", self.text)?;
        }
        if let Some(id) = self.message_id {
            let on = if self.kind == VisibleKind::Pressed { " on" } else { "" };
            write!(f, "{on} message {id}")?;
        }
        match self.kind {
            VisibleKind::Command | VisibleKind::Pressed => Ok(()),
            // What was pinned or deleted is named by its first line, not repeated.
            VisibleKind::Pinned | VisibleKind::Unpinned | VisibleKind::Deleted => {
                write!(f, " ({:?})", self.text.lines().next().unwrap_or_default())
            }
            VisibleKind::Posted | VisibleKind::Edited | VisibleKind::Modal => {
                self.text.lines().try_for_each(|line| write!(f, "\n    {line}"))
            }
        }
    }
}

impl VisibleEvent {
    fn verb(&self) -> &'static str {
        match self.kind {
            VisibleKind::Command => "used",
            VisibleKind::Pressed => "pressed",
            VisibleKind::Posted => "posted",
            VisibleKind::Edited => "edited",
            VisibleKind::Deleted => "deleted",
            VisibleKind::Pinned => "pinned",
            VisibleKind::Unpinned => "unpinned",
            VisibleKind::Modal => "opened a form",
        }
    }
}
