//! Configuration from the environment (and a `.env` file), validated once at start and
//! passed in — no globals.

use secrecy::{ExposeSecret, SecretString};

use crate::store::DEFAULT_DATABASE_URL;

/// A setting that is present but unusable; the message names the setting.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got {0:?})")]
    DatabaseUrl(String),
    #[error("FLAGWATCH_API_BASE must be an http:// or https:// URL (got {0:?})")]
    ApiBase(String),
    #[error("FLAGWATCH_DEV_GUILD must be a Discord server id (a number), got {0:?}")]
    DevGuild(String),
    #[error("DISCORD_TOKEN is not set: create a bot at discord.com/developers/applications and put its token in DISCORD_TOKEN (or in a .env file)")]
    MissingToken,
    #[error("DISCORD_TOKEN does not look like a bot token (it should be three dot-separated parts, without the \"Bot \" prefix)")]
    MalformedToken,
}

/// Everything flagwatch reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    /// Held so that `Debug` (logs, panics) can never print it.
    pub discord_token: Option<SecretString>,
    /// Send REST calls here instead of Discord (a rate-limiting proxy or the simulator).
    pub api_base: Option<String>,
    /// Register commands on this one server (instant) instead of globally.
    pub dev_guild: Option<u64>,
}

impl Config {
    /// Read the process environment, after loading `.env` if there is one.
    pub fn from_env() -> Result<Config, ConfigError> {
        // A missing .env is normal; a malformed one is reported by the settings it breaks.
        let _ = dotenvy::dotenv();
        Config::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    /// Build from any lookup (the environment, or a map in tests).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let database_url = get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        if !["sqlite:", "postgres://", "postgresql://"]
            .iter()
            .any(|p| database_url.starts_with(p))
        {
            return Err(ConfigError::DatabaseUrl(database_url.chars().take(60).collect()));
        }
        let api_base = get("FLAGWATCH_API_BASE").map(validate_api_base).transpose()?;
        let dev_guild = get("FLAGWATCH_DEV_GUILD")
            .map(|v| v.trim().parse::<u64>().map_err(|_| ConfigError::DevGuild(v)))
            .transpose()?;
        Ok(Config {
            database_url,
            discord_token: get("DISCORD_TOKEN").map(SecretString::from),
            api_base,
            dev_guild,
        })
    }

    /// The bot token, checked for shape so a typo fails at start, not at connect.
    pub fn token(&self) -> Result<SecretString, ConfigError> {
        let secret = self.discord_token.as_ref().ok_or(ConfigError::MissingToken)?;
        let token = secret.expose_secret().trim();
        let parts: Vec<&str> = token.split('.').collect();
        let well_formed = parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        if well_formed {
            Ok(SecretString::from(token))
        } else {
            Err(ConfigError::MalformedToken)
        }
    }
}

fn validate_api_base(raw: String) -> Result<String, ConfigError> {
    match url::Url::parse(raw.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
            Ok(raw.trim().trim_end_matches('/').to_owned())
        }
        _ => Err(ConfigError::ApiBase(raw)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_lookup(|k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn defaults_to_a_sqlite_file_in_the_working_directory() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url, "sqlite://flagwatch.db");
        assert!(c.api_base.is_none());
    }

    #[test]
    fn bad_settings_are_named() {
        let err = config(&[("DATABASE_URL", "mysql://x")]).unwrap_err().to_string();
        assert!(err.starts_with("DATABASE_URL"), "{err}");
        let err = config(&[("FLAGWATCH_API_BASE", "ftp://x")]).unwrap_err().to_string();
        assert!(err.starts_with("FLAGWATCH_API_BASE"), "{err}");
        let err = config(&[("FLAGWATCH_DEV_GUILD", "abc")]).unwrap_err().to_string();
        assert!(err.starts_with("FLAGWATCH_DEV_GUILD"), "{err}");
    }

    #[test]
    fn the_token_is_required_and_checked_for_shape() {
        assert!(matches!(config(&[]).unwrap().token(), Err(ConfigError::MissingToken)));
        let bad = config(&[("DISCORD_TOKEN", "Bot abc")]).unwrap();
        assert!(matches!(bad.token(), Err(ConfigError::MalformedToken)));
        let good = config(&[("DISCORD_TOKEN", "MTIz.NDU2.Nzg5-_x")]).unwrap();
        assert_eq!(good.token().unwrap().expose_secret(), "MTIz.NDU2.Nzg5-_x");
        assert!(!format!("{good:?}").contains("MTIz"), "Debug never prints the token");
    }
}
