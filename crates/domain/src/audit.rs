//! The audit chain: every state change is an event whose hash covers the previous
//! event's hash, so editing, removing or reordering stored events is detectable.

use std::fmt;

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::time::Millis;

/// The `previous hash` of a chain's first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What kind of change an event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditKind {
    CaseOpened,
    ReportFiled,
    Imported,
    VoteCast,
    CaseDecided,
    RoundOverdue,
    CaseReopened,
    HoldRecorded,
    HoldExtended,
    HoldReleased,
    StatusObserved,
    NoteAdded,
    ConfigChanged,
    Exported,
    ReporterForgotten,
    /// An agency was given TAXII credentials.
    TaxiiGranted,
    TaxiiRevoked,
    /// An agency pulled objects from a TAXII collection.
    TaxiiPulled,
    /// A member withdrew their report on a case awaiting its first decision.
    ReportWithdrawn,
    /// A moderator gave a case another key of the same account (`/case alias add`).
    AliasAdded,
    /// A moderator muted a reporter (`/reporter mute`), with the reason; the member is
    /// named by their keyed pseudonym, never their id.
    ReporterMuted,
    /// A moderator ended a reporter's mute.
    ReporterUnmuted,
    /// A muted member reported an account with no case: the report was kept, no case opened.
    ReportKept,
    /// A member chose or reset their language (`/language`); the actor is not named.
    LanguageChosen,
    /// A moderator merged one case into another (`/case merge`), with the reason: one
    /// event on each of the two cases.
    CaseMerged,
}

crate::named!(AuditKind, "kind of audit event", {
    CaseOpened => "case_opened",
    ReportFiled => "report_filed",
    Imported => "imported",
    VoteCast => "vote_cast",
    CaseDecided => "case_decided",
    RoundOverdue => "round_overdue",
    CaseReopened => "case_reopened",
    HoldRecorded => "hold_recorded",
    HoldExtended => "hold_extended",
    HoldReleased => "hold_released",
    StatusObserved => "status_observed",
    NoteAdded => "note_added",
    ConfigChanged => "config_changed",
    Exported => "exported",
    ReporterForgotten => "reporter_forgotten",
    TaxiiGranted => "taxii_granted",
    TaxiiRevoked => "taxii_revoked",
    TaxiiPulled => "taxii_pulled",
    ReportWithdrawn => "report_withdrawn",
    AliasAdded => "alias_added",
    ReporterMuted => "reporter_muted",
    ReporterUnmuted => "reporter_unmuted",
    ReportKept => "report_kept",
    LanguageChosen => "language_chosen",
    CaseMerged => "case_merged",
});

/// Who caused a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A Discord member, by user id (moderators, liaisons, admins).
    Member(u64),
    /// A member filing a report: deliberately unnamed, so the append-only log never
    /// holds reporter identities that `/forget-me` could not remove.
    Reporter,
    /// The operator at the command line.
    Cli,
    /// The bot itself (deadlines, hold reviews).
    System,
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Member(id) => write!(f, "member:{id}"),
            Actor::Reporter => f.write_str("reporter"),
            Actor::Cli => f.write_str("cli"),
            Actor::System => f.write_str("system"),
        }
    }
}

/// One event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainedEvent {
    /// Which formula the hash used (see [`chain_hash`]).
    pub version: i64,
    pub guild_id: u64,
    pub case_id: Option<i64>,
    pub seq: i64,
    pub at: Millis,
    pub actor: String,
    pub kind: String,
    /// Canonical JSON (see [`canonical_json`]).
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

/// JSON with object keys sorted at every level and no insignificant whitespace, so the
/// same content always hashes the same, whatever produced it.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(v, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The hash formula events are written with. Version 1 (events written before it) did
/// not cover the server and case, so such an event could be moved to another case
/// undetected; version 2 does.
pub const HASH_VERSION: i64 = 2;

/// `SHA-256(previous hash ‖ canonical payload ‖ sequence ‖ time ‖ actor ‖ kind ‖ server ‖
/// case)`, hex (version 1: without server and case). Fields are separated by a 0x1F (unit
/// separator) byte so no two different events can concatenate to the same bytes.
pub fn chain_hash(e: &ChainedEvent) -> String {
    let mut parts = vec![
        e.prev_hash.clone(),
        e.payload.clone(),
        e.seq.to_string(),
        e.at.0.to_string(),
        e.actor.clone(),
        e.kind.clone(),
    ];
    if e.version >= 2 {
        parts.push(e.guild_id.to_string());
        parts.push(e.case_id.map_or_else(|| "-".to_owned(), |c| c.to_string()));
    }
    let mut h = Sha256::new();
    for part in parts {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    hex::encode(h.finalize())
}

/// Where and why a chain stopped verifying.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("event {seq}: {problem}")]
pub struct ChainBreak {
    pub seq: i64,
    pub problem: String,
}

/// A chain's head as witnessed outside the database (`<seq>:<hash>`): a truncated tail
/// rewrites the head in the database, but not a copy taken before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub seq: i64,
    pub hash: String,
}

/// A head that is not `<seq>:<64 hex digits>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a chain head is <sequence number>:<64 hex digits>, as `flagwatch audit head` prints it")]
pub struct BadChainHead;

impl std::str::FromStr for ChainHead {
    type Err = BadChainHead;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (seq, hash) = s.trim().split_once(':').ok_or(BadChainHead)?;
        let seq: i64 = seq.parse().map_err(|_| BadChainHead)?;
        let hex = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
        if seq < 1 || !hex {
            return Err(BadChainHead);
        }
        Ok(ChainHead {
            seq,
            hash: hash.to_ascii_lowercase(),
        })
    }
}

impl fmt::Display for ChainHead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

/// Recompute a chain from its first event. `events` must be in stored sequence order;
/// `head` is the last `(seq, hash)` the store recorded separately, which catches the
/// removal of trailing events.
pub fn verify_chain(
    events: impl IntoIterator<Item = ChainedEvent>,
    head: Option<(i64, String)>,
) -> Result<u64, ChainBreak> {
    let mut prev = GENESIS_HASH.to_owned();
    let mut expected_seq = 1;
    let mut count = 0;
    for e in events {
        check_event(&e, expected_seq, &prev)?;
        prev = e.hash;
        expected_seq += 1;
        count += 1;
    }
    check_head(head, expected_seq - 1, &prev)?;
    Ok(count)
}

fn check_event(e: &ChainedEvent, expected_seq: i64, prev: &str) -> Result<(), ChainBreak> {
    let fail = |problem: String| Err(ChainBreak { seq: e.seq, problem });
    if e.seq != expected_seq {
        return fail(format!(
            "expected event {expected_seq} here: events were removed or reordered"
        ));
    }
    if e.prev_hash != prev {
        return fail(
            "its previous-hash does not match the event before it: events were removed, reordered or edited".into(),
        );
    }
    if e.hash != chain_hash(e) {
        return fail("its content does not match its hash: the event was edited".into());
    }
    Ok(())
}

fn check_head(head: Option<(i64, String)>, last_seq: i64, last_hash: &str) -> Result<(), ChainBreak> {
    match head {
        Some((seq, hash)) if seq != last_seq || hash != last_hash => Err(ChainBreak {
            seq: last_seq + 1,
            problem: format!("the chain ends at event {last_seq} but event {seq} was recorded: events were removed"),
        }),
        None if last_seq > 0 => Err(ChainBreak {
            seq: last_seq,
            problem: "the chain's recorded head is missing".into(),
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_head_round_trips_and_refuses_anything_else() {
        let hash = "ab".repeat(32);
        let head: ChainHead = format!("12:{hash}").parse().unwrap();
        assert_eq!((head.seq, head.to_string()), (12, format!("12:{hash}")));
        let bad = [
            String::new(),
            "12".into(),
            format!("0:{hash}"),
            format!("x:{hash}"),
            "12:abc".into(),
        ];
        for bad in bad {
            assert_eq!(bad.parse::<ChainHead>(), Err(BadChainHead), "{bad:?}");
        }
    }
    use serde_json::json;

    fn chain(n: i64) -> Vec<ChainedEvent> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let payload = canonical_json(&json!({"case": seq, "b": [1, {"z": 1, "a": 2}]}));
                let at = Millis(1_000 + seq);
                let mut e = ChainedEvent {
                    version: HASH_VERSION,
                    guild_id: 7,
                    case_id: Some(seq),
                    seq,
                    at,
                    actor: "cli".into(),
                    kind: "case_opened".into(),
                    payload,
                    prev_hash: prev.clone(),
                    hash: String::new(),
                };
                e.hash = chain_hash(&e);
                prev = e.hash.clone();
                e
            })
            .collect()
    }

    fn head(events: &[ChainedEvent]) -> Option<(i64, String)> {
        events.last().map(|e| (e.seq, e.hash.clone()))
    }

    #[test]
    fn an_event_moved_to_another_case_or_server_is_named() {
        for moved in [
            |e: &mut ChainedEvent| e.case_id = Some(99),
            |e: &mut ChainedEvent| e.case_id = None,
            |e: &mut ChainedEvent| e.guild_id = 8,
        ] {
            let mut events = chain(4);
            moved(&mut events[2]);
            let h = head(&events);
            let err = verify_chain(events, h).unwrap_err();
            assert_eq!(err.seq, 3);
            assert!(err.problem.contains("edited"), "{err}");
        }
    }

    #[test]
    fn version_one_events_still_verify_by_their_own_formula() {
        let mut events = chain(3);
        let mut prev = GENESIS_HASH.to_owned();
        for e in &mut events {
            e.version = 1;
            e.prev_hash = prev.clone();
            e.hash = chain_hash(e);
            prev = e.hash.clone();
        }
        let h = head(&events);
        assert_eq!(verify_chain(events, h), Ok(3));
    }

    #[test]
    fn canonical_json_sorts_keys_at_every_level_and_drops_whitespace() {
        let v = json!({"b": 1, "a": {"d": [true, null], "c": "x\"y"}});
        assert_eq!(canonical_json(&v), r#"{"a":{"c":"x\"y","d":[true,null]},"b":1}"#);
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let events = chain(5);
        let h = head(&events);
        assert_eq!(verify_chain(events, h), Ok(5));
        assert_eq!(verify_chain(Vec::new(), None), Ok(0));
    }

    #[test]
    fn an_edited_payload_is_named() {
        let mut events = chain(5);
        let h = head(&events);
        events[2].payload = events[2].payload.replace("3", "4");
        assert_eq!(verify_chain(events, h).unwrap_err().seq, 3);
    }

    #[test]
    fn an_edited_actor_time_or_kind_is_named() {
        for edit in [
            (|e: &mut ChainedEvent| e.actor = "member:1".into()) as fn(&mut ChainedEvent),
            |e| e.at = Millis(0),
            |e| e.kind = "vote_cast".into(),
        ] {
            let mut events = chain(4);
            let h = head(&events);
            edit(&mut events[1]);
            assert_eq!(verify_chain(events, h).unwrap_err().seq, 2);
        }
    }

    #[test]
    fn a_removed_event_is_named() {
        let mut events = chain(5);
        let h = head(&events);
        events.remove(2);
        assert_eq!(verify_chain(events, h).unwrap_err().seq, 4);
    }

    #[test]
    fn a_removed_last_event_is_caught_by_the_head() {
        let mut events = chain(5);
        let h = head(&events);
        events.pop();
        let err = verify_chain(events, h).unwrap_err();
        assert_eq!(err.seq, 5);
        assert!(err.problem.contains("removed"));
    }

    #[test]
    fn reordered_events_are_named() {
        let mut events = chain(5);
        let h = head(&events);
        events.swap(1, 2);
        assert_eq!(verify_chain(events, h).unwrap_err().seq, 3);
        let mut renumbered = chain(5);
        let h = head(&renumbered);
        renumbered.swap(1, 2);
        renumbered[1].seq = 2;
        renumbered[2].seq = 3;
        assert_eq!(verify_chain(renumbered, h).unwrap_err().seq, 2);
    }
}
