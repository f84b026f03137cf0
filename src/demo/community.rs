//! A simulated community around the real bot: a Discord simulator with a server,
//! channels, roles and members, and the bot connected to it over loopback. Used by
//! `flagwatch demo` and by the end-to-end tests.

use std::time::Duration;

use anyhow::Context as _;
use chrono::{TimeDelta, Utc};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::app;
use crate::clock::Clock;
use crate::config::DEFAULT_OUTBOX_LEASE;
use crate::discord::Connection;
use crate::simulator::{
    permissions, ChannelRef, GuildRef, Opt, OverwriteTarget, Reply, RoleRef, SimConfig, SimMessage, Simulator, UserRef,
};
use crate::store::Store;

/// How long a test or the demo waits for anything before calling it a failure.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// The bot, running in this process against the simulator.
pub struct Bot {
    stop: watch::Sender<bool>,
    task: JoinHandle<anyhow::Result<()>>,
}

impl Bot {
    pub fn start(store: Store, sim: &Simulator, clock: Clock, dev_guild: GuildRef) -> Bot {
        let connection = Connection {
            token: sim.token().into(),
            api_base: Some(sim.api_base().to_owned()),
            dev_guild: Some(dev_guild.0),
            shards: None,
        };
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(app::run(
            store,
            connection,
            clock,
            DEFAULT_OUTBOX_LEASE,
            app::Listeners::default(),
            stopped,
        ));
        Bot { stop, task }
    }

    /// Shut down as on SIGTERM: finish the work in hand, then return.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(true);
        self.task.await.context("the bot task panicked")?
    }
}

/// The people and places of the simulated server.
pub struct Community {
    pub sim: Simulator,
    pub store: Store,
    pub clock: Clock,
    pub guild: GuildRef,
    pub general: ChannelRef,
    pub review: ChannelRef,
    pub coordination: ChannelRef,
    pub moderator_role: RoleRef,
    pub liaison_role: RoleRef,
    pub admin: UserRef,
    pub moderators: Vec<UserRef>,
    pub liaison: UserRef,
    /// Volunteers who joined long ago.
    pub members: Vec<UserRef>,
    /// A volunteer who joined an hour ago.
    pub newcomer: UserRef,
    bot: Option<Bot>,
}

const MEMBER_NAMES: [&str; 6] = ["alice", "bob", "carol", "dave", "erin", "frank"];

impl Community {
    /// Start the simulator, build the server and connect the bot.
    pub async fn start(store: Store, clock: Clock, config: SimConfig) -> anyhow::Result<Community> {
        let sim = Simulator::start(config).await?;
        let guild = sim.add_guild("Volunteers against extremism");
        let long_ago = Utc::now() - TimeDelta::days(400);
        let moderator_role = sim.add_role(guild, "Moderators", 0);
        let liaison_role = sim.add_role(guild, "Liaisons", 0);
        let admin_role = sim.add_role(guild, "Admins", permissions::MANAGE_GUILD);
        let mut community = Community {
            general: sim.add_channel(guild, "general"),
            review: sim.add_channel(guild, "review"),
            coordination: sim.add_channel(guild, "coordination"),
            admin: sim.add_member(guild, "admin", &[admin_role], long_ago),
            moderators: ["mod-maria", "mod-omar", "mod-yuki"]
                .map(|n| sim.add_member(guild, n, &[moderator_role], long_ago))
                .to_vec(),
            liaison: sim.add_member(guild, "liaison-lee", &[liaison_role], long_ago),
            members: MEMBER_NAMES.map(|n| sim.add_member(guild, n, &[], long_ago)).to_vec(),
            newcomer: sim.add_member(guild, "newcomer", &[], Utc::now() - TimeDelta::hours(1)),
            sim,
            store,
            clock,
            guild,
            moderator_role,
            liaison_role,
            bot: None,
        };
        community.hide_review_channel();
        community.start_bot().await?;
        Ok(community)
    }

    /// As a careful admin sets it up: the review channel hidden from @everyone and shown
    /// to the moderators and the bot.
    fn hide_review_channel(&self) {
        let view = permissions::VIEW_CHANNEL;
        let review = self.review;
        self.sim.set_overwrite(review, OverwriteTarget::Everyone, 0, view);
        self.sim
            .set_overwrite(review, OverwriteTarget::Role(self.moderator_role), view, 0);
        self.sim
            .set_overwrite(review, OverwriteTarget::Member(self.sim.bot_user()), view, 0);
    }

    async fn start_bot(&mut self) -> anyhow::Result<()> {
        self.bot = Some(Bot::start(
            self.store.clone(),
            &self.sim,
            self.clock.clone(),
            self.guild,
        ));
        self.sim.wait_for_bot_ready(PATIENCE).await?;
        let registered = |sim: &Simulator| !sim.registered_commands(Some(self.guild)).is_empty();
        self.sim.wait_for(registered, PATIENCE).await?;
        Ok(())
    }

    /// Stop the bot as on SIGTERM and start a fresh process's worth of it on the same database.
    pub async fn restart_bot(&mut self) -> anyhow::Result<()> {
        self.stop_bot().await?;
        self.start_bot().await
    }

    pub async fn stop_bot(&mut self) -> anyhow::Result<()> {
        if let Some(bot) = self.bot.take() {
            bot.stop().await?;
        }
        Ok(())
    }

    /// A member uses a slash command in #general; returns what they were shown.
    pub async fn command(&self, who: UserRef, name: &str, options: Vec<Opt>) -> anyhow::Result<Reply> {
        let interaction = self.sim.slash(self.general, who, name, options)?;
        Ok(self.sim.wait_reply(&interaction, PATIENCE).await?)
    }

    /// The admin configures the server with its channels and roles (and any extra options).
    pub async fn setup(&self, extra: Vec<Opt>) -> anyhow::Result<Reply> {
        let mut options = vec![
            Opt::channel("review_channel", self.review),
            Opt::channel("coordination_channel", self.coordination),
            Opt::role("moderator_role", self.moderator_role),
            Opt::role("liaison_role", self.liaison_role),
        ];
        options.extend(extra);
        self.command(self.admin, "setup", vec![Opt::sub("set", options)]).await
    }

    /// `/report` with an account and a reason, plus any other options.
    pub async fn report(&self, who: UserRef, account: &str, reason: &str, extra: Vec<Opt>) -> anyhow::Result<Reply> {
        let mut options = vec![Opt::string("account", account), Opt::string("reason", reason)];
        options.extend(extra);
        self.command(who, "report", options).await
    }

    /// `/case alias add`: give case `case_no` the key that `link` names.
    pub async fn add_alias(&self, who: UserRef, case_no: i64, link: &str) -> anyhow::Result<Reply> {
        let options = vec![Opt::integer("case", case_no), Opt::string("link", link)];
        let alias = Opt::group("alias", vec![Opt::sub("add", options)]);
        self.command(who, "case", vec![alias]).await
    }

    /// A member presses a button on a message; returns what they were shown.
    pub async fn press(&self, who: UserRef, message: &SimMessage, custom_id: &str) -> anyhow::Result<Reply> {
        let interaction = self
            .sim
            .press(ChannelRef(message.channel_id), who, message.id, custom_id)?;
        Ok(self.sim.wait_reply(&interaction, PATIENCE).await?)
    }

    /// Wait for the message in `channel` that carries a button with this custom id.
    pub async fn message_with_button(&self, channel: ChannelRef, custom_id: &str) -> anyhow::Result<SimMessage> {
        let find = |sim: &Simulator| {
            sim.messages(channel)
                .into_iter()
                .rev()
                .find(|m| !m.deleted && m.custom_ids().iter().any(|id| id == custom_id))
        };
        self.sim.wait_for(|sim| find(sim).is_some(), PATIENCE).await?;
        find(&self.sim).context("the message vanished")
    }

    /// The review card of a case, once posted.
    pub async fn card(&self, case_no: i64) -> anyhow::Result<SimMessage> {
        self.message_with_button(self.review, &format!("vote:{case_no}:report_now"))
            .await
    }

    /// A moderator votes on a case with its card's button.
    pub async fn vote(&self, moderator: UserRef, case_no: i64, choice: &str) -> anyhow::Result<Reply> {
        let card = self.card(case_no).await?;
        self.press(moderator, &card, &format!("vote:{case_no}:{choice}")).await
    }

    /// Wait until every message the bot owes Discord right now has been sent.
    pub async fn settle(&self) -> anyhow::Result<()> {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            if self.store.outbox_due(self.clock.now()).await? == 0 {
                return Ok(());
            }
            anyhow::ensure!(
                tokio::time::Instant::now() < deadline,
                "the outbox did not drain within {PATIENCE:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn shutdown(mut self) -> anyhow::Result<()> {
        self.stop_bot().await
    }
}
