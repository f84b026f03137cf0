//! The outbox worker: the only sender of bot-initiated messages. It paces posts per
//! channel under Discord's limits and retries what fails (including 429s) later, from
//! the database, so nothing is lost and nothing is sent in a burst.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use poise::serenity_prelude as serenity;
use tokio::sync::{watch, Notify};
use tokio::time::Instant;

use crate::clock::Clock;
use crate::discord::render;
use crate::store::{CardLocation, OutboxItem, OutboxKind, Store};

/// Discord allows about 5 messages per 5 s per channel; stay just under.
const CHANNEL_SPACING: Duration = Duration::from_millis(1_100);
/// Look for due items at least this often.
const MAX_SLEEP: Duration = Duration::from_secs(30);
/// Unknown Message: the card was deleted by someone.
const UNKNOWN_MESSAGE: isize = 10_008;

/// Drains the outbox until `stop` turns true (finishing the item in hand).
pub struct OutboxWorker {
    pub store: Store,
    pub http: Arc<serenity::Http>,
    pub clock: Clock,
    pub changed: Arc<Notify>,
    last_send: HashMap<u64, Instant>,
}

impl OutboxWorker {
    pub fn new(store: Store, http: Arc<serenity::Http>, clock: Clock, changed: Arc<Notify>) -> OutboxWorker {
        OutboxWorker {
            store,
            http,
            clock,
            changed,
            last_send: HashMap::new(),
        }
    }

    pub async fn run(mut self, mut stop: watch::Receiver<bool>) {
        if let Err(e) = self.store.recover_outbox().await {
            tracing::error!("outbox recovery failed: {e}");
        }
        while !*stop.borrow() {
            match self.store.claim_outbox(self.clock.now()).await {
                Ok(Some(item)) => {
                    self.deliver(item).await;
                    continue;
                }
                Ok(None) => {}
                Err(e) => tracing::error!("outbox: {e}"),
            }
            let wait = match self.store.next_outbox_due().await {
                Ok(Some(at)) => self.clock.until(at).min(MAX_SLEEP),
                _ => MAX_SLEEP,
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = self.changed.notified() => {}
                _ = self.clock.moved() => {}
                _ = stop.wait_for(|&stopped| stopped) => {}
            }
        }
    }

    async fn deliver(&mut self, item: OutboxItem) {
        let result = match item.kind {
            OutboxKind::Card => self.send_card(&item).await,
            OutboxKind::OverduePing => self.send_overdue_ping(&item).await,
            OutboxKind::Notice | OutboxKind::Board | OutboxKind::QueueSummary | OutboxKind::Digest => {
                Err(anyhow::anyhow!("not yet deliverable"))
            }
        };
        let stored = match result {
            Ok(()) => self.store.complete_outbox(item.id).await,
            Err(e) => {
                let delay = backoff(item.attempts);
                tracing::warn!(
                    item = item.id,
                    attempts = item.attempts,
                    "outbox send failed, retrying in {delay:?}: {e:#}"
                );
                self.store
                    .retry_outbox(item.id, self.clock.now().plus(delay), &format!("{e:#}"))
                    .await
            }
        };
        if let Err(e) = stored {
            tracing::error!("outbox bookkeeping failed for item {}: {e}", item.id);
        }
    }

    async fn review_channel(&self, guild_id: u64) -> anyhow::Result<serenity::ChannelId> {
        let settings = self.store.guild_settings(guild_id, self.clock.now()).await?;
        let channel = settings
            .review_channel
            .ok_or_else(|| anyhow::anyhow!("server {guild_id} has no review channel"))?;
        Ok(serenity::ChannelId::new(channel))
    }

    async fn send_card(&mut self, item: &OutboxItem) -> anyhow::Result<()> {
        let facts = self.store.card_facts(item.case_id()?).await?;
        let embed = render::card_embed(&facts);
        let buttons = render::card_buttons(&facts.case);
        if let Some(at) = self.store.card_location(item.case_id()?).await? {
            self.pace(at.channel_id).await;
            let edit = serenity::EditMessage::new()
                .embed(embed.clone())
                .components(buttons.clone());
            match serenity::ChannelId::new(at.channel_id)
                .edit_message(&self.http, at.message_id, edit)
                .await
            {
                Ok(_) => return Ok(()),
                Err(e) if discord_code(&e) == Some(UNKNOWN_MESSAGE) => {
                    tracing::info!(case = facts.case.case_no, "review card was deleted; posting it again");
                }
                Err(e) => return Err(e.into()),
            }
        }
        let channel = self.review_channel(item.guild_id).await?;
        self.pace(channel.get()).await;
        let post = serenity::CreateMessage::new()
            .embed(embed)
            .components(buttons)
            .allowed_mentions(serenity::CreateAllowedMentions::new());
        let message = channel.send_message(&self.http, post).await?;
        let at = CardLocation {
            channel_id: channel.get(),
            message_id: message.id.get(),
        };
        self.store.record_card(item.case_id()?, at, self.clock.now()).await?;
        Ok(())
    }

    /// The one message that may mention anyone: the moderator role, once per overdue round.
    async fn send_overdue_ping(&mut self, item: &OutboxItem) -> anyhow::Result<()> {
        let settings = self.store.guild_settings(item.guild_id, self.clock.now()).await?;
        let facts = self.store.card_facts(item.case_id()?).await?;
        let channel = self.review_channel(item.guild_id).await?;
        let (content, mentions) = match settings.moderator_role {
            Some(role) => (
                format!(
                    "<@&{role}> Case #{}'s voting window ended with no votes. Please review it.",
                    facts.case.case_no
                ),
                serenity::CreateAllowedMentions::new().roles([serenity::RoleId::new(role)]),
            ),
            None => (
                format!(
                    "Case #{}'s voting window ended with no votes. Please review it.",
                    facts.case.case_no
                ),
                serenity::CreateAllowedMentions::new(),
            ),
        };
        self.pace(channel.get()).await;
        channel
            .send_message(
                &self.http,
                serenity::CreateMessage::new()
                    .content(content)
                    .allowed_mentions(mentions),
            )
            .await?;
        Ok(())
    }

    /// Wait until this channel may take another message.
    async fn pace(&mut self, channel: u64) {
        if let Some(last) = self.last_send.get(&channel) {
            tokio::time::sleep_until(*last + CHANNEL_SPACING).await;
        }
        self.last_send.insert(channel, Instant::now());
    }
}

/// 1 s, 2 s, 4 s … up to 5 minutes: retried forever, never dropped.
fn backoff(attempts: u32) -> Duration {
    Duration::from_secs(1u64 << attempts.min(8)).min(Duration::from_secs(300))
}

fn discord_code(e: &serenity::Error) -> Option<isize> {
    match e {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response)) => Some(response.error.code),
        _ => None,
    }
}
