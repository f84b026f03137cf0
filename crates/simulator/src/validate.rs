//! Discord's documented limits on message payloads and command registrations, so a bot
//! that Discord would refuse is refused here too (400, code 50035 "Invalid Form Body"
//! with the `errors` tree).

use std::collections::HashSet;

use serde_json::{json, Map, Value};

/// One violated limit: where in the payload, Discord's error code and message.
struct Violation {
    path: Vec<String>,
    code: &'static str,
    message: String,
}

/// `Err(body)` with Discord's error body when the message payload breaks a limit.
pub(crate) fn message_payload(payload: &Value) -> Result<(), Value> {
    let mut found = Vec::new();
    max_len(&mut found, &["content"], &payload["content"], 2000);
    nonce(&mut found, &payload["nonce"]);
    embeds(&mut found, &payload["embeds"]);
    components(&mut found, &payload["components"]);
    if found.is_empty() {
        return Ok(());
    }
    Err(json!({ "message": "Invalid Form Body", "code": 50035, "errors": tree(found) }))
}

fn max_len(found: &mut Vec<Violation>, path: &[&str], value: &Value, max: usize) {
    let Some(text) = value.as_str() else { return };
    if text.chars().count() > max {
        found.push(Violation {
            path: path.iter().map(|s| (*s).to_owned()).collect(),
            code: "BASE_TYPE_MAX_LENGTH",
            message: format!("Must be {max} or fewer in length."),
        });
    }
}

/// A nonce is a string of at most 25 characters or an integer (whose 20 digits at most
/// always fit), or null. Discord's error for a wrong type names the field; its code
/// here is the simulator's own.
fn nonce(found: &mut Vec<Violation>, nonce: &Value) {
    match nonce {
        Value::String(_) => max_len(found, &["nonce"], nonce, 25),
        Value::Null => {}
        Value::Number(n) if n.is_i64() || n.is_u64() => {}
        _ => found.push(Violation {
            path: vec!["nonce".to_owned()],
            code: "NONCE_TYPE_INVALID",
            message: "Must be a string or integer.".to_owned(),
        }),
    }
}

fn max_items(found: &mut Vec<Violation>, path: &[&str], items: &[Value], max: usize) {
    if items.len() > max {
        found.push(Violation {
            path: path.iter().map(|s| (*s).to_owned()).collect(),
            code: "BASE_TYPE_MAX_LENGTH",
            message: format!("Must be {max} or fewer in length."),
        });
    }
}

fn embeds(found: &mut Vec<Violation>, embeds: &Value) {
    let Some(list) = embeds.as_array() else { return };
    max_items(found, &["embeds"], list, 10);
    let mut total = 0;
    for (i, embed) in list.iter().enumerate() {
        let n = i.to_string();
        for (field, max) in [("title", 256), ("description", 4096)] {
            max_len(found, &["embeds", &n, field], &embed[field], max);
        }
        max_len(found, &["embeds", &n, "footer", "text"], &embed["footer"]["text"], 2048);
        max_len(found, &["embeds", &n, "author", "name"], &embed["author"]["name"], 256);
        let fields = embed["fields"].as_array().map(Vec::as_slice).unwrap_or_default();
        max_items(found, &["embeds", &n, "fields"], fields, 25);
        for (j, f) in fields.iter().enumerate() {
            let m = j.to_string();
            max_len(found, &["embeds", &n, "fields", &m, "name"], &f["name"], 256);
            max_len(found, &["embeds", &n, "fields", &m, "value"], &f["value"], 1024);
        }
        total += embed_chars(embed);
    }
    if total > 6000 {
        found.push(Violation {
            path: vec!["embeds".to_owned()],
            code: "BASE_TYPE_MAX_LENGTH",
            message: "Embed size exceeds maximum size of 6000".to_owned(),
        });
    }
}

/// The characters Discord counts toward the 6,000 per message.
fn embed_chars(embed: &Value) -> usize {
    let len = |v: &Value| v.as_str().map_or(0, |s| s.chars().count());
    let fields = embed["fields"].as_array().map(Vec::as_slice).unwrap_or_default();
    len(&embed["title"])
        + len(&embed["description"])
        + len(&embed["footer"]["text"])
        + len(&embed["author"]["name"])
        + fields.iter().map(|f| len(&f["name"]) + len(&f["value"])).sum::<usize>()
}

fn components(found: &mut Vec<Violation>, rows: &Value) {
    let Some(rows) = rows.as_array() else { return };
    max_items(found, &["components"], rows, 5);
    let mut seen = HashSet::new();
    for (i, row) in rows.iter().enumerate() {
        let n = i.to_string();
        let items = row["components"].as_array().map(Vec::as_slice).unwrap_or_default();
        max_items(found, &["components", &n, "components"], items, 5);
        for (j, c) in items.iter().enumerate() {
            let m = j.to_string();
            max_len(
                found,
                &["components", &n, "components", &m, "custom_id"],
                &c["custom_id"],
                100,
            );
            max_len(found, &["components", &n, "components", &m, "label"], &c["label"], 80);
            if let Some(id) = c["custom_id"].as_str() {
                if !seen.insert(id.to_owned()) {
                    found.push(Violation {
                        path: vec![
                            "components".into(),
                            n.clone(),
                            "components".into(),
                            m.clone(),
                            "custom_id".into(),
                        ],
                        code: "COMPONENT_CUSTOM_ID_DUPLICATED",
                        message: "Component custom id cannot be duplicated".to_owned(),
                    });
                }
            }
        }
    }
}

/// `Err(body)` when a bulk command registration breaks Discord's rules for
/// application commands (names, descriptions, option counts and order).
pub(crate) fn commands(list: &[Value]) -> Result<(), Value> {
    let mut found = Vec::new();
    max_items(&mut found, &[], list, 100);
    let mut names = HashSet::new();
    for (i, command) in list.iter().enumerate() {
        let path = vec![i.to_string()];
        let kind = command["type"].as_u64().unwrap_or(1);
        if !names.insert((kind, command["name"].as_str().unwrap_or_default().to_owned())) {
            push(
                &mut found,
                &path,
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
                "Application command names must be unique",
            );
        }
        if kind == 1 {
            described(&mut found, &path, command);
        }
    }
    if found.is_empty() {
        return Ok(());
    }
    Err(json!({ "message": "Invalid Form Body", "code": 50035, "errors": tree(found) }))
}

/// A chat-input command or option: its name, description and nested options.
fn described(found: &mut Vec<Violation>, path: &[String], item: &Value) {
    let name = item["name"].as_str().unwrap_or_default();
    let valid_name = (1..=32).contains(&name.chars().count())
        && name.chars().all(|c| c == '-' || c == '_' || c.is_alphanumeric())
        && name.to_lowercase() == name;
    if !valid_name {
        push(
            found,
            &with(path, "name"),
            "APPLICATION_COMMAND_INVALID_NAME",
            "Command name is invalid",
        );
    }
    let description = item["description"].as_str().unwrap_or_default().chars().count();
    if !(1..=100).contains(&description) {
        push(
            found,
            &with(path, "description"),
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 100 in length.",
        );
    }
    let options = item["options"].as_array().map(Vec::as_slice).unwrap_or_default();
    let choices = item["choices"].as_array().map(Vec::as_slice).unwrap_or_default();
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    max_items(found, &[p.as_slice(), &["options"]].concat(), options, 25);
    max_items(found, &[p.as_slice(), &["choices"]].concat(), choices, 25);
    let mut optional_seen = false;
    for (j, option) in options.iter().enumerate() {
        let option_path = with(&with(path, "options"), &j.to_string());
        let required = option["required"].as_bool().unwrap_or(false);
        if required && optional_seen {
            push(
                found,
                &option_path,
                "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                "Required options must be placed before non-required options",
            );
        }
        optional_seen |= !required;
        described(found, &option_path, option);
    }
}

fn with(path: &[String], segment: &str) -> Vec<String> {
    let mut p = path.to_vec();
    p.push(segment.to_owned());
    p
}

fn push(found: &mut Vec<Violation>, path: &[String], code: &'static str, message: &str) {
    found.push(Violation {
        path: path.to_vec(),
        code,
        message: message.to_owned(),
    });
}

/// Discord's nested `errors` object: path segments as keys, `_errors` at the leaves.
fn tree(found: Vec<Violation>) -> Value {
    let mut root = Map::new();
    for v in found {
        let mut node = &mut root;
        for segment in v.path {
            node = match node.entry(segment).or_insert_with(|| json!({})) {
                Value::Object(map) => map,
                _ => unreachable!("only objects are inserted"),
            };
        }
        let errors = node.entry("_errors").or_insert_with(|| json!([]));
        if let Value::Array(list) = errors {
            list.push(json!({ "code": v.code, "message": v.message }));
        }
    }
    Value::Object(root)
}
