//! The primitives the use cases are built from: case rows and their transitions, message
//! locations, outbox requests, audit appends and server rows. Nothing here imports a
//! use-case module, so use cases share these instead of importing each other.

pub(super) mod audit;
pub(super) mod case_row;
pub(super) mod collection;
pub(super) mod guild_row;
pub(super) mod known;
pub(super) mod locations;
pub(super) mod member_language;
pub(super) mod mute;
pub(super) mod outbox;
pub(super) mod placeholders;
pub(super) mod pseudonym;
pub(super) mod record;
pub(super) mod sets;
pub(super) mod transition;
pub(super) mod write_tx;
