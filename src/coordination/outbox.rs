//! The outbox worker: the only sender of bot-initiated messages. It renders each item
//! from the database when it sends (so bursts coalesce), paces posts per channel under
//! Discord's limits, and retries what fails (including 429s) later, from the database,
//! so nothing is lost across restarts and nothing is sent in a burst.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use poise::serenity_prelude as serenity;
use tokio::sync::{watch, Notify};
use tokio::time::Instant;
use tracing::Instrument as _;

use super::rest::{Fired, Rest};
use crate::charts::{self, Chart};
use crate::clock::Clock;
use crate::discord::render::notices::{self, Post};
use crate::discord::render::{self, answers};
use crate::domain::time::{Millis, Weekday};
use crate::metrics::{Metrics, SendResult};
use crate::store::{
    Backend, CardLocation, GuildSettings, LeaseGrant, OutboxItem, OutboxKind, Refusal, Store, FAILURE_ALERT_INTERVAL_MS,
};

/// Discord allows about 5 messages per 5 s per channel; stay just under.
const CHANNEL_BURST: usize = 5;
const CHANNEL_WINDOW: Duration = Duration::from_millis(5_250);
/// Look for due items at least this often.
const MAX_SLEEP: Duration = Duration::from_secs(30);
/// On a database shared by several processes, look for items they queued this often.
const POLL_SHARED: Duration = Duration::from_millis(250);
/// 429s waited out for one request before it counts as failed.
const MAX_WAITS: u32 = 3;
/// Unknown Message: someone deleted it.
const UNKNOWN_MESSAGE: isize = 10_008;
/// Discord refuses further edits to a message older than an hour.
const EDIT_LIMIT_REACHED: isize = 30_046;

/// Drains the outbox until `stop` turns true (finishing the item in hand), while this
/// process holds the outbox lease: of several bot processes on one database, one sends
/// at a time, so per-channel pacing holds for all of them together. The others wait and
/// take over when the lease expires (a crash) or is given up (a clean stop).
pub struct OutboxWorker {
    store: Store,
    rest: Rest,
    clock: Clock,
    changed: Arc<Notify>,
    /// When the last requests to each channel were sent (at most `CHANNEL_BURST`).
    recent: HashMap<u64, VecDeque<Instant>>,
    /// This process's name on the lease and on its claims.
    owner: String,
    lease: Duration,
    /// When this process last took or renewed the lease, while it holds it.
    renewed: Option<Instant>,
    /// After taking over from a process that may have sent until just now, nothing is
    /// sent before this: its last burst and ours must not add up in one channel.
    quiet_until: Option<Instant>,
    /// The nonce of the item in hand: a post repeated for it (its first try reached
    /// Discord, then the process died or the reply was lost) returns the first message.
    nonce: String,
    metrics: Metrics,
}

/// Refusals of an edit (30046) before a card or call to action is replaced: deleted,
/// then posted again. Until then the edit is retried with back-off.
const REPLACE_AFTER_REFUSALS: u32 = 6;

/// What to do when Discord refuses further edits of a message (30046).
#[derive(Debug, Clone, Copy)]
enum OnEditLimit {
    /// Post a fresh copy beside the old one (the board, whose old copy is unpinned).
    PostAfresh,
    /// Retry the edit later and, after [`REPLACE_AFTER_REFUSALS`], delete the old copy
    /// before posting a new one: a card or call to action never has two copies up.
    RetryThenReplace { attempts: u32 },
}

/// Where a message kept in place ended up.
enum Placed {
    Edited,
    /// Posted anew: the first time, after a deletion, or when Discord refused the edit.
    Posted {
        at: CardLocation,
        replaced: Option<CardLocation>,
    },
}

impl OutboxWorker {
    /// `lease`: how long this process's hold on the outbox outlives its last renewal.
    pub fn new(
        store: Store,
        http: Arc<serenity::Http>,
        clock: Clock,
        lease: Duration,
        metrics: Metrics,
    ) -> OutboxWorker {
        OutboxWorker {
            metrics,
            changed: store.outbox_wakeup(),
            store,
            rest: Rest::new(http),
            clock,
            recent: HashMap::new(),
            owner: uuid::Uuid::new_v4().simple().to_string(),
            lease,
            renewed: None,
            quiet_until: None,
            nonce: String::new(),
        }
    }

    pub async fn run(mut self, mut stop: watch::Receiver<bool>) {
        // Other processes' changes wake nobody here: on PostgreSQL, look for them often.
        let poll = match self.store.backend() {
            Backend::Postgres => POLL_SHARED,
            Backend::Sqlite => MAX_SLEEP,
        };
        while !*stop.borrow() {
            let leading = self.lead().await;
            if leading {
                match self.store.claim_outbox(self.clock.now(), &self.owner).await {
                    Ok(Some(item)) => {
                        self.deliver(item).await;
                        continue;
                    }
                    Ok(None) => {}
                    Err(e) => tracing::error!("outbox: {e}"),
                }
            }
            let due = match self.store.next_outbox_due().await {
                Ok(Some(at)) if leading => self.clock.until(at),
                _ => MAX_SLEEP,
            };
            let wait = due.min(poll).min(self.lease / 3);
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = self.changed.notified() => {}
                _ = self.clock.moved() => {}
                _ = stop.wait_for(|&stopped| stopped) => {}
            }
        }
        if self.renewed.is_some() {
            if let Err(e) = self.store.release_outbox_lease(&self.owner).await {
                tracing::warn!("could not give up the outbox lease: {e}");
            }
        }
    }

    /// Whether this process holds the outbox lease, taking or renewing it as needed (a
    /// third of the way into it). On taking it, the claims of the previous holder are
    /// released: it stopped mid-send.
    async fn lead(&mut self) -> bool {
        if self.renewed.is_some_and(|at| at.elapsed() < self.lease / 3) {
            return true;
        }
        let now = wall_clock();
        let until = now.plus(self.lease);
        let grant = match self.store.hold_outbox_lease(&self.owner, now, until).await {
            Ok(grant) => grant,
            Err(e) => {
                tracing::error!("outbox lease: {e}");
                LeaseGrant::Refused
            }
        };
        let held = grant != LeaseGrant::Refused;
        if grant == LeaseGrant::TakenOver {
            self.quiet_until = Some(Instant::now() + CHANNEL_WINDOW);
        }
        if held && self.renewed.is_none() {
            tracing::info!(owner = %self.owner, "this process now sends the outbox");
            if let Err(e) = self.store.recover_outbox(&self.owner).await {
                tracing::error!("outbox recovery failed: {e}");
                return false;
            }
        }
        if !held && self.renewed.is_some() {
            tracing::warn!(owner = %self.owner, "another process took over the outbox");
        }
        self.renewed = held.then(Instant::now);
        held
    }

    /// Send one item, every log line about it inside a span naming its server, case,
    /// item id and kind.
    async fn deliver(&mut self, item: OutboxItem) {
        let span = tracing::info_span!(
            "outbox_item",
            guild = item.guild_id,
            case = item.case_no,
            item = item.id,
            kind = item.kind.as_str(),
        );
        self.deliver_item(item).instrument(span).await;
    }

    async fn deliver_item(&mut self, item: OutboxItem) {
        self.nonce = format!("flagwatch-{}", item.id);
        let result = self.send(&item).await;
        // Read the time only once the requests are made: pacing may have held them for
        // seconds, and a target's interval runs from when it was last actually sent to.
        let now = self.clock.now();
        let next_at = item.kind.min_interval_ms().map(|ms| Millis(now.0.saturating_add(ms)));
        let stored = match result {
            Ok(()) => {
                tracing::info!("outbox item sent");
                self.metrics.outbox_send(item.kind.as_str(), SendResult::Sent);
                self.store.complete_outbox(&item, next_at).await
            }
            Err(e) => match refusal_of(&e) {
                Some((status, code)) => {
                    self.metrics.outbox_send(item.kind.as_str(), SendResult::Parked);
                    tracing::error!(status, code, "Discord refused an outbox item for good; parked: {e:#}");
                    let error = format!("{e:#}");
                    let refusal = Refusal {
                        status,
                        code,
                        error: &error,
                    };
                    self.store.park_outbox(&item, refusal, now).await
                }
                None => {
                    self.metrics.outbox_send(item.kind.as_str(), SendResult::Retried);
                    let delay = backoff(item.attempts);
                    tracing::warn!(
                        attempts = item.attempts,
                        "outbox send failed, retrying in {delay:?}: {e:#}"
                    );
                    self.store
                        .retry_outbox(&item, now.plus(delay), next_at, &format!("{e:#}"))
                        .await
                }
            },
        };
        if let Err(e) = stored {
            tracing::error!("outbox bookkeeping failed: {e}");
        }
    }

    async fn send(&mut self, item: &OutboxItem) -> anyhow::Result<()> {
        let settings = self.store.guild_settings(item.guild_id, self.clock.now()).await?;
        match item.kind {
            OutboxKind::Card => self.send_card(item, &settings).await,
            OutboxKind::OverduePing => self.send_overdue_ping(item.case_id()?, &settings).await,
            OutboxKind::Notice | OutboxKind::NoticeCount => self.send_notice(item, &settings).await,
            OutboxKind::Board => self.send_board(&settings).await,
            OutboxKind::QueueSummary => self.send_queue_summary(&settings).await,
            OutboxKind::Digest => self.send_digest(item, &settings).await,
            OutboxKind::ModeratorDigest => self.send_moderator_digest(&settings).await,
            OutboxKind::FailureAlert => self.send_failure_alert(item, &settings).await,
        }
    }

    async fn send_card(&mut self, item: &OutboxItem, settings: &GuildSettings) -> anyhow::Result<()> {
        let case_id = item.case_id()?;
        let facts = self.store.card_facts(case_id).await?;
        let post = Post {
            embed: Some(render::card_embed(&facts, settings.language)),
            components: render::card_buttons(&facts.case, settings.language),
            ..Post::default()
        };
        let existing = self.store.card_location(case_id).await?;
        let on_limit = OnEditLimit::RetryThenReplace {
            attempts: item.attempts,
        };
        if let Placed::Posted { at, .. } = self.place(existing, review_channel(settings)?, post, on_limit).await? {
            self.store.record_card(case_id, at, self.clock.now()).await?;
        }
        Ok(())
    }

    /// The one message that may mention anyone: the moderator role, once per overdue round.
    async fn send_overdue_ping(&mut self, case_id: i64, settings: &GuildSettings) -> anyhow::Result<()> {
        let facts = self.store.card_facts(case_id).await?;
        if !facts.case.lifecycle.awaits_overdue_ping() {
            // Decided, merged or re-opened since the round ended: nothing to ask for.
            tracing::debug!(case = facts.case.case_no, "overdue ping no longer needed");
            return Ok(());
        }
        let channel = review_channel(settings)?;
        let content = answers::overdue_ping(facts.case.case_no, settings.moderator_role, settings.language);
        let mentions = match settings.moderator_role {
            Some(role) => serenity::CreateAllowedMentions::new().roles([serenity::RoleId::new(role)]),
            None => serenity::CreateAllowedMentions::new(),
        };
        let message = serenity::CreateMessage::new()
            .content(content)
            .allowed_mentions(mentions);
        self.post_message(channel, message, None).await?;
        Ok(())
    }

    /// The case's public message follows its decision: posted or edited while it is a
    /// call to action (or an opted-in hold notice), deleted as soon as it is not.
    async fn send_notice(&mut self, item: &OutboxItem, settings: &GuildSettings) -> anyhow::Result<()> {
        let case_id = item.case_id()?;
        let facts = self.store.notice_facts(case_id).await?;
        let existing = self.store.notice_location(case_id).await?;
        match (
            existing,
            notices::notice(&facts, settings.announce_holds, settings.language),
        ) {
            (None, None) => {}
            (Some(at), None) => {
                self.delete(at).await?;
                self.store.forget_notice(case_id).await?;
            }
            (existing, Some(post)) => {
                let on_limit = OnEditLimit::RetryThenReplace {
                    attempts: item.attempts,
                };
                let channel = coordination_channel(settings)?;
                if let Placed::Posted { at, .. } = self.place(existing, channel, post, on_limit).await? {
                    self.store.record_notice(case_id, at, self.clock.now()).await?;
                }
            }
        }
        Ok(())
    }

    async fn send_board(&mut self, settings: &GuildSettings) -> anyhow::Result<()> {
        let now = self.clock.now();
        let facts = self.store.board_facts(settings.guild_id, now).await?;
        let existing = self.store.board_location(settings.guild_id).await?;
        let channel = coordination_channel(settings)?;
        let placed = self
            .place(
                existing,
                channel,
                notices::board(&facts, now, settings.language),
                OnEditLimit::PostAfresh,
            )
            .await?;
        if let Placed::Posted { at, replaced } = placed {
            // Recorded before pinning: a pin that fails (missing permission, 50 pins)
            // must not make every retry post yet another board.
            self.store.record_board(settings.guild_id, at, now).await?;
            if let Err(e) = self.pin(at, true).await {
                tracing::warn!(guild = settings.guild_id, "could not pin the new board: {e:#}");
            }
            if let Some(old) = replaced {
                // The old board may be gone already; unpinning it is best effort.
                if let Err(e) = self.pin(old, false).await {
                    tracing::info!(guild = settings.guild_id, "could not unpin the old board: {e:#}");
                }
            }
        }
        Ok(())
    }

    async fn send_queue_summary(&mut self, settings: &GuildSettings) -> anyhow::Result<()> {
        let waiting = self.store.queue_len(settings.guild_id).await?;
        let existing = self.store.queue_summary_location(settings.guild_id).await?;
        if existing.is_none() && waiting == 0 {
            return Ok(());
        }
        let summary = notices::queue_summary(waiting, settings.language);
        if let Placed::Posted { at, .. } = self
            .place(existing, review_channel(settings)?, summary, OnEditLimit::PostAfresh)
            .await?
        {
            self.store.record_queue_summary(settings.guild_id, at).await?;
        }
        Ok(())
    }

    /// The daily digest; on the server's weekly day it carries the 30-day chart as a PNG,
    /// drawn from the public read model when it is sent (so a retry sends the same).
    async fn send_digest(&mut self, item: &OutboxItem, settings: &GuildSettings) -> anyhow::Result<()> {
        let now = self.clock.now();
        let facts = self.store.digest_facts(settings.guild_id, now).await?;
        let channel = coordination_channel(settings)?;
        let mut post = notices::digest(&facts, settings.language);
        let weekly = item
            .target
            .is_some_and(|day| Weekday::of_day(day) == settings.digest_weekday);
        if !weekly {
            self.post(channel, post).await?;
            return Ok(());
        }
        let days = self.store.public_days(settings.guild_id, now).await?;
        let png = charts::png(Chart::Activity, &days)?;
        post.content = format!("{}\n{}", post.content, notices::digest_chart(settings.language));
        let chart = serenity::CreateAttachment::bytes(png, "flagwatch-last-30-days.png");
        self.post_message(channel, create_message(post), Some(chart)).await?;
        Ok(())
    }

    /// The moderators' daily lines in the review channel: what comes up for review, and the
    /// audit chain's head, so that a later truncation can be told by comparing.
    async fn send_moderator_digest(&mut self, settings: &GuildSettings) -> anyhow::Result<()> {
        let facts = self.store.digest_facts(settings.guild_id, self.clock.now()).await?;
        let head = self
            .store
            .audit_heads(Some(settings.guild_id))
            .await?
            .into_iter()
            .next();
        let post = Post {
            content: answers::moderator_digest(
                facts.holds_expiring_soon,
                head.map(|(_, h)| h).as_ref(),
                settings.language,
            ),
            ..Post::default()
        };
        self.post(review_channel(settings)?, post).await?;
        Ok(())
    }

    /// Tell the moderators once (per cause, per hour) what Discord refuses to take.
    async fn send_failure_alert(&mut self, item: &OutboxItem, settings: &GuildSettings) -> anyhow::Result<()> {
        let code = item.target.unwrap_or(0);
        let since = Millis(self.clock.now().0 - FAILURE_ALERT_INTERVAL_MS);
        let (count, latest) = self.store.failures_since(settings.guild_id, code, since).await?;
        let Some(latest) = latest else { return Ok(()) };
        let post = Post {
            content: answers::delivery_refused(count, &latest, code, settings.language),
            ..Post::default()
        };
        self.post(review_channel(settings)?, post).await?;
        Ok(())
    }

    /// Keep one message in place: edit it, or post it anew when there is none yet, when it
    /// was deleted, or when Discord refuses more edits (30046, see [`OnEditLimit`]).
    async fn place(
        &mut self,
        existing: Option<CardLocation>,
        channel: u64,
        post: Post,
        on_limit: OnEditLimit,
    ) -> anyhow::Result<Placed> {
        if let Some(at) = existing {
            self.pace(at.channel_id).await?;
            let edit = serenity::Request::new(message_route(at), serenity::LightMethod::Patch)
                .body(Some(serde_json::to_vec(&edit_message(&post))?));
            let edited = self.fire(edit).await;
            match edited.map_err(|e| (discord_code(&e), e)) {
                Ok(_) => return Ok(Placed::Edited),
                Err((Some(UNKNOWN_MESSAGE), _)) => {
                    tracing::info!(message = at.message_id, "message was deleted; posting it anew");
                }
                Err((Some(EDIT_LIMIT_REACHED), e)) => match on_limit {
                    OnEditLimit::PostAfresh => {
                        tracing::info!(message = at.message_id, "edits refused ({e}); posting afresh");
                    }
                    OnEditLimit::RetryThenReplace { attempts } if attempts + 1 < REPLACE_AFTER_REFUSALS => {
                        return Err(e.context("Discord refuses more edits for now; retrying later"));
                    }
                    OnEditLimit::RetryThenReplace { .. } => {
                        tracing::info!(message = at.message_id, "edits still refused; replacing the message");
                        self.delete(at).await?;
                    }
                },
                Err((_, e)) => return Err(e),
            }
        }
        let at = self.post(channel, post).await?;
        Ok(Placed::Posted { at, replaced: existing })
    }

    /// Delete a message; one that is already gone counts as deleted.
    async fn delete(&mut self, at: CardLocation) -> anyhow::Result<()> {
        self.pace(at.channel_id).await?;
        let delete = serenity::Request::new(message_route(at), serenity::LightMethod::Delete);
        match self.fire(delete).await {
            Err(e) if discord_code(&e) != Some(UNKNOWN_MESSAGE) => Err(e),
            _ => Ok(()),
        }
    }

    async fn post(&mut self, channel: u64, post: Post) -> anyhow::Result<CardLocation> {
        self.post_message(channel, create_message(post), None).await
    }

    /// Post `message` (with `file` attached, if any) with the nonce of the item in hand:
    /// Discord answers a repeat of it (in the channel, within minutes) with the first
    /// message instead of a second one.
    async fn post_message(
        &mut self,
        channel: u64,
        message: serenity::CreateMessage,
        file: Option<serenity::CreateAttachment>,
    ) -> anyhow::Result<CardLocation> {
        self.pace(channel).await?;
        let message = message
            .nonce(serenity::Nonce::String(self.nonce.clone()))
            .enforce_nonce(true);
        let route = serenity::Route::ChannelMessages {
            channel_id: serenity::ChannelId::new(channel),
        };
        let request = serenity::Request::new(route, serenity::LightMethod::Post);
        let request = match file {
            None => request.body(Some(serde_json::to_vec(&message)?)),
            Some(file) => request.multipart(Some(with_file(&message, file)?)),
        };
        let posted: serde_json::Value = self.fire(request).await?.json().await?;
        let message_id = posted["id"]
            .as_str()
            .and_then(|id| id.parse().ok())
            .context("Discord's answer to a post carries no message id")?;
        Ok(CardLocation {
            channel_id: channel,
            message_id,
        })
    }

    async fn pin(&mut self, at: CardLocation, pin: bool) -> anyhow::Result<()> {
        self.pace(at.channel_id).await?;
        let route = serenity::Route::ChannelPin {
            channel_id: serenity::ChannelId::new(at.channel_id),
            message_id: serenity::MessageId::new(at.message_id),
        };
        let method = if pin {
            serenity::LightMethod::Put
        } else {
            serenity::LightMethod::Delete
        };
        self.fire(serenity::Request::new(route, method)).await?;
        Ok(())
    }

    /// Send one request; a 429 is waited out as Discord asks (the lease kept meanwhile)
    /// and the request sent again, up to [`MAX_WAITS`] times before it counts as failed
    /// (and the item is retried later).
    async fn fire(&mut self, request: serenity::Request<'_>) -> anyhow::Result<reqwest::Response> {
        for _ in 0..MAX_WAITS {
            match self.rest.fire(request.clone()).await? {
                Fired::Done(response) => return Ok(response),
                Fired::Limited { retry_after, global } => {
                    self.metrics.rate_limited();
                    tracing::warn!(?retry_after, global, "Discord asked the bot to wait");
                    self.sleep_leased(Instant::now() + retry_after).await?;
                }
            }
        }
        anyhow::bail!("Discord still rate-limits this after {MAX_WAITS} waits")
    }

    /// Wait until this channel may take another request: at most `CHANNEL_BURST` in any
    /// `CHANNEL_WINDOW`. The lease is kept while waiting, and a sender that lost it stops
    /// here: the process that took over sends instead.
    async fn pace(&mut self, channel: u64) -> anyhow::Result<()> {
        let sent = self.recent.entry(channel).or_default();
        let full = (sent.len() >= CHANNEL_BURST).then(|| sent.pop_front()).flatten();
        let until = [full.map(|oldest| oldest + CHANNEL_WINDOW), self.quiet_until]
            .into_iter()
            .flatten()
            .max();
        if let Some(until) = until {
            self.sleep_leased(until).await?;
        }
        self.keep_lease().await?;
        self.recent.entry(channel).or_default().push_back(Instant::now());
        Ok(())
    }

    /// Sleep until `until`, renewing the lease on the way.
    async fn sleep_leased(&mut self, until: Instant) -> anyhow::Result<()> {
        while until > Instant::now() {
            tokio::time::sleep_until(until.min(Instant::now() + self.lease / 3)).await;
            self.keep_lease().await?;
        }
        Ok(())
    }

    async fn keep_lease(&mut self) -> anyhow::Result<()> {
        anyhow::ensure!(self.lead().await, "this process no longer holds the outbox lease");
        Ok(())
    }
}

fn message_route(at: CardLocation) -> serenity::Route<'static> {
    serenity::Route::ChannelMessage {
        channel_id: serenity::ChannelId::new(at.channel_id),
        message_id: serenity::MessageId::new(at.message_id),
    }
}

fn create_message(post: Post) -> serenity::CreateMessage {
    let mut message = serenity::CreateMessage::new()
        .content(post.content)
        .components(post.components)
        .allowed_mentions(serenity::CreateAllowedMentions::new());
    if let Some(embed) = post.embed {
        message = message.embed(embed);
    }
    if post.suppress_embeds {
        message = message.flags(serenity::MessageFlags::SUPPRESS_EMBEDS);
    }
    message
}

/// The upload form of `message` with `file`: Discord's `files[0]` part, which the
/// payload's `attachments` names by id.
fn with_file(
    message: &serenity::CreateMessage,
    file: serenity::CreateAttachment,
) -> anyhow::Result<serenity::Multipart> {
    let mut payload = serde_json::to_value(message)?;
    payload["attachments"] = serde_json::json!([{ "id": 0, "filename": file.filename }]);
    Ok(serenity::Multipart {
        upload: serenity::MultipartUpload::Attachments(vec![file]),
        fields: Vec::new(),
        payload_json: Some(payload.to_string()),
    })
}

fn edit_message(post: &Post) -> serenity::EditMessage {
    let mut edit = serenity::EditMessage::new()
        .content(post.content.clone())
        .components(post.components.clone())
        .allowed_mentions(serenity::CreateAllowedMentions::new());
    edit = match &post.embed {
        Some(embed) => edit.embed(embed.clone()),
        None => edit.embeds(Vec::new()),
    };
    if post.suppress_embeds {
        edit = edit.suppress_embeds(true);
    }
    edit
}

fn review_channel(settings: &GuildSettings) -> anyhow::Result<u64> {
    settings
        .review_channel
        .with_context(|| format!("server {} has no review channel yet", settings.guild_id))
}

fn coordination_channel(settings: &GuildSettings) -> anyhow::Result<u64> {
    settings
        .coordination_channel
        .with_context(|| format!("server {} has no coordination channel yet", settings.guild_id))
}

/// 1 s, 2 s, 4 s … up to 5 minutes: retried until it succeeds, never dropped.
fn backoff(attempts: u32) -> Duration {
    Duration::from_secs(1u64 << attempts.min(9)).min(Duration::from_secs(300))
}

/// Discord's HTTP status and error code when it refused a request for good: an invalid
/// body (400), missing permissions or access (403), an unknown channel (404). Anything
/// else (rate limits, server errors, the network) is worth retrying.
fn refusal_of(e: &anyhow::Error) -> Option<(u16, i64)> {
    let response = discord_error(e.downcast_ref::<serenity::Error>()?)?;
    let status = response.status_code.as_u16();
    matches!(status, 400 | 403 | 404).then(|| (status, i64::try_from(response.error.code).unwrap_or(0)))
}

/// Discord's answer when it refused a request (as opposed to a network or local error).
fn discord_error(e: &serenity::Error) -> Option<&serenity::ErrorResponse> {
    match e {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response)) => Some(response),
        _ => None,
    }
}

fn discord_code(e: &anyhow::Error) -> Option<isize> {
    discord_error(e.downcast_ref::<serenity::Error>()?).map(|response| response.error.code)
}

/// Leases run on the wall clock, shared by every process (kept in sync by NTP), never on
/// the demo's simulated clock.
fn wall_clock() -> Millis {
    Millis(chrono::Utc::now().timestamp_millis())
}
