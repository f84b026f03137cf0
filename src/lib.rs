//! flagwatch: collect reports of extremist accounts, let moderators decide how each
//! is handled, and coordinate volunteers around those decisions.
//!
//! The code map and its invariants are in `ARCHITECTURE.md`.

pub mod cli;
pub mod clock;
pub mod config;
pub mod coordination;
pub mod demo;
pub mod discord;
pub mod domain;
pub mod export;
pub mod import;
pub mod simulator;
pub mod store;
