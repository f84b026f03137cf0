//! `/status`: the public state of a case, privately.

use super::{answer_language, caller, configured};
use crate::discord::checks::{may_report, sees_full_state};
use crate::discord::error::{private, user_error, Context, Error};
use crate::discord::render::answers;
use crate::domain::account::AccountKey;
use crate::domain::case::Decision;
use crate::domain::language::Language;
use crate::store::{CaseRecord, Store, StoreError};

/// See what the community decided about an account.
#[poise::command(
    slash_command,
    guild_only,
    description_localized("fr", "Voir ce que la communauté a décidé au sujet d'un compte."),
    description_localized("hi", "देखें कि समुदाय ने किसी अकाउंट के बारे में क्या फ़ैसला किया।")
)]
pub async fn status(
    ctx: Context<'_>,
    #[description = "Link to the account, or its @handle"]
    #[description_localized("fr", "Lien vers le compte, ou son @identifiant")]
    #[description_localized("hi", "अकाउंट का लिंक, या उसका @हैंडल")]
    account: Option<String>,
    #[description = "Case number"]
    #[description_localized("fr", "Numéro du dossier")]
    #[description_localized("hi", "केस नंबर")]
    case: Option<i64>,
) -> Result<(), Error> {
    let (guild, who) = caller(ctx)?;
    let settings = configured(ctx, guild).await?;
    may_report(&settings, &who)?;
    let store = &ctx.data().store;
    let full = sees_full_state(&settings, &who);
    let lang = answer_language(ctx, guild, who.user_id, settings.language).await;
    let text = match (account, case) {
        (Some(input), None) => {
            let key = AccountKey::parse(&input, None, settings.default_platform)
                .map_err(|e| user_error(move |lang| answers::unreadable_account(&e, lang)))?;
            let found = store
                .case_for_key(guild, &key)
                .await?
                .ok_or_else(|| user_error(move |lang| answers::no_case_for(&key, lang)))?;
            state(store, &found, full, lang).await?
        }
        (None, Some(no)) => match store.case(guild, no).await {
            Ok(found) if full || found.lifecycle.decision == Decision::ReportNow => {
                state(store, &found, full, lang).await?
            }
            Err(StoreError::NoSuchCase { case_no }) if full => {
                return Err(user_error(move |lang| answers::no_such_case(case_no, lang)))
            }
            // Pending, held, dismissed and unknown numbers read the same to members.
            Ok(_) | Err(StoreError::NoSuchCase { .. }) => answers::no_public_action(no, lang),
            Err(other) => return Err(other.into()),
        },
        _ => return Err(user_error(answers::account_or_case)),
    };
    ctx.send(private(text)).await?;
    Ok(())
}

async fn state(store: &Store, case: &CaseRecord, full: bool, lang: Language) -> Result<String, StoreError> {
    if !full {
        return Ok(answers::status_answer(case, lang));
    }
    let merged_into = match case.lifecycle.decision {
        Decision::Merged => store.merged_into(case.id).await?,
        _ => None,
    };
    Ok(answers::status_for_moderators(case, merged_into, lang))
}
