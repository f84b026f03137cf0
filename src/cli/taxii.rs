//! `flagwatch taxii grant | list | revoke`: agencies' credentials for the TAXII feed.

use super::{now, Outcome};
use crate::domain::stix::Collection;
use crate::store::Store;

/// Print a new credential's secret, once: only its hash is kept.
pub async fn grant(store: &Store, guild: u64, name: &str, collections: &[Collection]) -> anyhow::Result<Outcome> {
    if name.trim().is_empty() {
        eprintln!("--name must name the agency");
        return Ok(Outcome::Failure);
    }
    let (credential, secret) = store.taxii_grant(guild, name.trim(), collections, now()).await?;
    let list: Vec<&str> = credential.collections.iter().map(|c| c.title()).collect();
    eprintln!(
        "credential {} for {} (collections: {}); the secret below is shown only now.",
        credential.id,
        credential.name,
        list.join(", ")
    );
    eprintln!("TAXII clients: API root /{guild}/, HTTP Basic with any user name and this secret as password, or `Authorization: Token <secret>`.");
    println!("{secret}");
    Ok(Outcome::Success)
}

pub async fn list(store: &Store, guild: Option<u64>) -> anyhow::Result<Outcome> {
    for c in store.taxii_credentials(guild).await? {
        let collections: Vec<&str> = c.collections.iter().map(|c| c.title()).collect();
        let state = match c.revoked_at {
            Some(at) => format!("revoked {}", at.to_rfc3339()),
            None => "active".to_owned(),
        };
        println!(
            "{}\t{}\t{}\t{}\tcreated {}\t{state}",
            c.id,
            c.guild_id,
            c.name,
            collections.join(","),
            c.created_at.to_rfc3339()
        );
    }
    Ok(Outcome::Success)
}

pub async fn revoke(store: &Store, guild: u64, id: i64) -> anyhow::Result<Outcome> {
    if store.taxii_revoke(guild, id, now()).await? {
        eprintln!("credential {id} revoked");
        Ok(Outcome::Success)
    } else {
        eprintln!("no active credential {id} in server {guild}");
        Ok(Outcome::Failure)
    }
}
