//! Account keys: every way a member may name an account, reduced to one key, so
//! that reports of the same account in any URL form merge into one case
//! (PRODUCT.md, "Account keys").
//!
//! An [`AccountKey`] can only hold a valid key: [`AccountKey::parse`] and
//! [`AccountKey::from_key`] are the only ways to build one, and the canonical URL of
//! every key parses back to the same key.
//!
//! Decisions where the specification is silent:
//! - Input is trimmed first, so a pasted line's trailing newline or `\r` is not a
//!   control character; control characters left inside are rejected.
//! - A link or a bare handle? A scheme (`https:`), or a first part (before `/`, `?`,
//!   `#`) that contains `.` or starts with `[`, makes a link. Exceptions: input
//!   starting with `@` is always a handle, and with an explicitly chosen non-web
//!   platform a single word such as `john.smith` is a handle unless it is a known
//!   platform host (`instagram.com`). Anything else is a handle, or a path on the
//!   platform's site (`u/spez` for reddit, `channel/UC…` for youtube).
//! - A link decides its own platform; the explicit platform only applies to bare
//!   handles. A member who picks "x" and pastes an Instagram link means that
//!   Instagram account, and the reply shows the platform the key got.
//! - Links with a user name or password (`https://x.com@evil.com`) are rejected:
//!   they exist to disguise where a link leads. A link to an IP address is a web key.
//! - Ports are ignored on known platforms; a web key keeps a port other than 443,
//!   so its canonical URL still works.
//! - `www.` is removed from every host before it is matched, so `www.t.me` is
//!   Telegram and `www.m.facebook.com` is Facebook; hosts without a dot are not on
//!   the public web and are rejected.
//! - Path segments of known platforms are percent-decoded once before the rules see
//!   them; web paths keep the `url` crate's normalised (encoded) form.
//! - Beyond the table: `facebook.com/<digits>` and `/people/<name>/<digits>` are the
//!   numeric profile; a bare youtube `UC` + 22 characters (without `@`) is a channel
//!   id; youtube handles and names may use any script, lowercased.

use std::fmt;
use std::str::FromStr;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use serde::{Deserialize, Serialize};
use url::{Host, Url};

/// Longest input accepted, in characters. It also bounds canonical URLs, so every
/// key's canonical URL is itself acceptable input.
pub const MAX_INPUT_CHARS: usize = 2048;

/// User text kept in an [`AccountKeyError`] is cut to this many characters, so a
/// rejection quoting it stays short.
const EXCERPT_CHARS: usize = 80;

/// Characters that end the first part of a link (its host, or a handle).
const PATH_DELIMITERS: [char; 4] = ['/', '?', '#', '\\'];

/// The platforms an account can be on; `Web` is any other site.
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
    pub const ALL: [Platform; 8] = [
        Platform::X,
        Platform::Telegram,
        Platform::Facebook,
        Platform::Instagram,
        Platform::Youtube,
        Platform::Tiktok,
        Platform::Reddit,
        Platform::Web,
    ];

    /// The name used in keys, the database and command options.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::X => "x",
            Platform::Telegram => "telegram",
            Platform::Facebook => "facebook",
            Platform::Instagram => "instagram",
            Platform::Youtube => "youtube",
            Platform::Tiktok => "tiktok",
            Platform::Reddit => "reddit",
            Platform::Web => "web",
        }
    }

    /// Scheme and host of the canonical URL; `None` for web keys, which carry their own host.
    fn origin(self) -> Option<&'static str> {
        match self {
            Platform::X => Some("https://x.com"),
            Platform::Telegram => Some("https://t.me"),
            Platform::Facebook => Some("https://www.facebook.com"),
            Platform::Instagram => Some("https://www.instagram.com"),
            Platform::Youtube => Some("https://www.youtube.com"),
            Platform::Tiktok => Some("https://www.tiktok.com"),
            Platform::Reddit => Some("https://www.reddit.com"),
            Platform::Web => None,
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Platform {
    type Err = AccountKeyError;

    /// Accepts the [`Platform::as_str`] names in any case, and `twitter` for X.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        let wanted = name.trim().to_ascii_lowercase();
        if wanted == "twitter" {
            return Ok(Platform::X);
        }
        Platform::ALL
            .into_iter()
            .find(|platform| platform.as_str() == wanted)
            .ok_or_else(|| AccountKeyError::UnknownPlatform { given: excerpt(name) })
    }
}

/// One account on one platform: `<platform>:<id>`, with the id in canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccountKey {
    platform: Platform,
    id: String,
}

impl AccountKey {
    /// Parses a member's input: a link in any form the platform table lists, or a
    /// bare `@handle` / `handle`.
    ///
    /// `platform` is the explicitly chosen platform (slash-command option /
    /// `--platform`), if any; `default_platform` is the server's default for bare
    /// handles (x unless configured). Both only apply to bare handles: a link to a
    /// known platform names its own platform, and any other link is a web key.
    /// See the module documentation for how handles are told from links.
    pub fn parse(
        input: &str,
        platform: Option<Platform>,
        default_platform: Platform,
    ) -> Result<AccountKey, AccountKeyError> {
        if input.chars().nth(MAX_INPUT_CHARS).is_some() {
            return Err(AccountKeyError::TooLong);
        }
        let text = input.trim();
        if text.is_empty() {
            return Err(AccountKeyError::Empty);
        }
        if text.chars().any(char::is_control) {
            return Err(AccountKeyError::ControlCharacter);
        }
        let key = match classify(text, platform)? {
            Form::Link(link) => from_link(&link)?,
            Form::Bare(bare) => from_bare(bare, platform.unwrap_or(default_platform))?,
        };
        key.within_limit()
    }

    /// Decodes a stored key `<platform>:<id>` (as produced by `Display`). The key is
    /// re-validated: it must be exactly what parsing its canonical URL gives.
    pub fn from_key(key: &str) -> Result<AccountKey, AccountKeyError> {
        let invalid = || AccountKeyError::InvalidStoredKey { key: excerpt(key) };
        let (name, id) = key.split_once(':').ok_or_else(invalid)?;
        let platform = Platform::ALL
            .into_iter()
            .find(|platform| platform.as_str() == name)
            .ok_or_else(invalid)?;
        let claimed = AccountKey {
            platform,
            id: id.to_owned(),
        };
        match AccountKey::parse(&claimed.canonical_url(), None, platform) {
            Ok(parsed) if parsed == claimed => Ok(parsed),
            _ => Err(invalid()),
        }
    }

    pub fn platform(&self) -> Platform {
        self.platform
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// The one link shown and exported for this account.
    pub fn canonical_url(&self) -> String {
        match self.platform.origin() {
            Some(origin) => format!("{origin}/{}", self.profile_path()),
            None => format!("https://{}", self.id),
        }
    }

    /// The path of the canonical URL on the platform's site.
    fn profile_path(&self) -> String {
        let id = &self.id;
        match self.platform {
            Platform::Tiktok => format!("@{id}"),
            Platform::Reddit => format!("user/{id}"),
            Platform::Facebook => match id.strip_prefix(NameKind::FacebookNumber.rule().prefix) {
                Some(number) => format!("profile.php?id={number}"),
                None => id.clone(),
            },
            _ => id.clone(),
        }
    }

    /// Percent-encoding can make a canonical URL longer than its input; such a key
    /// could not be parsed back, so it is refused.
    fn within_limit(self) -> Result<Self, AccountKeyError> {
        if self.canonical_url().chars().nth(MAX_INPUT_CHARS).is_some() {
            return Err(AccountKeyError::TooLong);
        }
        Ok(self)
    }
}

impl fmt::Display for AccountKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.platform, self.id)
    }
}

impl TryFrom<String> for AccountKey {
    type Error = AccountKeyError;

    fn try_from(key: String) -> Result<Self, Self::Error> {
        AccountKey::from_key(&key)
    }
}

impl From<AccountKey> for String {
    fn from(key: AccountKey) -> String {
        key.to_string()
    }
}

/// Why an input is not an account key: the facts a rejection is worded from (the
/// bot's render layer words it for people). `Display` is a terse description for logs
/// and developers. Quoted user text is cut short and kept on one line, not escaped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountKeyError {
    #[error("empty account input")]
    Empty,
    #[error("account input over {MAX_INPUT_CHARS} characters")]
    TooLong,
    #[error("control character in account input")]
    ControlCharacter,
    #[error("unsupported link scheme {scheme:?}")]
    UnsupportedScheme { scheme: String },
    #[error("unparsable link")]
    InvalidLink,
    #[error("link with user info before the host")]
    UserInfo,
    #[error("unknown platform {given:?}")]
    UnknownPlatform { given: String },
    #[error("bare name for a web account")]
    WebNeedsLink,
    #[error("{platform} link without an account")]
    MissingAccount { platform: Platform },
    #[error("{page:?} on {platform} is not an account ({why:?})")]
    NotAnAccount {
        platform: Platform,
        /// Where the link pointed, such as `instagram.com/p/…`.
        page: String,
        why: NotAccount,
    },
    #[error("invalid {kind:?} {given:?}")]
    InvalidName { kind: NameKind, given: String },
    #[error("invalid stored account key {key:?}")]
    InvalidStoredKey { key: String },
}

/// Why a link to a known platform names no account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAccount {
    /// One of the platform's own pages (search, settings, …).
    Page,
    /// A post or reel, which does not carry the username.
    Post,
    /// A video, which does not carry the channel.
    Video,
    /// A short link: following it needs the network.
    ShortLink,
    /// A subreddit.
    Community,
}

/// The kinds of names an account id is made of; each has its own rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    XHandle,
    TelegramUsername,
    TelegramInvite,
    FacebookUsername,
    FacebookNumber,
    InstagramUsername,
    YoutubeHandle,
    YoutubeChannel,
    YoutubeCustomName,
    YoutubeUserName,
    TiktokUsername,
    RedditUsername,
}

/// How one [`NameKind`] is checked and turned into an id.
struct NameRule {
    platform: Platform,
    /// Matched against the normalised name.
    pattern: &'static str,
    /// Inclusive bounds on the normalised name's length in characters, where the
    /// pattern leaves counting to code (see [`YOUTUBE_NAME`]).
    chars: Option<(usize, usize)>,
    /// Turns the name as written into the form that tells accounts apart.
    normalise: fn(&str) -> String,
    /// Prepended to the normalised name to form the id.
    prefix: &'static str,
    /// Normalised names that are the platform's own pages, not accounts.
    reserved: &'static [&'static str],
}

/// YouTube handles and channel names may be written in any script. The length is
/// checked in code (`NameRule::chars`): counted repetition (`{3,30}`) of a Unicode
/// class this large compiles to an automaton of about 14 MiB, in about 0.2 s.
const YOUTUBE_NAME: &str = r"^[\p{L}\p{M}\p{N}_.\-·]+$";

impl NameKind {
    /// In declaration order: [`NameKind::pattern`] indexes by discriminant.
    pub const ALL: [NameKind; 12] = [
        NameKind::XHandle,
        NameKind::TelegramUsername,
        NameKind::TelegramInvite,
        NameKind::FacebookUsername,
        NameKind::FacebookNumber,
        NameKind::InstagramUsername,
        NameKind::YoutubeHandle,
        NameKind::YoutubeChannel,
        NameKind::YoutubeCustomName,
        NameKind::YoutubeUserName,
        NameKind::TiktokUsername,
        NameKind::RedditUsername,
    ];

    /// The platform whose accounts this kind of name names.
    pub fn platform(self) -> Platform {
        self.rule().platform
    }

    fn rule(self) -> &'static NameRule {
        match self {
            NameKind::XHandle => &NameRule {
                platform: Platform::X,
                pattern: r"^[a-z0-9_]{1,15}$",
                chars: None,
                normalise: str::to_ascii_lowercase,
                prefix: "",
                reserved: &[
                    "home",
                    "i",
                    "intent",
                    "search",
                    "hashtag",
                    "explore",
                    "settings",
                    "messages",
                    "notifications",
                    "share",
                    "compose",
                    "login",
                    "signup",
                    "tos",
                    "privacy",
                ],
            },
            NameKind::TelegramUsername => &NameRule {
                platform: Platform::Telegram,
                pattern: r"^[a-z][a-z0-9_]{4,31}$",
                chars: None,
                normalise: str::to_ascii_lowercase,
                prefix: "",
                reserved: &[
                    "s",
                    "c",
                    "joinchat",
                    "addemoji",
                    "addlist",
                    "addstickers",
                    "addtheme",
                    "boost",
                    "confirmphone",
                    "contact",
                    "giftcode",
                    "invoice",
                    "login",
                    "proxy",
                    "setlanguage",
                    "share",
                    "socks",
                ],
            },
            NameKind::TelegramInvite => &NameRule {
                platform: Platform::Telegram,
                pattern: r"^[A-Za-z0-9_-]{1,64}$",
                chars: None,
                normalise: str::to_owned,
                prefix: "+",
                reserved: &[],
            },
            NameKind::FacebookUsername => &NameRule {
                platform: Platform::Facebook,
                pattern: r"^[a-z0-9]{5,}$",
                chars: None,
                normalise: facebook_username,
                prefix: "",
                reserved: &[
                    "profilephp",
                    "people",
                    "groups",
                    "pages",
                    "events",
                    "watch",
                    "marketplace",
                    "gaming",
                    "photophp",
                    "photos",
                    "permalinkphp",
                    "storyphp",
                    "sharerphp",
                    "sharer",
                    "share",
                    "login",
                    "loginphp",
                    "homephp",
                    "hashtag",
                    "search",
                    "help",
                    "settings",
                    "messages",
                    "notifications",
                    "friends",
                    "stories",
                ],
            },
            NameKind::FacebookNumber => &NameRule {
                platform: Platform::Facebook,
                pattern: r"^[0-9]{1,20}$",
                chars: None,
                normalise: str::to_owned,
                prefix: "id.",
                reserved: &[],
            },
            NameKind::InstagramUsername => &NameRule {
                platform: Platform::Instagram,
                pattern: r"^[a-z0-9._]{1,30}$",
                chars: None,
                normalise: str::to_ascii_lowercase,
                prefix: "",
                reserved: &[
                    "p",
                    "reel",
                    "reels",
                    "tv",
                    "stories",
                    "highlights",
                    "explore",
                    "accounts",
                    "direct",
                    "about",
                    "legal",
                    "developer",
                    "web",
                ],
            },
            NameKind::YoutubeHandle => &NameRule {
                platform: Platform::Youtube,
                pattern: YOUTUBE_NAME,
                chars: Some((3, 30)),
                normalise: str::to_lowercase,
                prefix: "@",
                reserved: &[],
            },
            NameKind::YoutubeChannel => &NameRule {
                platform: Platform::Youtube,
                pattern: r"^UC[A-Za-z0-9_-]{22}$",
                chars: None,
                normalise: str::to_owned,
                prefix: "channel/",
                reserved: &[],
            },
            NameKind::YoutubeCustomName => &NameRule {
                platform: Platform::Youtube,
                pattern: YOUTUBE_NAME,
                chars: Some((1, 100)),
                normalise: str::to_lowercase,
                prefix: "c/",
                reserved: &[],
            },
            NameKind::YoutubeUserName => &NameRule {
                platform: Platform::Youtube,
                pattern: YOUTUBE_NAME,
                chars: Some((1, 100)),
                normalise: str::to_lowercase,
                prefix: "user/",
                reserved: &[],
            },
            NameKind::TiktokUsername => &NameRule {
                platform: Platform::Tiktok,
                pattern: r"^[a-z0-9._]{2,24}$",
                chars: None,
                normalise: str::to_ascii_lowercase,
                prefix: "",
                reserved: &[],
            },
            NameKind::RedditUsername => &NameRule {
                platform: Platform::Reddit,
                pattern: r"^[a-z0-9_-]{3,20}$",
                chars: None,
                normalise: str::to_ascii_lowercase,
                prefix: "",
                reserved: &[],
            },
        }
    }

    /// Each pattern is compiled on its first use, so an input only pays for its own.
    fn pattern(self) -> &'static Regex {
        static PATTERNS: [OnceLock<Regex>; NameKind::ALL.len()] = [const { OnceLock::new() }; NameKind::ALL.len()];
        // The patterns are literals, compiled by every test run.
        PATTERNS[self as usize].get_or_init(|| Regex::new(self.rule().pattern).expect("literal name pattern"))
    }

    /// Whether the normalised `name` follows the rule's pattern and length.
    fn accepts(self, name: &str) -> bool {
        let fits = |(min, max)| (min..=max).contains(&name.chars().count());
        self.rule().chars.is_none_or(fits) && self.pattern().is_match(name)
    }

    /// Normalises `raw`, refuses the platform's own pages (on `host`), checks the
    /// rule and returns the id.
    fn check(self, raw: &str, host: &str) -> Result<String, AccountKeyError> {
        let rule = self.rule();
        let name = (rule.normalise)(raw);
        if rule.reserved.contains(&name.as_str()) {
            return Err(not_account(rule.platform, host, raw, NotAccount::Page));
        }
        if !self.accepts(&name) {
            return Err(AccountKeyError::InvalidName {
                kind: self,
                given: excerpt(raw),
            });
        }
        Ok(format!("{}{name}", rule.prefix))
    }
}

/// Periods and capitalisation do not tell Facebook usernames apart.
fn facebook_username(raw: &str) -> String {
    raw.to_ascii_lowercase().replace('.', "")
}

/// How the input names the account.
enum Form<'a> {
    /// A URL, with a scheme.
    Link(String),
    /// A handle, or a path on the platform's site.
    Bare(&'a str),
}

/// Tells a link from a bare handle (see the module documentation).
fn classify(text: &str, explicit: Option<Platform>) -> Result<Form<'_>, AccountKeyError> {
    // Literal patterns, compiled by every test run, so `expect` cannot fire.
    static SCHEME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9+.\-]*:").expect("literal pattern"));
    static PORT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[0-9]+(?:[/?#\\]|$)").expect("literal pattern"));
    let with_https = || Form::Link(format!("https://{text}"));
    if let Some(found) = SCHEME.find(text) {
        let scheme = found.as_str().trim_end_matches(':');
        if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") {
            return Ok(Form::Link(text.to_owned()));
        }
        // `example.com:8080/page` is a host and port, not a scheme.
        let rest = text.get(found.end()..).unwrap_or_default();
        if PORT.is_match(rest) {
            return Ok(with_https());
        }
        return Err(AccountKeyError::UnsupportedScheme {
            scheme: excerpt(scheme),
        });
    }
    if text.starts_with('@') {
        return Ok(Form::Bare(text));
    }
    let head = text.split(PATH_DELIMITERS).next().unwrap_or_default();
    if !(head.contains('.') || head.starts_with('[')) {
        return Ok(Form::Bare(text));
    }
    let handle_on_explicit_platform =
        head.len() == text.len() && explicit.is_some_and(|platform| platform != Platform::Web) && !is_known_host(head);
    Ok(if handle_on_explicit_platform {
        Form::Bare(text)
    } else {
        with_https()
    })
}

fn is_known_host(head: &str) -> bool {
    let lower = head.to_ascii_lowercase();
    platform_of_host(strip_www(lower.strip_suffix('.').unwrap_or(&lower))) != Ok(Platform::Web)
}

/// A bare handle (or path) is read as the matching link on the platform's site, so
/// handles and links follow exactly the same rules.
fn from_bare(text: &str, platform: Platform) -> Result<AccountKey, AccountKeyError> {
    let origin = platform.origin().ok_or(AccountKeyError::WebNeedsLink)?;
    let path = if text.contains(PATH_DELIMITERS) {
        text.to_owned()
    } else {
        bare_path(platform, text)?
    };
    from_link(&format!("{origin}/{path}"))
}

/// The profile path a bare `@handle` or `handle` stands for.
fn bare_path(platform: Platform, word: &str) -> Result<String, AccountKeyError> {
    let handle = word.strip_prefix('@').unwrap_or(word);
    if handle.is_empty() {
        return Err(AccountKeyError::Empty);
    }
    // Only youtube input pays for compiling the channel-id pattern.
    let is_channel_id = || handle.len() == word.len() && NameKind::YoutubeChannel.accepts(handle);
    Ok(match platform {
        Platform::Youtube if is_channel_id() => format!("channel/{handle}"),
        Platform::Youtube | Platform::Tiktok => format!("@{handle}"),
        Platform::Reddit => format!("user/{handle}"),
        _ => handle.to_owned(),
    })
}

/// A parsed link, reduced to what the platform rules look at.
struct Link {
    platform: Platform,
    /// Lowercase, without `www.` or a trailing dot.
    host: String,
    /// The first path segments, percent-decoded, empty ones skipped.
    words: Vec<String>,
    url: Url,
}

impl Link {
    /// The rules look at three segments at most.
    const WORDS: usize = 3;

    fn parse(text: &str) -> Result<Link, AccountKeyError> {
        let url = Url::parse(text).map_err(|_| AccountKeyError::InvalidLink)?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(AccountKeyError::UserInfo);
        }
        let host = link_host(&url).ok_or(AccountKeyError::InvalidLink)?;
        let platform = platform_of_host(&host)?;
        let segments = url.path_segments().into_iter().flatten();
        let words = segments
            .filter(|segment| !segment.is_empty())
            .take(Link::WORDS)
            .map(percent_decode)
            .collect();
        Ok(Link {
            platform,
            host,
            words,
            url,
        })
    }

    /// The account id, by the rules of the link's platform.
    fn id(&self) -> Result<String, AccountKeyError> {
        match self.platform {
            Platform::X => x_id(self),
            Platform::Telegram => telegram_id(self),
            Platform::Facebook => facebook_id(self),
            Platform::Instagram => instagram_id(self),
            Platform::Youtube => youtube_id(self),
            Platform::Tiktok => tiktok_id(self),
            Platform::Reddit => reddit_id(self),
            Platform::Web => Ok(web_id(self)),
        }
    }

    fn first_two(&self) -> Result<(&str, Option<&str>), AccountKeyError> {
        let mut words = self.words.iter().map(String::as_str);
        let first = words.next().ok_or(AccountKeyError::MissingAccount {
            platform: self.platform,
        })?;
        Ok((first, words.next()))
    }

    /// The first value of a query parameter.
    fn query(&self, name: &str) -> Option<String> {
        self.url
            .query_pairs()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    }

    fn name(&self, kind: NameKind, raw: &str) -> Result<String, AccountKeyError> {
        kind.check(raw, &self.host)
    }

    fn not_account(&self, word: &str, why: NotAccount) -> AccountKeyError {
        not_account(self.platform, &self.host, word, why)
    }
}

fn not_account(platform: Platform, host: &str, word: &str, why: NotAccount) -> AccountKeyError {
    AccountKeyError::NotAnAccount {
        platform,
        page: format!("{host}/{}/…", excerpt(word)),
        why,
    }
}

/// Hosts whose links never name an account.
const LINK_ONLY_HOSTS: [(&str, Platform, NotAccount); 3] = [
    ("youtu.be", Platform::Youtube, NotAccount::Video),
    ("vm.tiktok.com", Platform::Tiktok, NotAccount::ShortLink),
    ("vt.tiktok.com", Platform::Tiktok, NotAccount::ShortLink),
];

/// Known hosts and the subdomains accepted in front of them (`www.` is removed
/// before matching).
const HOSTS: [(&str, Platform, &[&str]); 11] = [
    ("x.com", Platform::X, &["", "mobile.", "m."]),
    ("twitter.com", Platform::X, &["", "mobile.", "m."]),
    ("t.me", Platform::Telegram, &[""]),
    ("telegram.me", Platform::Telegram, &[""]),
    ("telegram.dog", Platform::Telegram, &[""]),
    ("facebook.com", Platform::Facebook, &["", "m.", "mbasic.", "web."]),
    ("fb.com", Platform::Facebook, &["", "m.", "mbasic.", "web."]),
    ("instagram.com", Platform::Instagram, &[""]),
    ("youtube.com", Platform::Youtube, &["", "m."]),
    ("tiktok.com", Platform::Tiktok, &["", "m."]),
    ("reddit.com", Platform::Reddit, &["", "old.", "new.", "np."]),
];

/// The platform a (normalised) host belongs to; `Web` for any other host.
fn platform_of_host(host: &str) -> Result<Platform, AccountKeyError> {
    if let Some((name, platform, why)) = LINK_ONLY_HOSTS.iter().find(|(name, ..)| *name == host) {
        return Err(AccountKeyError::NotAnAccount {
            platform: *platform,
            page: format!("{name}/…"),
            why: *why,
        });
    }
    let known = HOSTS
        .iter()
        .find(|(base, _, subdomains)| host.strip_suffix(base).is_some_and(|sub| subdomains.contains(&sub)));
    Ok(known.map_or(Platform::Web, |(_, platform, _)| *platform))
}

/// Removes every leading `www.` that leaves a dotted host, so `www.com` stays.
fn strip_www(mut host: &str) -> &str {
    while let Some(rest) = host.strip_prefix("www.").filter(|rest| rest.contains('.')) {
        host = rest;
    }
    host
}

fn from_link(text: &str) -> Result<AccountKey, AccountKeyError> {
    let link = Link::parse(text)?;
    Ok(AccountKey {
        platform: link.platform,
        id: link.id()?,
    })
}

/// The normalised host, or `None` for a host that cannot be on the public web:
/// one without a dot, or with an empty label (`a..b`; one trailing dot is the DNS
/// root and is dropped).
fn link_host(url: &Url) -> Option<String> {
    match url.host()? {
        Host::Domain(domain) => {
            let host = strip_www(domain.strip_suffix('.').unwrap_or(domain));
            let labelled = host.contains('.') && !host.split('.').any(str::is_empty);
            labelled.then(|| host.to_owned())
        }
        Host::Ipv4(ip) => Some(ip.to_string()),
        Host::Ipv6(ip) => Some(format!("[{ip}]")),
    }
}

/// Decodes `%XX` escapes once; invalid UTF-8 becomes U+FFFD, which no rule accepts.
fn percent_decode(segment: &str) -> String {
    let mut parts = segment.split('%');
    let mut bytes = parts.next().unwrap_or_default().as_bytes().to_vec();
    for part in parts {
        let escape = part.get(..2).filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()));
        match escape.and_then(|hex| u8::from_str_radix(hex, 16).ok()) {
            Some(byte) => {
                bytes.push(byte);
                bytes.extend_from_slice(part.get(2..).unwrap_or_default().as_bytes());
            }
            None => {
                bytes.push(b'%');
                bytes.extend_from_slice(part.as_bytes());
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn is(word: &str, expected: &str) -> bool {
    word.eq_ignore_ascii_case(expected)
}

/// `/<handle>/…`, and `intent/user?screen_name=<handle>`.
fn x_id(link: &Link) -> Result<String, AccountKeyError> {
    let (first, second) = link.first_two()?;
    let intent_user = is(first, "intent") && second.is_some_and(|word| is(word, "user"));
    match link.query("screen_name") {
        Some(screen_name) if intent_user => link.name(NameKind::XHandle, &screen_name),
        _ => link.name(NameKind::XHandle, first),
    }
}

/// `/<name>/…`, `/s/<name>`, and invites `/+<code>`, `/joinchat/<code>`.
fn telegram_id(link: &Link) -> Result<String, AccountKeyError> {
    let (first, second) = link.first_two()?;
    match second {
        Some(name) if is(first, "s") => link.name(NameKind::TelegramUsername, name),
        Some(code) if is(first, "joinchat") => link.name(NameKind::TelegramInvite, code),
        _ => match first.strip_prefix('+') {
            Some(code) => link.name(NameKind::TelegramInvite, code),
            None => link.name(NameKind::TelegramUsername, first),
        },
    }
}

/// `/<username>/…`, `profile.php?id=<digits>`, `/people/<name>/<digits>`, `/<digits>`.
fn facebook_id(link: &Link) -> Result<String, AccountKeyError> {
    let (first, second) = link.first_two()?;
    let number = match first.to_ascii_lowercase().as_str() {
        "profile.php" => link.query("id"),
        "people" if second.is_some() => link.words.get(2).cloned(),
        _ => None,
    };
    match number {
        Some(number) => link.name(NameKind::FacebookNumber, &number),
        None => facebook_name(link, first),
    }
}

/// A username, or a profile number: Facebook serves `/<digits>` as that profile.
fn facebook_name(link: &Link, word: &str) -> Result<String, AccountKeyError> {
    let squashed = facebook_username(word);
    if !squashed.is_empty() && squashed.bytes().all(|b| b.is_ascii_digit()) {
        return link.name(NameKind::FacebookNumber, &squashed);
    }
    link.name(NameKind::FacebookUsername, word)
}

/// `/<username>/…` and `/stories/<username>/…`; posts and reels carry no username.
fn instagram_id(link: &Link) -> Result<String, AccountKeyError> {
    let (first, second) = link.first_two()?;
    if ["p", "reel", "reels", "tv"].iter().any(|post| is(first, post)) {
        return Err(link.not_account(first, NotAccount::Post));
    }
    match second {
        Some(name) if is(first, "stories") => link.name(NameKind::InstagramUsername, name),
        _ => link.name(NameKind::InstagramUsername, first),
    }
}

/// `/@<handle>`, `/channel/UC…`, `/c/<name>`, `/user/<name>`; videos are refused.
fn youtube_id(link: &Link) -> Result<String, AccountKeyError> {
    let (first, second) = link.first_two()?;
    if let Some(handle) = first.strip_prefix('@') {
        return link.name(NameKind::YoutubeHandle, handle);
    }
    match (first.to_ascii_lowercase().as_str(), second) {
        ("channel", Some(id)) => link.name(NameKind::YoutubeChannel, id),
        ("c", Some(name)) => link.name(NameKind::YoutubeCustomName, name),
        ("user", Some(name)) => link.name(NameKind::YoutubeUserName, name),
        ("watch" | "shorts" | "live" | "embed" | "v", _) => Err(link.not_account(first, NotAccount::Video)),
        _ => Err(link.not_account(first, NotAccount::Page)),
    }
}

/// `/@<name>` and `/@<name>/video/<n>`; `/t/…` is a short link.
fn tiktok_id(link: &Link) -> Result<String, AccountKeyError> {
    let (first, _) = link.first_two()?;
    if let Some(name) = first.strip_prefix('@') {
        return link.name(NameKind::TiktokUsername, name);
    }
    let why = if is(first, "t") {
        NotAccount::ShortLink
    } else {
        NotAccount::Page
    };
    Err(link.not_account(first, why))
}

/// `/user/<name>` and `/u/<name>`; `/r/<sub>` is a community.
fn reddit_id(link: &Link) -> Result<String, AccountKeyError> {
    let (first, second) = link.first_two()?;
    match (first.to_ascii_lowercase().as_str(), second) {
        ("user" | "u", Some(name)) => link.name(NameKind::RedditUsername, name),
        ("r", _) => Err(link.not_account(first, NotAccount::Community)),
        _ => Err(link.not_account(first, NotAccount::Page)),
    }
}

/// Host, a port other than 443, then the path with its case kept, without query,
/// fragment or trailing slash.
fn web_id(link: &Link) -> String {
    let port = match link.url.port() {
        Some(port) if port != 443 => format!(":{port}"),
        _ => String::new(),
    };
    format!("{}{port}{}", link.host, link.url.path().trim_end_matches('/'))
}

/// User text as quoted in a message: short, on one line.
fn excerpt(text: &str) -> String {
    let mut shown: String = text
        .chars()
        .take(EXCERPT_CHARS)
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if text.chars().nth(EXCERPT_CHARS).is_some() {
        shown.push('…');
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHANNEL: &str = "UCX6OQ3DkcsbYNE6H8uQQuVA";

    fn parse(input: &str, explicit: Option<Platform>) -> Result<AccountKey, AccountKeyError> {
        AccountKey::parse(input, explicit, Platform::X)
    }

    /// Asserts the invariants every accepted key keeps.
    fn assert_round_trips(key: &AccountKey, input: &str) {
        assert_eq!(
            AccountKey::from_key(&key.to_string()).as_ref(),
            Ok(key),
            "from_key({key}) from {input:?}"
        );
        let url = key.canonical_url();
        assert_eq!(
            parse(&url, None).as_ref(),
            Ok(key),
            "canonical url {url:?} from {input:?}"
        );
    }

    /// Asserts what every rejection keeps: the user text it quotes is on one line (the
    /// render layer's tests check that each variant's wording hints at what is accepted).
    fn assert_one_line(error: &AccountKeyError, input: &str) {
        let text = error.to_string();
        assert!(
            !text.contains(['\n', '\r']),
            "{input:?} gave a multi-line rejection: {text:?}"
        );
    }

    fn chars(c: char, n: usize) -> String {
        std::iter::repeat_n(c, n).collect()
    }

    use Platform::{Facebook, Instagram, Reddit, Telegram, Tiktok, Web, Youtube, X};

    /// (input, explicit platform, key); the default platform is x.
    fn accepted() -> Vec<(String, Option<Platform>, String)> {
        let table: &[(&str, Option<Platform>, &str)] = &[
            // x: every host, sub-paths, case, query, fragment, trailing slash
            ("https://x.com/jack", None, "x:jack"),
            ("https://twitter.com/Jack", None, "x:jack"),
            ("www.x.com/jack", None, "x:jack"),
            ("www.twitter.com/jack", None, "x:jack"),
            ("mobile.x.com/jack", None, "x:jack"),
            ("mobile.twitter.com/jack", None, "x:jack"),
            ("m.x.com/jack", None, "x:jack"),
            ("m.twitter.com/jack", None, "x:jack"),
            ("HTTP://X.COM/Jack/", None, "x:jack"),
            ("x.com/jack?lang=en#top", None, "x:jack"),
            ("https://x.com/jack/status/20", None, "x:jack"),
            ("https://twitter.com/jack/with_replies", None, "x:jack"),
            ("https://x.com/intent/user?screen_name=Jack", None, "x:jack"),
            ("x.com/%6Aack", None, "x:jack"),
            ("x.com:443/jack", None, "x:jack"),
            ("https://x.com:8443/jack", None, "x:jack"),
            ("x.com./jack", None, "x:jack"),
            ("https://x.com//jack", None, "x:jack"),
            ("https://@x.com/jack", None, "x:jack"),
            ("@jack", None, "x:jack"),
            ("  @Jack \r\n", None, "x:jack"),
            ("jack", None, "x:jack"),
            ("jack/status/1", None, "x:jack"),
            ("@jack", Some(X), "x:jack"),
            ("a", None, "x:a"),
            ("x.com/ABCDEFGHIJ_1234", None, "x:abcdefghij_1234"),
            // telegram: hosts, /s/, posts, invites with case kept
            ("https://t.me/durov", None, "telegram:durov"),
            ("telegram.me/Durov", None, "telegram:durov"),
            ("telegram.dog/durov", None, "telegram:durov"),
            ("www.t.me/durov", None, "telegram:durov"),
            ("t.me/s/durov", None, "telegram:durov"),
            ("t.me/durov/123", None, "telegram:durov"),
            ("t.me/s/durov/123?single", None, "telegram:durov"),
            ("t.me/+AbCdEf_-12", None, "telegram:+AbCdEf_-12"),
            ("t.me/%2BAbCdEf", None, "telegram:+AbCdEf"),
            ("t.me/joinchat/AbCdEf", None, "telegram:+AbCdEf"),
            ("T.ME/JoinChat/AbCdEf", None, "telegram:+AbCdEf"),
            ("@durov", Some(Telegram), "telegram:durov"),
            ("Durov", Some(Telegram), "telegram:durov"),
            ("+AbCdEf", Some(Telegram), "telegram:+AbCdEf"),
            ("t.me/abcde", None, "telegram:abcde"),
            (
                "t.me/a_234567890123456789012345678901",
                None,
                "telegram:a_234567890123456789012345678901",
            ),
            // facebook: hosts, periods and case, numeric profiles
            ("https://www.facebook.com/John.Smith", None, "facebook:johnsmith"),
            ("facebook.com/johnsmith", None, "facebook:johnsmith"),
            ("m.facebook.com/john.smith", None, "facebook:johnsmith"),
            ("mbasic.facebook.com/john.smith", None, "facebook:johnsmith"),
            ("web.facebook.com/john.smith", None, "facebook:johnsmith"),
            ("fb.com/john.smith", None, "facebook:johnsmith"),
            ("www.fb.com/john.smith", None, "facebook:johnsmith"),
            ("m.fb.com/john.smith", None, "facebook:johnsmith"),
            ("mbasic.fb.com/john.smith", None, "facebook:johnsmith"),
            ("web.fb.com/john.smith", None, "facebook:johnsmith"),
            ("facebook.com/john.smith/posts/123", None, "facebook:johnsmith"),
            ("facebook.com/a.b.c.d.e", None, "facebook:abcde"),
            ("facebook.com/abcde", None, "facebook:abcde"),
            (
                "https://www.facebook.com/profile.php?id=100012345",
                None,
                "facebook:id.100012345",
            ),
            ("facebook.com/profile.php?sk=about&id=4", None, "facebook:id.4"),
            ("facebook.com/100012345", None, "facebook:id.100012345"),
            (
                "facebook.com/people/John-Smith/100012345/",
                None,
                "facebook:id.100012345",
            ),
            ("john.smith", Some(Facebook), "facebook:johnsmith"),
            // instagram
            ("https://www.instagram.com/john.smith_/", None, "instagram:john.smith_"),
            ("instagram.com/John.Smith", None, "instagram:john.smith"),
            ("instagram.com/john?igsh=abc", None, "instagram:john"),
            ("instagram.com/stories/john.smith/123456", None, "instagram:john.smith"),
            ("instagram.com/john.smith/p/Cabc/", None, "instagram:john.smith"),
            ("@john.smith", Some(Instagram), "instagram:john.smith"),
            ("john.smith", Some(Instagram), "instagram:john.smith"),
            ("instagram.com/a", None, "instagram:a"),
            (
                "instagram.com/abcdefghij.abcdefghij_abcdefgh",
                None,
                "instagram:abcdefghij.abcdefghij_abcdefgh",
            ),
            // youtube
            ("https://www.youtube.com/@MrBeast", None, "youtube:@mrbeast"),
            ("youtube.com/@mrbeast/videos", None, "youtube:@mrbeast"),
            ("m.youtube.com/@MrBeast", None, "youtube:@mrbeast"),
            ("youtube.com/@%D0%9C%D0%B0%D1%88%D0%B0", None, "youtube:@маша"),
            (
                "youtube.com/channel/UCX6OQ3DkcsbYNE6H8uQQuVA",
                None,
                "youtube:channel/UCX6OQ3DkcsbYNE6H8uQQuVA",
            ),
            (
                "youtube.com/channel/UCX6OQ3DkcsbYNE6H8uQQuVA/featured",
                None,
                "youtube:channel/UCX6OQ3DkcsbYNE6H8uQQuVA",
            ),
            ("youtube.com/c/MrBeast6000", None, "youtube:c/mrbeast6000"),
            ("youtube.com/user/MrBeast6000", None, "youtube:user/mrbeast6000"),
            ("@MrBeast", Some(Youtube), "youtube:@mrbeast"),
            ("MrBeast", Some(Youtube), "youtube:@mrbeast"),
            (
                "UCX6OQ3DkcsbYNE6H8uQQuVA",
                Some(Youtube),
                "youtube:channel/UCX6OQ3DkcsbYNE6H8uQQuVA",
            ),
            (
                "channel/UCX6OQ3DkcsbYNE6H8uQQuVA",
                Some(Youtube),
                "youtube:channel/UCX6OQ3DkcsbYNE6H8uQQuVA",
            ),
            // tiktok
            ("https://www.tiktok.com/@Some.User_", None, "tiktok:some.user_"),
            ("tiktok.com/@someuser/video/7234", None, "tiktok:someuser"),
            ("m.tiktok.com/@someuser", None, "tiktok:someuser"),
            ("@someuser", Some(Tiktok), "tiktok:someuser"),
            ("someuser", Some(Tiktok), "tiktok:someuser"),
            ("tiktok.com/@ab", None, "tiktok:ab"),
            (
                "tiktok.com/@abcdefghijabcdefghijabcd",
                None,
                "tiktok:abcdefghijabcdefghijabcd",
            ),
            // reddit
            ("https://www.reddit.com/user/Spez/", None, "reddit:spez"),
            ("reddit.com/u/spez", None, "reddit:spez"),
            ("old.reddit.com/user/spez/comments", None, "reddit:spez"),
            ("new.reddit.com/u/spez", None, "reddit:spez"),
            ("np.reddit.com/user/spez", None, "reddit:spez"),
            ("u/spez", Some(Reddit), "reddit:spez"),
            ("/u/spez", Some(Reddit), "reddit:spez"),
            ("spez", Some(Reddit), "reddit:spez"),
            ("@spez", Some(Reddit), "reddit:spez"),
            ("reddit.com/user/a-b", None, "reddit:a-b"),
            (
                "reddit.com/user/abcdefghij_abcdefghi",
                None,
                "reddit:abcdefghij_abcdefghi",
            ),
            // web
            (
                "https://www.Example.com/Some/Path/?q=1#x",
                None,
                "web:example.com/Some/Path",
            ),
            ("example.com", None, "web:example.com"),
            ("example.com", Some(Web), "web:example.com"),
            ("john.smith", None, "web:john.smith"),
            ("http://example.com:8080/p", None, "web:example.com:8080/p"),
            ("example.com:8080/p", None, "web:example.com:8080/p"),
            ("https://example.com:443/p", None, "web:example.com/p"),
            ("http://example.com:443/p", None, "web:example.com/p"),
            ("http://192.168.0.1/admin", None, "web:192.168.0.1/admin"),
            ("https://[::1]/x", None, "web:[::1]/x"),
            ("www.www.example.com//", None, "web:example.com"),
            ("www.com", None, "web:www.com"),
            ("example.com/a b", None, "web:example.com/a%20b"),
            ("example.com/a/../B", None, "web:example.com/B"),
            ("https://bücher.de/Straße", None, "web:xn--bcher-kva.de/Stra%C3%9Fe"),
            ("business.facebook.com/foo", None, "web:business.facebook.com/foo"),
            ("evilx.com/jack", None, "web:evilx.com/jack"),
            // a link decides its platform, whatever was chosen
            ("instagram.com/jack", Some(X), "instagram:jack"),
            ("example.com/page", Some(Telegram), "web:example.com/page"),
        ];
        let mut rows: Vec<_> = table
            .iter()
            .map(|(input, explicit, key)| (input.to_string(), *explicit, key.to_string()))
            .collect();
        let at_limit = format!("https://example.com/{}", chars('a', MAX_INPUT_CHARS - 20));
        rows.push((at_limit.clone(), None, format!("web:{}", &at_limit["https://".len()..])));
        rows
    }

    #[test]
    fn every_accepted_form_gives_its_key() {
        for (input, explicit, key) in accepted() {
            let parsed = parse(&input, explicit).map(|key| key.to_string());
            assert_eq!(parsed, Ok(key), "input {input:?}, platform {explicit:?}");
        }
    }

    #[test]
    fn every_accepted_key_round_trips_through_from_key_and_its_canonical_url() {
        for (input, explicit, _) in accepted() {
            let key = parse(&input, explicit).expect("accepted input");
            assert_round_trips(&key, &input);
        }
    }

    #[test]
    fn a_bare_handle_uses_the_explicit_platform_before_the_servers_default() {
        let parse = |input, explicit| AccountKey::parse(input, explicit, Telegram).map(|key| key.to_string());
        assert_eq!(parse("@durov", None), Ok("telegram:durov".to_owned()));
        assert_eq!(parse("@jack", Some(X)), Ok("x:jack".to_owned()));
        assert_eq!(parse("x.com/jack", None), Ok("x:jack".to_owned()));
    }

    #[test]
    fn canonical_urls_follow_the_platform_table() {
        let table = [
            ("x:jack", "https://x.com/jack"),
            ("telegram:durov", "https://t.me/durov"),
            ("telegram:+AbCdEf", "https://t.me/+AbCdEf"),
            ("facebook:johnsmith", "https://www.facebook.com/johnsmith"),
            (
                "facebook:id.100012345",
                "https://www.facebook.com/profile.php?id=100012345",
            ),
            ("instagram:john.smith", "https://www.instagram.com/john.smith"),
            ("youtube:@mrbeast", "https://www.youtube.com/@mrbeast"),
            (
                &format!("youtube:channel/{CHANNEL}"),
                &format!("https://www.youtube.com/channel/{CHANNEL}"),
            ),
            ("youtube:c/mrbeast6000", "https://www.youtube.com/c/mrbeast6000"),
            ("youtube:user/mrbeast6000", "https://www.youtube.com/user/mrbeast6000"),
            ("tiktok:some.user", "https://www.tiktok.com/@some.user"),
            ("reddit:spez", "https://www.reddit.com/user/spez"),
            ("web:example.com/Some/Path", "https://example.com/Some/Path"),
            ("web:example.com:8080", "https://example.com:8080"),
        ];
        for (key, url) in table {
            let key = AccountKey::from_key(key).expect("valid key");
            assert_eq!(key.canonical_url(), url);
        }
    }

    #[test]
    fn keys_expose_their_platform_and_id() {
        let key = parse("t.me/+AbCdEf", None).expect("invite link");
        assert_eq!((key.platform(), key.id()), (Telegram, "+AbCdEf"));
    }

    #[test]
    fn every_reserved_x_path_is_rejected_as_not_an_account() {
        for word in NameKind::XHandle.rule().reserved {
            let expected = AccountKeyError::NotAnAccount {
                platform: X,
                page: format!("x.com/{word}/…"),
                why: NotAccount::Page,
            };
            assert_eq!(parse(&format!("https://x.com/{word}/more"), None), Err(expected));
        }
    }

    #[test]
    fn input_of_2048_characters_is_read_and_2049_is_too_long() {
        let at_limit = format!("https://example.com/{}", chars('a', MAX_INPUT_CHARS - 20));
        assert!(parse(&at_limit, None).is_ok());
        for too_long in [format!("{at_limit}a"), format!(" {at_limit}"), chars('a', 100_000)] {
            assert_eq!(parse(&too_long, None), Err(AccountKeyError::TooLong));
        }
    }

    #[test]
    fn a_link_whose_canonical_url_would_pass_the_limit_is_too_long() {
        let expanding = format!("example.com/{}", chars('é', 1000));
        assert_eq!(parse(&expanding, None), Err(AccountKeyError::TooLong));
    }

    /// The patterns leave these lengths to code: characters (not bytes) of the
    /// lowercased name, where `İ` becomes two.
    #[test]
    fn youtube_names_are_counted_in_characters_of_the_lowercased_name() {
        let kinds = [
            ("youtube.com/@", 3, 30),
            ("youtube.com/c/", 1, 100),
            ("youtube.com/user/", 1, 100),
        ];
        for (prefix, min, max) in kinds {
            for n in [min, max] {
                let input = format!("{prefix}{}", chars('ж', n));
                assert!(parse(&input, None).is_ok(), "{input}");
            }
            for n in [min - 1, max + 1].into_iter().filter(|&n| n > 0) {
                let input = format!("{prefix}{}", chars('ж', n));
                assert!(
                    matches!(parse(&input, None), Err(AccountKeyError::InvalidName { .. })),
                    "{input}"
                );
            }
            assert!(parse(&format!("{prefix}{}", chars('İ', max / 2)), None).is_ok());
            let doubled = format!("{prefix}{}", chars('İ', max / 2 + 1));
            assert!(matches!(
                parse(&doubled, None),
                Err(AccountKeyError::InvalidName { .. })
            ));
        }
    }

    #[test]
    fn quoted_input_is_cut_to_80_characters() {
        let expected = AccountKeyError::InvalidName {
            kind: NameKind::XHandle,
            given: format!("{}…", chars('a', 80)),
        };
        assert_eq!(parse(&format!("x.com/{}", chars('a', 500)), None), Err(expected));
    }

    #[test]
    fn platform_names_parse_in_any_case_and_twitter_means_x() {
        for platform in Platform::ALL {
            assert_eq!(platform.as_str().to_uppercase().parse(), Ok(platform));
            assert_eq!(platform.to_string(), platform.as_str());
        }
        assert_eq!(" Twitter ".parse(), Ok(X));
    }

    #[test]
    fn an_unknown_platform_name_is_refused_with_the_name_given() {
        let given = "myspace".to_owned();
        assert_eq!(
            "myspace".parse::<Platform>(),
            Err(AccountKeyError::UnknownPlatform { given })
        );
    }

    #[test]
    fn stored_keys_that_are_not_canonical_are_refused() {
        let bad = [
            "",
            "x",
            "x:",
            "x:Jack",
            "x:jack ",
            "twitter:jack",
            "X:jack",
            "web:",
            "web:x.com/jack",
            "web:example.com/",
            "web:Example.com",
            "facebook:john.smith",
            "facebook:id.abc",
            "telegram:+",
            "youtube:mrbeast",
            "youtube:channel/uc123",
            "tiktok:@someuser",
            "reddit:user/spez",
            "instagram:p",
            "x:home",
        ];
        for key in bad {
            let error = AccountKey::from_key(key).expect_err(key);
            assert_eq!(error, AccountKeyError::InvalidStoredKey { key: key.to_owned() });
            assert_one_line(&error, key);
        }
    }

    #[test]
    fn keys_serialise_as_their_string_and_deserialise_only_when_valid() {
        let key = parse("x.com/jack", None).expect("valid");
        assert_eq!(serde_json::to_string(&key).expect("serialises"), r#""x:jack""#);
        assert_eq!(serde_json::from_str::<AccountKey>(r#""x:jack""#).expect("valid"), key);
        assert!(serde_json::from_str::<AccountKey>(r#""x:Jack""#).is_err());
    }

    #[test]
    fn name_kinds_are_listed_in_declaration_order() {
        for (index, kind) in NameKind::ALL.into_iter().enumerate() {
            assert_eq!(kind as usize, index);
            assert!(kind.pattern().as_str() == kind.rule().pattern);
        }
    }

    /// A small deterministic PRNG (xorshift64*), so the test needs no dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.below(items.len())]
        }
    }

    const ALPHABET: &[char] = &[
        'a', 'Z', '0', '_', '.', '-', '@', '+', '/', ':', '?', '#', '%', '[', ' ', 'é', 'İ', '\u{202E}',
    ];

    const PREFIXES: &[&str] = &[
        "",
        "https://",
        "http://www.",
        "x.com/",
        "t.me/",
        "t.me/joinchat/",
        "facebook.com/",
        "facebook.com/profile.php?id=",
        "instagram.com/stories/",
        "youtube.com/",
        "youtube.com/c/",
        "tiktok.com/@",
        "reddit.com/u/",
        "www.",
        "example.com/",
    ];

    const TRICKY: &[&str] = &[
        "İSTANBUL",
        "ΑΣ",
        "ﬃ",
        "\u{202E}jack",
        "\u{200B}",
        "\u{FEFF}jack",
        "x.com/İ",
        "youtube.com/@ΣΟΦΙΑ",
        "youtube.com/@%C4%B0stanbul",
        "youtube.com/c/%E1%BA%9E",
        "https://xn--80ak6aa92e.com",
        "https://ексампл.рф/Путь",
        "👍",
        "e\u{301}",
        "x.com/%",
        "x.com/%%",
        "x.com/%e2%82",
        "t.me/+%F0%9F%91%8D",
        "https://x.com:99999/jack",
        "https://0x7f.1/",
        "https://1.2.3/",
        "https://1.2.3.4.5/",
        "https://../",
        "https://./jack",
        "./jack",
        "//x.com/jack",
        "\\\\x.com\\jack",
        "https:x.com/jack",
        "https:/x.com/jack",
        "HTTPS://WWW.X.COM./JACK",
        "http://[::ffff:1.2.3.4]:80/",
        "example.com:0",
        "a.b:1:2",
        "@@",
        "@/",
        "?",
        "#",
        "/",
        "..",
        "www.",
        "www.www.",
        "https://www.x.com.",
        "https://m.www.facebook.com/john.smith",
        "https://example.com/%2e%2e/%2F",
        "https://example.com/?",
        "youtu.be",
        "https://example.com/a%00b",
        "https://ex%61mple.com/",
        "https://EXAMPLE.com/İ",
    ];

    /// Checks the invariants on one input: no panic, a one-line rejection or a key that round-trips.
    fn check(input: &str, explicit: Option<Platform>) {
        match parse(input, explicit) {
            Ok(key) => assert_round_trips(&key, input),
            Err(error) => assert_one_line(&error, input),
        }
    }

    fn hint(index: usize) -> Option<Platform> {
        Platform::ALL.get(index % (Platform::ALL.len() + 1)).copied()
    }

    #[test]
    fn no_input_panics_and_every_key_round_trips() {
        let mut words = vec![String::new()];
        let mut level = vec![String::new()];
        for _ in 0..3 {
            level = level
                .iter()
                .flat_map(|s| ALPHABET.iter().map(move |c| format!("{s}{c}")))
                .collect();
            words.extend(level.iter().cloned());
        }
        // Every word alone and after one prefix; the shorter words after every prefix.
        for (index, word) in words.iter().enumerate() {
            check(word, hint(index));
            check(&format!("{}{word}", PREFIXES[index % PREFIXES.len()]), hint(index + 1));
            if word.chars().count() < 3 {
                for (offset, prefix) in PREFIXES.iter().enumerate() {
                    check(&format!("{prefix}{word}"), hint(index + offset));
                }
            }
        }
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for index in 0..20_000 {
            let bytes: Vec<u8> = (0..rng.below(40)).map(|_| rng.next() as u8).collect();
            let mixed: String = (0..rng.below(30)).map(|_| *rng.pick(ALPHABET)).collect();
            let prefix = rng.pick(PREFIXES);
            check(&String::from_utf8_lossy(&bytes), hint(index));
            check(&format!("{prefix}{}", String::from_utf8_lossy(&bytes)), hint(index + 1));
            check(&format!("{prefix}{mixed}"), hint(index + 2));
        }
        for input in TRICKY {
            for explicit in std::iter::once(None).chain(Platform::ALL.map(Some)) {
                check(input, explicit);
                check(&format!("{}/{input}", "https://www.youtube.com/@"), explicit);
            }
        }
    }

    /// Per platform, the characters its names are made of.
    const NAME_ALPHABETS: [(Platform, &str); 7] = [
        (X, "aZ9_"),
        (Telegram, "aZ9_+-"),
        (Facebook, "aZ9."),
        (Instagram, "aZ9._"),
        (Youtube, "aZ9_.-ΣİUC"),
        (Tiktok, "aZ9._@"),
        (Reddit, "aZ9_-"),
    ];

    #[test]
    fn the_canonical_url_of_every_valid_key_parses_back_to_that_key() {
        let mut rng = Rng(42);
        for (platform, alphabet) in NAME_ALPHABETS {
            let alphabet: Vec<char> = alphabet.chars().collect();
            let mut valid = 0;
            for _ in 0..3_000 {
                let name: String = (0..1 + rng.below(34)).map(|_| *rng.pick(&alphabet)).collect();
                if let Ok(key) = parse(&name, Some(platform)) {
                    assert_eq!(key.platform(), platform, "{name:?}");
                    assert_round_trips(&key, &name);
                    valid += 1;
                }
            }
            assert!(valid > 50, "only {valid} valid {platform} names were generated");
        }
        for path in ["", "/a", "/A/b", "/a%20b", "/%C3%A9"] {
            let key = parse(&format!("https://example.com{path}"), None).expect("web link");
            assert_round_trips(&key, path);
        }
    }
}
