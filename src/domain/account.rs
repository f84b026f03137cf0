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
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};
use url::{Host, Url};

/// Longest input accepted, in characters. It also bounds canonical URLs, so every
/// key's canonical URL is itself acceptable input.
pub const MAX_INPUT_CHARS: usize = 2048;

/// User text quoted in a message is cut to this many characters.
const EXCERPT_CHARS: usize = 80;

/// The hint for rejections that are not about one platform.
const ANY_FORMS: &str = "paste a profile link (such as https://x.com/<handle>) or an @handle";

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

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Platform::X => "X (Twitter)",
            Platform::Telegram => "Telegram",
            Platform::Facebook => "Facebook",
            Platform::Instagram => "Instagram",
            Platform::Youtube => "YouTube",
            Platform::Tiktok => "TikTok",
            Platform::Reddit => "Reddit",
            Platform::Web => "Website",
        }
    }

    /// The accepted forms, quoted in every rejection about this platform.
    fn forms(self) -> &'static str {
        match self {
            Platform::X => "x.com/<handle> or @handle",
            Platform::Telegram => "t.me/<username>, t.me/+<invite code> or @username",
            Platform::Facebook => "facebook.com/<username> or facebook.com/profile.php?id=<number>",
            Platform::Instagram => "instagram.com/<username> or @username",
            Platform::Youtube => {
                "youtube.com/@<handle>, youtube.com/channel/UC…, youtube.com/c/<name> or youtube.com/user/<name>"
            }
            Platform::Tiktok => "tiktok.com/@<username> or @username",
            Platform::Reddit => "reddit.com/user/<username> or u/<username>",
            Platform::Web => "a full link such as https://example.com/page",
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

/// Why an input is not an account key. `Display` is the message for the member:
/// one line naming the problem and the accepted forms. Quoted user text is cut
/// short but not escaped: escaping for Discord is the renderer's job.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountKeyError {
    #[error("no account given: {}", ANY_FORMS)]
    Empty,
    #[error("this is longer than 2,048 characters, too long to be an account: {}", ANY_FORMS)]
    TooLong,
    #[error(
        "this contains control characters (such as a line break or tab): {}, one at a time",
        ANY_FORMS
    )]
    ControlCharacter,
    #[error("“{scheme}:” links are not accepted, only http:// and https:// ones: {}", ANY_FORMS)]
    UnsupportedScheme { scheme: String },
    #[error("this is not a valid link: {}", ANY_FORMS)]
    InvalidLink,
    #[error(
        "links with a name or password before the host (name@host) are not accepted, because they can hide where the link leads: {}",
        ANY_FORMS
    )]
    UserInfo,
    #[error("“{given}” is not a platform this bot knows: use one of {}", platform_names())]
    UnknownPlatform { given: String },
    #[error(
        "a website account needs its full address, not just a name: paste a link such as https://example.com/page, or choose the platform the handle is on"
    )]
    WebNeedsLink,
    #[error("this {} link does not name an account: paste the profile link ({})", .platform.label(), .platform.forms())]
    MissingAccount { platform: Platform },
    #[error("{page} {}: paste the profile link instead ({})", .why.text(), .platform.forms())]
    NotAnAccount {
        platform: Platform,
        /// Where the link pointed, such as `instagram.com/p/…`.
        page: String,
        why: NotAccount,
    },
    #[error("“{given}” is not a valid {} ({}): paste {}", .kind.rule().noun, .kind.rule().rule, .kind.rule().platform.forms())]
    InvalidName { kind: NameKind, given: String },
    #[error("“{key}” is not a valid stored account key (expected <platform>:<id>, such as x:jack)")]
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

impl NotAccount {
    fn text(self) -> &'static str {
        match self {
            NotAccount::Page => "is not an account page",
            NotAccount::Post => "is a post link and does not name the account",
            NotAccount::Video => "is a video link and does not name the channel",
            NotAccount::ShortLink => {
                "is a short link that the bot cannot open (open it in a browser to see the account)"
            }
            NotAccount::Community => "is a community (subreddit), not an account",
        }
    }
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
    noun: &'static str,
    /// The rule in words, for the rejection message.
    rule: &'static str,
    /// Matched against the normalised name.
    pattern: &'static str,
    /// Turns the name as written into the form that tells accounts apart.
    normalise: fn(&str) -> String,
    /// Prepended to the normalised name to form the id.
    prefix: &'static str,
    /// Normalised names that are the platform's own pages, not accounts.
    reserved: &'static [&'static str],
}

/// YouTube handles and channel names may be written in any script.
const YOUTUBE_HANDLE: &str = r"^[\p{L}\p{M}\p{N}_.\-·]{3,30}$";
const YOUTUBE_NAME: &str = r"^[\p{L}\p{M}\p{N}_.\-·]{1,100}$";

impl NameKind {
    /// In declaration order: [`NameKind::pattern`] indexes by discriminant.
    const ALL: [NameKind; 12] = [
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

    fn rule(self) -> &'static NameRule {
        match self {
            NameKind::XHandle => &NameRule {
                platform: Platform::X,
                noun: "X handle",
                rule: "1–15 letters, digits or _",
                pattern: r"^[a-z0-9_]{1,15}$",
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
                noun: "Telegram username",
                rule: "5–32 letters, digits or _, starting with a letter",
                pattern: r"^[a-z][a-z0-9_]{4,31}$",
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
                noun: "Telegram invite code",
                rule: "up to 64 letters, digits, _ or -",
                pattern: r"^[A-Za-z0-9_-]{1,64}$",
                normalise: str::to_owned,
                prefix: "+",
                reserved: &[],
            },
            NameKind::FacebookUsername => &NameRule {
                platform: Platform::Facebook,
                noun: "Facebook username",
                rule: "at least 5 letters or digits; periods do not count",
                pattern: r"^[a-z0-9]{5,}$",
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
                noun: "Facebook profile number",
                rule: "1–20 digits",
                pattern: r"^[0-9]{1,20}$",
                normalise: str::to_owned,
                prefix: "id.",
                reserved: &[],
            },
            NameKind::InstagramUsername => &NameRule {
                platform: Platform::Instagram,
                noun: "Instagram username",
                rule: "1–30 letters, digits, . or _",
                pattern: r"^[a-z0-9._]{1,30}$",
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
                noun: "YouTube handle",
                rule: "3–30 letters, digits, _, - or .",
                pattern: YOUTUBE_HANDLE,
                normalise: str::to_lowercase,
                prefix: "@",
                reserved: &[],
            },
            NameKind::YoutubeChannel => &NameRule {
                platform: Platform::Youtube,
                noun: "YouTube channel ID",
                rule: "UC followed by 22 letters, digits, _ or -",
                pattern: r"^UC[A-Za-z0-9_-]{22}$",
                normalise: str::to_owned,
                prefix: "channel/",
                reserved: &[],
            },
            NameKind::YoutubeCustomName => &NameRule {
                platform: Platform::Youtube,
                noun: "YouTube channel name",
                rule: "1–100 letters, digits, _, - or .",
                pattern: YOUTUBE_NAME,
                normalise: str::to_lowercase,
                prefix: "c/",
                reserved: &[],
            },
            NameKind::YoutubeUserName => &NameRule {
                platform: Platform::Youtube,
                noun: "YouTube user name",
                rule: "1–100 letters, digits, _, - or .",
                pattern: YOUTUBE_NAME,
                normalise: str::to_lowercase,
                prefix: "user/",
                reserved: &[],
            },
            NameKind::TiktokUsername => &NameRule {
                platform: Platform::Tiktok,
                noun: "TikTok username",
                rule: "2–24 letters, digits, . or _",
                pattern: r"^[a-z0-9._]{2,24}$",
                normalise: str::to_ascii_lowercase,
                prefix: "",
                reserved: &[],
            },
            NameKind::RedditUsername => &NameRule {
                platform: Platform::Reddit,
                noun: "Reddit username",
                rule: "3–20 letters, digits, _ or -",
                pattern: r"^[a-z0-9_-]{3,20}$",
                normalise: str::to_ascii_lowercase,
                prefix: "",
                reserved: &[],
            },
        }
    }

    fn pattern(self) -> &'static Regex {
        static PATTERNS: LazyLock<[Regex; 12]> = LazyLock::new(|| {
            // The patterns are literals, compiled by every test run.
            NameKind::ALL.map(|kind| Regex::new(kind.rule().pattern).expect("literal name pattern"))
        });
        &PATTERNS[self as usize]
    }

    /// Normalises `raw`, refuses the platform's own pages (on `host`), checks the
    /// rule and returns the id.
    fn check(self, raw: &str, host: &str) -> Result<String, AccountKeyError> {
        let rule = self.rule();
        let name = (rule.normalise)(raw);
        if rule.reserved.contains(&name.as_str()) {
            return Err(not_account(rule.platform, host, raw, NotAccount::Page));
        }
        if !self.pattern().is_match(&name) {
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
    platform_of_host(strip_www(lower.trim_end_matches('.'))) != Ok(Platform::Web)
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
    let is_channel_id = handle.len() == word.len() && NameKind::YoutubeChannel.pattern().is_match(handle);
    Ok(match platform {
        Platform::Youtube if is_channel_id => format!("channel/{handle}"),
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
    let url = Url::parse(text).map_err(|_| AccountKeyError::InvalidLink)?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(AccountKeyError::UserInfo);
    }
    let host = link_host(&url).ok_or(AccountKeyError::InvalidLink)?;
    let platform = platform_of_host(&host)?;
    let words = url.path_segments().into_iter().flatten();
    let words = words
        .filter(|word| !word.is_empty())
        .take(Link::WORDS)
        .map(percent_decode)
        .collect();
    let link = Link {
        platform,
        host,
        words,
        url,
    };
    let id = match platform {
        Platform::X => x_id(&link),
        Platform::Telegram => telegram_id(&link),
        Platform::Facebook => facebook_id(&link),
        Platform::Instagram => instagram_id(&link),
        Platform::Youtube => youtube_id(&link),
        Platform::Tiktok => tiktok_id(&link),
        Platform::Reddit => reddit_id(&link),
        Platform::Web => Ok(web_id(&link)),
    }?;
    Ok(AccountKey { platform, id })
}

/// The normalised host, or `None` for a host that cannot be on the public web.
fn link_host(url: &Url) -> Option<String> {
    match url.host()? {
        Host::Domain(domain) => {
            let host = strip_www(domain.trim_end_matches('.'));
            host.contains('.').then(|| host.to_owned())
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

fn platform_names() -> String {
    Platform::ALL.map(Platform::as_str).join(", ")
}
