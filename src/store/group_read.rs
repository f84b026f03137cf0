//! Group reads for command handlers. Under a burst every `/report` handler reads its
//! server's settings and its member's language, one statement each: on SQLite each
//! statement is a hop to a connection's thread and back, on PostgreSQL a round trip. A
//! reader task takes every read waiting and answers them all from one statement per kind.
//! Nothing is cached: a group read starts after every read in it was asked, so each sees
//! everything committed before it was asked, as a read of its own would.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot, Semaphore};

use super::base::guild_row::{settings_from_row, GuildSettings};
use super::base::placeholders::{sized_query, Placeholders};
use super::base::sets::{member_values, PerGuild};
use super::{id_to_db, Result, Store};

/// Most reads answered by one group read.
const MAX_GROUP: usize = 256;
/// Group reads running at once, each on a pooled connection of its own.
const READERS: usize = 3;

/// One read waiting for its group. Its answer is `None` when the group read failed: the
/// caller then reads alone, so that a failure is reported with its own context.
enum Ask {
    Settings {
        guild_id: u64,
        answer: oneshot::Sender<Option<Option<GuildSettings>>>,
    },
    Language {
        guild_id: u64,
        member: u64,
        answer: oneshot::Sender<Option<Option<String>>>,
    },
}

/// The reader task's queue; the task ends when the last handle holding it is dropped.
#[derive(Debug)]
pub(crate) struct Reader {
    asks: mpsc::UnboundedSender<Ask>,
}

impl Reader {
    /// Start the reader task on the current runtime; `direct` runs the group reads.
    pub(super) fn start(direct: &Store) -> Reader {
        let (asks, waiting) = mpsc::unbounded_channel();
        tokio::spawn(read_groups(direct.clone(), waiting));
        Reader { asks }
    }

    /// The settings row of `guild_id` (`None` if the server has none yet), or `None` if
    /// the group read failed or the task is gone.
    pub(super) async fn settings(&self, guild_id: u64) -> Option<Option<GuildSettings>> {
        let (answer, answered) = oneshot::channel();
        self.asks.send(Ask::Settings { guild_id, answer }).ok()?;
        answered.await.ok().flatten()
    }

    /// The member's language choice as stored, as [`Reader::settings`].
    pub(super) async fn language(&self, guild_id: u64, member: u64) -> Option<Option<String>> {
        let (answer, answered) = oneshot::channel();
        self.asks
            .send(Ask::Language {
                guild_id,
                member,
                answer,
            })
            .ok()?;
        answered.await.ok().flatten()
    }
}

/// Each turn waits for one of [`READERS`] to be free, then takes every read waiting (up to
/// [`MAX_GROUP`]) and answers them together: under light load reads still run side by
/// side, and under a burst they queue into few large groups.
async fn read_groups(store: Store, mut waiting: mpsc::UnboundedReceiver<Ask>) {
    let readers = Arc::new(Semaphore::new(READERS));
    while let Some(first) = waiting.recv().await {
        let Ok(reader) = readers.clone().acquire_owned().await else {
            return;
        };
        let mut asks = vec![first];
        while asks.len() < MAX_GROUP {
            match waiting.try_recv() {
                Ok(ask) => asks.push(ask),
                Err(_) => break,
            }
        }
        let store = store.clone();
        tokio::spawn(async move {
            answer_group(&store, asks).await;
            drop(reader);
        });
    }
}

async fn answer_group(store: &Store, asks: Vec<Ask>) {
    let mut guilds = BTreeSet::new();
    let mut members: PerGuild<i64> = PerGuild::new();
    for ask in &asks {
        match ask {
            Ask::Settings { guild_id, .. } => {
                guilds.insert(*guild_id);
            }
            Ask::Language { guild_id, member, .. } => {
                members.entry(*guild_id).or_default().insert(id_to_db(*member));
            }
        }
    }
    let read = async {
        let mut conn = store.pool.acquire().await?;
        let settings = settings_of(&mut conn, &guilds).await?;
        let languages = member_values(&mut conn, "member_languages", "language", &members).await?;
        Ok::<_, super::StoreError>((settings, languages))
    };
    let read = read.await.ok();
    for ask in asks {
        // A caller that stopped waiting needs no answer.
        match ask {
            Ask::Settings { guild_id, answer } => {
                let _ = answer.send(read.as_ref().map(|(s, _)| s.get(&guild_id).cloned()));
            }
            Ask::Language {
                guild_id,
                member,
                answer,
            } => {
                let _ = answer.send(read.as_ref().map(|(_, l)| l.get(&(guild_id, member)).cloned()));
            }
        }
    }
}

/// The settings rows of `guilds`, in one statement.
async fn settings_of(conn: &mut sqlx::AnyConnection, guilds: &BTreeSet<u64>) -> Result<HashMap<u64, GuildSettings>> {
    if guilds.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT * FROM guilds WHERE guild_id IN ({})",
        Placeholders::of(conn).list(1, guilds.len())
    );
    let mut query = sized_query(sql, guilds.len());
    for guild_id in guilds {
        query = query.bind(id_to_db(*guild_id));
    }
    let rows = query.fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|row| settings_from_row(row).map(|s| (s.guild_id, s)))
        .collect()
}
