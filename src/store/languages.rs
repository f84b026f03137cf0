//! A member's own language (`/language`): personal data, so `/forget-me` deletes it.

use serde_json::json;

use super::base::audit::Event;
use super::base::guild_row::ensure_guild;
use super::base::member_language::forget_language;
use super::{id_to_db, Result, Store, StoreError};
use crate::domain::audit::{Actor, AuditKind};
use crate::domain::language::Language;
use crate::domain::time::Millis;

impl Store {
    /// The language the member chose on this server, if any.
    pub async fn member_language(&self, guild_id: u64, member: u64) -> Result<Option<Language>> {
        self.op("member_language", async {
            let grouped = match self.reader.as_deref() {
                Some(reader) => reader.language(guild_id, member).await,
                None => None,
            };
            let chosen = match grouped {
                Some(chosen) => chosen,
                None => {
                    sqlx::query_scalar("SELECT language FROM member_languages WHERE guild_id = $1 AND member_id = $2")
                        .bind(id_to_db(guild_id))
                        .bind(id_to_db(member))
                        .fetch_optional(&self.pool)
                        .await?
                }
            };
            parse_language(chosen)
        })
        .await
    }

    /// Keep the member's choice (`Some`), or forget it (`None`: back to their client's
    /// locale and the server's language). The audit event names the language, not the member.
    pub async fn set_member_language(
        &self,
        guild_id: u64,
        member: u64,
        language: Option<Language>,
        at: Millis,
    ) -> Result<()> {
        self.write_op("set_member_language", move || async move {
            let mut tx = self.begin_write().await?;
            ensure_guild(&mut tx, guild_id, at).await?;
            match language {
                Some(l) => {
                    sqlx::query(
                        "INSERT INTO member_languages (guild_id, member_id, language, chosen_at) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (guild_id, member_id) DO UPDATE SET language = $3, chosen_at = $4",
                    )
                    .bind(id_to_db(guild_id))
                    .bind(id_to_db(member))
                    .bind(l.as_str())
                    .bind(at.0)
                    .execute(&mut *tx)
                    .await?;
                }
                None => forget_language(&mut tx, guild_id, member).await?,
            }
            let event = Event {
                guild_id,
                case_id: None,
                actor: &Actor::Reporter,
                kind: AuditKind::LanguageChosen,
                payload: json!({ "language": language.map(Language::as_str) }),
                at,
            };
            tx.audit(event);
            tx.commit().await?;
            Ok(())
        })
        .await
    }
}

/// A stored language choice, or the corruption it shows.
fn parse_language(stored: Option<String>) -> Result<Option<Language>> {
    stored
        .map(|l| {
            l.parse()
                .map_err(|e: crate::domain::names::UnknownName| StoreError::Corrupt(e.to_string()))
        })
        .transpose()
}
