//! Real `flagwatch run` processes against the simulator over loopback: the harness of the
//! several-process tests (PostgreSQL, several processes) and of the TAXII test (one
//! process on a SQLite file). Cases are reported and decided through Discord, as members
//! and moderators do.

use std::process::Stdio;
use std::time::Duration;

use crate::common::empty_postgres;
use chrono::{TimeDelta, Utc};
use flagwatch::simulator::{
    permissions, ChannelRef, GuildRef, InteractionRef, Opt, RoleRef, SimConfig, Simulator, UserRef,
};
use flagwatch::store::Store;
use tokio::process::{Child, Command};

pub const PATIENCE: Duration = Duration::from_secs(60);
/// The outbox lease the processes run with: a killed sender is replaced this fast.
const LEASE_SECS: &str = "2";

/// A loopback address nothing listens on (yet).
pub fn free_addr() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    format!("127.0.0.1:{port}")
}

/// One simulated server with the people a scripted load needs.
pub struct Server {
    pub guild: GuildRef,
    pub general: ChannelRef,
    pub review: ChannelRef,
    pub coordination: ChannelRef,
    pub admin: UserRef,
    pub moderator_role: RoleRef,
    pub moderators: Vec<UserRef>,
    pub members: Vec<UserRef>,
}

impl Server {
    fn add(sim: &Simulator, name: &str, shard: u32, shards: u32) -> Server {
        let guild = sim.add_guild_on_shard(name, shard, shards).unwrap();
        let long_ago = Utc::now() - TimeDelta::days(400);
        let moderator_role = sim.add_role(guild, "Moderators", 0);
        let admin_role = sim.add_role(guild, "Admins", permissions::MANAGE_GUILD);
        Server {
            general: sim.add_channel(guild, "general"),
            review: sim.add_channel(guild, "review"),
            coordination: sim.add_channel(guild, "coordination"),
            admin: sim.add_member(guild, "admin", &[admin_role], long_ago),
            moderators: (0..3)
                .map(|i| sim.add_member(guild, &format!("mod{i}"), &[moderator_role], long_ago))
                .collect(),
            members: (0..4)
                .map(|i| sim.add_member(guild, &format!("member{i}"), &[], long_ago))
                .collect(),
            moderator_role,
            guild,
        }
    }

    /// `/setup set` with a quorum of one, so that one vote decides.
    fn setup(&self, sim: &Simulator) -> InteractionRef {
        let options = vec![
            Opt::channel("review_channel", self.review),
            Opt::channel("coordination_channel", self.coordination),
            Opt::role("moderator_role", self.moderator_role),
            Opt::integer("quorum", 1),
        ];
        sim.slash(self.general, self.admin, "setup", vec![Opt::sub("set", options)])
            .unwrap()
    }
}

/// The simulator, its servers and the bot processes on one database.
pub struct Fleet {
    pub sim: Simulator,
    pub url: String,
    pub servers: Vec<Server>,
    /// Each process's `FLAGWATCH_SHARDS` and, while it runs, the process.
    processes: std::sync::Mutex<Vec<(String, Option<Child>)>>,
    /// Environment every process of this fleet gets.
    env: Vec<(String, String)>,
    /// Where the processes' standard error goes (appended), when kept.
    log: Option<std::path::PathBuf>,
    /// The directory of a SQLite database, removed with the fleet.
    _dir: Option<tempfile::TempDir>,
}

impl Fleet {
    /// Processes on a new PostgreSQL database (`None` when none is configured outside CI).
    /// `shards`: each process's `FLAGWATCH_SHARDS`; `count` shards in all, `per_shard`
    /// servers on each.
    pub async fn start(shards: &[&str], count: u32, per_shard: u32) -> Option<Fleet> {
        let url = empty_postgres().await?;
        Some(Fleet::launch(url, None, shards, count, per_shard, &[], None).await)
    }

    /// One process (`FLAGWATCH_SHARDS=0/1`) on a new SQLite file, one server, and `env`.
    pub async fn start_sqlite(env: &[(&str, &str)]) -> Fleet {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("flagwatch.db").display());
        Fleet::launch(url, Some(dir), &["0/1"], 1, 1, env, None).await
    }

    /// As [`Fleet::start_sqlite`], the process's standard error appended to `log`.
    pub async fn start_sqlite_logged(env: &[(&str, &str)], log: &std::path::Path) -> Fleet {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("flagwatch.db").display());
        Fleet::launch(url, Some(dir), &["0/1"], 1, 1, env, Some(log.to_owned())).await
    }

    async fn launch(
        url: String,
        dir: Option<tempfile::TempDir>,
        shards: &[&str],
        count: u32,
        per_shard: u32,
        env: &[(&str, &str)],
        log: Option<std::path::PathBuf>,
    ) -> Fleet {
        let config = SimConfig {
            recommended_shards: count,
            ..SimConfig::default()
        };
        let sim = Simulator::start(config).await.unwrap();
        let servers = (0..count * per_shard)
            .map(|i| Server::add(&sim, &format!("server{i}"), i % count, count))
            .collect();
        let fleet = Fleet {
            sim,
            url,
            servers,
            processes: std::sync::Mutex::default(),
            env: env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
            log,
            _dir: dir,
        };
        for spec in shards {
            let child = fleet.spawn(spec);
            fleet.running().push((spec.to_string(), Some(child)));
        }
        fleet.sim.wait_for_shards(count, PATIENCE).await.unwrap();
        let registered = |sim: &Simulator| !sim.registered_commands(None).is_empty();
        fleet.sim.wait_for(registered, PATIENCE).await.unwrap();
        fleet.setup_all().await;
        fleet
    }

    pub fn spawn(&self, shards: &str) -> Child {
        self.spawn_with(shards, &[])
    }

    pub fn spawn_with(&self, shards: &str, env: &[(&str, &str)]) -> Child {
        let stderr = match &self.log {
            Some(path) => Stdio::from(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .unwrap(),
            ),
            None => Stdio::inherit(),
        };
        Command::new(env!("CARGO_BIN_EXE_flagwatch"))
            .arg("run")
            .env("RUST_LOG", "error")
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .envs(env.iter().copied())
            .env("DATABASE_URL", &self.url)
            .env("DISCORD_TOKEN", self.sim.token())
            .env("FLAGWATCH_API_BASE", self.sim.api_base())
            .env("FLAGWATCH_SHARDS", shards)
            .env("FLAGWATCH_OUTBOX_LEASE", LEASE_SECS)
            .env_remove("FLAGWATCH_DEV_GUILD")
            .stdout(Stdio::null())
            .stderr(stderr)
            .kill_on_drop(true)
            .spawn()
            .expect("the flagwatch binary starts")
    }

    /// A command-line `flagwatch` run on the fleet's database: its standard output, after
    /// asserting it succeeded.
    pub fn cli(&self, args: &[&str]) -> String {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_flagwatch"))
            .args(args)
            .env("DATABASE_URL", &self.url)
            .output()
            .unwrap();
        assert!(out.status.success(), "flagwatch {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    }

    async fn setup_all(&self) {
        let store = self.store().await;
        for server in &self.servers {
            let setup = server.setup(&self.sim);
            let reply = self.sim.wait_reply(&setup, PATIENCE).await.unwrap();
            assert!(reply.ephemeral, "{reply:?}");
            let settings = store
                .guild_settings(server.guild.0, flagwatch::cli::now())
                .await
                .unwrap();
            assert!(settings.missing().is_empty(), "server set up: {:?}", reply.text());
        }
    }

    pub async fn store(&self) -> Store {
        Store::connect(&self.url).await.unwrap()
    }

    pub fn running(&self) -> std::sync::MutexGuard<'_, Vec<(String, Option<Child>)>> {
        self.processes.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A moderator presses `choice` (`report_now`, `hand_off`, `dismiss`) on the card of
    /// case `case_no`, once the card is posted; the press, to wait for its answer (`None`
    /// when the card was gone again by the time it was looked for).
    pub async fn press_vote(&self, server: &Server, case_no: i64, choice: &str) -> Option<InteractionRef> {
        let card = format!("vote:{case_no}:report_now");
        let found = |sim: &Simulator| {
            sim.messages(server.review)
                .into_iter()
                .find(|m| !m.deleted && m.custom_ids().contains(&card))
        };
        self.sim.wait_for(|sim| found(sim).is_some(), PATIENCE).await.unwrap();
        let message = found(&self.sim)?;
        let id = format!("vote:{case_no}:{choice}");
        Some(
            self.sim
                .press(server.review, server.moderators[0], message.id, &id)
                .unwrap(),
        )
    }

    /// Kill process `i` as a crash would (SIGKILL: nothing is finished or given up).
    pub async fn kill(&self, i: usize) {
        let child = self.running()[i].1.take();
        if let Some(mut child) = child {
            child.kill().await.unwrap();
        }
    }

    pub fn restart(&self, i: usize) {
        let spec = self.running()[i].0.clone();
        let child = self.spawn(&spec);
        self.running()[i].1 = Some(child);
    }

    /// Wait until nothing is claimed and nothing is left to send but count-only edits of
    /// calls to action (which wait a minute between them): the board's next edit, 10 s
    /// after its last, included.
    pub async fn settle(&self) {
        let store = self.store().await;
        let deadline = tokio::time::Instant::now() + PATIENCE;
        let horizon = || flagwatch::cli::now().plus(Duration::from_secs(11));
        while store.outbox_due(horizon()).await.unwrap() > 0 {
            assert!(tokio::time::Instant::now() < deadline, "the outbox did not drain");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Stop every process as on SIGTERM and wait for it to finish its work in hand.
    pub async fn stop(self) {
        let children: Vec<Child> = self.running().iter_mut().filter_map(|p| p.1.take()).collect();
        for mut child in children {
            if let Some(pid) = child.id() {
                let _ = std::process::Command::new("kill").arg(pid.to_string()).status();
            }
            let _ = tokio::time::timeout(PATIENCE, child.wait()).await;
        }
    }
}
