//! The Discord simulator over real loopback sockets, checked against serenity 0.12.5's
//! own types and client: if serenity cannot read what the simulator sends, the bot's
//! end-to-end tests would only time out.

use std::time::Duration;

use chrono::Utc;
use flagwatch::simulator::{
    permissions, ChannelRef, GatewayStats, GuildRef, InteractionRef, Limit, Opt, RateLimits, RoleRef, SimConfig,
    SimError, Simulator, UserRef, VisibleKind,
};
use futures::{SinkExt, StreamExt};
use poise::serenity_prelude as serenity;
use serde_json::{json, Value};
use serenity::{Event, GatewayEvent, Interaction, ResolvedValue};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

const WAIT: Duration = Duration::from_secs(10);

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A server with two channels, a moderator and an admin role, and three members.
struct Fixture {
    sim: Simulator,
    guild: GuildRef,
    general: ChannelRef,
    review: ChannelRef,
    mods: RoleRef,
    alice: UserRef,
    mod1: UserRef,
    admin: UserRef,
}

async fn fixture(config: SimConfig) -> Fixture {
    let sim = Simulator::start(config).await.unwrap();
    let guild = sim.add_guild("Volunteers");
    let general = sim.add_channel(guild, "general");
    let review = sim.add_channel(guild, "review");
    let mods = sim.add_role(guild, "Moderators", 0);
    let admins = sim.add_role(guild, "Admins", permissions::MANAGE_GUILD);
    let joined = Utc::now() - chrono::Duration::days(30);
    let alice = sim.add_member(guild, "alice", &[], Utc::now());
    let mod1 = sim.add_member(guild, "mod1", &[mods], joined);
    let admin = sim.add_member(guild, "admin", &[admins], joined);
    Fixture {
        sim,
        guild,
        general,
        review,
        mods,
        alice,
        mod1,
        admin,
    }
}

fn http(sim: &Simulator) -> serenity::Http {
    serenity::HttpBuilder::new(sim.token())
        .proxy(sim.api_base())
        .ratelimiter_disabled(true)
        .application_id(serenity::ApplicationId::new(sim.application_id()))
        .build()
}

async fn next_frame(ws: &mut Ws) -> Value {
    loop {
        let frame = tokio::time::timeout(WAIT, ws.next()).await.unwrap().unwrap().unwrap();
        if let WsMessage::Text(text) = frame {
            return serde_json::from_str(&text).unwrap();
        }
    }
}

fn event(frame: &Value) -> GatewayEvent {
    serde_json::from_value(frame.clone()).unwrap_or_else(|e| panic!("serenity cannot read {frame}: {e}"))
}

fn dispatch(frame: &Value) -> Event {
    match event(frame) {
        GatewayEvent::Dispatch(_, Event::Unknown(u)) => panic!("serenity does not know {u:?}"),
        GatewayEvent::Dispatch(_, e) => e,
        other => panic!("expected a dispatch, got {other:?}"),
    }
}

/// A bare gateway client: HELLO, IDENTIFY, then READY and one GUILD_CREATE.
async fn identify(sim: &Simulator) -> (Ws, Vec<Value>) {
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("{}/?v=10", sim.gateway_url()))
        .await
        .unwrap();
    let hello = next_frame(&mut ws).await;
    let identify = json!({ "op": 2, "d": { "token": sim.token(), "intents": 1, "properties": {} } });
    ws.send(WsMessage::Text(identify.to_string())).await.unwrap();
    let ready = next_frame(&mut ws).await;
    let guild = next_frame(&mut ws).await;
    (ws, vec![hello, ready, guild])
}

fn interaction(frame: &Value) -> Interaction {
    match dispatch(frame) {
        Event::InteractionCreate(e) => e.interaction,
        other => panic!("expected INTERACTION_CREATE, got {other:?}"),
    }
}

#[tokio::test]
async fn gateway_frames_deserialize_with_serenity() {
    let f = fixture(SimConfig::default()).await;
    let (mut ws, frames) = identify(&f.sim).await;
    assert!(matches!(event(&frames[0]), GatewayEvent::Hello(41_250)));
    let Event::Ready(ready) = dispatch(&frames[1]) else {
        panic!("expected READY")
    };
    assert_eq!(ready.ready.application.id.get(), f.sim.application_id());
    assert_eq!(ready.ready.guilds.len(), 1);
    let Event::GuildCreate(created) = dispatch(&frames[2]) else {
        panic!("expected GUILD_CREATE")
    };
    assert_eq!(created.guild.id.get(), f.guild.0);
    assert_eq!(
        (
            created.guild.roles.len(),
            created.guild.channels.len(),
            created.guild.members.len()
        ),
        // @everyone, the bot's managed role and the two the fixture adds.
        (4, 2, 4)
    );

    ws.send(WsMessage::Text(json!({ "op": 1, "d": 2 }).to_string()))
        .await
        .unwrap();
    assert!(matches!(event(&next_frame(&mut ws).await), GatewayEvent::HeartbeatAck));

    f.sim.add_channel(f.guild, "coordination");
    assert!(matches!(dispatch(&next_frame(&mut ws).await), Event::ChannelCreate(_)));
    f.sim.add_role(f.guild, "Liaisons", 0);
    assert!(matches!(
        dispatch(&next_frame(&mut ws).await),
        Event::GuildRoleCreate(_)
    ));
}

#[tokio::test]
async fn command_interactions_carry_every_option_type_resolved() {
    let f = fixture(SimConfig::default()).await;
    let (mut ws, _) = identify(&f.sim).await;
    let file = f
        .sim
        .host_attachment(b"\x89PNG evidence".to_vec(), "evidence.png", "image/png");
    let options = vec![
        Opt::string("account", "x.com/foo"),
        Opt::integer("count", 3),
        Opt::boolean("public", true),
        Opt::number("weight", 1.5),
        Opt::user("who", f.mod1),
        Opt::channel("where", f.review),
        Opt::role("role", f.mods),
        Opt::attachment("evidence", &file),
    ];
    f.sim.slash(f.general, f.admin, "everything", options).unwrap();
    let Interaction::Command(cmd) = interaction(&next_frame(&mut ws).await) else {
        panic!("expected a command")
    };
    assert_eq!(cmd.data.name, "everything");
    let member = cmd.member.as_ref().unwrap();
    assert!(member.permissions.unwrap().manage_guild());
    let values: Vec<ResolvedValue> = cmd.data.options().into_iter().map(|o| o.value).collect();
    assert!(matches!(values[0], ResolvedValue::String("x.com/foo")));
    assert!(matches!(values[1], ResolvedValue::Integer(3)));
    assert!(matches!(values[2], ResolvedValue::Boolean(true)));
    assert!(matches!(values[3], ResolvedValue::Number(n) if n == 1.5));
    assert!(matches!(values[4], ResolvedValue::User(u, Some(m)) if u.id.get() == f.mod1.0 && m.roles.len() == 1));
    assert!(matches!(values[5], ResolvedValue::Channel(c) if c.id.get() == f.review.0));
    assert!(matches!(values[6], ResolvedValue::Role(r) if r.id.get() == f.mods.0));
    let ResolvedValue::Attachment(a) = values[7] else {
        panic!("attachment unresolved")
    };
    let bytes = reqwest::get(&a.url).await.unwrap().bytes().await.unwrap();
    assert_eq!(&bytes[..], b"\x89PNG evidence");

    let grouped = vec![Opt::group("admin", vec![Opt::sub("show", vec![Opt::integer("id", 7)])])];
    let case = f.sim.slash(f.general, f.mod1, "case", grouped).unwrap();
    let Interaction::Command(cmd) = interaction(&next_frame(&mut ws).await) else {
        panic!("expected a command")
    };
    f.sim.replay(&case).unwrap();
    let Interaction::Command(again) = interaction(&next_frame(&mut ws).await) else {
        panic!("expected a command")
    };
    assert_eq!((again.id.get(), again.token.as_str()), (case.id, case.token.as_str()));
    let [group] = cmd.data.options().try_into().unwrap();
    let ResolvedValue::SubCommandGroup(subs) = group.value else {
        panic!("expected a group")
    };
    let ResolvedValue::SubCommand(ref inner) = subs[0].value else {
        panic!("expected a subcommand")
    };
    assert_eq!((subs[0].name, inner[0].name), ("show", "id"));
    assert!(matches!(inner[0].value, ResolvedValue::Integer(7)));
}

#[tokio::test]
async fn rest_objects_and_component_interactions_deserialize_with_serenity() {
    let f = fixture(SimConfig::default()).await;
    let (mut ws, _) = identify(&f.sim).await;
    let http = http(&f.sim);
    let guild = serenity::GuildId::new(f.guild.0);
    assert_eq!(http.get_current_user().await.unwrap().id.get(), f.sim.application_id());
    assert!(http.get_current_application_info().await.unwrap().owner.is_some());
    assert_eq!(http.get_gateway().await.unwrap().url, f.sim.gateway_url());
    assert_eq!(http.get_bot_gateway().await.unwrap().shards, 1);
    let partial = http.get_guild(guild).await.unwrap();
    assert_eq!(partial.roles.len(), 4);
    let bot_role = partial
        .roles
        .values()
        .find(|r| r.managed)
        .expect("the bot's managed role");
    assert_eq!(bot_role.tags.bot_id.map(|b| b.get()), Some(f.sim.bot_user().0));
    let member = http.get_member(guild, serenity::UserId::new(f.mod1.0)).await.unwrap();
    assert_eq!(member.roles, vec![serenity::RoleId::new(f.mods.0)]);
    assert_eq!(http.get_guild_roles(guild).await.unwrap().len(), 4);
    assert_eq!(http.get_channels(guild).await.unwrap().len(), 2);
    use flagwatch::simulator::{permissions, OverwriteTarget};
    f.sim
        .set_overwrite(f.review, OverwriteTarget::Everyone, 0, permissions::VIEW_CHANNEL);
    f.sim.set_overwrite(
        f.review,
        OverwriteTarget::Member(f.sim.bot_user()),
        permissions::VIEW_CHANNEL,
        0,
    );
    let channel = http
        .get_channel(serenity::ChannelId::new(f.review.0))
        .await
        .unwrap()
        .guild()
        .unwrap();
    let kinds: Vec<_> = channel
        .permission_overwrites
        .iter()
        .map(|o| (o.kind, o.allow, o.deny))
        .collect();
    let view = serenity::Permissions::VIEW_CHANNEL;
    let none = serenity::Permissions::empty();
    assert_eq!(
        kinds,
        vec![
            (
                serenity::PermissionOverwriteType::Role(serenity::RoleId::new(f.guild.0)),
                none,
                view
            ),
            (
                serenity::PermissionOverwriteType::Member(serenity::UserId::new(f.sim.bot_user().0)),
                view,
                none
            ),
        ]
    );
    let commands = json!([{ "name": "report", "description": "File a report", "options": [
        { "type": 3, "name": "account", "description": "The account", "required": true }] }]);
    let registered = http.create_guild_commands(guild, &commands).await.unwrap();
    assert_eq!(registered[0].name, "report");
    assert_eq!(f.sim.registered_commands(Some(f.guild)).len(), 1);

    let review = serenity::ChannelId::new(f.review.0);
    let card = serenity::CreateMessage::new()
        .content("Case #1")
        .button(serenity::CreateButton::new("vote:1:report_now").label("Report now"))
        .add_file(serenity::CreateAttachment::bytes(b"facts".to_vec(), "case-1.txt"));
    let card = review.send_message(&http, card).await.unwrap();
    assert_eq!(card.components.len(), 1);
    let file = reqwest::get(&card.attachments[0].url)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&file[..], b"facts");
    review.pin(&http, card.id).await.unwrap();
    assert_eq!(review.pins(&http).await.unwrap().len(), 1);
    let edited = review
        .edit_message(
            &http,
            card.id,
            serenity::EditMessage::new().content("Case #1 (decided)"),
        )
        .await
        .unwrap();
    assert!(edited.edited_timestamp.is_some() && edited.pinned);
    let listed = review
        .messages(&http, serenity::GetMessages::new().limit(10))
        .await
        .unwrap();
    assert_eq!(listed.len(), 2, "the card and Discord's pin notice");
    assert_eq!(listed[0].kind, serenity::MessageType::PinsAdd);

    let press = f
        .sim
        .press(f.review, f.mod1, card.id.get(), "vote:1:report_now")
        .unwrap();
    let Interaction::Component(click) = interaction(&next_frame(&mut ws).await) else {
        panic!("expected a press")
    };
    assert_eq!(
        (click.data.custom_id.as_str(), click.message.id),
        ("vote:1:report_now", card.id)
    );
    let answer = serenity::CreateInteractionResponseMessage::new()
        .content("Vote recorded")
        .ephemeral(true)
        .add_file(serenity::CreateAttachment::bytes(
            b"case,decision".to_vec(),
            "export.csv",
        ));
    click
        .create_response(&http, serenity::CreateInteractionResponse::Message(answer))
        .await
        .unwrap();
    let original = click.get_response(&http).await.unwrap();
    assert!(original.flags.unwrap().contains(serenity::MessageFlags::EPHEMERAL));
    assert!(original.interaction_metadata.is_some());
    let reply = f.sim.wait_reply(&press, WAIT).await.unwrap();
    assert_eq!((reply.content.as_str(), reply.ephemeral), ("Vote recorded", true));
    assert_eq!(
        reply.attachments[0]["filename"], "export.csv",
        "multipart callbacks keep their files"
    );

    let transcript: Vec<String> = f.sim.transcript().iter().map(ToString::to_string).collect();
    let pressed = format!("#review  mod1 pressed [Report now] on message {}", card.id);
    assert!(transcript.contains(&pressed), "{transcript:?}");
    assert!(transcript
        .last()
        .unwrap()
        .starts_with("#review (only @mod1 sees it)  flagwatch posted message"));
}

#[tokio::test]
async fn resume_replays_missed_dispatches_and_unknown_sessions_are_invalidated() {
    let f = fixture(SimConfig::default()).await;
    let (ws, frames) = identify(&f.sim).await;
    let session_id = frames[1]["d"]["session_id"].as_str().unwrap().to_owned();
    drop(ws);
    f.sim.wait_for(|s| !s.gateway_stats().connected, WAIT).await.unwrap();
    f.sim.slash(f.general, f.alice, "status", vec![]).unwrap();

    let url = format!("{}/?v=10", f.sim.gateway_url());
    let (mut ws, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
    next_frame(&mut ws).await;
    let resume = json!({ "op": 6, "d": { "token": f.sim.token(), "session_id": session_id, "seq": 2 } });
    ws.send(WsMessage::Text(resume.to_string())).await.unwrap();
    assert!(matches!(
        interaction(&next_frame(&mut ws).await),
        Interaction::Command(_)
    ));
    assert!(matches!(dispatch(&next_frame(&mut ws).await), Event::Resumed(_)));

    let (mut other, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
    next_frame(&mut other).await;
    let stale = json!({ "op": 6, "d": { "token": f.sim.token(), "session_id": "stale", "seq": 1 } });
    other.send(WsMessage::Text(stale.to_string())).await.unwrap();
    assert!(matches!(
        event(&next_frame(&mut other).await),
        GatewayEvent::InvalidateSession(false)
    ));
    assert_eq!(f.sim.gateway_stats().resumes, 1);
}

#[tokio::test]
async fn a_wrong_token_is_refused_on_the_gateway_and_on_rest() {
    let f = fixture(SimConfig::default()).await;
    let (mut ws, _) = tokio_tungstenite::connect_async(f.sim.gateway_url()).await.unwrap();
    next_frame(&mut ws).await;
    let identify = json!({ "op": 2, "d": { "token": "wrong", "intents": 1, "properties": {} } });
    ws.send(WsMessage::Text(identify.to_string())).await.unwrap();
    let closed = tokio::time::timeout(WAIT, ws.next()).await.unwrap().unwrap().unwrap();
    let WsMessage::Close(Some(frame)) = closed else {
        panic!("expected a close frame, got {closed:?}")
    };
    assert_eq!(u16::from(frame.code), 4004);

    let response = reqwest::Client::new()
        .get(format!("{}/api/v10/users/@me", f.sim.api_base()))
        .header("Authorization", "Bot wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
}

/// A minimal bot: reports the guilds it receives and answers every command privately
/// with its own name and the command's.
struct Pong {
    guilds: tokio::sync::mpsc::UnboundedSender<serenity::GuildId>,
    name: String,
}

#[serenity::async_trait]
impl serenity::EventHandler for Pong {
    async fn guild_create(&self, _: serenity::Context, guild: serenity::Guild, _: Option<bool>) {
        let _ = self.guilds.send(guild.id);
    }

    async fn interaction_create(&self, ctx: serenity::Context, interaction: Interaction) {
        if let Interaction::Command(cmd) = interaction {
            let message = serenity::CreateInteractionResponseMessage::new()
                .content(format!("{} {}", self.name, cmd.data.name))
                .ephemeral(true);
            let answer = serenity::CreateInteractionResponse::Message(message);
            cmd.create_response(&ctx.http, answer).await.unwrap();
        }
    }
}

#[tokio::test]
async fn a_serenity_client_connects_answers_and_resumes() {
    let f = fixture(SimConfig::default()).await;
    let http = serenity::HttpBuilder::new(f.sim.token())
        .proxy(f.sim.api_base())
        .ratelimiter_disabled(true)
        .build();
    let (guilds, mut received) = tokio::sync::mpsc::unbounded_channel();
    let mut client = serenity::ClientBuilder::new_with_http(http, serenity::GatewayIntents::GUILDS)
        .event_handler(Pong {
            guilds,
            name: "pong".to_owned(),
        })
        .await
        .unwrap();
    let shards = client.shard_manager.clone();
    let running = tokio::spawn(async move { client.start().await });
    f.sim.wait_for_bot_ready(WAIT).await.unwrap();
    let guild = tokio::time::timeout(WAIT, received.recv()).await.unwrap();
    assert_eq!(
        guild,
        Some(serenity::GuildId::new(f.guild.0)),
        "GUILD_CREATE reached serenity"
    );

    let first = f.sim.slash(f.general, f.alice, "status", vec![]).unwrap();
    let reply = f.sim.wait_reply(&first, WAIT).await.unwrap();
    assert_eq!(
        (reply.content.as_str(), reply.ephemeral, reply.callback_type),
        ("pong status", true, 4)
    );

    f.sim.drop_gateway();
    f.sim
        .wait_for(|s| s.gateway_stats().resumes == 1 && s.gateway_stats().connected, WAIT)
        .await
        .unwrap();
    let second = f.sim.slash(f.general, f.mod1, "queue", vec![]).unwrap();
    assert_eq!(f.sim.wait_reply(&second, WAIT).await.unwrap().content, "pong queue");
    assert_eq!(
        f.sim.gateway_stats().identifies,
        1,
        "the client resumed instead of identifying again"
    );
    assert!(
        f.sim.unexpected_requests().is_empty(),
        "{:?}",
        f.sim.unexpected_requests()
    );
    shards.shutdown_all().await;
    running.abort();
}

async fn post_message(
    client: &reqwest::Client,
    sim: &Simulator,
    channel: ChannelRef,
    content: &str,
) -> reqwest::Response {
    post_payload(client, sim, channel, json!({ "content": content })).await
}

async fn post_payload(
    client: &reqwest::Client,
    sim: &Simulator,
    channel: ChannelRef,
    body: Value,
) -> reqwest::Response {
    bot_call(
        client,
        sim,
        reqwest::Method::POST,
        &format!("/channels/{}/messages", channel.0),
    )
    .json(&body)
    .send()
    .await
    .unwrap()
}

/// A request to the bot's REST API with its token.
fn bot_call(client: &reqwest::Client, sim: &Simulator, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
    client
        .request(method, format!("{}/api/v10{path}", sim.api_base()))
        .header("Authorization", format!("Bot {}", sim.token()))
}

async fn callback(client: &reqwest::Client, sim: &Simulator, i: &InteractionRef, body: Value) -> reqwest::Response {
    client
        .post(format!(
            "{}/api/v10/interactions/{}/{}/callback",
            sim.api_base(),
            i.id,
            i.token
        ))
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response.headers().get(name).map_or("", |v| v.to_str().unwrap())
}

#[tokio::test]
async fn message_creates_beyond_the_channel_bucket_get_429_and_callbacks_are_exempt() {
    let f = fixture(SimConfig::default()).await;
    let _gateway = identify(&f.sim).await;
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for n in 0..7 {
        let response = post_message(&client, &f.sim, f.review, &format!("message {n}")).await;
        assert_eq!(header(&response, "x-ratelimit-limit"), "5");
        assert!(!header(&response, "x-ratelimit-bucket").is_empty());
        assert!(header(&response, "x-ratelimit-reset-after").parse::<f64>().unwrap() <= 5.0);
        assert!(header(&response, "x-ratelimit-reset").parse::<f64>().unwrap() > 1.7e9);
        statuses.push(response.status().as_u16());
        if n == 4 {
            assert_eq!(header(&response, "x-ratelimit-remaining"), "0");
        }
        if n == 6 {
            assert!(header(&response, "retry-after").parse::<f64>().unwrap() >= 1.0);
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["message"], "You are being rate limited.");
            assert_eq!(body["global"], false);
            assert!(body["retry_after"].as_f64().unwrap() > 0.0);
        }
    }
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429, 429]);
    assert_eq!(f.sim.rate_limited_count(), 2);
    assert_eq!(
        post_message(&client, &f.sim, f.general, "another channel")
            .await
            .status(),
        200
    );

    for _ in 0..8 {
        let i = f.sim.slash(f.general, f.alice, "status", vec![]).unwrap();
        let response = callback(&client, &f.sim, &i, json!({ "type": 4, "data": { "content": "ok" } })).await;
        assert_eq!(response.status(), 204);
        assert!(response.headers().get("x-ratelimit-limit").is_none());
    }
    assert_eq!(f.sim.rate_limited_count(), 2);
}

#[tokio::test]
async fn the_global_limit_answers_429_with_global_true() {
    let limits = RateLimits {
        global_per_second: 3,
        other: Limit::new(100, Duration::from_secs(1)),
        ..RateLimits::default()
    };
    let f = fixture(SimConfig {
        rate_limits: limits,
        ..SimConfig::default()
    })
    .await;
    let client = reqwest::Client::new();
    let mut last = None;
    for _ in 0..4 {
        let response = client
            .get(format!("{}/api/v10/users/@me", f.sim.api_base()))
            .header("Authorization", format!("Bot {}", f.sim.token()))
            .send()
            .await
            .unwrap();
        last = Some(response);
    }
    let last = last.unwrap();
    assert_eq!(
        (last.status().as_u16(), header(&last, "x-ratelimit-global")),
        (429, "true")
    );
    assert_eq!(last.json::<Value>().await.unwrap()["global"], true);
    assert_eq!(f.sim.rate_limited_count(), 1);
}

#[tokio::test]
async fn interaction_tokens_follow_discords_rules() {
    let config = SimConfig {
        interaction_deadline: Duration::from_millis(300),
        interaction_token_lifetime: Duration::from_millis(900),
        ..SimConfig::default()
    };
    let f = fixture(config).await;
    let _gateway = identify(&f.sim).await;
    let client = reqwest::Client::new();

    let answered = f.sim.slash(f.general, f.alice, "status", vec![]).unwrap();
    let deferred = json!({ "type": 5, "data": { "flags": 64 } });
    assert_eq!(callback(&client, &f.sim, &answered, deferred).await.status(), 204);
    let again = callback(
        &client,
        &f.sim,
        &answered,
        json!({ "type": 4, "data": { "content": "x" } }),
    )
    .await;
    assert_eq!(again.status(), 400);
    assert_eq!(again.json::<Value>().await.unwrap()["code"], 40060);
    let original = format!(
        "{}/api/v10/webhooks/{}/{}/messages/@original",
        f.sim.api_base(),
        f.sim.application_id(),
        answered.token
    );
    let edit = client
        .patch(&original)
        .json(&json!({ "content": "held, do not report" }))
        .send()
        .await
        .unwrap();
    assert_eq!(edit.status(), 200);
    let reply = f.sim.wait_reply(&answered, WAIT).await.unwrap();
    assert_eq!(
        (reply.callback_type, reply.content.as_str(), reply.ephemeral),
        (5, "held, do not report", true)
    );

    let late = f.sim.slash(f.general, f.alice, "status", vec![]).unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let response = callback(
        &client,
        &f.sim,
        &late,
        json!({ "type": 4, "data": { "content": "too late" } }),
    )
    .await;
    assert_eq!(response.status(), 404);
    assert_eq!(response.json::<Value>().await.unwrap()["code"], 10062);

    tokio::time::sleep(Duration::from_millis(600)).await;
    let expired = client
        .patch(&original)
        .json(&json!({ "content": "later" }))
        .send()
        .await
        .unwrap();
    assert_eq!(expired.status(), 401);
    assert_eq!(expired.json::<Value>().await.unwrap()["code"], 50027);
}

#[tokio::test]
async fn faults_refusals_and_bookkeeping() {
    let f = fixture(SimConfig::default()).await;
    let client = reqwest::Client::new();
    let base = f.sim.api_base();
    let auth = format!("Bot {}", f.sim.token());

    f.sim
        .fail_next("POST", &format!("/channels/{}/messages", f.review.0), 500, 1);
    assert_eq!(post_message(&client, &f.sim, f.review, "board").await.status(), 500);
    let board: Value = post_message(&client, &f.sim, f.review, "board")
        .await
        .json()
        .await
        .unwrap();
    let board_id: u64 = board["id"].as_str().unwrap().parse().unwrap();

    f.sim.refuse_edits_30046(board_id);
    let edit_url = format!("{base}/api/v10/channels/{}/messages/{board_id}", f.review.0);
    let refused = client
        .patch(&edit_url)
        .header("Authorization", &auth)
        .json(&json!({ "content": "x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().get("retry-after").is_none());
    assert_eq!(refused.json::<Value>().await.unwrap()["code"], 30046);
    assert_eq!(f.sim.rate_limited_count(), 0, "30046 is not a rate-limit 429");

    let too_long = post_message(&client, &f.sim, f.review, &"x".repeat(2001)).await;
    assert_eq!(too_long.status(), 400);
    let body: Value = too_long.json().await.unwrap();
    assert_eq!(body["errors"]["content"]["_errors"][0]["code"], "BASE_TYPE_MAX_LENGTH");

    f.sim.delete_message(f.review, board_id).unwrap();
    let gone = client
        .get(&edit_url)
        .header("Authorization", &auth)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.json::<Value>().await.unwrap()["code"], 10008);
    assert!(f.sim.messages(f.review).iter().any(|m| m.id == board_id && m.deleted));
    let kinds: Vec<VisibleKind> = f.sim.transcript().iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [VisibleKind::Posted, VisibleKind::Deleted]);

    let unknown = client
        .get(format!("{base}/api/v10/voice/regions"))
        .header("Authorization", &auth)
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    let unexpected = f.sim.unexpected_requests();
    assert_eq!(unexpected.len(), 1);
    assert_eq!(unexpected[0].path, "/voice/regions");
    assert_eq!(f.sim.requests().len(), 6);
}

// --- Several bot processes against one Discord: shards, sessions, limits ---

/// A bare gateway connection that has read HELLO.
async fn connect(sim: &Simulator) -> Ws {
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("{}/?v=10", sim.gateway_url()))
        .await
        .unwrap();
    next_frame(&mut ws).await;
    ws
}

async fn send(ws: &mut Ws, frame: Value) {
    ws.send(WsMessage::Text(frame.to_string())).await.unwrap();
}

fn identify_frame(sim: &Simulator, shard: Option<Value>) -> Value {
    let mut d = json!({ "token": sim.token(), "intents": 1, "properties": {} });
    if let Some(shard) = shard {
        d["shard"] = shard;
    }
    json!({ "op": 2, "d": d })
}

/// IDENTIFY as `shard`, read READY and the GUILD_CREATE of each guild it lists; returns
/// READY's frame and those guilds' ids.
async fn identify_shard(sim: &Simulator, shard: [u32; 2]) -> (Ws, Value, Vec<u64>) {
    let mut ws = connect(sim).await;
    send(&mut ws, identify_frame(sim, Some(json!(shard)))).await;
    let ready = next_frame(&mut ws).await;
    let mut created = Vec::new();
    for _ in 0..ready["d"]["guilds"].as_array().unwrap().len() {
        created.push(snowflake(&next_frame(&mut ws).await["d"]["id"]));
    }
    (ws, ready, created)
}

fn snowflake(v: &Value) -> u64 {
    v.as_str().unwrap().parse().unwrap()
}

async fn close_code(ws: &mut Ws) -> u16 {
    match tokio::time::timeout(WAIT, ws.next()).await.unwrap() {
        Some(Ok(WsMessage::Close(Some(frame)))) => u16::from(frame.code),
        other => panic!("expected a close frame, got {other:?}"),
    }
}

fn resume_frame(sim: &Simulator, session_id: &str, seq: u64) -> Value {
    json!({ "op": 6, "d": { "token": sim.token(), "session_id": session_id, "seq": seq } })
}

fn sharded(count: u32) -> SimConfig {
    SimConfig {
        recommended_shards: count,
        ..SimConfig::default()
    }
}

#[tokio::test]
async fn each_session_gets_only_its_shards_guilds_and_events() {
    let sim = Simulator::start(sharded(2)).await.unwrap();
    assert_eq!(http(&sim).get_bot_gateway().await.unwrap().shards, 2);
    let zero = sim.add_guild_on_shard("Zero", 0, 2).unwrap();
    let one = sim.add_guild_on_shard("One", 1, 2).unwrap();
    assert!(matches!(
        sim.add_guild_on_shard("Nowhere", 2, 2),
        Err(SimError::InvalidShard { shard: 2, count: 2 })
    ));
    let general = sim.add_channel(one, "general");
    let alice = sim.add_member(one, "alice", &[], Utc::now());

    let (mut ws0, ready0, created0) = identify_shard(&sim, [0, 2]).await;
    assert!(sim.wait_for_shards(2, Duration::from_millis(50)).await.is_err());
    let (mut ws1, ready1, created1) = identify_shard(&sim, [1, 2]).await;
    sim.wait_for_shards(2, WAIT).await.unwrap();
    assert_eq!((&ready0["d"]["shard"], created0), (&json!([0, 2]), vec![zero.0]));
    assert_eq!((&ready1["d"]["shard"], created1), (&json!([1, 2]), vec![one.0]));
    let Event::Ready(ready) = dispatch(&ready1) else {
        panic!("expected READY")
    };
    assert_eq!((ready.ready.shard.unwrap().total, ready.ready.guilds.len()), (2, 1));

    sim.slash(general, alice, "status", vec![]).unwrap();
    assert!(matches!(
        interaction(&next_frame(&mut ws1).await),
        Interaction::Command(_)
    ));
    sim.add_channel(zero, "lobby");
    let Event::ChannelCreate(lobby) = dispatch(&next_frame(&mut ws0).await) else {
        panic!("shard 0's next event is its own guild's, not shard 1's interaction")
    };
    assert_eq!(lobby.channel.guild_id.get(), zero.0);

    let (later, after) = (sim.add_guild("Later"), sim.add_guild("After"));
    let shard_of = |g: GuildRef| (g.0 >> 22) % 2;
    assert_ne!(
        shard_of(later),
        shard_of(after),
        "successive guilds land on successive shards"
    );
    let (first, second) = if shard_of(later) == 0 {
        (&mut ws0, &mut ws1)
    } else {
        (&mut ws1, &mut ws0)
    };
    assert_eq!(snowflake(&next_frame(first).await["d"]["id"]), later.0);
    assert_eq!(snowflake(&next_frame(second).await["d"]["id"]), after.0);
    let sessions: Vec<_> = sim
        .session_stats()
        .iter()
        .map(|s| (s.shard_id, s.shard_count, s.connected, s.dispatches))
        .collect();
    assert_eq!(sessions, [(0, 2, true, 4), (1, 2, true, 4)]);
}

#[tokio::test]
async fn identify_refuses_an_invalid_shard_and_a_second_identify() {
    let f = fixture(SimConfig::default()).await;
    for shard in [json!([1, 1]), json!([0, 0]), json!([0]), json!("0")] {
        let mut ws = connect(&f.sim).await;
        send(&mut ws, identify_frame(&f.sim, Some(shard.clone()))).await;
        assert_eq!(close_code(&mut ws).await, 4010, "shard {shard}");
    }
    let (mut ws, _) = identify(&f.sim).await;
    send(&mut ws, identify_frame(&f.sim, None)).await;
    assert_eq!(close_code(&mut ws).await, 4005);
    assert_eq!(f.sim.gateway_stats().identifies, 1);
}

#[tokio::test]
async fn two_processes_on_one_shard_both_get_an_interaction_and_one_answer_is_refused() {
    let f = fixture(SimConfig::default()).await;
    let (mut a, frames) = identify(&f.sim).await;
    let (mut b, _) = identify(&f.sim).await;
    f.sim.wait_for_shards(1, WAIT).await.unwrap();
    let status = f.sim.slash(f.general, f.alice, "status", vec![]).unwrap();
    for ws in [&mut a, &mut b] {
        let Interaction::Command(cmd) = interaction(&next_frame(ws).await) else {
            panic!("expected a command")
        };
        assert_eq!(cmd.id.get(), status.id);
    }
    let client = reqwest::Client::new();
    let answer = |text: &str| json!({ "type": 4, "data": { "content": text, "flags": 64 } });
    assert_eq!(callback(&client, &f.sim, &status, answer("from a")).await.status(), 204);
    let second = callback(&client, &f.sim, &status, answer("from b")).await;
    assert_eq!(second.status(), 400);
    let refusal = json!({ "message": "Interaction has already been acknowledged.", "code": 40060 });
    assert_eq!(second.json::<Value>().await.unwrap(), refusal);
    assert_eq!(f.sim.refused_acknowledgements(), 1);
    assert_eq!(f.sim.reply(&status).unwrap().content, "from a");

    f.sim.drop_shard(0);
    assert!(!f.sim.gateway_stats().connected);
    f.sim.slash(f.general, f.mod1, "queue", vec![]).unwrap();
    let mut resumed = connect(&f.sim).await;
    let session_a = frames[1]["d"]["session_id"].as_str().unwrap();
    send(&mut resumed, resume_frame(&f.sim, session_a, 3)).await;
    let replayed = next_frame(&mut resumed).await;
    assert_eq!(replayed["s"], 4, "READY, GUILD_CREATE, status, then the missed queue");
    assert!(matches!(interaction(&replayed), Interaction::Command(c) if c.data.name == "queue"));
    assert_eq!(next_frame(&mut resumed).await["t"], "RESUMED");
    let sessions: Vec<_> = f
        .sim
        .session_stats()
        .iter()
        .map(|s| (s.resumes, s.connected, s.dispatches))
        .collect();
    assert_eq!(sessions, [(1, true, 5), (0, false, 4)]);
    let all = GatewayStats {
        connections: 3,
        identifies: 2,
        resumes: 1,
        invalid_sessions: 0,
        connected: true,
    };
    assert_eq!(f.sim.gateway_stats(), all);
}

#[tokio::test]
async fn a_session_the_bot_closed_normally_gets_nothing_and_cannot_resume() {
    let f = fixture(SimConfig::default()).await;
    let (mut ws, frames) = identify(&f.sim).await;
    let normal = CloseFrame {
        code: CloseCode::Normal,
        reason: "".into(),
    };
    ws.close(Some(normal)).await.unwrap();
    f.sim.wait_for(|s| !s.session_stats()[0].resumable, WAIT).await.unwrap();
    assert!(matches!(
        f.sim.slash(f.general, f.alice, "status", vec![]),
        Err(SimError::NoSession)
    ));
    let mut again = connect(&f.sim).await;
    let session_id = frames[1]["d"]["session_id"].as_str().unwrap();
    send(&mut again, resume_frame(&f.sim, session_id, 2)).await;
    assert!(matches!(
        event(&next_frame(&mut again).await),
        GatewayEvent::InvalidateSession(false)
    ));
}

#[tokio::test]
async fn serenity_clients_of_two_shards_each_get_and_answer_their_guild() {
    let sim = Simulator::start(sharded(2)).await.unwrap();
    let guilds = [0, 1].map(|shard| sim.add_guild_on_shard("Server", shard, 2).unwrap());
    let channels = guilds.map(|g| sim.add_channel(g, "general"));
    let members = guilds.map(|g| sim.add_member(g, "alice", &[], Utc::now()));
    let mut bots = Vec::new();
    for shard in 0..2u32 {
        let (tx, mut received) = tokio::sync::mpsc::unbounded_channel();
        let pong = Pong {
            guilds: tx,
            name: format!("shard{shard}"),
        };
        let mut client = serenity::ClientBuilder::new_with_http(http(&sim), serenity::GatewayIntents::GUILDS)
            .event_handler(pong)
            .await
            .unwrap();
        let manager = client.shard_manager.clone();
        let running = tokio::spawn(async move { client.start_shard(shard, 2).await });
        let guild = tokio::time::timeout(WAIT, received.recv()).await.unwrap();
        assert_eq!(guild, Some(serenity::GuildId::new(guilds[shard as usize].0)));
        bots.push((manager, running, received));
    }
    sim.wait_for_shards(2, WAIT).await.unwrap();
    for shard in 0..2 {
        let i = sim.slash(channels[shard], members[shard], "status", vec![]).unwrap();
        let reply = sim.wait_reply(&i, WAIT).await.unwrap();
        assert_eq!(reply.content, format!("shard{shard} status"));
    }
    for (manager, running, mut received) in bots {
        assert!(received.try_recv().is_err(), "one guild per shard");
        manager.shutdown_all().await;
        running.abort();
    }
}

#[tokio::test]
async fn enforced_nonces_answer_the_first_message_and_create_nothing() {
    let config = SimConfig {
        nonce_window: Duration::from_millis(800),
        rate_limits: RateLimits {
            channel_messages: Limit::new(100, Duration::from_secs(1)),
            ..RateLimits::default()
        },
        ..SimConfig::default()
    };
    let f = fixture(config).await;
    let http = http(&f.sim);
    let (review, general) = (
        serenity::ChannelId::new(f.review.0),
        serenity::ChannelId::new(f.general.0),
    );
    let card = || {
        serenity::CreateMessage::new()
            .content("Case #1")
            .nonce(serenity::Nonce::String("case-1".to_owned()))
            .enforce_nonce(true)
    };
    let first = review.send_message(&http, card()).await.unwrap();
    assert!(matches!(&first.nonce, Some(serenity::Nonce::String(n)) if n == "case-1"));
    assert_eq!(review.send_message(&http, card()).await.unwrap().id, first.id);
    assert_eq!((f.sim.messages(f.review).len(), f.sim.deduplicated_posts()), (1, 1));
    let sent = f.sim.requests()[1].body.clone().unwrap();
    assert_eq!(
        (&sent["nonce"], &sent["enforce_nonce"]),
        (&json!("case-1"), &json!(true))
    );
    assert_ne!(general.send_message(&http, card()).await.unwrap().id, first.id);

    let client = reqwest::Client::new();
    let plain = json!({ "content": "echoed only", "nonce": 42 });
    let a: Value = post_payload(&client, &f.sim, f.review, plain.clone())
        .await
        .json()
        .await
        .unwrap();
    let b: Value = post_payload(&client, &f.sim, f.review, plain)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((&a["nonce"], a["id"] != b["id"]), (&json!(42), true));
    for bad in [json!("n".repeat(26)), json!(1.5), json!(true)] {
        let body = json!({ "content": "x", "nonce": bad, "enforce_nonce": true });
        let refused = post_payload(&client, &f.sim, f.review, body).await;
        assert_eq!(refused.status(), 400);
        let errors = refused.json::<Value>().await.unwrap()["errors"]["nonce"]["_errors"].clone();
        assert_eq!(errors.as_array().map(Vec::len), Some(1), "nonce {bad}");
    }
    assert_eq!(f.sim.messages(f.review).len(), 3);

    tokio::time::sleep(Duration::from_millis(850)).await;
    assert_ne!(review.send_message(&http, card()).await.unwrap().id, first.id);
    assert_eq!(f.sim.deduplicated_posts(), 1);
}

#[tokio::test]
async fn requested_429s_carry_discords_headers_and_early_retries_are_violations() {
    let f = fixture(SimConfig::default()).await;
    let _gateway = identify(&f.sim).await;
    let client = reqwest::Client::new();
    let wait = Duration::from_millis(500);
    f.sim
        .rate_limit_next("POST", &format!("/channels/{}/messages", f.review.0), wait, false, 1);
    let limited = post_message(&client, &f.sim, f.review, "card").await;
    assert_eq!(limited.status(), 429);
    let headers = [
        "retry-after",
        "x-ratelimit-scope",
        "x-ratelimit-global",
        "x-ratelimit-remaining",
    ];
    let values: Vec<&str> = headers.iter().map(|h| header(&limited, h)).collect();
    assert_eq!(values, ["1", "user", "", "0"]);
    let body = json!({ "message": "You are being rate limited.", "retry_after": 0.5, "global": false, "code": 0 });
    assert_eq!(limited.json::<Value>().await.unwrap(), body);
    assert_eq!(post_message(&client, &f.sim, f.review, "too soon").await.status(), 200);
    assert_eq!(
        post_message(&client, &f.sim, f.general, "other bucket").await.status(),
        200
    );
    assert_eq!(f.sim.rate_limit_violations(), 1);
    tokio::time::sleep(wait + Duration::from_millis(50)).await;
    assert_eq!(post_message(&client, &f.sim, f.review, "waited").await.status(), 200);
    assert_eq!(f.sim.rate_limit_violations(), 1);

    f.sim
        .rate_limit_next("GET", "/users/@me", Duration::from_secs(2), true, 1);
    let me = bot_call(&client, &f.sim, reqwest::Method::GET, "/users/@me");
    let global = me.send().await.unwrap();
    let values: Vec<&str> = headers[..3].iter().map(|h| header(&global, h)).collect();
    assert_eq!((global.status().as_u16(), values), (429, vec!["2", "global", "true"]));
    let body = global.json::<Value>().await.unwrap();
    assert_eq!((&body["global"], &body["retry_after"]), (&json!(true), &json!(2.0)));
    let i = f.sim.slash(f.general, f.alice, "status", vec![]).unwrap();
    let answer = json!({ "type": 4, "data": { "content": "ok" } });
    assert_eq!(callback(&client, &f.sim, &i, answer).await.status(), 204);
    assert_eq!(
        f.sim.rate_limit_violations(),
        1,
        "callbacks are exempt from the global limit"
    );
    assert_eq!(post_message(&client, &f.sim, f.general, "during").await.status(), 200);
    assert_eq!(f.sim.rate_limit_violations(), 2);
    assert_eq!(f.sim.rate_limited_count(), 0, "requested 429s are not the limiter's");
}

#[tokio::test]
async fn clients_of_one_token_share_buckets_and_channel_rates_are_measured() {
    let f = fixture(SimConfig::default()).await;
    let clients = [reqwest::Client::new(), reqwest::Client::new()];
    let mut answers = Vec::new();
    for n in 0..6 {
        answers.push(post_message(&clients[n % 2], &f.sim, f.review, "card").await);
    }
    let statuses: Vec<u16> = answers.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429]);
    let limited = answers.pop().unwrap();
    assert_eq!(header(&limited, "x-ratelimit-scope"), "user");
    assert_eq!(limited.json::<Value>().await.unwrap()["code"], 0);
    assert_eq!(f.sim.rate_limit_violations(), 0);
    assert_eq!(post_message(&clients[0], &f.sim, f.review, "again").await.status(), 429);
    assert_eq!(f.sim.rate_limit_violations(), 1, "a retry before Retry-After");

    let posted: Value = post_message(&clients[1], &f.sim, f.general, "a")
        .await
        .json()
        .await
        .unwrap();
    let message = format!("/channels/{}/messages/{}", f.general.0, posted["id"].as_str().unwrap());
    let edit = bot_call(&clients[0], &f.sim, reqwest::Method::PATCH, &message).json(&json!({ "content": "b" }));
    assert_eq!(edit.send().await.unwrap().status(), 200);
    let read = bot_call(&clients[1], &f.sim, reqwest::Method::GET, &message);
    assert_eq!(read.send().await.unwrap().status(), 200, "reads are not counted");
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(post_message(&clients[0], &f.sim, f.general, "c").await.status(), 200);

    let five_seconds = Duration::from_secs(5);
    assert_eq!(f.sim.max_channel_requests_within(five_seconds), 7);
    let general = |method, window| f.sim.channel_requests_within(f.general, method, window);
    assert_eq!(general(None, five_seconds), 3);
    assert_eq!(general(Some("POST"), five_seconds), 2);
    assert_eq!(general(None, Duration::from_millis(300)), 2);
}

#[tokio::test]
async fn the_bot_is_refused_where_channel_overwrites_withhold_what_it_needs() {
    use flagwatch::simulator::{permissions, OverwriteTarget};
    let f = fixture(SimConfig::default()).await;
    let http = http(&f.sim);
    let general = serenity::ChannelId::new(f.general.0);
    let code = |e: serenity::Error| match e {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(r)) => (r.status_code.as_u16(), r.error.code),
        other => panic!("{other:?}"),
    };
    let post = || general.send_message(&http, serenity::CreateMessage::new().content("hello"));
    let posted = post().await.unwrap();
    let bot = OverwriteTarget::Member(f.sim.bot_user());
    f.sim.set_overwrite(f.general, bot, 0, permissions::MANAGE_MESSAGES);
    assert_eq!(code(posted.pin(&http).await.unwrap_err()), (403, 50013));
    f.sim.set_overwrite(f.general, bot, 0, permissions::SEND_MESSAGES);
    assert_eq!(code(post().await.unwrap_err()), (403, 50013));
    // Hidden from @everyone; a role overwrite for the bot's role would show it again.
    f.sim.set_overwrite(f.general, bot, 0, 0);
    f.sim
        .set_overwrite(f.general, OverwriteTarget::Everyone, 0, permissions::VIEW_CHANNEL);
    assert_eq!(code(post().await.unwrap_err()), (403, 50001));
    f.sim.set_overwrite(f.general, bot, permissions::VIEW_CHANNEL, 0);
    post().await.unwrap();
}
