//! Configuration from the environment (and a `.env` file), validated once at start and
//! passed in — no globals.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use crate::domain::stix::Tlp;
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
    #[error("FLAGWATCH_SHARDS must be <id>/<count> (such as 1/2) or <first>-<last>/<count> (such as 0-1/4), with every id below the count; got {0:?}")]
    Shards(String),
    #[error("FLAGWATCH_OUTBOX_LEASE must be a number of seconds from 1 to 3600, got {0:?}")]
    OutboxLease(String),
    #[error("FLAGWATCH_TAXII_ADDR must be an address to listen on, such as 127.0.0.1:8443 (got {0:?})")]
    TaxiiAddr(String),
    #[error("FLAGWATCH_METRICS_ADDR must be an address to listen on, such as 127.0.0.1:9464 (got {0:?})")]
    MetricsAddr(String),
    #[error("FLAGWATCH_WEB_ADDR must be an address to listen on, such as 127.0.0.1:8080 (got {0:?})")]
    WebAddr(String),
    #[error("FLAGWATCH_READY_OUTBOX_AGE must be a number of seconds from 1 to 86400, got {0:?}")]
    ReadyOutboxAge(String),
    #[error("{0} must be a TLP 2.0 level: clear, green, amber, amber_strict or red (got {1:?})")]
    TaxiiMarking(&'static str, String),
    #[error("FLAGWATCH_LOG_FORMAT must be text or json (got {0:?})")]
    LogFormat(String),
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
    /// The gateway shards this process runs; `None`: all of Discord's recommended count.
    pub shards: Option<ShardSpec>,
    /// How long the sending process's lease lasts: after a crash, another process takes
    /// over the outbox this long after the last renewal.
    pub outbox_lease: Duration,
    /// The TAXII 2.1 feed, when `FLAGWATCH_TAXII_ADDR` is set (off by default).
    pub taxii: Option<crate::taxii::TaxiiSettings>,
    /// How log lines are written (`FLAGWATCH_LOG_FORMAT`).
    pub log_format: LogFormat,
    /// The operator address (metrics and health), when `FLAGWATCH_METRICS_ADDR` is set.
    pub ops: Option<crate::ops::OpsSettings>,
    /// The public status page, when `FLAGWATCH_WEB_ADDR` is set (off by default).
    pub web: Option<crate::web::WebSettings>,
}

/// How log lines are written to standard error.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LogFormat {
    /// For people reading a terminal or the journal.
    #[default]
    Text,
    /// One JSON object per line, with the spans' fields (server, case, item), for a log
    /// collector.
    Json,
}

/// The outbox lease when `FLAGWATCH_OUTBOX_LEASE` is not set.
pub const DEFAULT_OUTBOX_LEASE: Duration = Duration::from_secs(30);

/// A range of gateway shards out of a total, as in `FLAGWATCH_SHARDS=0-1/4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardSpec {
    pub first: u32,
    pub last: u32,
    pub count: u32,
}

impl std::str::FromStr for ShardSpec {
    type Err = ConfigError;

    fn from_str(raw: &str) -> Result<ShardSpec, ConfigError> {
        let invalid = || ConfigError::Shards(raw.chars().take(40).collect());
        let (ids, count) = raw.trim().split_once('/').ok_or_else(invalid)?;
        let (first, last) = ids.split_once('-').unwrap_or((ids, ids));
        let number = |s: &str| s.trim().parse::<u32>().map_err(|_| invalid());
        let spec = ShardSpec {
            first: number(first)?,
            last: number(last)?,
            count: number(count)?,
        };
        if spec.first <= spec.last && spec.last < spec.count {
            Ok(spec)
        } else {
            Err(invalid())
        }
    }
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
        let shards = get("FLAGWATCH_SHARDS").map(|v| v.parse()).transpose()?;
        let outbox_lease = get("FLAGWATCH_OUTBOX_LEASE")
            .map(|v| match v.trim().parse::<u64>() {
                Ok(secs @ 1..=3600) => Ok(Duration::from_secs(secs)),
                _ => Err(ConfigError::OutboxLease(v.chars().take(20).collect())),
            })
            .transpose()?
            .unwrap_or(DEFAULT_OUTBOX_LEASE);
        let taxii = get("FLAGWATCH_TAXII_ADDR")
            .map(|raw| {
                let addr = raw
                    .trim()
                    .parse()
                    .map_err(|_| ConfigError::TaxiiAddr(raw.chars().take(60).collect()))?;
                let marking = |name: &'static str, default: Tlp| {
                    get(name)
                        .map(|v| {
                            v.parse()
                                .map_err(|_| ConfigError::TaxiiMarking(name, v.chars().take(20).collect()))
                        })
                        .transpose()
                        .map(|m| m.unwrap_or(default))
                };
                Ok(crate::taxii::TaxiiSettings {
                    addr,
                    report_now_marking: marking("FLAGWATCH_TAXII_TLP_REPORT_NOW", Tlp::Clear)?,
                    held_marking: marking("FLAGWATCH_TAXII_TLP_HELD", Tlp::Amber)?,
                })
            })
            .transpose()?;
        let ops = get("FLAGWATCH_METRICS_ADDR")
            .map(|raw| {
                let addr = raw
                    .trim()
                    .parse()
                    .map_err(|_| ConfigError::MetricsAddr(raw.chars().take(60).collect()))?;
                let outbox_stuck_after = get("FLAGWATCH_READY_OUTBOX_AGE")
                    .map(|v| match v.trim().parse::<u64>() {
                        Ok(secs @ 1..=86_400) => Ok(Duration::from_secs(secs)),
                        _ => Err(ConfigError::ReadyOutboxAge(v.chars().take(20).collect())),
                    })
                    .transpose()?
                    .unwrap_or(crate::ops::DEFAULT_OUTBOX_STUCK_AFTER);
                Ok::<_, ConfigError>(crate::ops::OpsSettings {
                    addr,
                    outbox_stuck_after,
                })
            })
            .transpose()?;
        let web = get("FLAGWATCH_WEB_ADDR")
            .map(|raw| {
                raw.trim()
                    .parse()
                    .map(|addr| crate::web::WebSettings { addr })
                    .map_err(|_| ConfigError::WebAddr(raw.chars().take(60).collect()))
            })
            .transpose()?;
        let log_format = match get("FLAGWATCH_LOG_FORMAT").map(|v| v.trim().to_ascii_lowercase()) {
            None => LogFormat::Text,
            Some(v) if v == "text" => LogFormat::Text,
            Some(v) if v == "json" => LogFormat::Json,
            Some(v) => return Err(ConfigError::LogFormat(v.chars().take(20).collect())),
        };
        Ok(Config {
            taxii,
            ops,
            web,
            log_format,
            database_url,
            discord_token: get("DISCORD_TOKEN").map(SecretString::from),
            api_base,
            dev_guild,
            shards,
            outbox_lease,
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
    fn shards_are_one_or_a_range_below_the_count() {
        let spec = |v: &str| config(&[("FLAGWATCH_SHARDS", v)]).map(|c| c.shards);
        let one = ShardSpec {
            first: 1,
            last: 1,
            count: 2,
        };
        assert_eq!(spec("1/2").unwrap(), Some(one));
        let range = ShardSpec {
            first: 0,
            last: 1,
            count: 4,
        };
        assert_eq!(spec(" 0-1/4 ").unwrap(), Some(range));
        assert_eq!(config(&[]).unwrap().shards, None);
        for bad in ["2/2", "1", "1-0/4", "0-4/4", "a/2", "0/0", "-1/2", "0/2/3"] {
            let err = spec(bad).unwrap_err().to_string();
            assert!(err.starts_with("FLAGWATCH_SHARDS"), "{bad}: {err}");
        }
    }

    #[test]
    fn the_taxii_feed_is_off_by_default_and_its_settings_are_named() {
        assert!(config(&[]).unwrap().taxii.is_none());
        let on = config(&[
            ("FLAGWATCH_TAXII_ADDR", "127.0.0.1:8443"),
            ("FLAGWATCH_TAXII_TLP_HELD", "red"),
        ])
        .unwrap()
        .taxii
        .unwrap();
        assert_eq!(on.addr.port(), 8443);
        assert_eq!((on.report_now_marking, on.held_marking), (Tlp::Clear, Tlp::Red));
        let err = config(&[("FLAGWATCH_TAXII_ADDR", "localhost")])
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("FLAGWATCH_TAXII_ADDR"), "{err}");
        let bad = [
            ("FLAGWATCH_TAXII_ADDR", "127.0.0.1:1"),
            ("FLAGWATCH_TAXII_TLP_REPORT_NOW", "white"),
        ];
        let err = config(&bad).unwrap_err().to_string();
        assert!(err.starts_with("FLAGWATCH_TAXII_TLP_REPORT_NOW"), "{err}");
    }

    #[test]
    fn the_operator_address_is_off_by_default_and_its_settings_are_named() {
        assert!(config(&[]).unwrap().ops.is_none());
        let on = config(&[("FLAGWATCH_METRICS_ADDR", "0.0.0.0:9464")])
            .unwrap()
            .ops
            .unwrap();
        assert_eq!(on.addr.port(), 9464);
        assert_eq!(on.outbox_stuck_after, crate::ops::DEFAULT_OUTBOX_STUCK_AFTER);
        let err = config(&[("FLAGWATCH_METRICS_ADDR", "9464")]).unwrap_err().to_string();
        assert!(err.starts_with("FLAGWATCH_METRICS_ADDR"), "{err}");
        let bad = [
            ("FLAGWATCH_METRICS_ADDR", "127.0.0.1:9464"),
            ("FLAGWATCH_READY_OUTBOX_AGE", "0"),
        ];
        let err = config(&bad).unwrap_err().to_string();
        assert!(err.starts_with("FLAGWATCH_READY_OUTBOX_AGE"), "{err}");
    }

    #[test]
    fn logs_are_text_unless_json_is_asked_for() {
        assert_eq!(config(&[]).unwrap().log_format, LogFormat::Text);
        let json = config(&[("FLAGWATCH_LOG_FORMAT", "JSON")]).unwrap();
        assert_eq!(json.log_format, LogFormat::Json);
        let err = config(&[("FLAGWATCH_LOG_FORMAT", "xml")]).unwrap_err().to_string();
        assert!(err.starts_with("FLAGWATCH_LOG_FORMAT"), "{err}");
    }

    #[test]
    fn the_outbox_lease_is_whole_seconds() {
        assert_eq!(config(&[]).unwrap().outbox_lease, DEFAULT_OUTBOX_LEASE);
        let c = config(&[("FLAGWATCH_OUTBOX_LEASE", "3")]).unwrap();
        assert_eq!(c.outbox_lease, Duration::from_secs(3));
        for bad in ["0", "x", "1.5", "9999"] {
            let err = config(&[("FLAGWATCH_OUTBOX_LEASE", bad)]).unwrap_err().to_string();
            assert!(err.starts_with("FLAGWATCH_OUTBOX_LEASE"), "{bad}: {err}");
        }
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
