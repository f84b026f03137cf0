//! Moderator and liaison actions on one case: holds, re-opening, overrides, notes and
//! aliases.
//! Each is one transaction: a lifecycle transition (if any), its audit event, and what
//! Discord must show.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::base::audit::Event;
use super::base::case_row::{case_by_key, case_by_no, case_ref, set_round_note, CaseRecord, CaseRef};
use super::base::collection::keys_joined;
use super::base::guild_row::settings_in;
use super::base::outbox::{enqueue, enqueue_card, OutboxKind};
use super::base::transition::transition;
use super::base::write_tx::WriteTx;
use super::{id_to_db, Result, Store, StoreError};
use crate::domain::account::AccountKey;
use crate::domain::audit::{Actor, AuditKind};
use crate::domain::campaign::{may_alias, AliasError};
use crate::domain::case::{Decision, Lifecycle, LifecycleError, RoundNote};
use crate::domain::time::Millis;
use crate::domain::vote::{HoldDays, Policy, VoteChoice};

/// One recorded change to a case, described for the audit log.
struct Change<'a> {
    guild_id: u64,
    case_no: i64,
    actor: &'a Actor,
    kind: AuditKind,
    details: Value,
    /// Shown on the review card while the new round is open.
    round_note: Option<RoundNote>,
    at: Millis,
}

impl<'a> Change<'a> {
    fn new(guild_id: u64, case_no: i64, actor: &'a Actor, kind: AuditKind, details: Value, at: Millis) -> Change<'a> {
        Change {
            guild_id,
            case_no,
            actor,
            kind,
            details,
            round_note: None,
            at,
        }
    }

    /// The note shown on the review card while the new round is open.
    fn noting(self, note: RoundNote) -> Change<'a> {
        Change {
            round_note: Some(note),
            ..self
        }
    }
}

impl Store {
    /// Apply `next` to the case's lifecycle, exactly once, with its audit event.
    async fn change_case(
        &self,
        change: Change<'_>,
        next: impl FnOnce(Lifecycle, Policy) -> Result<Lifecycle, LifecycleError>,
    ) -> Result<CaseRecord> {
        let mut tx = self.begin_write().await?;
        let case = case_by_no(&mut tx, change.guild_id, change.case_no).await?;
        let policy = settings_in(&mut tx, change.guild_id)
            .await?
            .map(|s| s.policy)
            .unwrap_or_default();
        let to = next(case.lifecycle, policy)?;
        if !transition(&mut tx, &case, to, change.at).await? {
            return Err(StoreError::Conflict);
        }
        if change.round_note.is_some() || to.round != case.lifecycle.round {
            set_round_note(&mut tx, case.id, change.round_note.as_ref()).await?;
        }
        record(&mut tx, &case, &change);
        let case = case_by_no(&mut tx, change.guild_id, change.case_no).await?;
        tx.commit().await?;
        Ok(case)
    }

    /// A liaison records the agency and reference a held case was referred to.
    pub async fn record_referral(
        &self,
        guild_id: u64,
        case_no: i64,
        actor: &Actor,
        agency: &str,
        reference: &str,
        at: Millis,
    ) -> Result<CaseRecord> {
        self.write_op("record_referral", move || async move {
            let mut tx = self.begin_write().await?;
            let case = case_by_no(&mut tx, guild_id, case_no).await?;
            case.lifecycle.require_held()?;
            sqlx::query("UPDATE cases SET agency = $1, referral_ref = $2, updated_at = $3 WHERE id = $4")
                .bind(agency)
                .bind(reference)
                .bind(at.0)
                .bind(case.id)
                .execute(&mut *tx)
                .await?;
            let details = json!({"agency": agency, "reference": reference});
            let change = Change::new(guild_id, case_no, actor, AuditKind::HoldRecorded, details, at);
            record(&mut tx, &case, &change);
            enqueue_card(&mut tx, guild_id, case.id, at).await?;
            let case = case_by_no(&mut tx, guild_id, case_no).await?;
            tx.commit().await?;
            Ok(case)
        })
        .await
    }

    pub async fn extend_hold(
        &self,
        guild_id: u64,
        case_no: i64,
        actor: &Actor,
        days: HoldDays,
        at: Millis,
    ) -> Result<CaseRecord> {
        self.write_op("extend_hold", move || async move {
            let details = json!({"days": days.get()});
            let change = Change::new(guild_id, case_no, actor, AuditKind::HoldExtended, details, at);
            self.change_case(change, |l, _| l.extend_hold(days)).await
        })
        .await
    }

    /// A liaison releases a hold: the case becomes `report_now` (and gets its call to action).
    pub async fn release_hold(
        &self,
        guild_id: u64,
        case_no: i64,
        actor: &Actor,
        reason: &str,
        at: Millis,
    ) -> Result<CaseRecord> {
        self.write_op("release_hold", move || async move {
            let details = json!({"reason": reason});
            let change = Change::new(guild_id, case_no, actor, AuditKind::HoldReleased, details, at);
            self.change_case(change, |l, _| l.release()).await
        })
        .await
    }

    /// Re-open every hold whose review date has come; a case that fails is logged and
    /// skipped, so it does not hold back the others.
    pub async fn expire_holds(&self, now: Millis) -> Result<Vec<CaseRecord>> {
        let mut reopened = Vec::new();
        for case in self.holds_due(now).await? {
            match self.expire_hold(case, now).await {
                Ok(Some(case)) => reopened.push(case),
                Ok(None) => {}
                Err(e) => tracing::error!(guild = case.guild_id, case = case.case_no, "hold review failed: {e}"),
            }
        }
        Ok(reopened)
    }

    /// Re-open one hold whose review date has come; `None` if another caller did.
    pub async fn expire_hold(&self, case: CaseRef, now: Millis) -> Result<Option<CaseRecord>> {
        let change = Change::new(
            case.guild_id,
            case.case_no,
            &Actor::System,
            AuditKind::CaseReopened,
            json!({"why": "hold review date reached"}),
            now,
        )
        .noting(RoundNote::HoldReview { ended: now });
        match self.change_case(change, |l, p| l.expire_hold(now, p.window)).await {
            Ok(case) => Ok(Some(case)),
            Err(StoreError::Conflict | StoreError::Lifecycle(_)) => Ok(None), // another caller got there first
            Err(e) => Err(e),
        }
    }

    /// A moderator re-opens a decided case with a reason.
    pub async fn reopen_case(
        &self,
        guild_id: u64,
        case_no: i64,
        actor: &Actor,
        reason: &str,
        at: Millis,
    ) -> Result<CaseRecord> {
        self.write_op("reopen_case", move || async move {
            let details = json!({"reason": reason});
            let change = Change::new(guild_id, case_no, actor, AuditKind::CaseReopened, details, at).noting(
                RoundNote::Reopened {
                    reason: reason.to_owned(),
                },
            );
            self.change_case(change, |l, p| l.reopen(at, p.window)).await
        })
        .await
    }

    /// An admin decides a case directly, with a reason.
    pub async fn override_decision(
        &self,
        guild_id: u64,
        case_no: i64,
        actor: &Actor,
        choice: VoteChoice,
        reason: &str,
        at: Millis,
    ) -> Result<CaseRecord> {
        self.write_op("override_decision", move || async move {
            let details = json!({"decision": choice.as_str(), "override": true, "reason": reason});
            let change = Change::new(guild_id, case_no, actor, AuditKind::CaseDecided, details, at);
            self.change_case(change, |l, p| l.override_decision(choice, at, p.hold_days))
                .await
        })
        .await
    }

    /// A moderator's note on a case.
    pub async fn add_note(
        &self,
        guild_id: u64,
        case_no: i64,
        author: u64,
        note: &str,
        at: Millis,
    ) -> Result<CaseRecord> {
        self.write_op("add_note", move || async move {
            let mut tx = self.begin_write().await?;
            let case = case_by_no(&mut tx, guild_id, case_no).await?;
            case.lifecycle.require_unmerged()?;
            sqlx::query("INSERT INTO case_notes (case_id, author_id, note, at) VALUES ($1, $2, $3, $4)")
                .bind(case.id)
                .bind(id_to_db(author))
                .bind(note)
                .bind(at.0)
                .execute(&mut *tx)
                .await?;
            let actor = Actor::Member(author);
            // Notes are internal: the append-only log (which exports read) keeps only a
            // hash of the text, which the case_notes row can be checked against.
            let details = json!({"note_sha256": hex::encode(Sha256::digest(note.as_bytes()))});
            let change = Change::new(guild_id, case_no, &actor, AuditKind::NoteAdded, details, at);
            record(&mut tx, &case, &change);
            tx.commit().await?;
            Ok(case)
        })
        .await
    }

    /// Give case `case_no` another key of its account, so reports and `/status` of that
    /// form find it. The key's primary key in `case_keys` decides, not a prior read: a key
    /// another case already has is refused with that case's number.
    pub async fn add_alias(
        &self,
        guild_id: u64,
        case_no: i64,
        alias: &AccountKey,
        actor: &Actor,
        at: Millis,
    ) -> Result<CaseRecord> {
        self.write_op("add_alias", move || async move {
            let mut tx = self.begin_write().await?;
            let case = case_by_no(&mut tx, guild_id, case_no).await?;
            case.lifecycle.require_unmerged()?;
            may_alias(&case.key, alias).map_err(StoreError::Alias)?;
            let added = sqlx::query(
                "INSERT INTO case_keys (guild_id, account_key, case_id) VALUES ($1, $2, $3) \
                 ON CONFLICT (guild_id, account_key) DO NOTHING",
            )
            .bind(id_to_db(guild_id))
            .bind(alias.to_string())
            .bind(case.id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if added == 0 {
                let owner = case_by_key(&mut tx, guild_id, alias)
                    .await?
                    .ok_or_else(|| StoreError::Corrupt("case key without its case".into()))?;
                return Err(StoreError::Alias(AliasError::Taken { case_no: owner.case_no }));
            }
            let details = json!({"alias": alias.to_string()});
            record(
                &mut tx,
                &case,
                &Change::new(guild_id, case_no, actor, AuditKind::AliasAdded, details, at),
            );
            keys_joined(&mut tx, &case, at).await?;
            if matches!(case.lifecycle.decision, Decision::ReportNow | Decision::HandOff) {
                // Its public notice names every key.
                enqueue(&mut tx, guild_id, OutboxKind::Notice, Some(case.id), at).await?;
            }
            tx.commit().await?;
            Ok(case)
        })
        .await
    }

    /// Holds whose review date has come, by id only (see [`Store::windows_ended`]).
    pub async fn holds_due(&self, now: Millis) -> Result<Vec<CaseRef>> {
        self.op("holds_due", async {
            let rows = sqlx::query(
                "SELECT guild_id, case_no FROM cases WHERE decision = 'hand_off' AND held_until <= $1 ORDER BY held_until",
            )
            .bind(now.0)
            .fetch_all(&self.pool)
            .await?;
            rows.iter().map(case_ref).collect()
        })
        .await
    }

    /// The earliest hold review date, if any.
    pub async fn next_hold_review(&self) -> Result<Option<Millis>> {
        self.op("next_hold_review", async {
            let at: Option<i64> = sqlx::query_scalar("SELECT MIN(held_until) FROM cases WHERE decision = 'hand_off'")
                .fetch_one(&self.pool)
                .await?;
            Ok(at.map(Millis))
        })
        .await
    }
}

fn record(tx: &mut WriteTx, case: &CaseRecord, change: &Change<'_>) {
    let mut payload = json!({"case_no": case.case_no});
    if let (Some(map), Value::Object(extra)) = (payload.as_object_mut(), &change.details) {
        map.extend(extra.clone());
    }
    let event = Event {
        guild_id: change.guild_id,
        case_id: Some(case.id),
        actor: change.actor,
        kind: change.kind,
        payload,
        at: change.at,
    };
    tx.audit(event);
}
