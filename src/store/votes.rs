//! Votes and the closing of voting rounds, each exactly once.

use serde_json::json;
use sqlx::AnyConnection;

use super::base::audit::Event;
use super::base::case_row::{case_by_no, tally, CaseRecord};
use super::base::guild_row::settings_in;
use super::base::outbox::{enqueue, enqueue_card, OutboxKind};
use super::base::transition::{claim_interaction, transition};
use super::base::write_tx::WriteTx;
use super::{id_to_db, Result, Store, StoreError};
use crate::domain::audit::{Actor, AuditKind};
use crate::domain::case::{Decision, LifecycleError};
use crate::domain::time::Millis;
use crate::domain::vote::{at_window_end, winner, Policy, Tally, VoteChoice, WindowEnd};

/// What a vote or a window end did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteOutcome {
    pub case: CaseRecord,
    pub tally: Tally,
    /// The decision this call made, if it closed the round. Exactly one caller gets it.
    pub decided: Option<Decision>,
    /// This call marked the round overdue (the one moment to ping the moderators).
    pub became_overdue: bool,
}

/// Lock the case row for this round (PostgreSQL row lock; SQLite already holds the
/// write lock) so that votes on one case are counted one after another.
async fn lock_open_round(conn: &mut AnyConnection, case: &CaseRecord, now: Millis) -> Result<bool> {
    let n = sqlx::query("UPDATE cases SET updated_at = $1 WHERE id = $2 AND decision = 'pending' AND round = $3")
        .bind(now.0)
        .bind(case.id)
        .bind(i64::from(case.lifecycle.round))
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(n == 1)
}

async fn policy(conn: &mut AnyConnection, guild_id: u64) -> Result<Policy> {
    Ok(settings_in(conn, guild_id)
        .await?
        .ok_or_else(|| StoreError::Corrupt("guild row missing".into()))?
        .policy)
}

async fn decide(
    tx: &mut WriteTx,
    case: &CaseRecord,
    choice: VoteChoice,
    policy: Policy,
    why: &str,
    now: Millis,
) -> Result<bool> {
    let next = case.lifecycle.decide(choice, now, policy.hold_days)?;
    if !transition(tx, case, next, now).await? {
        return Ok(false);
    }
    let payload = json!({"case_no": case.case_no, "round": case.lifecycle.round, "decision": Decision::from(choice).as_str(), "why": why});
    tx.audit(Event {
        guild_id: case.guild_id,
        case_id: Some(case.id),
        actor: &Actor::System,
        kind: AuditKind::CaseDecided,
        payload,
        at: now,
    });
    Ok(true)
}

impl Store {
    /// Record (or change) a moderator's vote in the case's open round and close the round
    /// if the vote makes an option win.
    /// `interaction_id`, when given, makes a replayed button press change nothing.
    pub async fn cast_vote(
        &self,
        guild_id: u64,
        case_no: i64,
        moderator: u64,
        choice: VoteChoice,
        interaction_id: Option<u64>,
        now: Millis,
    ) -> Result<VoteOutcome> {
        self.write_op("cast_vote", move || async move {
            let mut tx = self.begin_write().await?;
            if let Some(id) = interaction_id {
                claim_interaction(&mut tx, id, now).await?;
            }
            let case = case_by_no(&mut tx, guild_id, case_no).await?;
            if !lock_open_round(&mut tx, &case, now).await? {
                return Err(LifecycleError::NotPending(case.lifecycle.decision).into());
            }
            sqlx::query(
                "INSERT INTO votes (case_id, round, moderator_id, choice, cast_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (case_id, round, moderator_id) DO UPDATE SET choice = excluded.choice, cast_at = excluded.cast_at",
            )
            .bind(case.id)
            .bind(i64::from(case.lifecycle.round))
            .bind(id_to_db(moderator))
            .bind(choice.as_str())
            .bind(now.0)
            .execute(&mut *tx)
            .await?;
            let payload = json!({"case_no": case_no, "round": case.lifecycle.round, "choice": choice.as_str()});
            tx.audit(Event {
                guild_id,
                case_id: Some(case.id),
                actor: &Actor::Member(moderator),
                kind: AuditKind::VoteCast,
                payload,
                at: now,
            });
            let counted = tally(&mut tx, case.id, case.lifecycle.round).await?;
            let policy = policy(&mut tx, guild_id).await?;
            let decided = match winner(counted, policy.quorum) {
                Some(win) if decide(&mut tx, &case, win, policy, "quorum and majority", now).await? => Some(win.into()),
                _ => None,
            };
            enqueue_card(&mut tx, guild_id, case.id, now).await?;
            let case = case_by_no(&mut tx, guild_id, case_no).await?;
            tx.commit().await?;
            Ok(VoteOutcome {
                case,
                tally: counted,
                decided,
                became_overdue: false,
            })
        })
        .await
    }

    /// Apply the window-end rule to a case whose window has ended. Safe to call from
    /// several places at once: only one call decides or marks overdue.
    pub async fn close_window(&self, guild_id: u64, case_no: i64, now: Millis) -> Result<VoteOutcome> {
        self.write_op("close_window", move || async move {
            let mut tx = self.begin_write().await?;
            let mut case = case_by_no(&mut tx, guild_id, case_no).await?;
            let ended = case.lifecycle.window_ends_at.is_some_and(|end| end <= now);
            // Lock the round before counting (PostgreSQL): a vote committing meanwhile is
            // either counted here or waits and finds the round closed.
            if ended {
                lock_open_round(&mut tx, &case, now).await?;
                case = case_by_no(&mut tx, guild_id, case_no).await?;
            }
            let counted = tally(&mut tx, case.id, case.lifecycle.round).await?;
            let mut outcome = VoteOutcome {
                case: case.clone(),
                tally: counted,
                decided: None,
                became_overdue: false,
            };
            if case.lifecycle.decision != Decision::Pending || !ended {
                return Ok(outcome);
            }
            match at_window_end(counted) {
                WindowEnd::Decided(choice) => {
                    let policy = policy(&mut tx, guild_id).await?;
                    if decide(&mut tx, &case, choice, policy, "window ended", now).await? {
                        outcome.decided = Some(choice.into());
                    }
                }
                WindowEnd::Overdue => {
                    let next = case.lifecycle.mark_overdue()?;
                    if transition(&mut tx, &case, next, now).await? {
                        let payload = json!({"case_no": case_no, "round": case.lifecycle.round});
                        tx.audit(Event {
                            guild_id,
                            case_id: Some(case.id),
                            actor: &Actor::System,
                            kind: AuditKind::RoundOverdue,
                            payload,
                            at: now,
                        });
                        outcome.became_overdue = true;
                        enqueue(&mut tx, guild_id, OutboxKind::OverduePing, Some(case.id), now).await?;
                    }
                }
            }
            outcome.case = case_by_no(&mut tx, guild_id, case_no).await?;
            tx.commit().await?;
            Ok(outcome)
        })
        .await
    }
}
