//! Gateway events the framework does not handle itself: button presses, and the
//! session starts and resumes the metrics count.

use poise::serenity_prelude as serenity;

use super::checks::{is_moderator, may_report, require_voter};
use super::commands::myreports::withdraw_answer;
use super::components::ComponentAction;
use super::convert::Caller;
use super::error::{already_handled, answer_language, message_for, outcome_of, refused, user_error, Error};
use super::render::answers::{self, Intake, Refusal};
use super::render::campaign;
use super::Data;
use crate::domain::case::{AccountStatus, Decision};
use crate::domain::language::Language;
use crate::domain::status::Observed;
use crate::domain::vote::VoteChoice;
use crate::metrics::Outcome;
use crate::store::{GuildSettings, StoreError};

/// Dispatch only; each action has its own function.
pub async fn on_event(ctx: &serenity::Context, event: &serenity::FullEvent, data: &Data) -> Result<(), Error> {
    match event {
        serenity::FullEvent::InteractionCreate {
            interaction: serenity::Interaction::Component(press),
        } => on_press(ctx, press, data).await,
        serenity::FullEvent::Ready { data_about_bot } => {
            let shard = data_about_bot.shard.map_or(0, |s| s.id.0);
            data.metrics.gateway_ready(shard);
        }
        serenity::FullEvent::Resume { .. } => data.metrics.gateway_resumed(),
        _ => {}
    }
    Ok(())
}

async fn on_press(ctx: &serenity::Context, press: &serenity::ComponentInteraction, data: &Data) {
    // The pressing member's language, not the server's: the answer is theirs alone.
    let guild = press.guild_id.map(|g| g.get());
    let lang = answer_language(data, guild, press.user.id.get(), Some(&press.locale), None).await;
    let answer = match ComponentAction::parse(&press.data.custom_id) {
        Some(ComponentAction::Vote { case_no, choice }) => vote(press, data, case_no, choice, lang).await,
        Some(ComponentAction::ReportedIt { case_no }) => reported_it(press, data, case_no, lang).await,
        Some(ComponentAction::LooksSuspended { case_no }) => {
            observe(press, data, case_no, Observed::LooksSuspended, lang).await
        }
        Some(ComponentAction::StillUp { case_no }) => observe(press, data, case_no, Observed::StillUp, lang).await,
        Some(ComponentAction::Withdraw { case_no }) => withdraw(press, data, case_no, lang).await,
        Some(ComponentAction::Recheck { case_no, back }) => recheck(press, data, case_no, back, lang).await,
        None => Err(refused(Refusal::StaleButton)),
    };
    let outcome = match &answer {
        Ok(_) => Outcome::Ok,
        Err(e) => outcome_of(e),
    };
    data.metrics.interaction(press_name(&press.data.custom_id), outcome);
    let text = match answer {
        Ok(Some(text)) => text,
        Ok(None) => return,
        Err(e) if already_handled(&e) => return,
        Err(e) => message_for(&e, lang),
    };
    let reply = serenity::CreateInteractionResponseMessage::new()
        .content(text)
        .ephemeral(true)
        .allowed_mentions(serenity::CreateAllowedMentions::new());
    if let Err(e) = press
        .create_response(&ctx.http, serenity::CreateInteractionResponse::Message(reply))
        .await
    {
        tracing::warn!("could not answer a button press: {e}");
    }
}

/// A button's name in the metrics: its action, never its case.
fn press_name(custom_id: &str) -> &'static str {
    match ComponentAction::parse(custom_id) {
        Some(ComponentAction::Vote { .. }) => "button vote",
        Some(ComponentAction::ReportedIt { .. }) => "button reported_it",
        Some(ComponentAction::LooksSuspended { .. }) => "button looks_suspended",
        Some(ComponentAction::StillUp { .. }) => "button still_up",
        Some(ComponentAction::Withdraw { .. }) => "button withdraw",
        Some(ComponentAction::Recheck { back: true, .. }) => "button recheck_back",
        Some(ComponentAction::Recheck { back: false, .. }) => "button recheck_still",
        None => "button stale",
    }
}

/// The server, member and settings behind a button press (`outside`: the refusal when
/// it came from outside a server).
async fn presser(
    press: &serenity::ComponentInteraction,
    data: &Data,
    outside: Refusal,
) -> Result<(u64, Caller, GuildSettings), Error> {
    let (guild, who) = Caller::of_interaction(press.guild_id, press.member.as_ref()).ok_or_else(|| refused(outside))?;
    let settings = data.store.guild_settings(guild, data.clock.now()).await?;
    Ok((guild, who, settings))
}

/// The store acting for this press: its write claims the interaction, so a second
/// delivery changes nothing (see `Store::for_interaction`).
fn acting(press: &serenity::ComponentInteraction, data: &Data) -> crate::store::Store {
    data.store.for_interaction(press.id.get(), data.clock.now())
}

/// A call to action's buttons go through the same intake policy as `/report`: the
/// reporter role, the minimum membership age and the rate limit (counted in presses).
async fn may_press(data: &Data, guild: u64, settings: &GuildSettings, who: &Caller) -> Result<(), Error> {
    may_report(settings, who)?;
    let now = data.clock.now();
    let policy = settings.intake();
    let since = now.minus(policy.window);
    let recent = data.store.recent_presses(guild, who.user_id, since).await?;
    policy.check(now, who.joined_at, &recent).map_err(|not_yet| {
        let settings = settings.clone();
        user_error(move |lang| answers::intake_refusal(not_yet, &settings, Intake::Press, lang))
    })
}

/// The call to action this press came from, if it still stands.
async fn open_call(data: &Data, guild: u64, case_no: i64) -> Result<(), Error> {
    let case = data.store.case(guild, case_no).await?;
    if case.lifecycle.decision == Decision::ReportNow {
        Ok(())
    } else {
        Err(user_error(move |lang| answers::call_withdrawn(case_no, lang)))
    }
}

async fn reported_it(
    press: &serenity::ComponentInteraction,
    data: &Data,
    case_no: i64,
    lang: Language,
) -> Result<Option<String>, Error> {
    let (guild, who, settings) = presser(press, data, Refusal::ButtonOutsideServer).await?;
    may_press(data, guild, &settings, &who).await?;
    open_call(data, guild, case_no).await?;
    let count = acting(press, data)
        .mark_reported(guild, case_no, who.user_id, data.clock.now())
        .await?;
    Ok(Some(answers::reported_it(count, case_no, lang)))
}

async fn observe(
    press: &serenity::ComponentInteraction,
    data: &Data,
    case_no: i64,
    seen: Observed,
    lang: Language,
) -> Result<Option<String>, Error> {
    let (guild, who, settings) = presser(press, data, Refusal::ButtonOutsideServer).await?;
    may_press(data, guild, &settings, &who).await?;
    open_call(data, guild, case_no).await?;
    let by_moderator = is_moderator(&settings, &who);
    let result = acting(press, data)
        .observe(guild, case_no, who.user_id, by_moderator, seen, data.clock.now())
        .await?;
    Ok(Some(match (seen, result.case.account_status) {
        (Observed::StillUp, _) => answers::marked_still_up(case_no, lang),
        (Observed::LooksSuspended, AccountStatus::Suspended) => answers::confirmed_suspended(case_no, lang),
        (Observed::LooksSuspended, _) => answers::suspension_needs_confirmation(case_no, lang),
        (Observed::StillSuspended | Observed::SeenBack, _) => {
            campaign::recheck_answer(seen, &result.case, settings.recheck_days, lang)
        }
    }))
}

/// A `/next` re-check's answer: an observation under the call to action's intake rules (a
/// muted member's is kept and counts toward nothing, see `Store::observe`).
async fn recheck(
    press: &serenity::ComponentInteraction,
    data: &Data,
    case_no: i64,
    back: bool,
    lang: Language,
) -> Result<Option<String>, Error> {
    let seen = if back {
        Observed::SeenBack
    } else {
        Observed::StillSuspended
    };
    observe(press, data, case_no, seen, lang).await
}

/// "Withdraw" on `/myreports`: the same as `/withdraw case`.
async fn withdraw(
    press: &serenity::ComponentInteraction,
    data: &Data,
    case_no: i64,
    lang: Language,
) -> Result<Option<String>, Error> {
    let (guild, who, _) = presser(press, data, Refusal::ButtonOutsideServer).await?;
    let store = acting(press, data);
    let text = withdraw_answer(&store, guild, case_no, who.user_id, data.clock.now(), lang).await?;
    Ok(Some(text))
}

/// Record a moderator's vote. `Ok(None)`: a replayed press, already answered.
async fn vote(
    press: &serenity::ComponentInteraction,
    data: &Data,
    case_no: i64,
    choice: VoteChoice,
    lang: Language,
) -> Result<Option<String>, Error> {
    let (guild, who, settings) = presser(press, data, Refusal::VoteOutsideServer).await?;
    require_voter(&settings, &who)?;
    let now = data.clock.now();
    let outcome = data
        .store
        .cast_vote(guild, case_no, who.user_id, choice, Some(press.id.get()), now)
        .await;
    match outcome {
        Ok(outcome) => {
            data.metrics.vote(choice.as_str());
            if let Some(decision) = outcome.decided {
                data.metrics.decision(decision.as_str());
            }
            Ok(Some(answers::vote_answer(&outcome, choice, lang)))
        }
        Err(StoreError::AlreadyHandled) => Ok(None),
        Err(StoreError::Lifecycle(e)) => Err(user_error(move |lang| answers::vote_refused(case_no, &e, lang))),
        Err(e) => Err(e.into()),
    }
}
