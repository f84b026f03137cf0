//! Every integration test in one binary: each test binary links the whole bot, and on
//! two cores linking dominates, so the subjects are modules of one crate instead.

// Helpers outside #[test] functions unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

#[macro_use]
mod common;

mod campaign;
mod cli;
mod discord;
mod fleet;
mod languages;
mod locks;
mod merge;
mod ops;
mod processes;
mod simulator;
mod storage;
mod taxii;
mod web;
