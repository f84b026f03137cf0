//! The public page's HTML (maud escapes every value). It works without JavaScript, fits a
//! phone (one column, `viewport`), and takes its language and direction from one place,
//! the server's [`Language`]: `lang`, `dir` (right to left for Arabic), the reasons and the
//! platforms' reporting steps (the page's own headings are English still).

use maud::{html, Markup, DOCTYPE};

use crate::discord::render::{labels, notices::reporting_steps};
use crate::domain::account::Platform;
use crate::domain::language::Language;
use crate::domain::time::Millis;
use crate::store::{PublicCase, PublicPage};

const STYLE: &str = "body{font-family:sans-serif;max-width:48rem;margin:auto;padding:1rem;line-height:1.4}\
table{border-collapse:collapse;width:100%}td,th{padding:.3rem;border-bottom:1px solid #ccc;text-align:start}\
a{word-break:break-all}";

fn layout(title: &str, lang: Language, body: Markup) -> Markup {
    let dir = if lang.right_to_left() { "rtl" } else { "ltr" };
    html! {
        (DOCTYPE)
        html lang=(lang.as_str()) dir=(dir) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (STYLE) }
            }
            body { (body) }
        }
    }
}

/// How long ago `then` was, in whole hours or days.
fn waited(then: Millis, now: Millis) -> String {
    let hours = (now.0 - then.0).max(0) / 3_600_000;
    if hours < 48 {
        format!("{hours} h")
    } else {
        format!("{} days", hours / 24)
    }
}

/// A day as `YYYY-MM-DD` (UTC).
fn day(at: Millis) -> String {
    chrono::DateTime::from_timestamp_millis(at.0).map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string())
}

fn row(slug: &str, c: &PublicCase, lang: Language, now: Millis) -> Markup {
    let url = c.key.canonical_url();
    html! {
        tr {
            td { a href=(format!("/{slug}/case/{}", c.case_no)) { "#" (c.case_no) } }
            td { a href=(url) rel="nofollow noopener noreferrer" { (url) } }
            td { (labels::platform(c.key.platform(), lang)) }
            td { (labels::reasons(&c.reasons, lang)) }
            td { (c.reported_by) }
            td { (waited(c.decided_at, now)) }
        }
    }
}

/// `/<slug>/`: the report-now list, how to report on each platform, the confirmed
/// suspensions and the totals.
pub fn server(p: &PublicPage, now: Millis) -> Markup {
    let platforms: std::collections::BTreeSet<Platform> = p.report_now.iter().map(|c| c.key.platform()).collect();
    let body = html! {
        h1 { "Accounts to report" }
        p { (p.report_now.len()) " still up · " (p.suspended.len()) " confirmed suspended" }
        table id="report-now" {
            tr { th { "Case" } th { "Link" } th { "Platform" } th { "Reason" } th { "Reported by" } th { "Waiting" } }
            @for c in &p.report_now { (row(&p.slug, c, p.language, now)) }
        }
        h2 { "How to report" }
        @for platform in &platforms {
            h3 { (labels::platform(*platform, p.language)) }
            p { (reporting_steps(*platform, p.language)) }
        }
        h2 { "The last 30 days" }
        @if let Some(ms) = p.median_to_decision_ms {
            p { "Median time from report to decision: " (waited(Millis(0), Millis(ms))) }
        }
        table id="days" {
            tr { th { "Day" } th { "New" } th { "Decided" } th { "Still up" } th { "Suspended" } }
            @for d in p.days.iter().filter(|d| d.opened + d.decided > 0) {
                tr { td { (day(d.day)) } td { (d.opened) } td { (d.decided) } td { (d.still_up) } td { (d.suspended) } }
            }
        }
        h2 { "Confirmed suspended" }
        ul id="suspended" {
            @for c in &p.suspended { li { (c.key.canonical_url()) } }
        }
    };
    layout("Accounts to report", p.language, body)
}

/// `/<slug>/case/<n>`: one report-now case.
pub fn case(slug: &str, c: &PublicCase, lang: Language, now: Millis) -> Markup {
    let url = c.key.canonical_url();
    let body = html! {
        p { a href=(format!("/{slug}/")) { "All accounts" } }
        h1 { "Case #" (c.case_no) }
        p { a href=(url) rel="nofollow noopener noreferrer" { (url) } }
        p { (labels::platform(c.key.platform(), lang)) " · " (labels::reasons(&c.reasons, lang)) }
        @if c.suspended_at.is_some() {
            p { "Confirmed suspended." }
        } @else {
            p { "Reported by " (c.reported_by) " volunteers · waiting " (waited(c.decided_at, now)) }
            h2 { "How to report" }
            p { (reporting_steps(c.key.platform(), lang)) }
        }
    };
    layout(&format!("Case #{}", c.case_no), lang, body)
}

/// The one "not found" page.
pub fn not_found() -> Markup {
    layout("Not found", Language::English, html! { h1 { "Not found" } })
}
