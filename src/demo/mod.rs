//! `flagwatch demo`: the real bot against the built-in simulated Discord, offline, with a
//! scripted community; prints what each channel and member saw.

pub mod community;

use std::time::Duration;

use anyhow::Context as _;

use crate::clock::Clock;
use crate::domain::language::Language;
use crate::domain::time::Millis;
use crate::simulator::{Opt, SimConfig, UserRef};
use crate::store::Store;
use community::Community;

/// Run the scripted story, its server and members speaking `language`, and print its transcript.
pub async fn run(language: Language) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("flagwatch-demo-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let result = story(&format!("sqlite://{}", dir.join("demo.db").display()), language).await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn story(database_url: &str, language: Language) -> anyhow::Result<()> {
    let store = Store::open(database_url).await?;
    let clock = Clock::manual(Millis(chrono::Utc::now().timestamp_millis()));
    let c = Community::start(store, clock, SimConfig::default()).await?;
    let mut shown = 0;
    for &who in c.members.iter().chain(&c.moderators) {
        c.sim.set_locale(who, language.as_str());
    }
    let [alice, bob, carol, dave, erin, _frank] = c.members[..] else {
        anyhow::bail!("the community has six members")
    };
    let [maria, omar, yuki] = c.moderators[..] else {
        anyhow::bail!("the community has three moderators")
    };

    act(&c, &mut shown, "A member tries flagwatch before the server is set up").await?;
    c.report(bob, "@someone", "propaganda", vec![]).await?;

    act(&c, &mut shown, "The admin sets flagwatch up").await?;
    c.setup(vec![Opt::string("language", language.endonym())]).await?;

    act(&c, &mut shown, "Members report accounts, in different URL forms").await?;
    c.report(
        alice,
        "https://mobile.twitter.com/Recruiter_One/status/1790000000000000000",
        "recruitment",
        vec![Opt::string(
            "details",
            "Posts recruitment videos. @everyone must see this!",
        )],
    )
    .await?;
    c.report(bob, "@recruiter_one", "recruitment", vec![]).await?;
    c.report(carol, "t.me/s/propaganda_hub", "propaganda", vec![]).await?;
    c.report(erin, "https://www.youtube.com/@CookingWithGran", "other", vec![])
        .await?;
    c.report(dave, "https://www.instagram.com/p/C0ffee/", "propaganda", vec![])
        .await?;
    c.settle().await?;

    act(
        &c,
        &mut shown,
        "Moderators vote; one changes their mind, a member may not vote",
    )
    .await?;
    c.vote(maria, 1, "dismiss").await?;
    c.vote(alice, 1, "report_now").await?;
    c.vote(maria, 1, "report_now").await?;
    c.vote(omar, 1, "report_now").await?;
    c.vote(yuki, 1, "report_now").await?;
    for m in [maria, omar, yuki] {
        c.vote(m, 2, "hand_off").await?;
    }
    for m in [maria, omar, yuki] {
        c.vote(m, 3, "dismiss").await?;
    }
    c.settle().await?;

    act(&c, &mut shown, "Volunteers check the status of accounts").await?;
    c.command(
        bob,
        "status",
        vec![Opt::string("account", "https://telegram.me/propaganda_hub")],
    )
    .await?;
    c.command(carol, "status", vec![Opt::integer("case", 1)]).await?;

    act(&c, &mut shown, "Volunteers act on the call to action").await?;
    volunteers_act(&c, &[alice, bob], &[carol, dave]).await?;

    act(
        &c,
        &mut shown,
        "The liaison records the referral, then releases the hold",
    )
    .await?;
    let case2 = |sub: &str, opts: Vec<Opt>| {
        let mut all = vec![Opt::integer("case", 2)];
        all.extend(opts);
        Opt::sub(sub, all)
    };
    c.command(
        c.liaison,
        "handoff",
        vec![case2(
            "record",
            vec![
                Opt::string("agency", "National CT unit"),
                Opt::string("reference", "CT-2026-0141"),
            ],
        )],
    )
    .await?;
    c.command(
        c.liaison,
        "handoff",
        vec![case2(
            "release",
            vec![Opt::string("reason", "The unit has finished collecting evidence")],
        )],
    )
    .await?;
    c.settle().await?;

    act(&c, &mut shown, "Ten seconds later, the status board catches up").await?;
    c.clock.advance(Duration::from_secs(11));
    c.settle().await?;
    act(&c, &mut shown, "").await?;
    println!(
        "\n{} requests reached the simulated Discord; {} were rate-limited.",
        c.sim.requests().len(),
        c.sim.rate_limited_count()
    );
    c.shutdown().await
}

/// Print what happened since the last act, then the next act's title.
async fn act(c: &Community, shown: &mut usize, title: &str) -> anyhow::Result<()> {
    c.settle().await?;
    let events = c.sim.transcript();
    for event in events.iter().skip(*shown) {
        println!("{event}");
    }
    *shown = events.len();
    if !title.is_empty() {
        println!("\n=== {title} ===");
    }
    Ok(())
}

async fn volunteers_act(c: &Community, reporters: &[UserRef], witnesses: &[UserRef]) -> anyhow::Result<()> {
    let call = c.message_with_button(c.coordination, "cta:reported:1").await?;
    for &who in reporters {
        c.press(who, &call, "cta:reported:1").await?;
    }
    for &who in witnesses {
        let call = c.message_with_button(c.coordination, "cta:suspended:1").await?;
        c.press(who, &call, "cta:suspended:1").await?;
    }
    c.settle().await
}
