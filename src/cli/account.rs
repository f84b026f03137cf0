//! `flagwatch account`: canonicalise inputs, one line each.

use super::Outcome;
use crate::discord::render::rejections;
use crate::domain::account::{AccountKey, Platform};
use crate::domain::language::Language;

pub fn run(inputs: &[String], platform: Option<Platform>) -> Outcome {
    let mut outcome = Outcome::Success;
    for input in inputs {
        match AccountKey::parse(input, platform, Platform::X) {
            Ok(key) => println!("{key}\t{}", key.canonical_url()),
            Err(why) => {
                eprintln!("error: {input}: {}", rejections::account_key(&why, Language::English));
                outcome = Outcome::Failure;
            }
        }
    }
    outcome
}

/// Reads `--platform`, so that clap shows an unknown name's rejection in the words
/// every other rejection uses.
pub fn platform_option(name: &str) -> Result<Platform, String> {
    name.parse().map_err(|e| rejections::account_key(&e, Language::English))
}
