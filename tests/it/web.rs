//! The public status page: built from report-now cases only. A scripted server with
//! report-now, held, pending and dismissed cases (both databases, through the store and
//! the page's real router on loopback): no body of any route holds the others' keys or
//! URLs, and a held case's number answers exactly like an unknown one.

use crate::common::TestDb;
use flagwatch::clock::Clock;
use flagwatch::domain::account::{AccountKey, Platform};
use flagwatch::domain::audit::Actor;
use flagwatch::domain::reason::ReasonCategory;
use flagwatch::domain::time::Millis;
use flagwatch::domain::vote::VoteChoice;
use flagwatch::store::{NewReport, ReportSource, SettingsChange, Store};

const GUILD: u64 = 1_400_000_000_000_000_001;
const T0: Millis = Millis(1_800_000_000_000);

/// A case for `input`, decided by three votes when `choice` is given.
async fn case(s: &Store, input: &str, n: u64, choice: Option<VoteChoice>) -> i64 {
    let report = NewReport {
        guild_id: GUILD,
        key: AccountKey::parse(input, None, Platform::X).unwrap(),
        reason: ReasonCategory::Propaganda,
        details: Some(format!("secret-detail-{input}")),
        reporter: Some(4_242_424_242_771),
        member_joined_at: None,
        interaction_id: Some(7000 + n),
        source: ReportSource::Discord,
        evidence: Vec::new(),
        at: T0,
    };
    let no = s.file_report(report).await.unwrap().case().case_no;
    if let Some(choice) = choice {
        for m in 0..3 {
            s.cast_vote(GUILD, no, 9_090_909_090_900 + m, choice, None, T0)
                .await
                .unwrap();
        }
    }
    no
}

async fn get(base: &str, path: &str) -> (u16, String, Option<String>) {
    let r = reqwest::get(format!("{base}{path}")).await.unwrap();
    let etag = r.headers().get("etag").map(|v| v.to_str().unwrap().to_owned());
    (r.status().as_u16(), r.text().await.unwrap(), etag)
}

async fn the_public_page_shows_report_now_cases_only(db: TestDb) {
    let s = &db.store;
    let shown = case(s, "shownacct", 1, Some(VoteChoice::ReportNow)).await;
    let held = case(s, "heldacct", 2, Some(VoteChoice::HandOff)).await;
    let dismissed = case(s, "dismissacct", 3, Some(VoteChoice::Dismiss)).await;
    let pending = case(s, "pendingacct", 4, None).await;
    let on = SettingsChange {
        public_page: Some(true),
        ..SettingsChange::default()
    };
    s.update_settings(GUILD, &Actor::System, &on, T0).await.unwrap();
    let slug = s.public_slug_of(GUILD).await.unwrap().unwrap();
    assert_eq!(slug.len(), 32, "a random slug: {slug}");

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = flagwatch::web::router(s.clone(), Clock::manual(Millis(T0.0 + 3_600_000)));
    tokio::spawn(async move { axum::serve(listener, app).await });

    let (status, page, etag) = get(&base, &format!("/{slug}/")).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("https://x.com/shownacct"), "{page}");
    assert!(page.contains(r#"<html lang="en" dir="ltr">"#), "{page}");
    assert!(page.contains("pick the closest category"), "{page}");
    let (status, one, _) = get(&base, &format!("/{slug}/case/{shown}")).await;
    assert_eq!(status, 200);
    assert!(one.contains("https://x.com/shownacct"), "{one}");

    let unknown = get(&base, &format!("/{slug}/case/999")).await;
    assert_eq!(unknown.0, 404);
    let mut bodies = vec![page, one, unknown.1.clone()];
    for no in [held, dismissed, pending] {
        let answer = get(&base, &format!("/{slug}/case/{no}")).await;
        assert_eq!(
            (answer.0, &answer.1),
            (404, &unknown.1),
            "case {no} answers like an unknown one"
        );
        bodies.push(answer.1);
    }
    bodies.push(get(&base, "/wrongslug/").await.1);
    for body in &bodies {
        for hidden in [
            "heldacct",
            "dismissacct",
            "pendingacct",
            "secret-detail",
            "4242424242771",
            "909090909090",
        ] {
            assert!(!body.contains(hidden), "{hidden} leaked into {body}");
        }
    }

    // Caching: the same page again with its ETag is 304.
    let client = reqwest::Client::new();
    let again = client
        .get(format!("{base}/{slug}/"))
        .header("if-none-match", etag.unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 304);

    // A server speaking Arabic gets a right-to-left page in Arabic, URLs untouched.
    let arabic = SettingsChange {
        language: Some(flagwatch::domain::language::Language::Arabic),
        ..SettingsChange::default()
    };
    s.update_settings(GUILD, &Actor::System, &arabic, T0).await.unwrap();
    let (_, rtl, _) = get(&base, &format!("/{slug}/")).await;
    assert!(rtl.contains(r#"<html lang="ar" dir="rtl">"#), "{rtl}");
    assert!(
        !rtl.contains("pick the closest category") && rtl.contains("اختر الفئة الأقرب"),
        "{rtl}"
    );
    assert!(rtl.contains("https://x.com/shownacct"), "{rtl}");

    // Off again: the page is gone, like an unknown one.
    let off = SettingsChange {
        public_page: Some(false),
        ..SettingsChange::default()
    };
    s.update_settings(GUILD, &Actor::System, &off, T0).await.unwrap();
    assert_eq!(get(&base, &format!("/{slug}/")).await.0, 404);
}

on_both_databases!(the_public_page_shows_report_now_cases_only);
