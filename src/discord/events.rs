//! Gateway events the framework does not handle itself: button presses.

use poise::serenity_prelude as serenity;

use super::checks::{is_moderator, may_report};
use super::components::ComponentAction;
use super::convert::Caller;
use super::error::{message_for, user_error, Error};
use super::Data;
use crate::domain::case::{AccountStatus, Decision};
use crate::domain::status::Observed;
use crate::domain::vote::VoteChoice;
use crate::store::{GuildSettings, StoreError, VoteOutcome};

/// Dispatch only; each action has its own function.
pub async fn on_event(ctx: &serenity::Context, event: &serenity::FullEvent, data: &Data) -> Result<(), Error> {
    if let serenity::FullEvent::InteractionCreate {
        interaction: serenity::Interaction::Component(press),
    } = event
    {
        on_press(ctx, press, data).await;
    }
    Ok(())
}

async fn on_press(ctx: &serenity::Context, press: &serenity::ComponentInteraction, data: &Data) {
    let answer = match ComponentAction::parse(&press.data.custom_id) {
        Some(ComponentAction::Vote { case_no, choice }) => vote(press, data, case_no, choice).await,
        Some(ComponentAction::ReportedIt { case_no }) => reported_it(press, data, case_no).await,
        Some(ComponentAction::LooksSuspended { case_no }) => {
            observe(press, data, case_no, Observed::LooksSuspended).await
        }
        Some(ComponentAction::StillUp { case_no }) => observe(press, data, case_no, Observed::StillUp).await,
        None => Err(user_error("This button is no longer in use.")),
    };
    let text = match answer {
        Ok(Some(text)) => text,
        Ok(None) => return,
        Err(e) => message_for(&e),
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

/// The server, member and settings behind a button press.
async fn presser(press: &serenity::ComponentInteraction, data: &Data) -> Result<(u64, Caller, GuildSettings), Error> {
    let guild = press
        .guild_id
        .ok_or_else(|| user_error("This button works inside a server."))?
        .get();
    let member = press
        .member
        .as_ref()
        .ok_or_else(|| user_error("This button works inside a server."))?;
    let settings = data.store.guild_settings(guild, data.clock.now()).await?;
    Ok((guild, Caller::from_member(member), settings))
}

/// The call to action this press came from, if it still stands.
async fn open_call(data: &Data, guild: u64, case_no: i64) -> Result<(), Error> {
    let case = data.store.case(guild, case_no).await?;
    if case.lifecycle.decision == Decision::ReportNow {
        Ok(())
    } else {
        Err(user_error(format!(
            "The call to action for case #{case_no} was withdrawn: please take no action on it."
        )))
    }
}

async fn reported_it(
    press: &serenity::ComponentInteraction,
    data: &Data,
    case_no: i64,
) -> Result<Option<String>, Error> {
    let (guild, who, settings) = presser(press, data).await?;
    may_report(&settings, &who)?;
    open_call(data, guild, case_no).await?;
    let count = data
        .store
        .mark_reported(guild, case_no, who.user_id, data.clock.now())
        .await?;
    data.outbox_changed.notify_one();
    Ok(Some(format!(
        "Thank you — counted once for you. {count} volunteer(s) reported case #{case_no} so far."
    )))
}

async fn observe(
    press: &serenity::ComponentInteraction,
    data: &Data,
    case_no: i64,
    seen: Observed,
) -> Result<Option<String>, Error> {
    let (guild, who, settings) = presser(press, data).await?;
    may_report(&settings, &who)?;
    open_call(data, guild, case_no).await?;
    let by_moderator = is_moderator(&settings, &who);
    let result = data
        .store
        .observe(guild, case_no, who.user_id, by_moderator, seen, data.clock.now())
        .await?;
    data.outbox_changed.notify_one();
    Ok(Some(match (seen, result.case.account_status) {
        (Observed::StillUp, _) => format!("Thanks — case #{case_no} is marked as still up."),
        (Observed::LooksSuspended, AccountStatus::Suspended) => {
            format!("Thanks — case #{case_no} is confirmed suspended.")
        }
        (Observed::LooksSuspended, _) => format!(
            "Thanks — noted. Case #{case_no} shows as suspended once another member (or a moderator) confirms it."
        ),
    }))
}

/// Record a moderator's vote. `Ok(None)`: a replayed press, already answered.
async fn vote(
    press: &serenity::ComponentInteraction,
    data: &Data,
    case_no: i64,
    choice: VoteChoice,
) -> Result<Option<String>, Error> {
    let guild = press
        .guild_id
        .ok_or_else(|| user_error("Votes happen inside a server."))?
        .get();
    let member = press
        .member
        .as_ref()
        .ok_or_else(|| user_error("Votes happen inside a server."))?;
    let who = Caller::from_member(member);
    let now = data.clock.now();
    let settings = data.store.guild_settings(guild, now).await?;
    if !who.has_role(settings.moderator_role) {
        return Err(user_error(
            "Only moderators can vote on cases. Your press was not recorded.",
        ));
    }
    let outcome = data
        .store
        .cast_vote(guild, case_no, who.user_id, choice, Some(press.id.get()), now)
        .await;
    data.outbox_changed.notify_one();
    match outcome {
        Ok(outcome) => Ok(Some(vote_answer(&outcome, choice))),
        Err(StoreError::AlreadyHandled) => Ok(None),
        Err(StoreError::Lifecycle(e)) => Err(user_error(format!("Case #{case_no}: {e}. Your vote was not recorded."))),
        Err(e) => Err(e.into()),
    }
}

fn vote_answer(outcome: &VoteOutcome, choice: VoteChoice) -> String {
    let case_no = outcome.case.case_no;
    match outcome.decided {
        Some(decision) => format!(
            "Your vote ({}) decided case #{case_no}: {}.",
            choice.label(),
            decision.label()
        ),
        None => format!(
            "Your vote on case #{case_no} is recorded: {}. You can change it until the round closes.",
            choice.label()
        ),
    }
}
