//! The message catalogues: Fluent files under `locales/<lang>/` (`main.ftl` for Discord,
//! `web.ftl` for the public page and its charts), compiled into the binary.
//! Every sentence that has moved out of the render functions is looked up here with
//! [`t!`](crate::t) by its id; English is the fallback for a message another catalogue lacks.
//!
//! Arabic messages isolate every placeable (U+2068 FSI … U+2069 PDI, Fluent's own
//! isolation), so an account key or URL inside an Arabic sentence keeps its order; the
//! left-to-right languages do without, and English reads byte for byte as before.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use crate::domain::language::Language;

/// A language's catalogue files, one after the other.
macro_rules! catalogue {
    ($lang:literal) => {
        concat!(
            include_str!(concat!("../../../locales/", $lang, "/main.ftl")),
            "\n",
            include_str!(concat!("../../../locales/", $lang, "/web.ftl"))
        )
    };
}

/// One catalogue's source text, by language.
pub(crate) fn source(language: Language) -> &'static str {
    match language {
        Language::English => catalogue!("en"),
        Language::French => catalogue!("fr"),
        Language::Arabic => catalogue!("ar"),
        Language::Hindi => catalogue!("hi"),
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(language: Language) -> Bundle {
    // A catalogue with a syntax error keeps the messages that parsed; the
    // completeness test fails on any error, so none ships.
    let resource = FluentResource::try_new(source(language).to_owned()).unwrap_or_else(|(partial, _)| partial);
    let id: unic_langid::LanguageIdentifier = language.as_str().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(language.right_to_left());
    // Ids are unique within a file (the completeness test checks), so this cannot fail.
    let _ = bundle.add_resource(resource);
    bundle
}

static BUNDLES: LazyLock<Vec<(Language, Bundle)>> =
    LazyLock::new(|| Language::ALL.into_iter().map(|l| (l, bundle(l))).collect());

fn bundle_of(language: Language) -> Option<&'static Bundle> {
    BUNDLES.iter().find(|(l, _)| *l == language).map(|(_, b)| b)
}

/// Message `id` in `language`, English when that catalogue lacks it, the id itself when
/// English lacks it too (a bug the tests of each render function catch).
pub fn message(language: Language, id: &str, args: Option<&FluentArgs<'_>>) -> String {
    [language, Language::English]
        .into_iter()
        .find_map(|l| {
            let bundle = bundle_of(l)?;
            let pattern = bundle.get_message(id)?.value()?;
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors).into_owned();
            if !errors.is_empty() {
                tracing::warn!(id, language = %l, ?errors, "message formatted with errors");
            }
            Some(text)
        })
        .unwrap_or_else(|| id.to_owned())
}

/// `t!(lang, "id")` or `t!(lang, "id", name = value, …)`: message `id` in `lang` with
/// its variables; a value is anything Fluent takes (strings, numbers).
#[macro_export]
macro_rules! t {
    ($lang:expr, $id:literal) => {
        $crate::discord::render::catalogue::message($lang, $id, None)
    };
    ($lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = ::fluent_bundle::FluentArgs::new();
        $(args.set(stringify!($name), $value);)+
        $crate::discord::render::catalogue::message($lang, $id, Some(&args))
    }};
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

    use super::*;

    /// Every message of a catalogue, with the variables it uses.
    fn messages(language: Language) -> BTreeMap<String, BTreeSet<String>> {
        let resource = fluent_syntax::parser::parse(source(language))
            .unwrap_or_else(|(_, errors)| panic!("{language}: syntax errors {errors:?}"));
        let mut out = BTreeMap::new();
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    variables(p, &mut vars);
                }
                assert!(
                    out.insert(m.id.name.to_owned(), vars).is_none(),
                    "{language}: {} twice",
                    m.id.name
                );
            }
        }
        out
    }

    fn variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_variables(expression, out);
            }
        }
    }

    fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                inline_variables(selector, out);
                for v in variants {
                    variables(&v.value, out);
                }
            }
            ast::Expression::Inline(inline) => inline_variables(inline, out),
        }
    }

    fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_owned());
            }
            ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
            _ => {}
        }
    }

    /// The completeness test: each catalogue has exactly English's messages, each with
    /// the same variables (a missing one would fall back to English; an extra or renamed
    /// variable would print as `{$name}`).
    #[test]
    fn every_catalogue_has_english_messages_with_the_same_variables() {
        let english = messages(Language::English);
        assert!(english.len() > 20);
        for language in Language::ALL {
            assert_eq!(messages(language), english, "{language}");
        }
    }

    /// Every `src/**/*.rs` file's text.
    fn sources(dir: &std::path::Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push_str(&std::fs::read_to_string(&path).expect("a source file"));
            }
        }
    }

    /// A `t!` with a misspelt id would show the id itself to members.
    #[test]
    fn every_message_the_code_asks_for_is_in_english() {
        let mut code = String::new();
        sources(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut code);
        let english = messages(Language::English);
        let asked = regex::Regex::new(r#"t!\(\s*[\w:.()]+,\s*"([a-z0-9-]+)""#).expect("literal regex");
        let ids: BTreeSet<&str> = asked
            .captures_iter(&code)
            .map(|c| c.get(1).map_or("", |m| m.as_str()))
            .collect();
        assert!(ids.len() > 200, "{} ids found", ids.len());
        let missing: Vec<&&str> = ids
            .iter()
            .filter(|id| !english.contains_key(**id) && **id != "id")
            .collect();
        assert!(missing.is_empty(), "not in locales/en/main.ftl: {missing:?}");
    }

    #[test]
    fn english_is_the_fallback_and_not_isolated() {
        let text = t!(Language::English, "report-already-filed", case = 7);
        assert_eq!(text, "This report is already filed in case #7.");
        assert_eq!(message(Language::French, "no-such-message", None), "no-such-message");
    }

    #[test]
    fn plurals_follow_each_language() {
        let ar = |n: u64| t!(Language::Arabic, "cta-reported-so-far", count = n);
        assert!(ar(1).contains("متطوع واحد"), "{}", ar(1));
        assert!(ar(2).contains("متطوعان"), "{}", ar(2));
        assert!(ar(3).contains("متطوعين"), "{}", ar(3));
        assert!(ar(11).contains("متطوعًا"), "{}", ar(11));
        assert!(ar(100).contains("100\u{2069} متطوع "), "{}", ar(100));
        assert!(t!(Language::French, "cta-reported-so-far", count = 1).starts_with("1 bénévole l'a"));
        assert!(t!(Language::French, "cta-reported-so-far", count = 3).starts_with("3 bénévoles l'ont"));
    }

    /// Arabic has six plural forms, Hindi and French two (with 0 singular in both).
    #[test]
    fn counts_take_every_plural_form() {
        let ar: Vec<String> = [0u64, 1, 2, 3, 11, 100]
            .iter()
            .map(|&n| t!(Language::Arabic, "board-new-cases", count = n))
            .collect();
        assert_eq!(ar[0], "لا قضايا جديدة");
        assert_eq!(ar[1], "قضية جديدة واحدة");
        assert_eq!(ar[2], "قضيتان جديدتان");
        assert_eq!(ar[3], "\u{2068}3\u{2069} قضايا جديدة");
        assert_eq!(ar[4], "\u{2068}11\u{2069} قضية جديدة");
        assert_eq!(ar[5], "\u{2068}100\u{2069} قضية جديدة");
        assert_eq!(t!(Language::Hindi, "board-new-cases", count = 1), "1 नया केस");
        assert_eq!(t!(Language::Hindi, "board-new-cases", count = 4), "4 नए केस");
        assert_eq!(t!(Language::French, "board-decisions", count = 0), "0 décision");
        assert_eq!(t!(Language::French, "board-decisions", count = 2), "2 décisions");
    }

    #[test]
    fn arabic_isolates_latin_fragments() {
        let key = "<https://x.com/some_account>";
        let text = t!(Language::Arabic, "report-new-case", case = 4, key = key);
        assert!(text.contains(&format!("\u{2068}{key}\u{2069}")), "{text:?}");
        let fr = t!(Language::French, "report-new-case", case = 4, key = key);
        assert!(!fr.contains('\u{2068}') && fr.contains(key));
    }
}
