//! Every event poise handles runs inside a span naming the server, the interaction, the
//! command and the case it is about — never the member — so each log line about an
//! interaction carries them as fields (`FLAGWATCH_LOG_FORMAT=json` shows them).

use poise::serenity_prelude as serenity;
use serenity::{CommandDataOption, CommandDataOptionValue, FullEvent, Interaction};
use tracing::Instrument as _;

use super::components::ComponentAction;
use super::error::Error;
use super::Data;

/// poise's framework, each event dispatched inside [`span_of`] the event.
pub struct Traced(pub poise::Framework<Data, Error>);

#[poise::async_trait]
impl serenity::Framework for Traced {
    async fn init(&mut self, client: &serenity::Client) {
        self.0.init(client).await;
    }

    async fn dispatch(&self, ctx: serenity::Context, event: FullEvent) {
        let span = span_of(&event);
        self.0.dispatch(ctx, event).instrument(span).await;
    }
}

/// The span of an interaction; no span for other events.
fn span_of(event: &FullEvent) -> tracing::Span {
    let FullEvent::InteractionCreate { interaction } = event else {
        return tracing::Span::none();
    };
    match interaction {
        Interaction::Command(c) => tracing::info_span!(
            "interaction",
            guild = c.guild_id.map(|g| g.get()),
            interaction = c.id.get(),
            command = c.data.name.as_str(),
            case = case_option(&c.data.options),
        ),
        Interaction::Component(p) => tracing::info_span!(
            "interaction",
            guild = p.guild_id.map(|g| g.get()),
            interaction = p.id.get(),
            command = "button",
            case = ComponentAction::parse(&p.data.custom_id).map(|a| a.case_no()),
        ),
        _ => tracing::Span::none(),
    }
}

/// The `case` option of a command, in a subcommand or not.
fn case_option(options: &[CommandDataOption]) -> Option<i64> {
    options.iter().find_map(|o| match &o.value {
        CommandDataOptionValue::Integer(n) if o.name == "case" => Some(*n),
        CommandDataOptionValue::SubCommand(inner) | CommandDataOptionValue::SubCommandGroup(inner) => {
            case_option(inner)
        }
        _ => None,
    })
}
