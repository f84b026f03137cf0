//! The domain core: pure types and rules. No Discord, no SQL, no clock.

pub mod account;
pub mod audit;
pub mod campaign;
pub mod case;
pub mod intake;
pub mod language;
pub mod names;
pub mod reason;
pub mod status;
pub mod stix;
pub mod time;
pub mod vote;
