//! `/import file:<attachment>`: the command line's bulk import, from Discord (moderators).

use std::io::Cursor;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use poise::serenity_prelude as serenity;

use super::{acting, answer_language, member_context};
use crate::discord::checks::require_moderator;
use crate::discord::error::{private, user_error, Context, Error};
use crate::discord::evidence;
use crate::discord::render::{answers, campaign, rejections};
use crate::domain::audit::Actor;
use crate::domain::language::Language;
use crate::domain::reason::ReasonCategory;
use crate::import::{import as run_import, Progress};
use crate::store::ImportSummary;

/// Largest list accepted from Discord.
const MAX_LIST_BYTES: u64 = 25 * 1024 * 1024;
/// Rejected lines listed in the answer.
const SHOWN_REJECTIONS: usize = 10;
/// How often the private reply shows progress.
const PROGRESS_EVERY: Duration = Duration::from_secs(3);

/// What the import has done so far, shared with the progress ticker.
#[derive(Default)]
struct Seen {
    summary: ImportSummary,
    rejections: Vec<(u64, String)>,
}

/// Import a list of accounts: one per line, or a CSV with an `account` column.
#[poise::command(
    slash_command,
    guild_only,
    description_localized(
        "fr",
        "Importer une liste de comptes : un par ligne, ou un CSV avec une colonne `account`."
    ),
    description_localized("hi", "अकाउंट की सूची इंपोर्ट करें: हर लाइन में एक, या `account` कॉलम वाली CSV।")
)]
pub async fn import(
    ctx: Context<'_>,
    #[description = "The list (text or CSV, up to 25 MiB)"]
    #[description_localized("fr", "La liste (texte ou CSV, jusqu'à 25 Mio)")]
    #[description_localized("hi", "सूची (टेक्स्ट या CSV, 25 MiB तक)")]
    file: serenity::Attachment,
) -> Result<(), Error> {
    let (guild, who, settings) = member_context(ctx).await?;
    require_moderator(&settings, &who)?;
    if u64::from(file.size) > MAX_LIST_BYTES {
        return Err(user_error(answers::list_too_large));
    }
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    ctx.defer_ephemeral().await?;
    let data = ctx.data();
    let bytes = evidence::download(&data.downloader, &file.url, MAX_LIST_BYTES)
        .await
        .map_err(|why| user_error(move |lang| answers::list_unreadable(&why, lang)))?;
    let handle = ctx
        .send(private(answers::importing(&file.filename, None, lang)))
        .await?;
    let seen = Arc::new(Mutex::new(Seen::default()));
    let recorder = seen.clone();
    let store = acting(ctx);
    let work = run_import(
        &store,
        Cursor::new(bytes),
        guild,
        Actor::Member(who.user_id),
        ReasonCategory::Other,
        data.clock.now(),
        move |event| record(&recorder, event, lang),
    );
    tokio::pin!(work);
    let summary = loop {
        tokio::select! {
            done = &mut work => break done?,
            _ = tokio::time::sleep(PROGRESS_EVERY) => {
                let lines = seen.lock().map(|s| s.summary.lines).unwrap_or(0);
                handle.edit(ctx, private(answers::importing(&file.filename, Some(lines), lang))).await?;
            }
        }
    };
    let accepted = summary.lines.saturating_sub(summary.rejected);
    data.metrics.import_rows(accepted, summary.rejected);
    let rejections = seen.lock().map(|s| s.rejections.clone()).unwrap_or_default();
    let text = format!(
        "{}\n{}",
        campaign::import_named(summary.import_id, lang),
        answers::imported(&summary, &rejections, lang)
    );
    handle.edit(ctx, private(text)).await?;
    Ok(())
}

fn record(seen: &Mutex<Seen>, event: Progress, lang: Language) {
    let Ok(mut seen) = seen.lock() else { return };
    match event {
        Progress::Counted(summary) => seen.summary = summary,
        Progress::Rejected { line_no, why } if seen.rejections.len() < SHOWN_REJECTIONS => {
            seen.rejections.push((line_no, rejections::import_line(&why, lang)));
        }
        Progress::Rejected { .. } => {}
    }
}
