//! What the members of the simulated server would see, in order, as plain text: the
//! demo prints it and tests can read it.

use std::fmt;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::payloads::FLAG_LOADING;
use super::state::SimMessage;

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

/// A message as a member would read it: content, embeds, buttons and files.
pub(crate) fn render(m: &SimMessage) -> String {
    if m.flags & FLAG_LOADING != 0 {
        return "(thinking…)".to_owned();
    }
    let mut lines: Vec<String> = m.content.lines().map(str::to_owned).collect();
    lines.extend(m.embeds.iter().flat_map(embed_lines));
    let buttons: Vec<String> = m
        .components
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|c| button(&c))
        .collect();
    if !buttons.is_empty() {
        lines.push(buttons.join(" "));
    }
    lines.extend(
        m.attachments
            .iter()
            .map(|a| format!("[file: {}]", a["filename"].as_str().unwrap_or("?"))),
    );
    lines.join("\n")
}

fn embed_lines(embed: &Value) -> Vec<String> {
    let text = |v: &Value| v.as_str().map(str::to_owned);
    let mut lines = Vec::new();
    lines.extend(text(&embed["author"]["name"]));
    lines.extend(text(&embed["title"]).map(|t| format!("| {t}")));
    lines.extend(text(&embed["description"]).into_iter().flat_map(|d| prefixed(&d)));
    for field in embed["fields"].as_array().into_iter().flatten() {
        let name = text(&field["name"]).unwrap_or_default();
        let value = text(&field["value"]).unwrap_or_default();
        lines.extend(prefixed(&format!("{name}: {value}")));
    }
    lines.extend(text(&embed["footer"]["text"]).map(|t| format!("| ({t})")));
    lines
}

fn prefixed(text: &str) -> Vec<String> {
    text.lines().map(|l| format!("| {l}")).collect()
}

fn button(c: &Value) -> String {
    let label = c["label"]
        .as_str()
        .or(c["placeholder"].as_str())
        .or(c["custom_id"].as_str())
        .unwrap_or("?");
    if c["disabled"].as_bool() == Some(true) {
        format!("[{label} (disabled)]")
    } else {
        format!("[{label}]")
    }
}
