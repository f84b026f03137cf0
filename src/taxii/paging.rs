//! Stateless `next` tokens: the date added of a page's last entry, signed with a key
//! derived from the installation's secret and bound to the query, so a token is valid
//! across processes and restarts, and only with the query it was handed out for.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::domain::stix::Collection;
use crate::domain::time::Millis;
use crate::store::{FeedQuery, VersionMatch};

/// Where the next page starts: after this date added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NextToken {
    pub after: Millis,
}

/// Signs and checks tokens.
pub(super) struct Signer {
    key: Vec<u8>,
}

/// What a token is bound to: the server, collection, endpoint and filters (not the
/// limit, which a client may change between pages, nor `next` itself).
pub(super) fn query_digest(guild_id: u64, c: Collection, scope: &str, q: &FeedQuery) -> String {
    let versions: Vec<String> = q
        .versions
        .iter()
        .map(|v| match v {
            VersionMatch::First => "first".to_owned(),
            VersionMatch::Last => "last".to_owned(),
            VersionMatch::All => "all".to_owned(),
            VersionMatch::At(t) => t.0.to_string(),
        })
        .collect();
    let text = format!(
        "{guild_id}\n{}\n{scope}\n{:?}\n{}\n{}\n{}",
        c.as_str(),
        q.added_after.map(|m| m.0),
        q.types.join(","),
        q.ids.join(","),
        versions.join(",")
    );
    hex::encode(&Sha256::digest(text.as_bytes())[..16])
}

impl Signer {
    pub(super) fn new(installation_key: &[u8]) -> Signer {
        let mut mac = Hmac::<Sha256>::new_from_slice(installation_key).unwrap_or_else(|_| unreachable_key());
        mac.update(b"flagwatch taxii next v1");
        Signer {
            key: mac.finalize().into_bytes().to_vec(),
        }
    }

    fn mac(&self, body: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).unwrap_or_else(|_| unreachable_key());
        mac.update(body.as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..16])
    }

    pub(super) fn seal(&self, token: &NextToken, binding: &str) -> String {
        let body = format!("{}.{binding}", token.after.0);
        format!("{}.{}", token.after.0, self.mac(&body))
    }

    /// The token, if it was sealed by this installation for this query.
    pub(super) fn open(&self, raw: &str, binding: &str) -> Option<NextToken> {
        let (after, mac) = raw.trim().split_once('.')?;
        let after: i64 = after.parse().ok()?;
        let expected = self.mac(&format!("{after}.{binding}"));
        // Both are hex of equal length; compare without an early exit.
        let same = expected.len() == mac.len()
            && expected.bytes().zip(mac.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
        same.then_some(NextToken { after: Millis(after) })
    }
}

/// HMAC accepts keys of any length; this is never reached.
fn unreachable_key() -> Hmac<Sha256> {
    panic!("HMAC-SHA256 accepts keys of any length")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_opens_only_with_its_query_and_key() {
        let signer = Signer::new(b"secret");
        let q = FeedQuery::default();
        let bound = query_digest(1, Collection::ReportNow, "objects", &q);
        let raw = signer.seal(&NextToken { after: Millis(42) }, &bound);
        assert_eq!(signer.open(&raw, &bound), Some(NextToken { after: Millis(42) }));
        let other = query_digest(1, Collection::Held, "objects", &q);
        assert_eq!(signer.open(&raw, &other), None, "another collection");
        assert_eq!(Signer::new(b"other").open(&raw, &bound), None, "another installation");
        let forged = raw.replacen("42", "41", 1);
        assert_eq!(signer.open(&forged, &bound), None, "a moved position");
    }
}
