//! The languages flagwatch speaks, and which one a message is written in.

/// A language with a message catalogue. English is the fallback for every message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    English,
    French,
    Arabic,
    Hindi,
}

crate::named!(Language, "language", {
    English => "en",
    French => "fr",
    Arabic => "ar",
    Hindi => "hi",
});

impl Language {
    /// Ours for a Discord client locale ("fr", "hi", "en-US", "es-ES" is none): its
    /// primary language subtag. Discord has no Arabic locale, hence the member's choice.
    pub fn of_locale(locale: &str) -> Option<Language> {
        let primary = locale.split(['-', '_']).next().unwrap_or_default();
        Language::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(primary))
    }

    /// The language's name in itself, as the language options offer it.
    pub fn endonym(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::French => "Français",
            Language::Arabic => "العربية",
            Language::Hindi => "हिन्दी",
        }
    }

    /// Written right to left.
    pub fn right_to_left(self) -> bool {
        self == Language::Arabic
    }

    /// Which language answers a member: their own choice, else their client's locale
    /// when it is one of ours, else the server's language.
    pub fn for_member(chosen: Option<Language>, locale: Option<&str>, server: Language) -> Language {
        chosen
            .or_else(|| locale.and_then(Language::of_locale))
            .unwrap_or(server)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_map_by_primary_subtag() {
        assert_eq!(Language::of_locale("fr"), Some(Language::French));
        assert_eq!(Language::of_locale("en-GB"), Some(Language::English));
        assert_eq!(Language::of_locale("hi"), Some(Language::Hindi));
        assert_eq!(Language::of_locale("es-ES"), None);
        assert_eq!(Language::of_locale(""), None);
    }

    #[test]
    fn choice_beats_locale_beats_server() {
        let server = Language::Hindi;
        assert_eq!(
            Language::for_member(Some(Language::Arabic), Some("fr"), server),
            Language::Arabic
        );
        assert_eq!(Language::for_member(None, Some("fr"), server), Language::French);
        assert_eq!(Language::for_member(None, Some("de"), server), Language::Hindi);
        assert_eq!(Language::for_member(None, None, server), Language::Hindi);
        assert_eq!("AR".parse::<Language>(), Ok(Language::Arabic));
        assert!("xx".parse::<Language>().is_err());
    }
}
