//! Languages end to end: the member's choice, their client's locale and the server's
//! language, against the simulator with the real bot.

use flagwatch::clock::Clock;
use flagwatch::demo::community::Community;
use flagwatch::domain::time::Millis;
use flagwatch::simulator::{Opt, SimConfig};

use crate::common::TestDb;

async fn ready() -> (Community, TestDb) {
    let db = TestDb::sqlite().await;
    let clock = Clock::manual(Millis(chrono::Utc::now().timestamp_millis()));
    let c = Community::start(db.store.clone(), clock, SimConfig::default())
        .await
        .unwrap();
    assert!(c.setup(vec![]).await.unwrap().content.starts_with("Setup saved"));
    (c, db)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_member_is_answered_in_their_choice_else_their_locale_else_the_servers_language() {
    let (c, db) = ready().await;
    let (french, arab, plain) = (c.members[0], c.members[1], c.members[2]);
    c.sim.set_locale(french, "fr");
    let answer = c
        .report(french, "https://x.com/Spreader", "propaganda", vec![])
        .await
        .unwrap();
    assert!(
        answer.content.starts_with("Merci — nouveau dossier n° 1 ouvert pour"),
        "{}",
        answer.content
    );

    // Discord sends no Arabic locale: the member chooses it, whatever their client says.
    c.sim.set_locale(arab, "fr");
    let chosen = c
        .command(
            arab,
            "language",
            vec![Opt::sub("set", vec![Opt::string("language", "العربية")])],
        )
        .await
        .unwrap();
    assert!(
        chosen.ephemeral && chosen.content.contains("بالعربية"),
        "{}",
        chosen.content
    );
    let answer = c
        .report(arab, "https://x.com/other_account", "propaganda", vec![])
        .await
        .unwrap();
    assert!(answer.content.contains("فُتحت القضية"), "{}", answer.content);
    assert!(
        answer.content.contains("\u{2068}x:other_account\u{2069}"),
        "the account is isolated: {:?}",
        answer.content
    );

    // /forget-me deletes the choice: the client's locale speaks again.
    c.command(arab, "forget-me", vec![]).await.unwrap();
    assert_eq!(db.store.member_language(c.guild.0, arab.0).await.unwrap(), None);
    let answer = c
        .report(arab, "https://x.com/Spreader", "propaganda", vec![])
        .await
        .unwrap();
    assert!(answer.content.starts_with("Merci"), "{}", answer.content);

    // No locale of ours: the server's language.
    c.setup(vec![Opt::string("language", "हिन्दी")]).await.unwrap();
    c.sim.set_locale(plain, "de");
    let answer = c
        .report(plain, "https://x.com/third", "propaganda", vec![])
        .await
        .unwrap();
    assert!(answer.content.starts_with("धन्यवाद"), "{}", answer.content);
    c.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hindi_server_posts_hindi_cards_and_calls_to_action_and_an_arabic_one_keeps_its_url_whole() {
    let (c, _db) = ready().await;
    c.setup(vec![Opt::string("language", "हिन्दी")]).await.unwrap();
    c.report(c.members[0], "https://x.com/Spreader", "propaganda", vec![])
        .await
        .unwrap();
    for &m in &c.moderators {
        c.vote(m, 1, "report_now").await.unwrap();
    }
    c.settle().await.unwrap();
    let call = c.message_with_button(c.coordination, "cta:reported:1").await.unwrap();
    assert!(call.content.contains("**अभी रिपोर्ट करें: केस #1**"), "{}", call.content);
    assert!(
        call.content.contains("रिपोर्ट करें पर टैप करें"),
        "the reporting steps: {}",
        call.content
    );
    assert!(call.content.contains("<https://x.com/spreader>") && call.content.contains("कारण: दुष्प्रचार"));

    c.setup(vec![Opt::string("language", "العربية")]).await.unwrap();
    c.report(c.members[1], "https://x.com/second_one", "propaganda", vec![])
        .await
        .unwrap();
    for &m in &c.moderators {
        c.vote(m, 2, "report_now").await.unwrap();
    }
    c.settle().await.unwrap();
    let call = c.message_with_button(c.coordination, "cta:reported:2").await.unwrap();
    assert!(
        call.content.contains("\n\u{2068}<https://x.com/second_one>\u{2069}\n"),
        "the URL is whole and isolated: {:?}",
        call.content
    );
    assert!(call.content.contains("أبلِغوا الآن"), "{}", call.content);
    c.shutdown().await.unwrap();
}

/// Report `account` and have every moderator vote *report now* on case `case_no`.
async fn called(c: &Community, account: &str, case_no: i64) {
    c.report(c.members[3], account, "propaganda", vec![]).await.unwrap();
    for &m in &c.moderators {
        c.vote(m, case_no, "report_now").await.unwrap();
    }
    c.settle().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_french_client_reads_french_errors_status_and_button_answers() {
    let (c, _db) = ready().await;
    let french = c.members[0];
    c.sim.set_locale(french, "fr-FR");
    let refused = c
        .report(french, "ftp://example.com/x", "propaganda", vec![])
        .await
        .unwrap();
    assert!(refused.ephemeral);
    assert!(
        refused.content.contains("les liens « ftp: » ne sont pas acceptés")
            && refused.content.ends_with("Aucun signalement n'a été enregistré."),
        "{}",
        refused.content
    );
    let none = c
        .command(french, "status", vec![Opt::string("account", "x.com/nobody_here")])
        .await
        .unwrap();
    assert!(
        none.content.starts_with("Il n'y a pas encore de dossier pour"),
        "{}",
        none.content
    );

    called(&c, "https://x.com/Spreader", 1).await;
    let status = c
        .command(french, "status", vec![Opt::string("account", "x.com/spreader")])
        .await
        .unwrap();
    assert!(
        status.content.starts_with("Dossier n° 1 — ")
            && status
                .content
                .contains("La communauté a décidé de **le signaler maintenant**"),
        "{}",
        status.content
    );
    let hidden = c
        .command(french, "status", vec![Opt::integer("case", 99)])
        .await
        .unwrap();
    assert_eq!(
        hidden.content,
        "Aucune action publique n'est en cours pour le dossier n° 99."
    );

    // A button press is answered in the presser's language, not the server's.
    let call = c.message_with_button(c.coordination, "cta:reported:1").await.unwrap();
    let pressed = c.press(french, &call, "cta:reported:1").await.unwrap();
    assert_eq!(
        pressed.content,
        "Merci — compté une fois pour vous. 1 bénévole a signalé le dossier n° 1 jusqu'ici."
    );
    let english = c.press(c.members[1], &call, "cta:reported:1").await.unwrap();
    assert!(
        english.content.starts_with("Thank you — counted once"),
        "{}",
        english.content
    );
    c.shutdown().await.unwrap();
}

/// The bidi controls that could reorder text; FSI and PDI, which isolate, are ours.
fn reordering(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| {
            matches!(
                c,
                '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}' | '\u{2067}'
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_arabic_choice_beats_the_locale_for_refusals_and_keeps_links_whole_and_isolated() {
    let (c, _db) = ready().await;
    let arab = c.members[1];
    c.sim.set_locale(arab, "fr");
    c.command(
        arab,
        "language",
        vec![Opt::sub("set", vec![Opt::string("language", "العربية")])],
    )
    .await
    .unwrap();
    let refused = c.command(arab, "queue", vec![Opt::sub("post", vec![])]).await.unwrap();
    assert!(refused.ephemeral);
    assert_eq!(refused.content, "هذا للمشرفين فقط.");

    // A hostile right-to-left override in the account reaches the answer as nothing.
    let hostile = c
        .report(arab, "https://x.com/\u{202E}moc.evil", "propaganda", vec![])
        .await
        .unwrap();
    assert!(hostile.content.contains("لم يُسجَّل أي بلاغ."), "{}", hostile.content);
    assert_eq!(
        reordering(&hostile.content),
        Vec::<char>::new(),
        "{:?}",
        hostile.content
    );

    called(&c, "https://x.com/Spreader", 1).await;
    let batch = c.command(arab, "next", vec![]).await.unwrap();
    let embed = &batch.embeds[0];
    assert_eq!(embed["title"], "حساباتك التالية للإبلاغ عنها");
    let field = embed["fields"][0]["value"].as_str().unwrap();
    assert!(
        field.starts_with("\u{2068}<https://x.com/spreader>\u{2069}\n"),
        "the link is whole and isolated: {field:?}"
    );
    assert!(
        field.ends_with("لم يُبلغ عنه أي متطوع حتى الآن."),
        "Arabic's zero: {field}"
    );
    assert_eq!(reordering(field), Vec::<char>::new());
    let pressed = c
        .press(arab, batch.message.as_ref().unwrap(), "cta:reported:1")
        .await
        .unwrap();
    assert!(
        pressed.content.contains("أبلغ متطوع واحد عن القضية رقم"),
        "{}",
        pressed.content
    );
    c.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hindi_server_posts_a_hindi_status_board_and_digest() {
    let (c, _db) = ready().await;
    let now = chrono::Utc::now();
    let next_hour = (now + chrono::TimeDelta::hours(1)).format("%H").to_string();
    c.setup(vec![
        Opt::string("language", "हिन्दी"),
        Opt::integer("digest_hour", next_hour.parse().unwrap()),
    ])
    .await
    .unwrap();
    c.report(c.members[0], "x.com/second_account", "threat", vec![])
        .await
        .unwrap();
    called(&c, "https://x.com/Spreader", 2).await;
    c.clock.advance(std::time::Duration::from_secs(11));
    c.settle().await.unwrap();
    let board = c
        .sim
        .messages(c.coordination)
        .into_iter()
        .find(|m| m.embeds.first().is_some_and(|e| e["title"] == "flagwatch स्टेटस बोर्ड"))
        .expect("a Hindi board");
    let board = c.sim.message(board.id).unwrap().embeds[0].to_string();
    assert!(
        board.contains("**अभी रिपोर्ट करें** (सबसे लंबे समय से इंतज़ार वाले पहले)")
            && board.contains("#2 <https://x.com/spreader>")
            && board.contains("पिछले 24 घंटे")
            && board.contains("2 नए केस"),
        "{board}"
    );

    c.clock.advance(std::time::Duration::from_secs(3600));
    let digest = |sim: &flagwatch::simulator::Simulator| {
        sim.messages(c.coordination)
            .into_iter()
            .find(|m| m.content.starts_with("**दैनिक सारांश**"))
    };
    c.sim
        .wait_for(|sim| digest(sim).is_some(), std::time::Duration::from_secs(40))
        .await
        .unwrap();
    let digest = digest(&c.sim).unwrap().content;
    assert!(
        digest.contains("• 2 नई रिपोर्टें") && digest.contains("• फ़ैसले: अभी रिपोर्ट करें: 1"),
        "{digest}"
    );
    c.settle().await.unwrap();
    assert!(c
        .sim
        .messages(c.review)
        .iter()
        .any(|m| m.content.starts_with("**मॉडरेटरों का सारांश**")));
    c.shutdown().await.unwrap();
}

/// Every registered command, subcommand and option, with where it is (`/case alias add
/// link`), and every choice of the options that have them.
fn walk<'a>(path: &str, item: &'a serde_json::Value, out: &mut Vec<(String, &'a serde_json::Value)>) {
    let path = format!("{path} {}", item["name"].as_str().unwrap_or("?"));
    out.push((path.clone(), item));
    for option in item["options"].as_array().into_iter().flatten() {
        walk(&path, option, out);
    }
}

fn localizations<'a>(item: &'a serde_json::Value, field: &str) -> [Option<&'a str>; 2] {
    ["fr", "hi"].map(|l| item[field][l].as_str().filter(|t| !t.trim().is_empty()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn registered_commands_carry_french_and_hindi_descriptions() {
    let (c, _db) = ready().await;
    let commands = c.sim.registered_commands(Some(c.guild));
    let commands = if commands.is_empty() {
        c.sim.registered_commands(None)
    } else {
        commands
    };
    let language = commands
        .iter()
        .find(|v| v["name"] == "language")
        .expect("/language registered");
    assert_eq!(
        language["description_localizations"]["fr"],
        "Choisir la langue dans laquelle flagwatch vous répond."
    );

    let mut items = Vec::new();
    for command in &commands {
        walk("", command, &mut items);
    }
    assert!(
        items.len() > 80,
        "every command, subcommand and option: {}",
        items.len()
    );
    let mut choices = 0;
    for (path, item) in &items {
        let english = item["description"].as_str().unwrap_or_default();
        for text in localizations(item, "description_localizations") {
            let text = text.unwrap_or_else(|| panic!("{path}: no French or Hindi description"));
            // Discord refuses a command list with a longer description.
            assert!(text.chars().count() <= 100, "{path}: {text:?} is too long");
            assert_ne!(text, english, "{path}: not translated");
        }
        // The language choices are named in their own language already.
        if item["name"] == "language" {
            continue;
        }
        for choice in item["choices"].as_array().into_iter().flatten() {
            choices += 1;
            let [fr, hi] = localizations(choice, "name_localizations");
            assert!(
                fr.is_some() && hi.is_some(),
                "{path}: choice {} has no names",
                choice["name"]
            );
        }
    }
    assert!(choices > 20, "{choices} choices");
    let report = commands.iter().find(|v| v["name"] == "report").expect("/report");
    let reason = report["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "reason")
        .unwrap();
    assert_eq!(reason["choices"][0]["name_localizations"]["hi"], "दुष्प्रचार");
    c.shutdown().await.unwrap();
}

const GUILD: u64 = 1_100_000_000_000_000_001;
const T0: Millis = Millis(1_800_000_000_000);

/// A member's choice is kept per server, replaced, reset and deleted by `/forget-me`; the
/// server's language is a setting; each change is audited without naming the member.
async fn languages_are_stored_and_forgotten(db: TestDb) {
    use flagwatch::domain::audit::Actor;
    use flagwatch::domain::language::Language;
    use flagwatch::store::SettingsChange;

    let s = &db.store;
    assert_eq!(s.guild_settings(GUILD, T0).await.unwrap().language, Language::English);
    let change = SettingsChange {
        language: Some(Language::Hindi),
        ..SettingsChange::default()
    };
    let settings = s.update_settings(GUILD, &Actor::Member(5), &change, T0).await.unwrap();
    assert_eq!(settings.language, Language::Hindi);

    assert_eq!(s.member_language(GUILD, 77).await.unwrap(), None);
    s.set_member_language(GUILD, 77, Some(Language::French), T0)
        .await
        .unwrap();
    s.set_member_language(GUILD, 77, Some(Language::Arabic), T0)
        .await
        .unwrap();
    s.set_member_language(GUILD, 78, Some(Language::French), T0)
        .await
        .unwrap();
    assert_eq!(s.member_language(GUILD, 77).await.unwrap(), Some(Language::Arabic));
    assert_eq!(s.member_language(GUILD + 1, 77).await.unwrap(), None, "per server");
    s.set_member_language(GUILD, 78, None, T0).await.unwrap();
    assert_eq!(s.member_language(GUILD, 78).await.unwrap(), None);
    s.forget_member(GUILD, 77, T0).await.unwrap();
    assert_eq!(s.member_language(GUILD, 77).await.unwrap(), None);
    // One settings change, four language events, one forget-me.
    assert_eq!(s.verify_audit(Some(GUILD)).await.unwrap().unwrap(), 6);
}

on_both_databases!(languages_are_stored_and_forgotten);
