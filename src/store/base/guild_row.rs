//! A server's row: its settings, and the rows every server needs before anything else.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::outbox::waiting_cards_count;
use crate::domain::account::Platform;
use crate::domain::audit::GENESIS_HASH;
use crate::domain::campaign::{HourlyPace, RecheckDays};
use crate::domain::language::Language;
use crate::domain::time::{Millis, Weekday};
use crate::domain::vote::{HoldDays, Policy, Quorum, VotingWindow};
use crate::store::{id_from_db, id_to_db, Result, StoreError};

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
    /// The day whose digest is the weekly one, with the 30-day chart attached.
    pub digest_weekday: Weekday,
    pub report_limit: u32,
    pub report_limit_minutes: u32,
    pub min_member_age_hours: u32,
    pub announce_holds: bool,
    /// At most this many accounts handed to one member per hour by `/next`.
    pub next_per_hour: HourlyPace,
    /// A suspension this old comes back in `/next` as a re-check.
    pub recheck_days: RecheckDays,
    /// The language of the server's public messages (cards, calls to action, board,
    /// digest, queue summary), and of answers to members with no language of their own.
    pub language: Language,
    /// The public status page's path (`/<slug>/`), when an admin turned it on.
    pub public_slug: Option<String>,
}

/// Create the server's rows (settings with defaults, empty audit chain) if missing.
pub(crate) async fn ensure_guild(conn: &mut AnyConnection, guild_id: u64, now: Millis) -> Result<()> {
    ensure_guild_existed(conn, guild_id, now).await.map(|_| ())
}

/// [`ensure_guild`], telling whether both rows were there already.
pub(crate) async fn ensure_guild_existed(conn: &mut AnyConnection, guild_id: u64, now: Millis) -> Result<bool> {
    let guild =
        sqlx::query("INSERT INTO guilds (guild_id, created_at) VALUES ($1, $2) ON CONFLICT (guild_id) DO NOTHING")
            .bind(id_to_db(guild_id))
            .bind(now.0)
            .execute(&mut *conn)
            .await?;
    let head = sqlx::query(
        "INSERT INTO audit_heads (guild_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (guild_id) DO NOTHING",
    )
    .bind(id_to_db(guild_id))
    .bind(GENESIS_HASH)
    .execute(&mut *conn)
    .await?;
    Ok(guild.rows_affected() == 0 && head.rows_affected() == 0)
}

pub(crate) async fn settings_in(conn: &mut AnyConnection, guild_id: u64) -> Result<Option<GuildSettings>> {
    let row = sqlx::query("SELECT * FROM guilds WHERE guild_id = $1")
        .bind(id_to_db(guild_id))
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| settings_from_row(&r)).transpose()
}

/// What a batch of reports reads of a server while reserving its case numbers.
pub(crate) struct Reserved {
    /// The first number reserved.
    pub first: i64,
    pub settings: GuildSettings,
    /// The server's cards waiting to be posted (`outbox::waiting_cards_count`).
    pub waiting_cards: i64,
}

/// Reserve `n` case numbers (as `case_row::reserve_case_numbers`) and read the server's
/// settings and waiting cards in the same statement.
pub(crate) async fn reserve_with_settings(conn: &mut AnyConnection, guild_id: u64, n: i64) -> Result<Reserved> {
    let sql = format!(
        "UPDATE guilds SET next_case_no = next_case_no + $1 WHERE guild_id = $2 RETURNING *, {} AS waiting_cards",
        waiting_cards_count("guilds.guild_id")
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(n)
        .bind(id_to_db(guild_id))
        .fetch_one(&mut *conn)
        .await?;
    let next: i64 = row.try_get("next_case_no")?;
    Ok(Reserved {
        first: next - n,
        settings: settings_from_row(&row)?,
        waiting_cards: row.try_get("waiting_cards")?,
    })
}

fn opt_id(row: &AnyRow, col: &str) -> Result<Option<u64>> {
    Ok(row.try_get::<Option<i64>, _>(col)?.map(id_from_db))
}

fn small(row: &AnyRow, col: &str) -> Result<u32> {
    let v: i64 = row.try_get(col)?;
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("{col} = {v}")))
}

pub(crate) fn settings_from_row(row: &AnyRow) -> Result<GuildSettings> {
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
        digest_weekday: row
            .try_get::<String, _>("digest_weekday")?
            .parse()
            .map_err(|e| corrupt(&e))?,
        report_limit: small(row, "report_limit")?,
        report_limit_minutes: small(row, "report_limit_minutes")?,
        min_member_age_hours: small(row, "min_member_age_hours")?,
        announce_holds: row.try_get::<i64, _>("announce_holds")? != 0,
        public_slug: row.try_get("public_slug")?,
        next_per_hour: HourlyPace::new(small(row, "next_per_hour")?).map_err(|e| corrupt(&e))?,
        recheck_days: RecheckDays::new(small(row, "recheck_days")?).map_err(|e| corrupt(&e))?,
        language: row.try_get::<String, _>("language")?.parse().map_err(|e| corrupt(&e))?,
    })
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
