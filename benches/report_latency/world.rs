//! What every configuration runs on: a fresh simulator with the same servers and members,
//! and the bot processes under test (the no-op bot, or `flagwatch run` on a fresh SQLite
//! file or a fresh PostgreSQL database).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{bail, ensure, Context as _};
use chrono::{TimeDelta, Utc};
use flagwatch::simulator::{permissions, ChannelRef, GuildRef, Opt, RoleRef, SimConfig, Simulator, UserRef};
use flagwatch::store::Store;
use sqlx::{AnyPool, Executor};
use tokio::process::{Child, Command};

use super::{cpu_limit, noop_bot};

/// Servers, spread over the shards in turn (server `i` on shard `i % SHARDS`).
pub const SERVERS: usize = 4;
/// Gateway shards in every configuration, so the one- and two-process runs see the same
/// world: one process runs both (autosharded, as `flagwatch run` does without
/// `FLAGWATCH_SHARDS`), or each of two processes runs one.
pub const SHARDS: u32 = 2;
/// Members per server. Reports take members in turn, so a burst of `SERVERS *
/// MEMBERS_PER_SERVER` has one report per member, and the whole run stays within
/// flagwatch's default intake limit (10 reports per member per 10 minutes).
pub const MEMBERS_PER_SERVER: usize = 250;
/// How long to wait for start-up, set-up and each answer.
const PATIENCE: Duration = Duration::from_secs(120);

/// One simulated server.
pub struct Server {
    guild: GuildRef,
    general: ChannelRef,
    review: ChannelRef,
    coordination: ChannelRef,
    admin: UserRef,
    moderator_role: RoleRef,
    members: Vec<UserRef>,
}

/// The simulator and its servers.
pub struct World {
    pub sim: Simulator,
    servers: Vec<Server>,
    /// Reports filed so far: the next reporter.
    filed: AtomicUsize,
}

impl World {
    pub async fn start() -> anyhow::Result<World> {
        let config = SimConfig {
            recommended_shards: SHARDS,
            // Discord refuses a first answer after 3 s; here every answer is accepted and
            // timed, and the bench reports the share that came within 3 s.
            interaction_deadline: Duration::from_secs(120),
            ..SimConfig::default()
        };
        let sim = Simulator::start(config).await?;
        let long_ago = Utc::now() - TimeDelta::days(400);
        let mut servers = Vec::new();
        for i in 0..SERVERS {
            let shard = u32::try_from(i)? % SHARDS;
            let guild = sim.add_guild_on_shard(&format!("server{i}"), shard, SHARDS)?;
            let moderator_role = sim.add_role(guild, "Moderators", 0);
            let admin_role = sim.add_role(guild, "Admins", permissions::MANAGE_GUILD);
            servers.push(Server {
                general: sim.add_channel(guild, "general"),
                review: sim.add_channel(guild, "review"),
                coordination: sim.add_channel(guild, "coordination"),
                admin: sim.add_member(guild, "admin", &[admin_role], long_ago),
                members: (0..MEMBERS_PER_SERVER)
                    .map(|m| sim.add_member(guild, &format!("member{m}"), &[], long_ago))
                    .collect(),
                moderator_role,
                guild,
            });
        }
        Ok(World {
            sim,
            servers,
            filed: AtomicUsize::new(0),
        })
    }

    /// Where and by whom the next report is filed: servers in turn, then members in turn.
    pub fn next_reporter(&self) -> (ChannelRef, UserRef) {
        let n = self.filed.fetch_add(1, Ordering::Relaxed);
        let server = &self.servers[n % SERVERS];
        (server.general, server.members[(n / SERVERS) % MEMBERS_PER_SERVER])
    }

    /// Wait until every shard has a session and `/report` is registered.
    async fn connected(&self) -> anyhow::Result<()> {
        self.sim.wait_for_shards(SHARDS, PATIENCE).await?;
        let registered = |sim: &Simulator| sim.registered_commands(None).iter().any(|c| c["name"] == "report");
        self.sim.wait_for(registered, PATIENCE).await?;
        Ok(())
    }

    /// `/setup set` on every server, checked in the database.
    async fn set_up(&self, url: &str) -> anyhow::Result<()> {
        let mut pending = Vec::new();
        for server in &self.servers {
            let options = vec![
                Opt::channel("review_channel", server.review),
                Opt::channel("coordination_channel", server.coordination),
                Opt::role("moderator_role", server.moderator_role),
            ];
            let setup = self
                .sim
                .slash(server.general, server.admin, "setup", vec![Opt::sub("set", options)])?;
            pending.push(setup);
        }
        for setup in &pending {
            self.sim.wait_reply(setup, PATIENCE).await?;
        }
        let store = Store::connect(url).await?;
        for server in &self.servers {
            let settings = store.guild_settings(server.guild.0, flagwatch::cli::now()).await?;
            ensure!(
                settings.missing().is_empty(),
                "server {:?} is not set up: {:?}",
                server.guild,
                settings.missing()
            );
        }
        store.close().await;
        Ok(())
    }
}

/// The bot under test.
#[derive(Debug, Clone, Copy)]
pub enum Bot {
    /// The no-op poise bot, one process.
    Noop,
    /// `flagwatch run` on a fresh SQLite file, one process.
    Sqlite,
    /// `flagwatch run` on a fresh PostgreSQL database: one process per entry, each with
    /// that `FLAGWATCH_SHARDS` (`None`: unset, all shards).
    Postgres(&'static [Option<&'static str>]),
}

/// A PostgreSQL database of a configuration, dropped when the run is over. (A SQLite file
/// lives in the processes' working directory, removed with it.)
enum Database {
    None,
    Postgres { admin: String, name: String },
}

/// The running bot processes of one configuration.
pub struct Processes {
    children: Vec<Child>,
    /// Their cgroups, when `BENCH_BOT_CPU` limits them (`cpu_limit`).
    confined: Vec<PathBuf>,
    database: Database,
    /// The working directory of the flagwatch processes (no `.env` is picked up there),
    /// with the SQLite file if any.
    _dir: tempfile::TempDir,
}

impl Processes {
    /// Start `bot` against the world and wait until it is connected, registered and (for
    /// flagwatch) every server is set up.
    pub async fn start(bot: Bot, world: &World, postgres: Option<&str>) -> anyhow::Result<Processes> {
        let dir = tempfile::tempdir()?;
        let (urls, database) = match bot {
            Bot::Noop => (Vec::new(), Database::None),
            Bot::Sqlite => {
                let url = format!("sqlite://{}", dir.path().join("bench.db").display());
                (vec![(url, None)], Database::None)
            }
            Bot::Postgres(shards) => {
                let admin = postgres.context("PostgreSQL configuration without BENCH_POSTGRES")?;
                let (url, name) = fresh_postgres(admin).await?;
                let urls = shards.iter().map(|s| (url.clone(), *s)).collect();
                (
                    urls,
                    Database::Postgres {
                        admin: admin.to_owned(),
                        name,
                    },
                )
            }
        };
        let mut children = Vec::new();
        match bot {
            Bot::Noop => children.push(noop_bot::spawn(world.sim.api_base(), world.sim.token())?),
            Bot::Sqlite | Bot::Postgres(_) => {
                for (url, shards) in &urls {
                    children.push(spawn_flagwatch(world, url, *shards, dir.path())?);
                }
            }
        }
        let mut confined = Vec::new();
        if let Some(cpus) = cpu_limit::requested()? {
            for pid in children.iter().filter_map(Child::id) {
                confined.push(cpu_limit::confine(pid, cpus)?);
            }
        }
        let processes = Processes {
            children,
            confined,
            database,
            _dir: dir,
        };
        let ready = async {
            world.connected().await?;
            if let Some((url, _)) = urls.first() {
                world.set_up(url).await?;
            }
            anyhow::Ok(())
        }
        .await;
        if let Err(e) = ready {
            processes.stop().await?;
            return Err(e);
        }
        Ok(processes)
    }

    /// Stop the processes (SIGTERM, as a service manager does, then SIGKILL after a
    /// while) and remove the database.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        for child in &mut self.children {
            if let Some(pid) = child.id() {
                let _ = std::process::Command::new("kill").arg(pid.to_string()).status();
            }
        }
        for child in &mut self.children {
            if tokio::time::timeout(Duration::from_secs(20), child.wait())
                .await
                .is_err()
            {
                child.kill().await?;
            }
        }
        for dir in &self.confined {
            cpu_limit::release(dir);
        }
        if let Database::Postgres { admin, name } = &self.database {
            drop_postgres(admin, name).await?;
        }
        Ok(())
    }
}

fn spawn_flagwatch(world: &World, url: &str, shards: Option<&str>, dir: &Path) -> anyhow::Result<Child> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_flagwatch"));
    command
        .arg("run")
        .current_dir(dir)
        .env("DATABASE_URL", url)
        .env("DISCORD_TOKEN", world.sim.token())
        .env("FLAGWATCH_API_BASE", world.sim.api_base())
        .env_remove("FLAGWATCH_DEV_GUILD")
        .env_remove("FLAGWATCH_OUTBOX_LEASE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .kill_on_drop(true);
    match std::env::var("BENCH_BOT_LOG") {
        Ok(filter) => command.env("RUST_LOG", filter).stderr(log_file(url, shards)?),
        Err(_) => command.env("RUST_LOG", "error"),
    };
    match shards {
        Some(spec) => command.env("FLAGWATCH_SHARDS", spec),
        None => command.env_remove("FLAGWATCH_SHARDS"),
    };
    Ok(command.spawn()?)
}

/// `BENCH_BOT_LOG` (a `RUST_LOG` filter such as `warn,sqlx::query=debug`) sends each
/// flagwatch process's log to a file in the temporary directory, named by its database
/// and shards, to see what a configuration spent its time on.
fn log_file(url: &str, shards: Option<&str>) -> anyhow::Result<std::fs::File> {
    let database = url.split(':').next().unwrap_or("database");
    let shards = shards.unwrap_or("all").replace('/', "-of-");
    let path = std::env::temp_dir().join(format!("flagwatch-bench-{database}-{shards}.log"));
    eprintln!("flagwatch log: {}", path.display());
    Ok(std::fs::File::create(path)?)
}

/// A new, empty database with a random name on the server of `admin` (a URL ending in
/// `/<database>`); the flagwatch processes migrate it themselves.
pub async fn fresh_postgres(admin: &str) -> anyhow::Result<(String, String)> {
    sqlx::any::install_default_drivers();
    let Some(slash) = admin.rfind('/') else {
        bail!("BENCH_POSTGRES must end with /<database>, got {admin:?}");
    };
    let name = format!("flagwatch_bench_{}", uuid::Uuid::new_v4().simple());
    let pool = AnyPool::connect(admin).await?;
    pool.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .await?;
    pool.close().await;
    Ok((format!("{}/{name}", &admin[..slash]), name))
}

/// Remove the database `name` that [`fresh_postgres`] made on the server of `admin`.
pub async fn drop_postgres(admin: &str, name: &str) -> anyhow::Result<()> {
    let pool = AnyPool::connect(admin).await?;
    pool.execute(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .await?;
    pool.close().await;
    Ok(())
}
