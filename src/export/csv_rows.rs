//! `csv`: one row per case with the scalar fields.

use std::io::Write;

use serde::Serialize;

use crate::store::CaseExport;

#[derive(Serialize)]
struct Row {
    case: i64,
    key: String,
    url: String,
    platform: &'static str,
    decision: &'static str,
    account_status: &'static str,
    reasons: String,
    report_count: u64,
    first_reported_at: String,
    last_reported_at: String,
    evidence_count: usize,
    votes_report_now: u32,
    votes_hand_off: u32,
    votes_dismiss: u32,
    held_until: String,
    agency: String,
    reference: String,
    opened_at: String,
    decided_at: String,
    /// The account's other keys, `;`-separated (last, so older readers' columns stay put).
    aliases: String,
    merged_into: Option<i64>,
}

/// A text cell that a spreadsheet will not run: one starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return is prefixed with `'` (OWASP's advice against CSV injection).
fn cell(text: String) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text,
    }
}

fn row(c: &CaseExport) -> Row {
    let case = &c.case;
    let time = |m: Option<crate::domain::time::Millis>| m.map(|m| m.to_rfc3339()).unwrap_or_default();
    let last_round = c.votes.last().map(|(_, t)| *t).unwrap_or_default();
    Row {
        case: case.case_no,
        key: cell(case.key.to_string()),
        url: cell(case.key.canonical_url()),
        platform: case.key.platform().as_str(),
        decision: case.lifecycle.decision.as_str(),
        account_status: case.account_status.as_str(),
        reasons: c.reasons.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(";"),
        report_count: c.report_count,
        first_reported_at: time(c.first_reported_at),
        last_reported_at: time(c.last_reported_at),
        evidence_count: c.evidence.len(),
        votes_report_now: last_round.report_now,
        votes_hand_off: last_round.hand_off,
        votes_dismiss: last_round.dismiss,
        held_until: time(case.lifecycle.held_until),
        agency: cell(case.agency.clone().unwrap_or_default()),
        reference: cell(case.referral_ref.clone().unwrap_or_default()),
        opened_at: case.created_at.to_rfc3339(),
        decided_at: time(case.decided_at),
        aliases: cell(c.aliases.iter().map(ToString::to_string).collect::<Vec<_>>().join(";")),
        merged_into: c.merged_into,
    }
}

pub fn write(cases: &[CaseExport], out: &mut dyn Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    for c in cases {
        w.serialize(row(c))?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formula_cells_are_neutralised() {
        for hostile in ["=HYPERLINK(\"http://evil\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(cell(hostile.to_owned()), format!("'{hostile}"));
        }
        assert_eq!(cell("x:someone".to_owned()), "x:someone");
        assert_eq!(cell(String::new()), "");
    }
}
