//! `stix`: a STIX 2.1 bundle — an `identity` for the community, a `user-account`
//! observable per account and a `report` per case referring to it.

use std::io::Write;

use serde_json::{json, Value};
use uuid::Uuid;

use crate::domain::stix::{account_type, export_report_id, identity_id, user_account_id, Tlp};
use crate::domain::time::Millis;
use crate::store::{CaseExport, FeedEntry};

fn user_account(c: &CaseExport) -> Value {
    let key = &c.case.key;
    json!({
        "type": "user-account",
        "spec_version": "2.1",
        "id": user_account_id(key),
        "account_type": account_type(key.platform()),
        "account_login": key.id(),
    })
}

fn report(c: &CaseExport, identity: &str, account_ref: &str, now: Millis) -> Value {
    let case = &c.case;
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
        "user-account" => user_account(case?),
        "report" => {
            let mut c = case?.clone();
            if let Some(decision) = entry.decision {
                c.case.lifecycle.decision = decision;
            }
            let mut r = report(&c, &identity_id(guild_id), &user_account_id(&c.case.key), at);
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
