//! `stix`: a STIX 2.1 bundle — an `identity` for the community, a `user-account`
//! observable per key of an account (its own and its aliases) and a `report` per case
//! referring to them. A case merged into another is left out: its account, under all its
//! keys, is the other case's.

use std::collections::BTreeSet;
use std::io::Write;

use serde_json::{json, Value};
use uuid::Uuid;

use crate::domain::account::AccountKey;
use crate::domain::stix::{account_type, export_report_id, identity_id, user_account_id, Tlp};
use crate::domain::time::Millis;
use crate::store::{CaseExport, FeedEntry};

fn user_account(key: &AccountKey) -> Value {
    json!({
        "type": "user-account",
        "spec_version": "2.1",
        "id": user_account_id(key),
        "account_type": account_type(key.platform()),
        "account_login": key.id(),
    })
}

/// The case's keys, its own first.
fn keys(c: &CaseExport) -> impl Iterator<Item = &AccountKey> {
    std::iter::once(&c.case.key).chain(&c.aliases)
}

fn report(c: &CaseExport, identity: &str, now: Millis) -> Value {
    let case = &c.case;
    let accounts: Vec<String> = keys(c).map(user_account_id).collect();
    let mut description = format!(
        "Account {} reported {} time(s); community decision: {}; account status: {}.",
        case.key.canonical_url(),
        c.report_count,
        case.lifecycle.decision.as_str(),
        case.account_status.as_str()
    );
    if !c.aliases.is_empty() {
        let aliases: Vec<String> = c.aliases.iter().map(AccountKey::canonical_url).collect();
        description.push_str(&format!(" Also known as: {}.", aliases.join(", ")));
    }
    let created = case.created_at.min(now);
    let mut labels: Vec<&str> = c.reasons.iter().map(|r| r.as_str()).collect();
    if labels.is_empty() {
        labels.push("other");
    }
    json!({
        "type": "report",
        "spec_version": "2.1",
        "id": export_report_id(case.guild_id, case.case_no),
        "created_by_ref": identity,
        "created": created.to_rfc3339(),
        "modified": now.to_rfc3339(),
        "published": now.to_rfc3339(),
        "name": format!("Case #{}: {}", case.case_no, case.key),
        "description": description,
        "report_types": ["threat-actor"],
        "labels": labels,
        "object_refs": accounts,
        "external_references": [{
            "source_name": "flagwatch",
            "external_id": case.key.to_string(),
        }],
    })
}

fn identity(guild_id: u64, now: Millis) -> Value {
    json!({
        "type": "identity",
        "spec_version": "2.1",
        "id": identity_id(guild_id),
        "created": now.to_rfc3339(),
        "modified": now.to_rfc3339(),
        "name": format!("flagwatch community (Discord server {guild_id})"),
        "identity_class": "organization",
    })
}

/// The TLP 2.0 `marking-definition` object FIRST and OASIS publish for `tlp`: consumers
/// resolve the reports' `object_marking_refs` with it (STIX 2.1 predefines only TLP 1.0).
fn marking_definition(tlp: Tlp) -> Value {
    json!({
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": tlp.marking_id(),
        "created": "2022-10-01T00:00:00.000Z",
        "name": format!("TLP:{}", tlp.tlp_2_0().to_uppercase()),
        "extensions": {
            TLP_2_0_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": tlp.tlp_2_0()}
        },
    })
}

/// The extension definition of TLP 2.0 markings, as published with them.
const TLP_2_0_EXTENSION: &str = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

/// One version of an object of a TAXII collection, as the feed serves it: the same
/// objects as the bundle, with the version's date added as `modified` (so each version
/// has its own), a TLP marking, and `revoked` on the report of a case that left the
/// collection. `case` is the entry's case (`None` for the identity); `None` when the
/// entry names a case that is gone.
pub fn feed_object(guild_id: u64, entry: &FeedEntry, case: Option<&CaseExport>, marking: Tlp) -> Option<Value> {
    let at = entry.date_added;
    if entry.object_type == "marking-definition" {
        return Tlp::of_marking_id(&entry.object_id).map(marking_definition);
    }
    let mut object = match entry.object_type.as_str() {
        "identity" => identity(guild_id, at),
        "user-account" => match &entry.account_key {
            Some(key) => user_account(key),
            None => user_account(&case?.case.key),
        },
        "report" => {
            let mut c = case?.clone();
            if let Some(decision) = entry.decision {
                c.case.lifecycle.decision = decision;
            }
            let mut r = report(&c, &identity_id(guild_id), at);
            r["id"] = Value::from(entry.object_id.as_str());
            if entry.revoked {
                r["revoked"] = Value::Bool(true);
            }
            r
        }
        _ => return None,
    };
    object["object_marking_refs"] = json!([marking.marking_id()]);
    Some(object)
}

/// The bundle as a JSON value.
pub fn bundle(guild_id: u64, cases: &[CaseExport], now: Millis) -> Value {
    let community = identity(guild_id, now);
    let identity_id = community["id"].as_str().unwrap_or_default().to_owned();
    let mut objects = vec![community];
    let mut accounts = BTreeSet::new();
    for c in cases.iter().filter(|c| c.merged_into.is_none()) {
        for key in keys(c) {
            if accounts.insert(user_account_id(key)) {
                objects.push(user_account(key));
            }
        }
        objects.push(report(c, &identity_id, now));
    }
    json!({"type": "bundle", "id": format!("bundle--{}", Uuid::new_v4()), "objects": objects})
}

pub fn write(guild_id: u64, cases: &[CaseExport], now: Millis, out: &mut dyn Write) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &bundle(guild_id, cases, now))?;
    writeln!(out)?;
    Ok(())
}
