//! `flagwatch account`: canonicalise inputs, one line each.

use super::Outcome;
use crate::domain::account::{AccountKey, Platform};

pub fn run(inputs: &[String], platform: Option<Platform>) -> Outcome {
    let mut outcome = Outcome::Success;
    for input in inputs {
        match AccountKey::parse(input, platform, Platform::X) {
            Ok(key) => println!("{key}\t{}", key.canonical_url()),
            Err(why) => {
                eprintln!("error: {input}: {why}");
                outcome = Outcome::Failure;
            }
        }
    }
    outcome
}
