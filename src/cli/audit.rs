//! `flagwatch audit verify`.

use super::Outcome;
use crate::store::Store;

pub async fn verify(store: &Store, guild: Option<u64>) -> anyhow::Result<Outcome> {
    match store.verify_audit(guild).await? {
        Ok(n) => {
            println!("audit log intact: {n} events verified");
            Ok(Outcome::Success)
        }
        Err(failure) => {
            println!(
                "audit log broken in server {} at event {}: {}",
                failure.guild_id, failure.broken.seq, failure.broken.problem
            );
            Ok(Outcome::Failure)
        }
    }
}
