//! Gateway events the framework does not handle itself: button presses.

use poise::serenity_prelude as serenity;

use super::components::ComponentAction;
use super::convert::Caller;
use super::error::{message_for, user_error, Error};
use super::Data;
use crate::domain::vote::VoteChoice;
use crate::store::{StoreError, VoteOutcome};

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
