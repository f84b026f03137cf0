//! `/<slug>/feed.xml`: the accounts still to report as an Atom feed (RFC 4287), written by
//! `atom_syndication` from the same read model as the page. An entry's id is a name-based
//! UUID of the page's slug and the case number, so it is permanent and names no server.

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text};

use crate::discord::render::{labels, notices::reporting_steps};
use crate::domain::account::AccountKey;
use crate::domain::time::Millis;
use crate::store::{PublicCase, PublicFeed};
use crate::t;

fn at(ms: Millis) -> FixedDateTime {
    chrono::DateTime::from_timestamp_millis(ms.0)
        .unwrap_or_default()
        .fixed_offset()
}

fn link(href: String, rel: &str, mime: &str) -> Link {
    Link {
        href,
        rel: rel.to_owned(),
        mime_type: Some(mime.to_owned()),
        ..Link::default()
    }
}

/// A permanent id for `name` under this page.
fn urn(slug: &str, name: &str) -> String {
    let id = uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        format!("flagwatch:{slug}:{name}").as_bytes(),
    );
    id.urn().to_string()
}

fn entry(p: &PublicFeed, base: &str, c: &PublicCase) -> Entry {
    let lang = p.language;
    let url = c.key.canonical_url();
    let others: Vec<String> = c.aliases.iter().map(AccountKey::canonical_url).collect();
    let also = if others.is_empty() {
        String::new()
    } else {
        format!("\n{}", t!(lang, "also-known-as", keys = others.join(", ")))
    };
    let text = format!(
        "{url}{also}\n{} · {}\n\n{}",
        labels::platform(c.key.platform(), lang),
        labels::reasons(&c.reasons, lang),
        reporting_steps(c.key.platform(), lang)
    );
    Entry {
        title: Text::plain(t!(lang, "feed-entry-title", case = c.case_no, key = url.clone())),
        id: urn(&p.slug, &format!("case/{}", c.case_no)),
        updated: at(c.changed_at),
        published: Some(at(c.decided_at)),
        links: vec![
            link(
                format!("{base}/{}/case/{}", p.slug, c.case_no),
                "alternate",
                "text/html",
            ),
            link(url, "related", "text/html"),
        ]
        .into_iter()
        .chain(others.into_iter().map(|other| link(other, "related", "text/html")))
        .collect(),
        content: Some(Content {
            value: Some(text),
            content_type: Some("text".to_owned()),
            lang: Some(lang.as_str().to_owned()),
            ..Content::default()
        }),
        ..Entry::default()
    }
}

/// The feed of `p`: one entry per account still to report, the latest decided first (at
/// most `PUBLIC_FEED_SIZE`: a reader keeps what it saw). `base` is the scheme and host
/// the page was asked for (links in a feed are absolute).
pub fn feed(p: &PublicFeed, base: &str) -> String {
    let lang = p.language;
    Feed {
        title: Text::plain(t!(lang, "feed-title")),
        id: urn(&p.slug, "feed"),
        updated: at(p.last_change),
        lang: Some(lang.as_str().to_owned()),
        links: vec![
            link(format!("{base}/{}/feed.xml", p.slug), "self", "application/atom+xml"),
            link(format!("{base}/{}/", p.slug), "alternate", "text/html"),
        ],
        authors: vec![Person {
            name: "flagwatch".to_owned(),
            ..Person::default()
        }],
        generator: Some(Generator {
            value: "flagwatch".to_owned(),
            ..Generator::default()
        }),
        entries: p.newest.iter().map(|c| entry(p, base, c)).collect(),
        ..Feed::default()
    }
    .to_string()
}
