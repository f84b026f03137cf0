//! Slash-command options as a member fills them in, and their JSON with the `resolved`
//! data Discord adds for users, channels, roles and attachments (poise reads those
//! objects from `resolved`, not from the option's id).

use serde_json::{json, Map, Value};

use super::payloads;
use super::state::World;
use super::{AttachmentRef, ChannelRef, RoleRef, UserRef};

/// One option of a slash command invocation, for [`super::Simulator::slash`].
#[derive(Debug, Clone, PartialEq)]
pub struct Opt {
    name: String,
    value: OptValue,
}

#[derive(Debug, Clone, PartialEq)]
enum OptValue {
    String(String),
    Integer(i64),
    Boolean(bool),
    Number(f64),
    User(u64),
    Channel(u64),
    Role(u64),
    Attachment(u64),
    Sub(Vec<Opt>),
    Group(Vec<Opt>),
}

impl Opt {
    fn new(name: &str, value: OptValue) -> Opt {
        Opt {
            name: name.to_owned(),
            value,
        }
    }

    pub fn string(name: &str, value: impl Into<String>) -> Opt {
        Opt::new(name, OptValue::String(value.into()))
    }

    pub fn integer(name: &str, value: i64) -> Opt {
        Opt::new(name, OptValue::Integer(value))
    }

    pub fn boolean(name: &str, value: bool) -> Opt {
        Opt::new(name, OptValue::Boolean(value))
    }

    pub fn number(name: &str, value: f64) -> Opt {
        Opt::new(name, OptValue::Number(value))
    }

    pub fn user(name: &str, user: UserRef) -> Opt {
        Opt::new(name, OptValue::User(user.0))
    }

    pub fn channel(name: &str, channel: ChannelRef) -> Opt {
        Opt::new(name, OptValue::Channel(channel.0))
    }

    pub fn role(name: &str, role: RoleRef) -> Opt {
        Opt::new(name, OptValue::Role(role.0))
    }

    /// A file from [`super::Simulator::host_attachment`].
    pub fn attachment(name: &str, file: &AttachmentRef) -> Opt {
        Opt::new(name, OptValue::Attachment(file.id))
    }

    /// A subcommand (`/case show …`) with its own options.
    pub fn sub(name: &str, options: Vec<Opt>) -> Opt {
        Opt::new(name, OptValue::Sub(options))
    }

    /// A subcommand group holding one [`Opt::sub`].
    pub fn group(name: &str, subcommands: Vec<Opt>) -> Opt {
        Opt::new(name, OptValue::Group(subcommands))
    }
}

/// The `resolved` object of an interaction's data, keyed by id.
pub(crate) struct Resolved {
    /// The invoking member's permissions, which Discord reports on resolved channels.
    invoker_permissions: u64,
    users: Map<String, Value>,
    members: Map<String, Value>,
    roles: Map<String, Value>,
    channels: Map<String, Value>,
    attachments: Map<String, Value>,
}

impl Resolved {
    pub fn new(invoker_permissions: u64) -> Self {
        Resolved {
            invoker_permissions,
            users: Map::new(),
            members: Map::new(),
            roles: Map::new(),
            channels: Map::new(),
            attachments: Map::new(),
        }
    }

    /// `None` when nothing needed resolving, as Discord then omits the field.
    pub fn into_json(self) -> Option<Value> {
        let mut out = Map::new();
        for (key, map) in [
            ("users", self.users),
            ("members", self.members),
            ("roles", self.roles),
            ("channels", self.channels),
            ("attachments", self.attachments),
        ] {
            if !map.is_empty() {
                out.insert(key.to_owned(), Value::Object(map));
            }
        }
        (!out.is_empty()).then_some(Value::Object(out))
    }
}

/// The `data.options` JSON of an invocation, filling `resolved` on the way.
pub(crate) fn to_json(w: &World, guild_id: u64, options: &[Opt], resolved: &mut Resolved) -> Vec<Value> {
    options.iter().map(|o| option_json(w, guild_id, o, resolved)).collect()
}

fn option_json(w: &World, guild_id: u64, opt: &Opt, resolved: &mut Resolved) -> Value {
    let name = &opt.name;
    match &opt.value {
        OptValue::String(s) => json!({ "name": name, "type": 3, "value": s }),
        OptValue::Integer(i) => json!({ "name": name, "type": 4, "value": i }),
        OptValue::Boolean(b) => json!({ "name": name, "type": 5, "value": b }),
        OptValue::Number(n) => json!({ "name": name, "type": 10, "value": n }),
        OptValue::User(id) => {
            let key = id.to_string();
            resolved.users.insert(key.clone(), payloads::user_by_id(w, *id));
            if w.members.contains_key(&(guild_id, *id)) {
                resolved
                    .members
                    .insert(key, payloads::member(w, guild_id, *id, false, true));
            }
            json!({ "name": name, "type": 6, "value": id.to_string() })
        }
        OptValue::Channel(id) => {
            if let Some(c) = w.channels.get(id) {
                let channel = payloads::channel_with_permissions(c, resolved.invoker_permissions);
                resolved.channels.insert(id.to_string(), channel);
            }
            json!({ "name": name, "type": 7, "value": id.to_string() })
        }
        OptValue::Role(id) => {
            if let Some(r) = w.roles.get(id) {
                resolved.roles.insert(id.to_string(), payloads::role(r));
            }
            json!({ "name": name, "type": 8, "value": id.to_string() })
        }
        OptValue::Attachment(id) => {
            resolved
                .attachments
                .insert(id.to_string(), payloads::attachment(w, *id));
            json!({ "name": name, "type": 11, "value": id.to_string() })
        }
        OptValue::Sub(opts) => json!({ "name": name, "type": 1, "options": to_json(w, guild_id, opts, resolved) }),
        OptValue::Group(subs) => json!({ "name": name, "type": 2, "options": to_json(w, guild_id, subs, resolved) }),
    }
}

/// Pick choices by name, as a member does in Discord's command UI: where the registered
/// option has `choices`, a given string that names one is sent as that choice's value
/// (poise registers its choice parameters as integers).
pub(crate) fn apply_choices(schema: &[Value], given: &mut [Value]) {
    for option in given.iter_mut() {
        let Some(spec) = schema.iter().find(|s| s["name"] == option["name"]) else {
            continue;
        };
        if let Some(nested) = option.get_mut("options").and_then(Value::as_array_mut) {
            apply_choices(
                spec["options"].as_array().map(Vec::as_slice).unwrap_or_default(),
                nested,
            );
            continue;
        }
        let choices = spec["choices"].as_array().map(Vec::as_slice).unwrap_or_default();
        if let Some(choice) = choices.iter().find(|c| c["name"] == option["value"]) {
            option["value"] = choice["value"].clone();
            option["type"] = spec["type"].clone();
        }
    }
}

/// The invocation as a member would type it, for the transcript: `/case show id:3`.
pub(crate) fn command_line(w: &World, command: &str, options: &[Opt]) -> String {
    let mut parts = vec![format!("/{command}")];
    parts.extend(options.iter().map(|o| option_text(w, o)));
    parts.join(" ")
}

fn option_text(w: &World, opt: &Opt) -> String {
    let value = match &opt.value {
        OptValue::String(s) => s.clone(),
        OptValue::Integer(i) => i.to_string(),
        OptValue::Boolean(b) => b.to_string(),
        OptValue::Number(n) => n.to_string(),
        OptValue::User(id) => format!("@{}", w.user_name(*id)),
        OptValue::Channel(id) => format!("#{}", w.channel_name(*id)),
        OptValue::Role(id) => format!("@{}", w.roles.get(id).map_or("?", |r| r.name.as_str())),
        OptValue::Attachment(id) => format!("[file: {}]", w.files.get(id).map_or("?", |f| f.filename.as_str())),
        OptValue::Sub(opts) | OptValue::Group(opts) => {
            let inner: Vec<String> = opts.iter().map(|o| option_text(w, o)).collect();
            return std::iter::once(opt.name.clone())
                .chain(inner)
                .collect::<Vec<_>>()
                .join(" ");
        }
    };
    format!("{}:{value}", opt.name)
}
