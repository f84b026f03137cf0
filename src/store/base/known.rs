//! What a report batch need not read again: facts that never change once committed (the
//! installation's pseudonym key, that a server's rows exist). Each is remembered only
//! once it was found already there, never when this transaction created it (it could
//! still roll back), so a remembered fact is always a committed one. Saves a batch four
//! statements (two for the key, two per server), one round trip each on PostgreSQL.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock, PoisonError};

use sqlx::AnyConnection;

use super::guild_row::ensure_guild_existed;
use super::pseudonym::installation_key_existed;
use crate::domain::time::Millis;
use crate::store::Result;

/// Shared by every clone of a store.
#[derive(Debug, Default)]
pub(crate) struct Known {
    installation_key: OnceLock<Vec<u8>>,
    guilds: Mutex<HashSet<u64>>,
}

impl Known {
    /// The installation's secret key ([`super::pseudonym::installation_key`]).
    pub(crate) async fn installation_key(&self, conn: &mut AnyConnection) -> Result<Vec<u8>> {
        if let Some(key) = self.installation_key.get() {
            return Ok(key.clone());
        }
        let (key, existed) = installation_key_existed(conn).await?;
        if existed {
            let _ = self.installation_key.set(key.clone());
        }
        Ok(key)
    }

    /// Create the server's rows if missing ([`super::guild_row::ensure_guild`]).
    pub(crate) async fn ensure_guild(&self, conn: &mut AnyConnection, guild_id: u64, now: Millis) -> Result<()> {
        if self.guilds().contains(&guild_id) {
            return Ok(());
        }
        if ensure_guild_existed(conn, guild_id, now).await? {
            self.guilds().insert(guild_id);
        }
        Ok(())
    }

    fn guilds(&self) -> std::sync::MutexGuard<'_, HashSet<u64>> {
        // A panic elsewhere while holding the set leaves it usable.
        self.guilds.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
