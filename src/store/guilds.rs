//! Per-server settings: reading them, and `/setup` changing them.

use super::base::audit::Event;
use super::base::guild_row::{ensure_guild, settings_in, GuildSettings};
use super::{id_to_db, Result, Store, StoreError};
use crate::domain::account::Platform;
use crate::domain::campaign::{HourlyPace, RecheckDays};
use crate::domain::language::Language;
use crate::domain::time::{Millis, Weekday};
use crate::domain::vote::{HoldDays, Quorum, VotingWindow};

impl Store {
    /// The server's settings, with defaults for a server never seen before.
    pub async fn guild_settings(&self, guild_id: u64, now: Millis) -> Result<GuildSettings> {
        self.write_op("guild_settings", move || async move {
            let grouped = match self.reader.as_deref() {
                Some(reader) => reader.settings(guild_id).await,
                None => None,
            };
            let found = match grouped {
                Some(found) => found,
                None => settings_in(&mut *self.pool.acquire().await?, guild_id).await?,
            };
            if let Some(s) = found {
                return Ok(s);
            }
            let mut tx = self.begin_write().await?;
            ensure_guild(&mut tx, guild_id, now).await?;
            let settings = settings_in(&mut tx, guild_id).await?;
            tx.commit().await?;
            settings.ok_or_else(|| StoreError::Corrupt(format!("guild {guild_id} vanished")))
        })
        .await
    }
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
    pub digest_weekday: Option<Weekday>,
    pub report_limit: Option<u32>,
    pub report_limit_minutes: Option<u32>,
    pub min_member_age_hours: Option<u32>,
    pub next_per_hour: Option<HourlyPace>,
    pub recheck_days: Option<RecheckDays>,
    pub language: Option<Language>,
    /// `Some(true)` turns the public page on (keeping its slug when already on),
    /// `Some(false)` turns it off and forgets the slug, so a page turned on again gets a new one.
    pub public_page: Option<bool>,
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
            "digest_weekday": self.digest_weekday.map(Weekday::as_str),
            "report_limit": self.report_limit,
            "report_limit_minutes": self.report_limit_minutes,
            "min_member_age_hours": self.min_member_age_hours,
            "next_per_hour": self.next_per_hour.map(HourlyPace::get),
            "recheck_days": self.recheck_days.map(RecheckDays::get),
            "language": self.language.map(Language::as_str),
            "public_page": self.public_page,
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
        self.write_op("update_settings", move || async move {
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
                 min_member_age_hours = COALESCE($14, min_member_age_hours), \
                 next_per_hour = COALESCE($15, next_per_hour), language = COALESCE($16, language), \
                 public_slug = CASE WHEN $18 = 1 THEN COALESCE(public_slug, $19) WHEN $18 = 0 THEN NULL \
                 ELSE public_slug END, digest_weekday = COALESCE($20, digest_weekday), \
                 recheck_days = COALESCE($21, recheck_days) WHERE guild_id = $17",
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
            .bind(change.next_per_hour.map(|p| i64::from(p.get())))
            .bind(change.language.map(Language::as_str))
            .bind(id_to_db(guild_id))
            .bind(change.public_page.map(super::flag))
            .bind(new_slug())
            .bind(change.digest_weekday.map(Weekday::as_str))
            .bind(change.recheck_days.map(|d| i64::from(d.get())))
            .execute(&mut *tx)
            .await?;
            let event = Event {
                guild_id,
                case_id: None,
                actor,
                kind: crate::domain::audit::AuditKind::ConfigChanged,
                payload: change.audit_payload(),
                at: now,
            };
            tx.audit(event);
            let settings = settings_in(&mut tx, guild_id).await?;
            tx.commit().await?;
            settings.ok_or_else(|| StoreError::Corrupt(format!("guild {guild_id} vanished")))
        })
        .await
    }
}

/// A fresh public-page slug: 122 random bits (a v4 UUID without dashes), so a page's
/// address cannot be guessed or enumerated.
fn new_slug() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

impl Store {
    /// The servers with a review or coordination channel set, for `flagwatch doctor`.
    pub async fn configured_guilds(&self) -> Result<Vec<u64>> {
        self.op("configured_guilds", async {
            let ids: Vec<i64> = sqlx::query_scalar(
                "SELECT guild_id FROM guilds WHERE review_channel_id IS NOT NULL \
                 OR coordination_channel_id IS NOT NULL ORDER BY guild_id",
            )
            .fetch_all(&self.pool)
            .await?;
            Ok(ids.into_iter().map(super::id_from_db).collect())
        })
        .await
    }
}
