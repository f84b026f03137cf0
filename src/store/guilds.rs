//! Per-server settings and the rows every server needs before anything else.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::{id_from_db, id_to_db, Result, Store, StoreError};
use crate::domain::account::Platform;
use crate::domain::audit::GENESIS_HASH;
use crate::domain::time::Millis;
use crate::domain::vote::{HoldDays, Policy, Quorum, VotingWindow};

/// A server's configuration (`/setup`). Ids are Discord ids; `None` is "not set yet".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuildSettings {
    pub guild_id: u64,
    pub review_channel: Option<u64>,
    pub coordination_channel: Option<u64>,
    pub moderator_role: Option<u64>,
    pub liaison_role: Option<u64>,
    pub reporter_role: Option<u64>,
    pub policy: Policy,
    pub default_platform: Platform,
    pub digest_hour: Option<u8>,
    pub report_limit: u32,
    pub report_limit_minutes: u32,
    pub min_member_age_hours: u32,
    pub announce_holds: bool,
}

/// Create the server's rows (settings with defaults, empty audit chain) if missing.
pub(super) async fn ensure_guild(conn: &mut AnyConnection, guild_id: u64, now: Millis) -> Result<()> {
    sqlx::query("INSERT INTO guilds (guild_id, created_at) VALUES ($1, $2) ON CONFLICT (guild_id) DO NOTHING")
        .bind(id_to_db(guild_id))
        .bind(now.0)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO audit_heads (guild_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (guild_id) DO NOTHING")
        .bind(id_to_db(guild_id))
        .bind(GENESIS_HASH)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) async fn settings_in(conn: &mut AnyConnection, guild_id: u64) -> Result<Option<GuildSettings>> {
    let row = sqlx::query("SELECT * FROM guilds WHERE guild_id = $1")
        .bind(id_to_db(guild_id))
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| settings_from_row(&r)).transpose()
}

impl Store {
    /// The server's settings, with defaults for a server never seen before.
    pub async fn guild_settings(&self, guild_id: u64, now: Millis) -> Result<GuildSettings> {
        let mut conn = self.pool.acquire().await?;
        if let Some(s) = settings_in(&mut conn, guild_id).await? {
            return Ok(s);
        }
        drop(conn);
        let mut tx = self.begin_write().await?;
        ensure_guild(&mut tx, guild_id, now).await?;
        let settings = settings_in(&mut tx, guild_id).await?;
        tx.commit().await?;
        settings.ok_or_else(|| StoreError::Corrupt(format!("guild {guild_id} vanished")))
    }
}

fn opt_id(row: &AnyRow, col: &str) -> Result<Option<u64>> {
    Ok(row.try_get::<Option<i64>, _>(col)?.map(id_from_db))
}

fn small(row: &AnyRow, col: &str) -> Result<u32> {
    let v: i64 = row.try_get(col)?;
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("{col} = {v}")))
}

fn settings_from_row(row: &AnyRow) -> Result<GuildSettings> {
    let corrupt = |e: &dyn std::fmt::Display| StoreError::Corrupt(e.to_string());
    let window_minutes: i64 = row.try_get("window_minutes")?;
    let policy = Policy {
        quorum: Quorum::new(small(row, "quorum")?).map_err(|e| corrupt(&e))?,
        window: VotingWindow::from_minutes(u64::try_from(window_minutes).unwrap_or(0)).map_err(|e| corrupt(&e))?,
        hold_days: HoldDays::new(small(row, "hold_days")?).map_err(|e| corrupt(&e))?,
    };
    let platform: String = row.try_get("default_platform")?;
    let digest_hour: Option<i64> = row.try_get("digest_hour")?;
    Ok(GuildSettings {
        guild_id: id_from_db(row.try_get("guild_id")?),
        review_channel: opt_id(row, "review_channel_id")?,
        coordination_channel: opt_id(row, "coordination_channel_id")?,
        moderator_role: opt_id(row, "moderator_role_id")?,
        liaison_role: opt_id(row, "liaison_role_id")?,
        reporter_role: opt_id(row, "reporter_role_id")?,
        policy,
        default_platform: platform.parse().map_err(|e| corrupt(&e))?,
        digest_hour: digest_hour.and_then(|h| u8::try_from(h).ok()),
        report_limit: small(row, "report_limit")?,
        report_limit_minutes: small(row, "report_limit_minutes")?,
        min_member_age_hours: small(row, "min_member_age_hours")?,
        announce_holds: row.try_get::<i64, _>("announce_holds")? != 0,
    })
}

/// A `/setup` change: `None` leaves a setting as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsChange {
    pub review_channel: Option<u64>,
    pub coordination_channel: Option<u64>,
    pub moderator_role: Option<u64>,
    pub liaison_role: Option<u64>,
    pub reporter_role: Option<u64>,
    pub quorum: Option<Quorum>,
    pub window: Option<VotingWindow>,
    pub hold_days: Option<HoldDays>,
    pub default_platform: Option<Platform>,
    pub announce_holds: Option<bool>,
    pub digest_hour: Option<u8>,
    pub report_limit: Option<u32>,
    pub report_limit_minutes: Option<u32>,
    pub min_member_age_hours: Option<u32>,
}

impl SettingsChange {
    fn audit_payload(&self) -> serde_json::Value {
        serde_json::json!({
            "review_channel": self.review_channel.map(|v| v.to_string()),
            "coordination_channel": self.coordination_channel.map(|v| v.to_string()),
            "moderator_role": self.moderator_role.map(|v| v.to_string()),
            "liaison_role": self.liaison_role.map(|v| v.to_string()),
            "reporter_role": self.reporter_role.map(|v| v.to_string()),
            "quorum": self.quorum.map(Quorum::get),
            "window_minutes": self.window.map(VotingWindow::minutes),
            "hold_days": self.hold_days.map(HoldDays::get),
            "default_platform": self.default_platform.map(Platform::as_str),
            "announce_holds": self.announce_holds,
            "digest_hour": self.digest_hour,
            "report_limit": self.report_limit,
            "report_limit_minutes": self.report_limit_minutes,
            "min_member_age_hours": self.min_member_age_hours,
        })
    }
}

impl Store {
    /// Apply a `/setup` change and record it; returns the settings now in force.
    pub async fn update_settings(
        &self,
        guild_id: u64,
        actor: &crate::domain::audit::Actor,
        change: &SettingsChange,
        now: Millis,
    ) -> Result<GuildSettings> {
        let mut tx = self.begin_write().await?;
        ensure_guild(&mut tx, guild_id, now).await?;
        sqlx::query(
            "UPDATE guilds SET review_channel_id = COALESCE($1, review_channel_id), \
             coordination_channel_id = COALESCE($2, coordination_channel_id), \
             moderator_role_id = COALESCE($3, moderator_role_id), liaison_role_id = COALESCE($4, liaison_role_id), \
             reporter_role_id = COALESCE($5, reporter_role_id), quorum = COALESCE($6, quorum), \
             window_minutes = COALESCE($7, window_minutes), hold_days = COALESCE($8, hold_days), \
             default_platform = COALESCE($9, default_platform), announce_holds = COALESCE($10, announce_holds), \
             digest_hour = COALESCE($11, digest_hour), report_limit = COALESCE($12, report_limit), \
             report_limit_minutes = COALESCE($13, report_limit_minutes), \
             min_member_age_hours = COALESCE($14, min_member_age_hours) WHERE guild_id = $15",
        )
        .bind(change.review_channel.map(id_to_db))
        .bind(change.coordination_channel.map(id_to_db))
        .bind(change.moderator_role.map(id_to_db))
        .bind(change.liaison_role.map(id_to_db))
        .bind(change.reporter_role.map(id_to_db))
        .bind(change.quorum.map(|q| i64::from(q.get())))
        .bind(change.window.map(|w| i64::try_from(w.minutes()).unwrap_or(i64::MAX)))
        .bind(change.hold_days.map(|h| i64::from(h.get())))
        .bind(change.default_platform.map(Platform::as_str))
        .bind(change.announce_holds.map(super::flag))
        .bind(change.digest_hour.map(i64::from))
        .bind(change.report_limit.map(i64::from))
        .bind(change.report_limit_minutes.map(i64::from))
        .bind(change.min_member_age_hours.map(i64::from))
        .bind(id_to_db(guild_id))
        .execute(&mut *tx)
        .await?;
        let event = super::audit::Event {
            guild_id,
            case_id: None,
            actor,
            kind: crate::domain::audit::AuditKind::ConfigChanged,
            payload: change.audit_payload(),
            at: now,
        };
        super::audit::append(&mut tx, event).await?;
        let settings = settings_in(&mut tx, guild_id).await?;
        tx.commit().await?;
        settings.ok_or_else(|| StoreError::Corrupt(format!("guild {guild_id} vanished")))
    }
}

impl GuildSettings {
    /// The reporter-protection policy in force.
    pub fn intake(&self) -> crate::domain::intake::IntakePolicy {
        crate::domain::intake::IntakePolicy {
            limit: self.report_limit,
            window: std::time::Duration::from_secs(u64::from(self.report_limit_minutes) * 60),
            min_membership: std::time::Duration::from_secs(u64::from(self.min_member_age_hours) * 3600),
        }
    }

    /// The settings a server still needs before members can use flagwatch.
    pub fn missing(&self) -> Vec<&'static str> {
        [
            (self.review_channel.is_none(), "review_channel"),
            (self.coordination_channel.is_none(), "coordination_channel"),
            (self.moderator_role.is_none(), "moderator_role"),
        ]
        .into_iter()
        .filter_map(|(missing, name)| missing.then_some(name))
        .collect()
    }
}
