//! Why an input was refused, in words: the account-key rejections ([`AccountKeyError`])
//! and the import's line rejections ([`Rejection`]). The domain and the import keep the
//! facts; this module is the one place that words them, for Discord answers, the
//! command line and imports alike.

use super::{escape, labels};
use crate::domain::account::{AccountKeyError, NameKind, NotAccount, Platform};
use crate::domain::language::Language;
use crate::import::Rejection;
use crate::t;

/// Why an account key was refused, for a terminal or a log line (the command line
/// passes English): one line naming the problem and the accepted forms, quoting the
/// user's text as the domain cut it.
pub fn account_key(e: &AccountKeyError, lang: Language) -> String {
    account_key_quoting(e, str::to_owned, lang)
}

/// [`account_key`] for a Discord answer: the quoted user text is escaped, like all
/// user text the bot posts.
pub fn account_key_for_discord(e: &AccountKeyError, lang: Language) -> String {
    account_key_quoting(e, escape, lang)
}

/// Why a line of an import was refused; the caller escapes the line for Discord.
pub fn import_line(why: &Rejection, lang: Language) -> String {
    match why {
        Rejection::NoAccount => t!(lang, "import-no-account"),
        Rejection::Account(e) => account_key(e, lang),
        Rejection::Reason(e) => t!(
            lang,
            "import-unknown-reason",
            value = e.value(),
            accepted = e.accepted()
        ),
    }
}

/// The rejection, with every piece of user text passed through `quote`.
fn account_key_quoting(e: &AccountKeyError, quote: fn(&str) -> String, lang: Language) -> String {
    let any = || t!(lang, "key-any-forms");
    match e {
        AccountKeyError::Empty => t!(lang, "key-empty", forms = any()),
        AccountKeyError::TooLong => t!(lang, "key-too-long", forms = any()),
        AccountKeyError::ControlCharacter => t!(lang, "key-control", forms = any()),
        AccountKeyError::UnsupportedScheme { scheme } => {
            t!(lang, "key-scheme", scheme = quote(scheme), forms = any())
        }
        AccountKeyError::InvalidLink => t!(lang, "key-invalid-link", forms = any()),
        AccountKeyError::UserInfo => t!(lang, "key-userinfo", forms = any()),
        AccountKeyError::UnknownPlatform { given } => t!(
            lang,
            "key-unknown-platform",
            given = quote(given),
            platforms = Platform::ALL.map(Platform::as_str).join(", ")
        ),
        AccountKeyError::WebNeedsLink => t!(lang, "key-web-needs-link", forms = forms(Platform::Web, lang)),
        AccountKeyError::MissingAccount { platform } => t!(
            lang,
            "key-missing-account",
            platform = labels::platform(*platform, lang),
            forms = forms(*platform, lang)
        ),
        AccountKeyError::NotAnAccount { platform, page, why } => t!(
            lang,
            "key-not-an-account",
            page = quote(page),
            why = not_account(*why, lang),
            forms = forms(*platform, lang)
        ),
        AccountKeyError::InvalidName { kind, given } => t!(
            lang,
            "key-invalid-name",
            given = quote(given),
            rule = name_rule(*kind, lang),
            forms = forms(kind.platform(), lang)
        ),
        AccountKeyError::InvalidStoredKey { key } => t!(lang, "key-invalid-stored", key = quote(key)),
    }
}

/// The accepted forms, quoted in every rejection about this platform.
fn forms(platform: Platform, lang: Language) -> String {
    match platform {
        Platform::X => t!(lang, "forms-x"),
        Platform::Telegram => t!(lang, "forms-telegram"),
        Platform::Facebook => t!(lang, "forms-facebook"),
        Platform::Instagram => t!(lang, "forms-instagram"),
        Platform::Youtube => t!(lang, "forms-youtube"),
        Platform::Tiktok => t!(lang, "forms-tiktok"),
        Platform::Reddit => t!(lang, "forms-reddit"),
        Platform::Web => t!(lang, "forms-web"),
    }
}

/// Why a link to a known platform names no account, after the page it points to.
fn not_account(why: NotAccount, lang: Language) -> String {
    match why {
        NotAccount::Page => t!(lang, "not-account-page"),
        NotAccount::Post => t!(lang, "not-account-post"),
        NotAccount::Video => t!(lang, "not-account-video"),
        NotAccount::ShortLink => t!(lang, "not-account-short-link"),
        NotAccount::Community => t!(lang, "not-account-community"),
    }
}

/// The kind of name and its rule in words, such as "X handle (1–15 letters, digits or _)".
fn name_rule(kind: NameKind, lang: Language) -> String {
    match kind {
        NameKind::XHandle => t!(lang, "name-x-handle"),
        NameKind::TelegramUsername => t!(lang, "name-telegram-username"),
        NameKind::TelegramInvite => t!(lang, "name-telegram-invite"),
        NameKind::FacebookUsername => t!(lang, "name-facebook-username"),
        NameKind::FacebookNumber => t!(lang, "name-facebook-number"),
        NameKind::InstagramUsername => t!(lang, "name-instagram-username"),
        NameKind::YoutubeHandle => t!(lang, "name-youtube-handle"),
        NameKind::YoutubeChannel => t!(lang, "name-youtube-channel"),
        NameKind::YoutubeCustomName => t!(lang, "name-youtube-custom-name"),
        NameKind::YoutubeUserName => t!(lang, "name-youtube-user-name"),
        NameKind::TiktokUsername => t!(lang, "name-tiktok-username"),
        NameKind::RedditUsername => t!(lang, "name-reddit-username"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::{AccountKey, MAX_INPUT_CHARS};

    use Platform::{Facebook, Instagram, Web, X};

    fn parse(input: &str, explicit: Option<Platform>) -> Result<AccountKey, AccountKeyError> {
        AccountKey::parse(input, explicit, Platform::X)
    }

    fn message(input: &str, explicit: Option<Platform>) -> String {
        match parse(input, explicit) {
            Ok(key) => panic!("{input:?} was accepted as {key}"),
            Err(error) => account_key(&error, Language::English),
        }
    }

    /// Asserts what every rejection keeps: one line, and a hint at what is accepted.
    fn assert_helpful(error: &AccountKeyError, input: &str) {
        let text = account_key(error, Language::English);
        assert!(
            !text.contains(['\n', '\r']),
            "{input:?} gave a multi-line message: {text:?}"
        );
        let hints = ["paste", "use one of", "expected"];
        assert!(
            hints.iter().any(|hint| text.contains(hint)),
            "{input:?} gave no hint: {text:?}"
        );
    }

    fn chars(c: char, n: usize) -> String {
        std::iter::repeat_n(c, n).collect()
    }

    /// (input, explicit platform, phrases the message must contain)
    const REJECTED: &[(&str, Option<Platform>, &[&str])] = &[
        ("", None, &["no account given", "https://x.com/<handle>"]),
        ("   ", None, &["no account given", "@handle"]),
        ("@", None, &["no account given", "@handle"]),
        ("x.com/ja\tck", None, &["control characters", "https://x.com/<handle>"]),
        ("x.com/jack\u{7f}", None, &["control characters", "@handle"]),
        (
            "ftp://example.com/x",
            None,
            &["“ftp:” links are not accepted", "only http:// and https://", "paste"],
        ),
        (
            "javascript:alert(1)",
            None,
            &["“javascript:” links are not accepted", "paste a profile link"],
        ),
        (
            "mailto:jack@example.com",
            None,
            &["“mailto:” links are not accepted", "paste a profile link"],
        ),
        ("x:jack", None, &["“x:” links are not accepted", "paste a profile link"]),
        (
            "https://exa mple.com",
            None,
            &["not a valid link", "https://x.com/<handle>"],
        ),
        (
            "https://localhost/x",
            None,
            &["not a valid link", "https://x.com/<handle>"],
        ),
        ("localhost:8080", None, &["not a valid link", "@handle"]),
        ("https://", None, &["not a valid link", "@handle"]),
        ("[jack", None, &["not a valid link", "@handle"]),
        (
            "https://x.com@evil.com/jack",
            None,
            &["a name before the host", "paste a profile link"],
        ),
        (
            "https://user:secret@example.com",
            None,
            &["a name before the host", "paste"],
        ),
        ("jack@example.com", None, &["a name before the host", "paste"]),
        (
            "jack",
            Some(Web),
            &["a bare name cannot be a website account", "https://example.com/page"],
        ),
        // a link to the platform with no account in it
        (
            "https://x.com",
            None,
            &[
                "this X (Twitter) link does not name an account",
                "x.com/<handle> or @handle",
            ],
        ),
        (
            "t.me/",
            None,
            &["this Telegram link does not name an account", "t.me/<username>"],
        ),
        (
            "facebook.com",
            None,
            &["this Facebook link does not name an account", "facebook.com/<username>"],
        ),
        (
            "instagram.com",
            Some(Instagram),
            &[
                "this Instagram link does not name an account",
                "instagram.com/<username>",
            ],
        ),
        (
            "youtube.com",
            None,
            &["this YouTube link does not name an account", "youtube.com/@<handle>"],
        ),
        (
            "tiktok.com",
            None,
            &["this TikTok link does not name an account", "tiktok.com/@<username>"],
        ),
        (
            "reddit.com/",
            None,
            &[
                "this Reddit link does not name an account",
                "reddit.com/user/<username>",
            ],
        ),
        // x
        (
            "x.com/intent/tweet?text=hi",
            None,
            &["x.com/intent/… is not an account page", "x.com/<handle>"],
        ),
        (
            "x.com/intent/user",
            None,
            &["x.com/intent/… is not an account page", "x.com/<handle>"],
        ),
        (
            "x.com/intent/user?screen_name=home",
            None,
            &["x.com/home/… is not an account page", "@handle"],
        ),
        ("@Home", None, &["x.com/Home/… is not an account page", "@handle"]),
        (
            "x.com/abcdefghij123456",
            None,
            &[
                "“abcdefghij123456” is not a valid X handle",
                "1–15 letters, digits or _",
                "x.com/<handle>",
            ],
        ),
        (
            "x.com/ja-ck",
            None,
            &["“ja-ck” is not a valid X handle", "x.com/<handle> or @handle"],
        ),
        (
            "john.smith",
            Some(X),
            &["“john.smith” is not a valid X handle", "x.com/<handle>"],
        ),
        (
            "@john.smith",
            None,
            &["“john.smith” is not a valid X handle", "x.com/<handle>"],
        ),
        (
            "x.com/%FF",
            None,
            &["“\u{FFFD}” is not a valid X handle", "x.com/<handle>"],
        ),
        (
            "x.com/%0A",
            None,
            &["“\u{FFFD}” is not a valid X handle", "x.com/<handle>"],
        ),
        // telegram
        (
            "t.me/abcd",
            None,
            &[
                "“abcd” is not a valid Telegram username",
                "5–32 letters",
                "t.me/<username>",
            ],
        ),
        (
            "t.me/a_2345678901234567890123456789012",
            None,
            &["not a valid Telegram username", "t.me/+<invite code>"],
        ),
        (
            "t.me/1abcde",
            None,
            &["“1abcde” is not a valid Telegram username", "starting with a letter"],
        ),
        (
            "t.me/c/12345/67",
            None,
            &["t.me/c/… is not an account page", "t.me/<username>"],
        ),
        (
            "t.me/share/url?url=x",
            None,
            &["t.me/share/… is not an account page", "t.me/<username>"],
        ),
        ("t.me/s", None, &["t.me/s/… is not an account page", "t.me/<username>"]),
        (
            "t.me/joinchat",
            None,
            &["t.me/joinchat/… is not an account page", "t.me/+<invite code>"],
        ),
        (
            "t.me/+",
            None,
            &["“” is not a valid Telegram invite code", "t.me/+<invite code>"],
        ),
        (
            "t.me/+ab.cd",
            None,
            &["“ab.cd” is not a valid Telegram invite code", "t.me/+<invite code>"],
        ),
        // facebook
        (
            "facebook.com/abcd",
            None,
            &[
                "“abcd” is not a valid Facebook username",
                "at least 5",
                "facebook.com/<username>",
            ],
        ),
        (
            "facebook.com/a.b.c.d",
            None,
            &["“a.b.c.d” is not a valid Facebook username", "periods do not count"],
        ),
        (
            "facebook.com/john_smith",
            None,
            &[
                "“john_smith” is not a valid Facebook username",
                "facebook.com/<username>",
            ],
        ),
        (
            "facebook.com/profile.php",
            None,
            &[
                "facebook.com/profile.php/… is not an account page",
                "profile.php?id=<number>",
            ],
        ),
        (
            "facebook.com/profile.php?id=abc",
            None,
            &[
                "“abc” is not a valid Facebook profile number",
                "profile.php?id=<number>",
            ],
        ),
        (
            "facebook.com/groups/12345",
            None,
            &[
                "facebook.com/groups/… is not an account page",
                "facebook.com/<username>",
            ],
        ),
        (
            "facebook.com/watch?v=1",
            None,
            &["facebook.com/watch/… is not an account page", "facebook.com/<username>"],
        ),
        (
            "g.r.o.u.p.s",
            Some(Facebook),
            &[
                "facebook.com/g.r.o.u.p.s/… is not an account page",
                "facebook.com/<username>",
            ],
        ),
        // instagram
        (
            "instagram.com/p/Cabc123/",
            None,
            &[
                "instagram.com/p/… is a post link and does not name the account",
                "paste the profile link instead (instagram.com/<username>",
            ],
        ),
        (
            "instagram.com/reel/Cabc123/",
            None,
            &["instagram.com/reel/… is a post link", "instagram.com/<username>"],
        ),
        (
            "instagram.com/reels/Cabc123/",
            None,
            &["instagram.com/reels/… is a post link", "instagram.com/<username>"],
        ),
        (
            "instagram.com/tv/Cabc123/",
            None,
            &["instagram.com/tv/… is a post link", "instagram.com/<username>"],
        ),
        (
            "instagram.com/explore/tags/x",
            None,
            &[
                "instagram.com/explore/… is not an account page",
                "instagram.com/<username>",
            ],
        ),
        (
            "instagram.com/stories/highlights/123",
            None,
            &[
                "instagram.com/highlights/… is not an account page",
                "instagram.com/<username>",
            ],
        ),
        (
            "instagram.com/abcdefghij.abcdefghij_abcdefghi",
            None,
            &["is not a valid Instagram username", "1–30", "instagram.com/<username>"],
        ),
        (
            "instagram.com/john-smith",
            None,
            &[
                "“john-smith” is not a valid Instagram username",
                "instagram.com/<username>",
            ],
        ),
        // youtube
        (
            "youtube.com/watch?v=dQw4w9WgXcQ",
            None,
            &[
                "youtube.com/watch/… is a video link and does not name the channel",
                "youtube.com/@<handle>",
            ],
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            None,
            &["youtu.be/… is a video link", "youtube.com/channel/UC…"],
        ),
        (
            "youtube.com/shorts/abc",
            None,
            &["youtube.com/shorts/… is a video link", "youtube.com/@<handle>"],
        ),
        (
            "youtube.com/live/abc",
            None,
            &["youtube.com/live/… is a video link", "youtube.com/@<handle>"],
        ),
        (
            "youtube.com/channel/UCshort",
            None,
            &["“UCshort” is not a valid YouTube channel ID", "UC followed by 22"],
        ),
        (
            "youtube.com/@ab",
            None,
            &["“ab” is not a valid YouTube handle", "3–30", "youtube.com/@<handle>"],
        ),
        (
            "youtube.com/playlist?list=x",
            None,
            &["youtube.com/playlist/… is not an account page", "youtube.com/@<handle>"],
        ),
        (
            "youtube.com/MrBeast",
            None,
            &["youtube.com/MrBeast/… is not an account page", "youtube.com/c/<name>"],
        ),
        // tiktok
        (
            "vm.tiktok.com/ZMabc/",
            None,
            &[
                "vm.tiktok.com/… is a short link that the bot cannot open",
                "tiktok.com/@<username>",
            ],
        ),
        (
            "https://vt.tiktok.com/ZSabc/",
            None,
            &["vt.tiktok.com/… is a short link", "tiktok.com/@<username>"],
        ),
        (
            "tiktok.com/t/ZTabc/",
            None,
            &["tiktok.com/t/… is a short link", "tiktok.com/@<username>"],
        ),
        (
            "tiktok.com/@a",
            None,
            &["“a” is not a valid TikTok username", "2–24", "tiktok.com/@<username>"],
        ),
        (
            "tiktok.com/@abcdefghijabcdefghijabcde",
            None,
            &["is not a valid TikTok username", "2–24"],
        ),
        (
            "tiktok.com/@some-user",
            None,
            &["“some-user” is not a valid TikTok username", "tiktok.com/@<username>"],
        ),
        (
            "tiktok.com/discover",
            None,
            &["tiktok.com/discover/… is not an account page", "tiktok.com/@<username>"],
        ),
        // reddit
        (
            "reddit.com/r/worldnews",
            None,
            &[
                "reddit.com/r/… is a community (subreddit), not an account",
                "reddit.com/user/<username>",
            ],
        ),
        (
            "reddit.com/user/ab",
            None,
            &[
                "“ab” is not a valid Reddit username",
                "3–20",
                "reddit.com/user/<username>",
            ],
        ),
        (
            "reddit.com/user/abcdefghij_abcdefghij",
            None,
            &["is not a valid Reddit username", "3–20"],
        ),
        (
            "reddit.com/user",
            None,
            &["reddit.com/user/… is not an account page", "reddit.com/user/<username>"],
        ),
        (
            "reddit.com/comments/abc",
            None,
            &[
                "reddit.com/comments/… is not an account page",
                "reddit.com/user/<username>",
            ],
        ),
    ];

    #[test]
    fn every_rejection_names_the_problem_and_the_accepted_forms() {
        for (input, explicit, phrases) in REJECTED {
            let text = message(input, *explicit);
            for phrase in *phrases {
                assert!(text.contains(phrase), "{input:?}: {text:?} lacks {phrase:?}");
            }
            assert_helpful(&parse(input, *explicit).expect_err("rejected"), input);
        }
    }

    /// One of each variant, with every platform, kind of name and kind of page: the
    /// domain's tests check that what they quote is on one line.
    fn every_variant() -> Vec<AccountKeyError> {
        let given = || "given".to_owned();
        let mut all = vec![
            AccountKeyError::Empty,
            AccountKeyError::TooLong,
            AccountKeyError::ControlCharacter,
            AccountKeyError::UnsupportedScheme { scheme: given() },
            AccountKeyError::InvalidLink,
            AccountKeyError::UserInfo,
            AccountKeyError::UnknownPlatform { given: given() },
            AccountKeyError::WebNeedsLink,
            AccountKeyError::InvalidStoredKey { key: given() },
        ];
        let pages = [
            NotAccount::Page,
            NotAccount::Post,
            NotAccount::Video,
            NotAccount::ShortLink,
            NotAccount::Community,
        ];
        for platform in Platform::ALL {
            all.push(AccountKeyError::MissingAccount { platform });
            all.extend(pages.map(|why| AccountKeyError::NotAnAccount {
                platform,
                page: given(),
                why,
            }));
        }
        all.extend(NameKind::ALL.map(|kind| AccountKeyError::InvalidName { kind, given: given() }));
        all
    }

    #[test]
    fn every_rejection_is_one_line_with_a_hint_at_what_is_accepted() {
        for error in every_variant() {
            assert_helpful(&error, &format!("{error:?}"));
        }
    }

    #[test]
    fn input_of_2049_characters_is_too_long() {
        let too_long = format!("https://example.com/{}", chars('a', MAX_INPUT_CHARS - 19));
        assert!(message(&too_long, None).contains("longer than 2,048 characters"));
    }

    #[test]
    fn quoted_input_is_cut_to_80_characters() {
        let text = message(&format!("x.com/{}", chars('a', 500)), None);
        assert!(text.contains(&format!("“{}…”", chars('a', 80))), "{text}");
    }

    #[test]
    fn an_unknown_platform_name_lists_the_valid_ones() {
        let error = "myspace".parse::<Platform>().expect_err("unknown");
        let text = account_key(&error, Language::English);
        assert!(text.contains("“myspace” is not a platform this bot knows"), "{text}");
        assert!(
            text.contains("x, telegram, facebook, instagram, youtube, tiktok, reddit, web"),
            "{text}"
        );
        assert_helpful(&error, "myspace");
    }

    #[test]
    fn a_stored_key_that_is_not_canonical_is_refused_with_the_expected_form() {
        for key in ["", "x:Jack", "web:example.com/"] {
            let error = AccountKey::from_key(key).expect_err(key);
            let text = account_key(&error, Language::English);
            assert!(text.contains("is not a valid stored account key"), "{key:?}: {text}");
            assert!(text.contains("<platform>:<id>"), "{key:?}: {text}");
            assert_helpful(&error, key);
        }
    }

    #[test]
    fn on_discord_only_the_quoted_user_text_is_escaped() {
        let error = parse("x.com/**@everyone**", None).expect_err("not a handle");
        let text = account_key_for_discord(&error, Language::English);
        assert!(
            text.starts_with("“\\*\\*@\u{200B}everyone\\*\\*” is not a valid X handle (1–15 letters, digits or _)"),
            "{text}"
        );
        assert_eq!(
            text.replace(['\\', '\u{200B}'], ""),
            account_key(&error, Language::English)
        );
    }
}
