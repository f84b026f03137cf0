//! Application command registration: what poise's `register_globally` /
//! `register_in_guild` send (bulk overwrite), listing, and single creation.

use serde_json::{json, Value};

use super::api::{self, Answer, ApiResult};
use super::multipart::Body;
use super::payloads::extend;
use super::routes::CommandOp;
use super::state::World;
use super::validate;

pub(crate) fn handle(w: &mut World, app: u64, guild: Option<u64>, op: CommandOp, body: &Body) -> ApiResult {
    if app != w.me.application_id {
        return Err(Answer::error(404, 10002, "Unknown Application"));
    }
    if guild.is_some_and(|g| !w.guilds.contains_key(&g)) {
        return Err(api::unknown_guild());
    }
    match op {
        CommandOp::List => Ok(Answer::json(Value::Array(
            w.commands.get(&guild).cloned().unwrap_or_default(),
        ))),
        CommandOp::Overwrite => overwrite(w, guild, body),
        CommandOp::Create => create(w, guild, body),
    }
}

fn overwrite(w: &mut World, guild: Option<u64>, body: &Body) -> ApiResult {
    let list = body
        .json
        .as_ref()
        .and_then(Value::as_array)
        .ok_or_else(|| api::invalid_form("expected an array of commands"))?;
    validate::commands(list).map_err(|e| Answer::error_body(400, e))?;
    let stored: Vec<Value> = list.iter().map(|c| stored(w, guild, c)).collect();
    w.commands.insert(guild, stored.clone());
    Ok(Answer::json(Value::Array(stored)))
}

/// `POST`: create or replace one command by name; 201 when it is new.
fn create(w: &mut World, guild: Option<u64>, body: &Body) -> ApiResult {
    let command = body
        .json
        .clone()
        .filter(Value::is_object)
        .ok_or_else(|| api::invalid_form("expected a command"))?;
    validate::commands(std::slice::from_ref(&command)).map_err(|e| Answer::error_body(400, e))?;
    let command = stored(w, guild, &command);
    let list = w.commands.entry(guild).or_default();
    let existing = list
        .iter()
        .position(|c| c["name"] == command["name"] && c["type"] == command["type"]);
    let mut answer = Answer::json(command.clone());
    match existing {
        Some(at) => list[at] = command,
        None => {
            list.push(command);
            answer.status = 201;
        }
    }
    Ok(answer)
}

/// The command as Discord stores it: the bot's fields over Discord's defaults, with an
/// id kept across re-registrations of the same name (as Discord does) and a new version.
fn stored(w: &mut World, guild: Option<u64>, command: &Value) -> Value {
    let kind = command["type"].as_u64().unwrap_or(1);
    let known_id = w
        .commands
        .get(&guild)
        .into_iter()
        .flatten()
        .find(|c| c["name"] == command["name"] && c["type"] == kind)
        .and_then(|c| c["id"].as_str().map(str::to_owned));
    let id = known_id.unwrap_or_else(|| w.ids.next().to_string());
    let mut stored = json!({
        "type": 1,
        "description": "",
        "options": [],
        "default_member_permissions": null,
        "dm_permission": true,
        "nsfw": false,
        "integration_types": [0],
        "contexts": null,
        "name_localizations": null,
        "description_localizations": null,
    });
    extend(&mut stored, command.clone());
    let version = w.ids.next().to_string();
    extend(
        &mut stored,
        json!({ "id": id, "application_id": w.me.application_id.to_string(), "version": version }),
    );
    if let Some(g) = guild {
        extend(&mut stored, json!({ "guild_id": g.to_string() }));
    }
    stored
}
