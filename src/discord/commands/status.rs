//! `/status`: the public state of a case, privately.

use super::{caller, configured};
use crate::discord::checks::may_report;
use crate::discord::error::{private, user_error, Context, Error};
use crate::discord::render::answers;
use crate::domain::account::AccountKey;
use crate::store::StoreError;

/// See what the community decided about an account.
#[poise::command(slash_command, guild_only)]
pub async fn status(
    ctx: Context<'_>,
    #[description = "Link to the account, or its @handle"] account: Option<String>,
    #[description = "Case number"] case: Option<i64>,
) -> Result<(), Error> {
    let (guild, who) = caller(ctx)?;
    let settings = configured(ctx, guild).await?;
    may_report(&settings, &who)?;
    let store = &ctx.data().store;
    let found = match (account, case) {
        (Some(input), None) => {
            let key =
                AccountKey::parse(&input, None, settings.default_platform).map_err(|e| user_error(e.to_string()))?;
            store
                .case_for_key(guild, &key)
                .await?
                .ok_or_else(|| user_error(answers::no_case_for(&key)))?
        }
        (None, Some(no)) => store.case(guild, no).await.map_err(|e| match e {
            StoreError::NoSuchCase { case_no } => user_error(answers::no_such_case(case_no)),
            other => other.into(),
        })?,
        _ => return Err(user_error(answers::account_or_case())),
    };
    ctx.send(private(answers::status_answer(&found))).await?;
    Ok(())
}
