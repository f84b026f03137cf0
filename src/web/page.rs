//! The public page's HTML (maud escapes every value). It works without JavaScript, fits a
//! phone (one column, `viewport`, charts scaled to the width), and takes its language and
//! direction from one place, the server's [`Language`]: `lang`, `dir` (right to left for
//! Arabic), every heading, the reasons and the platforms' reporting steps.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::charts::{Chart, Series};
use crate::discord::render::labels;
use crate::discord::render::notices::{reporting_steps, ALIASES_SHOWN};
use crate::domain::account::{AccountKey, Platform};
use crate::domain::language::Language;
use crate::domain::time::Millis;
use crate::store::{PublicCase, PublicPage};
use crate::t;

const STYLE: &str = "body{font-family:sans-serif;max-width:48rem;margin:auto;padding:1rem;line-height:1.4}\
table{border-collapse:collapse;width:100%}td,th{padding:.3rem;border-bottom:1px solid #ccc;text-align:start}\
a{word-break:break-all}figure{margin:1rem 0}img{max-width:100%;height:auto}\
.swatch{display:inline-block;width:.8rem;height:.8rem;margin-inline-end:.3rem;vertical-align:middle}\
figcaption ul{list-style:none;padding:0;margin:.2rem 0}";

fn layout(title: &str, lang: Language, head: Markup, body: Markup) -> Markup {
    let dir = if lang.right_to_left() { "rtl" } else { "ltr" };
    html! {
        (DOCTYPE)
        html lang=(lang.as_str()) dir=(dir) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(STYLE)) }
                (head)
            }
            body { (body) }
        }
    }
}

/// How long ago `then` was, in whole hours or days.
fn waited(then: Millis, now: Millis, lang: Language) -> String {
    let hours = (now.0 - then.0).max(0) / 3_600_000;
    if hours < 48 {
        t!(lang, "page-hours", hours = hours)
    } else {
        t!(lang, "page-days", days = hours / 24)
    }
}

/// A day as `YYYY-MM-DD` (UTC).
fn day(at: Millis) -> String {
    chrono::DateTime::from_timestamp_millis(at.0).map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string())
}

/// An account's canonical URL as a link that passes nothing on to it.
fn account_link(key: &AccountKey) -> Markup {
    let url = key.canonical_url();
    html! { a href=(url) rel="nofollow noopener noreferrer" { (url) } }
}

/// The account's other keys as links under its own, so a renamed account is found under
/// its name of now: at most `max` of them (the rest counted), or all.
fn aliases(keys: &[AccountKey], max: Option<usize>, lang: Language) -> Markup {
    let shown = max.unwrap_or(keys.len()).min(keys.len());
    html! {
        @if !keys.is_empty() {
            br;
            small {
                bdi { (t!(lang, "page-aliases")) } " "
                @for (i, key) in keys[..shown].iter().enumerate() {
                    @if i > 0 { ", " }
                    (account_link(key))
                }
                @if shown < keys.len() {
                    " " bdi { (t!(lang, "board-more", count = keys.len() - shown)) }
                }
            }
        }
    }
}

fn row(slug: &str, c: &PublicCase, lang: Language, now: Millis) -> Markup {
    html! {
        tr {
            td { a href=(format!("/{slug}/case/{}", c.case_no)) { "#" (c.case_no) } }
            td dir="ltr" { (account_link(&c.key)) (aliases(&c.aliases, Some(ALIASES_SHOWN), lang)) }
            td { (labels::platform(c.key.platform(), lang)) }
            td { (labels::reasons(&c.reasons, lang)) }
            td { (c.reported_by) }
            td { (waited(c.decided_at, now, lang)) }
        }
    }
}

fn series_name(series: Series, lang: Language) -> String {
    match series {
        Series::Opened => t!(lang, "series-opened"),
        Series::Decided => t!(lang, "series-decided"),
        Series::StillUp => t!(lang, "series-still-up"),
        Series::Suspended => t!(lang, "series-suspended"),
        Series::HoursToDecision => t!(lang, "series-hours-to-decision"),
    }
}

/// A chart as an image with its title as text and its legend in the page's language (the
/// image itself draws only dates and numbers).
fn figure(slug: &str, chart: Chart, lang: Language) -> Markup {
    let title = match chart {
        Chart::Activity => t!(lang, "chart-activity"),
        Chart::Status => t!(lang, "chart-status"),
        Chart::DecisionTime => t!(lang, "chart-decision-time"),
    };
    html! {
        figure id=(format!("chart-{}", chart.name())) {
            img src=(format!("/{slug}/chart/{}.svg", chart.name())) alt=(title)
                width=(crate::charts::WIDTH) height=(crate::charts::HEIGHT);
            figcaption {
                strong { (title) }
                ul {
                    @for (series, c) in chart.series() {
                        li {
                            span.swatch style=(format!("background:#{:02x}{:02x}{:02x}", c.0, c.1, c.2)) {}
                            (series_name(*series, lang))
                        }
                    }
                }
            }
        }
    }
}

/// Links to the other pages of the list.
fn pager(slug: &str, page: u64, pages: u64, lang: Language) -> Markup {
    let at = |n: u64| format!("/{slug}/?page={n}");
    html! {
        nav id="pages" {
            @if page > 1 { a rel="prev" href=(at(page - 1)) { (t!(lang, "page-previous")) } " · " }
            (t!(lang, "page-of", page = page, pages = pages))
            @if page < pages { " · " a rel="next" href=(at(page + 1)) { (t!(lang, "page-next")) } }
        }
    }
}

/// `/<slug>/`: the report-now list, how to report on each platform, the charts, the
/// confirmed suspensions and the totals.
pub fn server(p: &PublicPage, now: Millis) -> Markup {
    let lang = p.language;
    let slug = p.slug.as_str();
    let platforms: std::collections::BTreeSet<Platform> = p.report_now.iter().map(|c| c.key.platform()).collect();
    let feed = format!("/{slug}/feed.xml");
    let head = html! { link rel="alternate" type="application/atom+xml" href=(feed) title=(t!(lang, "feed-title")); };
    let body = html! {
        h1 { (t!(lang, "page-title")) }
        p { (t!(lang, "page-totals", up = p.series.still_up, suspended = p.series.suspended)) }
        @if p.report_now.is_empty() {
            p { (t!(lang, "page-empty")) }
        } @else {
            table id="report-now" {
                tr {
                    th { (t!(lang, "page-col-case")) } th { (t!(lang, "page-col-link")) }
                    th { (t!(lang, "page-col-platform")) } th { (t!(lang, "page-col-reason")) }
                    th { (t!(lang, "page-col-reported-by")) } th { (t!(lang, "page-col-waiting")) }
                }
                @for c in &p.report_now { (row(slug, c, lang, now)) }
            }
            @if p.pages > 1 { (pager(slug, p.page, p.pages, lang)) }
        }
        p { a href=(feed) { (t!(lang, "page-feed")) } }
        h2 { (t!(lang, "page-how-to-report")) }
        @for platform in &platforms {
            h3 { (labels::platform(*platform, lang)) }
            p { (reporting_steps(*platform, lang)) }
        }
        h2 { (t!(lang, "page-last-days")) }
        @if let Some(ms) = p.series.median_to_decision_ms {
            p { (t!(lang, "page-median", time = waited(Millis(0), Millis(ms), lang))) }
        }
        @for chart in Chart::ALL { (figure(slug, chart, lang)) }
        table id="days" {
            tr {
                th { (t!(lang, "page-col-day")) } th { (t!(lang, "page-col-new")) }
                th { (t!(lang, "page-col-decided")) } th { (t!(lang, "page-col-still-up")) }
                th { (t!(lang, "page-col-suspended")) }
            }
            @for d in p.series.days.iter().filter(|d| d.opened + d.decided > 0) {
                tr { td { (day(d.day)) } td { (d.opened) } td { (d.decided) } td { (d.still_up) } td { (d.suspended) } }
            }
        }
        h2 { (t!(lang, "page-confirmed-suspended")) }
        ul id="suspended" {
            @for c in &p.suspended { li dir="ltr" { (c.key.canonical_url()) } }
        }
    };
    layout(&t!(lang, "page-title"), lang, head, body)
}

/// `/<slug>/case/<n>`: one report-now case.
pub fn case(slug: &str, c: &PublicCase, lang: Language, now: Millis) -> Markup {
    let title = t!(lang, "page-case-title", case = c.case_no);
    let body = html! {
        p { a href=(format!("/{slug}/")) { (t!(lang, "page-all-accounts")) } }
        h1 { (title) }
        p dir="ltr" { (account_link(&c.key)) (aliases(&c.aliases, None, lang)) }
        p { (labels::platform(c.key.platform(), lang)) " · " (labels::reasons(&c.reasons, lang)) }
        @if c.suspended_at.is_some() {
            p { (t!(lang, "page-case-suspended")) }
        } @else {
            p { (t!(lang, "page-case-reported", volunteers = c.reported_by, time = waited(c.decided_at, now, lang))) }
            h2 { (t!(lang, "page-how-to-report")) }
            p { (reporting_steps(c.key.platform(), lang)) }
        }
    };
    layout(&title, lang, html! {}, body)
}

/// The one "not found" page: in English whatever the server, since a wrong address names
/// no server (and a held case's must not read differently from it).
pub fn not_found() -> Markup {
    let title = t!(Language::English, "page-not-found");
    layout(&title, Language::English, html! {}, html! { h1 { (title) } })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(n: usize) -> Vec<AccountKey> {
        (1..=n)
            .map(|i| AccountKey::parse(&format!("other_{i}"), None, Platform::X).unwrap())
            .collect()
    }

    #[test]
    fn a_row_links_three_other_keys_and_counts_the_rest_and_the_case_page_links_all() {
        let row = aliases(&keys(5), Some(ALIASES_SHOWN), Language::English).into_string();
        assert_eq!(row.matches("<a href=").count(), 3, "{row}");
        assert!(
            row.contains("https://x.com/other_3") && !row.contains("other_4"),
            "{row}"
        );
        assert!(row.contains("<bdi>…and 2 more</bdi>"), "{row}");
        let page = aliases(&keys(5), None, Language::English).into_string();
        assert_eq!(page.matches("<a href=").count(), 5, "{page}");
        assert!(!page.contains("more"), "{page}");
        assert_eq!(aliases(&[], None, Language::English).into_string(), "");
    }
}
