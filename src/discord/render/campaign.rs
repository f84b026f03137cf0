//! What volunteers read of the campaign tools: their `/next` batch. Its *I reported it*
//! buttons are the call to action's own (same id, same handler), so a press counts the
//! same wherever it was made.

use poise::serenity_prelude as serenity;

use super::notices::{button, reporting_steps, Post};
use super::{labels, link, truncate};
use crate::discord::components::ComponentAction;
use crate::domain::campaign::Paced;
use crate::store::BatchItem;

/// Each account's link is cut shorter than elsewhere, so five fit in one embed.
const BATCH_LINK_CHARS: usize = 300;

/// The member's batch: one field per account with its link and the platform's steps,
/// and one *I reported it* button per account.
pub fn next_batch(items: &[BatchItem]) -> Post {
    if items.is_empty() {
        return Post {
            content: "Nothing for you to report right now: you have reported every open call to action, or the rest are being worked on by others. Try again later.".to_owned(),
            ..Post::default()
        };
    }
    let mut embed = serenity::CreateEmbed::new()
        .title("Your next accounts to report")
        .description("Report each on its platform, then press its button here. Take your time: platforms suspend accounts that report in bursts.");
    let mut buttons = Vec::new();
    for item in items {
        let case = &item.case;
        let value = format!(
            "{}\n{}\n{} volunteer(s) reported it so far.",
            link(&case.key, BATCH_LINK_CHARS),
            reporting_steps(case.key.platform()),
            item.volunteers
        );
        embed = embed.field(
            format!("Case #{} — {}", case.case_no, labels::platform(case.key.platform())),
            truncate(&value, 1_000),
            false,
        );
        buttons.push(button(
            ComponentAction::ReportedIt { case_no: case.case_no },
            &format!("I reported #{}", case.case_no),
            serenity::ButtonStyle::Primary,
        ));
    }
    Post {
        embed: Some(embed),
        components: vec![serenity::CreateActionRow::Buttons(buttons)],
        ..Post::default()
    }
}

/// The member was handed their hourly pace.
pub fn paced(p: Paced) -> String {
    format!(
        "You have been handed {} accounts in the last hour, this server's pace: platforms suspend accounts that report in bursts. You can ask for more <t:{}:R>.",
        p.pace.get(),
        p.until.0.div_euclid(1000)
    )
}

/// A `count` outside 1–5.
pub fn batch_size_refused(e: &crate::domain::campaign::CampaignError) -> String {
    format!("{}.", labels::campaign_refusal(e))
}
