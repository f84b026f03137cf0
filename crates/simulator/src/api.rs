//! HTTP answers and Discord's documented JSON errors
//! (<https://discord.com/developers/docs/topics/opcodes-and-status-codes#json>).

use serde_json::Value;

use super::payloads;

pub(crate) enum AnswerBody {
    Empty,
    Json(Value),
    Bytes { content_type: String, bytes: Vec<u8> },
}

/// What a route answers: status, body and extra headers (rate-limit headers are added
/// by the caller).
pub(crate) struct Answer {
    pub status: u16,
    pub body: AnswerBody,
    pub headers: Vec<(&'static str, String)>,
}

/// Routes answer `Err` with Discord's error shape, so handlers can use `?`.
pub(crate) type ApiResult = Result<Answer, Answer>;

impl Answer {
    pub fn json(body: Value) -> Self {
        Answer {
            status: 200,
            body: AnswerBody::Json(body),
            headers: Vec::new(),
        }
    }

    pub fn no_content() -> Self {
        Answer {
            status: 204,
            body: AnswerBody::Empty,
            headers: Vec::new(),
        }
    }

    /// 302 Found to `location`.
    pub fn redirect(location: &str) -> Self {
        Answer {
            status: 302,
            body: AnswerBody::Empty,
            headers: vec![("location", location.to_owned())],
        }
    }

    pub fn bytes(content_type: &str, bytes: Vec<u8>) -> Self {
        Answer {
            status: 200,
            body: AnswerBody::Bytes {
                content_type: content_type.to_owned(),
                bytes,
            },
            headers: Vec::new(),
        }
    }

    pub fn error(status: u16, code: u32, message: &str) -> Self {
        Answer {
            status,
            body: AnswerBody::Json(payloads::error(code, message)),
            headers: Vec::new(),
        }
    }

    /// An error whose body is already built (e.g. with an `errors` tree).
    pub fn error_body(status: u16, body: Value) -> Self {
        Answer {
            status,
            body: AnswerBody::Json(body),
            headers: Vec::new(),
        }
    }
}

pub(crate) fn unauthorized() -> Answer {
    Answer::error(401, 0, "401: Unauthorized")
}

pub(crate) fn not_found() -> Answer {
    Answer::error(404, 0, "404: Not Found")
}

/// An injected failure, shaped like Discord's own 5xx answers.
/// A failure a test asked for: a plain server error, or Discord's error `code`.
pub(crate) fn injected(status: u16, code: u32) -> Answer {
    match code {
        0 => Answer::error(status, 0, &format!("{status}: Internal Server Error")),
        50013 => Answer::error(status, code, "Missing Permissions"),
        10003 => Answer::error(status, code, "Unknown Channel"),
        50035 => Answer::error(status, code, "Invalid Form Body"),
        _ => Answer::error(status, code, "Injected error"),
    }
}

/// What Discord answers the bot for a channel it may not see (50001) or may not do this
/// in (50013).
pub(crate) fn missing_access() -> Answer {
    Answer::error(403, 50001, "Missing Access")
}

pub(crate) fn missing_permissions() -> Answer {
    Answer::error(403, 50013, "Missing Permissions")
}

pub(crate) fn invalid_json(why: &str) -> Answer {
    Answer::error(400, 50109, &format!("The request body contains invalid JSON. ({why})"))
}

pub(crate) fn invalid_form(why: &str) -> Answer {
    Answer::error(400, 50035, &format!("Invalid Form Body ({why})"))
}

pub(crate) fn unknown_channel() -> Answer {
    Answer::error(404, 10003, "Unknown Channel")
}

pub(crate) fn unknown_guild() -> Answer {
    Answer::error(404, 10004, "Unknown Guild")
}

pub(crate) fn unknown_member() -> Answer {
    Answer::error(404, 10007, "Unknown Member")
}

pub(crate) fn unknown_message() -> Answer {
    Answer::error(404, 10008, "Unknown Message")
}

pub(crate) fn unknown_webhook() -> Answer {
    Answer::error(404, 10015, "Unknown Webhook")
}

pub(crate) fn unknown_interaction() -> Answer {
    Answer::error(404, 10062, "Unknown interaction")
}

pub(crate) fn already_acknowledged() -> Answer {
    Answer::error(400, 40060, "Interaction has already been acknowledged.")
}

/// Discord's answer to an interaction token used after its 15 minutes.
pub(crate) fn invalid_webhook_token() -> Answer {
    Answer::error(401, 50027, "Invalid Webhook Token")
}

pub(crate) fn empty_message() -> Answer {
    Answer::error(400, 50006, "Cannot send an empty message")
}

pub(crate) fn not_author() -> Answer {
    Answer::error(403, 50005, "Cannot edit a message authored by another user")
}

pub(crate) fn max_pins() -> Answer {
    Answer::error(400, 30003, "Maximum number of pins reached (50)")
}

/// Discord documents 30046 only as a JSON code; clients observe it with HTTP 429 (e.g.
/// discord.py reports "429 Too Many Requests (error code: 30046)"). It carries no
/// `Retry-After`, so serenity surfaces it as an error instead of sleeping and retrying,
/// and it is not counted as a rate-limit 429.
pub(crate) fn edit_limit_reached() -> Answer {
    Answer::error(
        429,
        30046,
        "Maximum number of edits to messages older than 1 hour reached. Try again later",
    )
}
