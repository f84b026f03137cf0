//! Background work that keeps Discord in step with the database: the outbox worker (the
//! one place that sends bot-initiated messages and handles rate limits) and the deadline
//! scheduler.

pub mod outbox;
mod rest;
pub mod scheduler;
