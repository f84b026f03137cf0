//! The REST routes the simulator knows, parsed from method and path, with what each
//! needs: the bot token, and which rate-limit bucket it counts against.

use super::ratelimit::{BucketKey, LimitClass};

/// One known REST call with its path parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    Gateway,
    GatewayBot,
    CurrentUser,
    CurrentApplication,
    /// Commands of application `app`; `guild` is `None` for global commands.
    Commands {
        app: u64,
        guild: Option<u64>,
        op: CommandOp,
    },
    Callback {
        id: u64,
        token: String,
    },
    CreateFollowup {
        app: u64,
        token: String,
    },
    /// A webhook message of an interaction; `None` is `@original`.
    WebhookMessage {
        app: u64,
        token: String,
        message: Option<u64>,
        op: Op,
    },
    CreateMessage {
        channel: u64,
    },
    ListMessages {
        channel: u64,
    },
    Message {
        channel: u64,
        message: u64,
        op: Op,
    },
    Pin {
        channel: u64,
        message: u64,
        pinned: bool,
    },
    /// `new_format`: `GET /channels/{id}/messages/pins` answers `{items, has_more}`.
    ListPins {
        channel: u64,
        new_format: bool,
    },
    Channel {
        channel: u64,
    },
    Guild {
        guild: u64,
    },
    Member {
        guild: u64,
        user: u64,
    },
    Roles {
        guild: u64,
    },
    GuildChannels {
        guild: u64,
    },
    Attachment {
        id: u64,
    },
}

/// What is done to an application's command list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CommandOp {
    List,
    /// Bulk overwrite (`PUT`), which poise uses to register.
    Overwrite,
    Create,
}

/// What is done to an existing message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Get,
    Edit,
    Delete,
}

/// The path without Discord's `/api` or `/api/v{n}` prefix.
pub(crate) fn normalize(path: &str) -> &str {
    let Some(rest) = path.strip_prefix("/api") else {
        return path;
    };
    match rest.strip_prefix("/v") {
        Some(versioned) => versioned.find('/').map_or("", |at| &versioned[at..]),
        None => rest,
    }
}

/// The route for a method and normalized path, or `None` for one the simulator does not know.
pub(crate) fn parse(method: &str, path: &str) -> Option<Route> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        ["gateway"] if method == "GET" => Some(Route::Gateway),
        ["gateway", "bot"] if method == "GET" => Some(Route::GatewayBot),
        ["users", "@me"] if method == "GET" => Some(Route::CurrentUser),
        ["oauth2", "applications", "@me"] | ["applications", "@me"] if method == "GET" => {
            Some(Route::CurrentApplication)
        }
        ["applications", app, "commands"] => commands(method, id(app)?, None),
        ["applications", app, "guilds", g, "commands"] => commands(method, id(app)?, Some(id(g)?)),
        ["interactions", i, token, "callback"] if method == "POST" => Some(Route::Callback {
            id: id(i)?,
            token: (*token).to_owned(),
        }),
        ["webhooks", app, token] if method == "POST" => Some(Route::CreateFollowup {
            app: id(app)?,
            token: (*token).to_owned(),
        }),
        ["webhooks", app, token, "messages", m] => webhook_message(method, app, token, m),
        ["attachments", i, _filename] if method == "GET" => Some(Route::Attachment { id: id(i)? }),
        ["channels", c, rest @ ..] => channel(method, id(c)?, rest),
        ["guilds", g, rest @ ..] => guild(method, id(g)?, rest),
        _ => None,
    }
}

fn id(segment: &str) -> Option<u64> {
    segment.parse().ok()
}

fn op(method: &str) -> Option<Op> {
    match method {
        "GET" => Some(Op::Get),
        "PATCH" => Some(Op::Edit),
        "DELETE" => Some(Op::Delete),
        _ => None,
    }
}

fn commands(method: &str, app: u64, guild: Option<u64>) -> Option<Route> {
    let op = match method {
        "GET" => CommandOp::List,
        "PUT" => CommandOp::Overwrite,
        "POST" => CommandOp::Create,
        _ => return None,
    };
    Some(Route::Commands { app, guild, op })
}

fn webhook_message(method: &str, app: &str, token: &str, message: &str) -> Option<Route> {
    let message = if message == "@original" {
        None
    } else {
        Some(id(message)?)
    };
    Some(Route::WebhookMessage {
        app: id(app)?,
        token: token.to_owned(),
        message,
        op: op(method)?,
    })
}

fn channel(method: &str, channel: u64, rest: &[&str]) -> Option<Route> {
    match (method, rest) {
        ("GET", []) => Some(Route::Channel { channel }),
        ("POST", ["messages"]) => Some(Route::CreateMessage { channel }),
        ("GET", ["messages"]) => Some(Route::ListMessages { channel }),
        ("GET", ["pins"]) => Some(Route::ListPins {
            channel,
            new_format: false,
        }),
        ("GET", ["messages", "pins"]) => Some(Route::ListPins {
            channel,
            new_format: true,
        }),
        ("PUT" | "DELETE", ["pins", m] | ["messages", "pins", m]) => Some(Route::Pin {
            channel,
            message: id(m)?,
            pinned: method == "PUT",
        }),
        (_, ["messages", m]) => Some(Route::Message {
            channel,
            message: id(m)?,
            op: op(method)?,
        }),
        _ => None,
    }
}

fn guild(method: &str, guild: u64, rest: &[&str]) -> Option<Route> {
    if method != "GET" {
        return None;
    }
    match rest {
        [] => Some(Route::Guild { guild }),
        ["members", u] => Some(Route::Member { guild, user: id(u)? }),
        ["roles"] => Some(Route::Roles { guild }),
        ["channels"] => Some(Route::GuildChannels { guild }),
        _ => None,
    }
}

impl Route {
    /// Interaction callbacks and webhooks authenticate by their token; files are public.
    pub fn needs_bot_token(&self) -> bool {
        !matches!(
            self,
            Route::Callback { .. }
                | Route::CreateFollowup { .. }
                | Route::WebhookMessage { .. }
                | Route::Attachment { .. }
        )
    }

    /// The bucket the call counts against; `None` for exempt calls (interaction
    /// callbacks, and attachment downloads, which Discord serves from its CDN).
    pub fn bucket(&self) -> Option<BucketKey> {
        let (shape, major, class) = match self {
            Route::Callback { .. } | Route::Attachment { .. } => return None,
            Route::CreateFollowup { app, token } => (
                "POST /webhooks/{id}/{token}",
                format!("{app}/{token}"),
                LimitClass::Webhooks,
            ),
            Route::WebhookMessage { app, token, op, .. } => {
                (webhook_shape(*op), format!("{app}/{token}"), LimitClass::Webhooks)
            }
            Route::CreateMessage { channel } => (
                "POST /channels/{id}/messages",
                channel.to_string(),
                LimitClass::ChannelMessages,
            ),
            Route::Message {
                channel, op: Op::Edit, ..
            } => (
                "PATCH /channels/{id}/messages/{id}",
                channel.to_string(),
                LimitClass::ChannelMessages,
            ),
            Route::Message {
                channel,
                op: Op::Delete,
                ..
            } => (
                "DELETE /channels/{id}/messages/{id}",
                channel.to_string(),
                LimitClass::ChannelMessages,
            ),
            Route::Pin { channel, .. } => ("/channels/{id}/pins/{id}", channel.to_string(), LimitClass::Pins),
            other => (other.shape(), other.major(), LimitClass::Other),
        };
        Some(BucketKey {
            shape,
            major,
            class,
            global: class != LimitClass::Webhooks,
        })
    }

    fn shape(&self) -> &'static str {
        match self {
            Route::Gateway => "GET /gateway",
            Route::GatewayBot => "GET /gateway/bot",
            Route::CurrentUser => "GET /users/@me",
            Route::CurrentApplication => "GET /applications/@me",
            Route::Commands { .. } => "/applications/{id}/commands",
            Route::ListMessages { .. } => "GET /channels/{id}/messages",
            Route::Message { .. } => "GET /channels/{id}/messages/{id}",
            Route::ListPins { .. } => "GET /channels/{id}/pins",
            Route::Channel { .. } => "GET /channels/{id}",
            Route::Guild { .. } => "GET /guilds/{id}",
            Route::Member { .. } => "GET /guilds/{id}/members/{id}",
            Route::Roles { .. } => "GET /guilds/{id}/roles",
            Route::GuildChannels { .. } => "GET /guilds/{id}/channels",
            _ => "other",
        }
    }

    /// The major parameter that splits a bucket: the channel, guild or command scope.
    fn major(&self) -> String {
        match self {
            Route::Commands { guild, .. } => guild.map(|g| g.to_string()).unwrap_or_default(),
            Route::ListMessages { channel }
            | Route::Message { channel, .. }
            | Route::ListPins { channel, .. }
            | Route::Channel { channel } => channel.to_string(),
            Route::Guild { guild }
            | Route::Member { guild, .. }
            | Route::Roles { guild }
            | Route::GuildChannels { guild } => guild.to_string(),
            _ => String::new(),
        }
    }
}

fn webhook_shape(op: Op) -> &'static str {
    match op {
        Op::Get => "GET /webhooks/{id}/{token}/messages/{id}",
        Op::Edit => "PATCH /webhooks/{id}/{token}/messages/{id}",
        Op::Delete => "DELETE /webhooks/{id}/{token}/messages/{id}",
    }
}
