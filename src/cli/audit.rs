//! `flagwatch audit verify` and `flagwatch audit head`.

use super::Outcome;
use crate::domain::audit::ChainHead;
use crate::store::Store;

/// Recompute the chains; with `expect`, also check that the witnessed head is still there.
pub async fn verify(store: &Store, guild: Option<u64>, expect: Option<&ChainHead>) -> anyhow::Result<Outcome> {
    let verified = match store.verify_audit(guild).await? {
        Ok(n) => n,
        Err(failure) => {
            println!(
                "audit log broken in server {} at event {}: {}",
                failure.guild_id, failure.broken.seq, failure.broken.problem
            );
            return Ok(Outcome::Failure);
        }
    };
    if let (Some(head), Some(guild)) = (expect, guild) {
        if !store.audit_contains(guild, head).await? {
            println!(
                "audit log broken in server {guild} at event {}: the witnessed head {head} is no longer in the database (events were removed or rewritten)",
                head.seq
            );
            return Ok(Outcome::Failure);
        }
    }
    println!("audit log intact: {verified} events verified");
    Ok(Outcome::Success)
}

/// Print each server's head, one line each: `<guild>\t<seq>:<hash>`.
pub async fn head(store: &Store, guild: Option<u64>) -> anyhow::Result<Outcome> {
    for (guild, head) in store.audit_heads(guild).await? {
        println!("{guild}\t{head}");
    }
    Ok(Outcome::Success)
}
