//! Messages as the members of the simulated server would read them, as plain text (the
//! transcript of `visible` events the demo prints and tests read).

use serde_json::Value;

use super::state::{SimMessage, FLAG_LOADING};

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
