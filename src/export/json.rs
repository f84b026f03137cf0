//! `json`: one object per case with its aliases, evidence, votes, hold and history.

use std::io::Write;

use serde::Serialize;
use serde_json::{json, Value};

use crate::domain::time::Millis;
use crate::store::CaseExport;

fn time(m: Option<Millis>) -> Value {
    m.map_or(Value::Null, |m| Value::String(m.to_rfc3339()))
}

/// The JSON object of one case (also used to describe a case elsewhere).
pub fn case_object(c: &CaseExport) -> Value {
    let case = &c.case;
    json!({
        "case": case.case_no,
        "key": case.key.to_string(),
        "url": case.key.canonical_url(),
        "platform": case.key.platform().as_str(),
        "aliases": c.aliases.iter().map(|k| json!({"key": k.to_string(), "url": k.canonical_url()})).collect::<Vec<_>>(),
        "merged_into": c.merged_into,
        "decision": case.lifecycle.decision.as_str(),
        "account_status": case.account_status.as_str(),
        "reasons": c.reasons.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
        "report_count": c.report_count,
        "first_reported_at": time(c.first_reported_at),
        "last_reported_at": time(c.last_reported_at),
        "evidence": c.evidence,
        "votes": c.votes.iter().map(|(round, t)| json!({
            "round": round, "report_now": t.report_now, "hand_off": t.hand_off, "dismiss": t.dismiss,
        })).collect::<Vec<_>>(),
        "hold": {
            "held_until": time(case.lifecycle.held_until),
            "agency": case.agency,
            "reference": case.referral_ref,
        },
        "opened_at": case.created_at.to_rfc3339(),
        "decided_at": time(case.decided_at),
        "history": c.history.iter().map(|h| json!({
            "at": h.at.to_rfc3339(), "kind": h.kind, "actor": h.actor, "details": h.details,
        })).collect::<Vec<_>>(),
    })
}

pub fn write(cases: &[CaseExport], out: &mut dyn Write) -> anyhow::Result<()> {
    let all: Vec<Value> = cases.iter().map(case_object).collect();
    let mut ser = serde_json::Serializer::pretty(&mut *out);
    all.serialize(&mut ser)?;
    writeln!(out)?;
    Ok(())
}
