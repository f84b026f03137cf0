//! `stix`: a STIX 2.1 bundle — an `identity` for the community, a `user-account`
//! observable per account and a `report` per case referring to it.

use std::io::Write;

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::domain::account::Platform;
use crate::domain::audit::canonical_json;
use crate::domain::time::Millis;
use crate::store::CaseExport;

/// STIX 2.1's namespace for deterministic identifiers of cyber observables (SCOs).
const STIX_SCO_NAMESPACE: Uuid = Uuid::from_u128(0x00abedb4_aa42_466c_9c01_fed23315a9b7);
/// An identifier for an object we author (STIX asks for UUIDv4 there): v4-shaped, but
/// derived from `name`, so that re-exporting a case gives the same `report` id.
fn stable_v4(name: &str) -> Uuid {
    let digest = Sha256::digest(format!("flagwatch:{name}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// The `account_type` of STIX's account-type vocabulary (open: other platforms by name).
fn account_type(p: Platform) -> &'static str {
    match p {
        Platform::X => "twitter",
        Platform::Facebook => "facebook",
        Platform::Web => "website",
        other => other.as_str(),
    }
}

fn user_account(c: &CaseExport) -> Value {
    let key = &c.case.key;
    let contributing = json!({"account_type": account_type(key.platform()), "account_login": key.id()});
    let id = Uuid::new_v5(&STIX_SCO_NAMESPACE, canonical_json(&contributing).as_bytes());
    json!({
        "type": "user-account",
        "spec_version": "2.1",
        "id": format!("user-account--{id}"),
        "account_type": account_type(key.platform()),
        "account_login": key.id(),
    })
}

fn report(c: &CaseExport, identity: &str, account_ref: &str, now: Millis) -> Value {
    let case = &c.case;
    let id = stable_v4(&format!("report:{}:{}", case.guild_id, case.case_no));
    let created = case.created_at.min(now);
    let mut labels: Vec<&str> = c.reasons.iter().map(|r| r.as_str()).collect();
    if labels.is_empty() {
        labels.push("other");
    }
    json!({
        "type": "report",
        "spec_version": "2.1",
        "id": format!("report--{id}"),
        "created_by_ref": identity,
        "created": created.to_rfc3339(),
        "modified": now.to_rfc3339(),
        "published": now.to_rfc3339(),
        "name": format!("Case #{}: {}", case.case_no, case.key),
        "description": format!(
            "Account {} reported {} time(s); community decision: {}; account status: {}.",
            case.key.canonical_url(), c.report_count, case.lifecycle.decision.as_str(), case.account_status.as_str()
        ),
        "report_types": ["threat-actor"],
        "labels": labels,
        "object_refs": [account_ref],
        "external_references": [{
            "source_name": "flagwatch",
            "external_id": case.key.to_string(),
        }],
    })
}

fn identity(guild_id: u64, now: Millis) -> Value {
    let id = stable_v4(&format!("identity:{guild_id}"));
    json!({
        "type": "identity",
        "spec_version": "2.1",
        "id": format!("identity--{id}"),
        "created": now.to_rfc3339(),
        "modified": now.to_rfc3339(),
        "name": format!("flagwatch community (Discord server {guild_id})"),
        "identity_class": "organization",
    })
}

/// The bundle as a JSON value.
pub fn bundle(guild_id: u64, cases: &[CaseExport], now: Millis) -> Value {
    let community = identity(guild_id, now);
    let identity_id = community["id"].as_str().unwrap_or_default().to_owned();
    let mut objects = vec![community];
    for c in cases {
        let account = user_account(c);
        let account_id = account["id"].as_str().unwrap_or_default().to_owned();
        objects.push(account);
        objects.push(report(c, &identity_id, &account_id, now));
    }
    json!({"type": "bundle", "id": format!("bundle--{}", Uuid::new_v4()), "objects": objects})
}

pub fn write(guild_id: u64, cases: &[CaseExport], now: Millis, out: &mut dyn Write) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &bundle(guild_id, cases, now))?;
    writeln!(out)?;
    Ok(())
}
