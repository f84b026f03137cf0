//! TEMPORARY STUB — being replaced by the account-key parser.
use std::fmt;
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Platform {
    X,
    Telegram,
    Facebook,
    Instagram,
    Youtube,
    Tiktok,
    Reddit,
    Web,
}
impl Platform {
    pub fn as_str(self) -> &'static str {
        "x"
    }
}
impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
impl std::str::FromStr for Platform {
    type Err = AccountKeyError;
    fn from_str(_s: &str) -> Result<Self, Self::Err> {
        Ok(Platform::X)
    }
}
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountKey {
    platform: Platform,
    id: String,
}
impl AccountKey {
    pub fn parse(input: &str, _p: Option<Platform>, d: Platform) -> Result<AccountKey, AccountKeyError> {
        Ok(AccountKey {
            platform: d,
            id: input.to_lowercase(),
        })
    }
    pub fn from_key(key: &str) -> Result<AccountKey, AccountKeyError> {
        Ok(AccountKey {
            platform: Platform::X,
            id: key.trim_start_matches("x:").into(),
        })
    }
    pub fn platform(&self) -> Platform {
        self.platform
    }
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn canonical_url(&self) -> String {
        format!("https://x.com/{}", self.id)
    }
}
impl fmt::Display for AccountKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.platform, self.id)
    }
}
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad")]
pub struct AccountKeyError;
