//! flagwatch: collect reports of extremist accounts, let moderators decide how each
//! is handled, and coordinate volunteers around those decisions.
//!
//! The code map and its invariants are in `ARCHITECTURE.md`.

pub mod app;
pub mod charts;
pub mod cli;
pub mod clock;
pub mod config;
pub mod coordination;
pub mod demo;
pub mod discord;
pub mod export;
pub mod import;
pub mod metrics;
pub mod ops;
pub mod serve;
pub mod store;
pub mod taxii;
pub mod web;

/// The domain core, its own crate so that it cannot depend on Discord, SQL or a runtime.
pub use flagwatch_domain as domain;
/// The Discord simulator, its own crate: it shares no code with the bot it tests.
pub use flagwatch_simulator as simulator;
