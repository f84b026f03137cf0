//! `/language set` and `/language reset`: the language flagwatch answers a member in.
//! Discord sends no Arabic locale, so an Arabic reader chooses it here.

use super::{acting, caller, LanguageChoice};
use crate::discord::error::{private, Context, Error};
use crate::discord::render::answers;
use crate::domain::language::Language;

/// Choose the language flagwatch answers you in.
#[poise::command(
    slash_command,
    guild_only,
    subcommands("set", "reset"),
    subcommand_required,
    description_localized("fr", "Choisir la langue dans laquelle flagwatch vous répond."),
    description_localized("hi", "वह भाषा चुनें जिसमें flagwatch आपको जवाब दे।")
)]
pub async fn language(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Answer me in this language on this server, whatever my Discord language.
#[poise::command(
    slash_command,
    guild_only,
    description_localized(
        "fr",
        "Me répondre dans cette langue sur ce serveur, quelle que soit la langue de mon Discord."
    ),
    description_localized("hi", "इस सर्वर पर मुझे इसी भाषा में जवाब दें, चाहे मेरी Discord भाषा कुछ भी हो।")
)]
async fn set(
    ctx: Context<'_>,
    #[description = "The language"]
    #[description_localized("fr", "La langue")]
    #[description_localized("hi", "भाषा")]
    language: LanguageChoice,
) -> Result<(), Error> {
    let (guild, who) = caller(ctx)?;
    let chosen = Language::from(language);
    let now = ctx.data().clock.now();
    acting(ctx)
        .set_member_language(guild, who.user_id, Some(chosen), now)
        .await?;
    ctx.send(private(answers::language_chosen(chosen))).await?;
    Ok(())
}

/// Forget my choice: answer me in my Discord language, or the server's.
#[poise::command(
    slash_command,
    guild_only,
    description_localized(
        "fr",
        "Oublier mon choix : me répondre dans la langue de mon Discord, ou celle du serveur."
    ),
    description_localized("hi", "मेरी पसंद भूल जाएँ: मुझे मेरी Discord भाषा में, या सर्वर की भाषा में जवाब दें।")
)]
async fn reset(ctx: Context<'_>) -> Result<(), Error> {
    let (guild, who) = caller(ctx)?;
    let data = ctx.data();
    acting(ctx)
        .set_member_language(guild, who.user_id, None, data.clock.now())
        .await?;
    let settings = data.store.guild_settings(guild, data.clock.now()).await?;
    let lang = super::answer_language(ctx, guild, who.user_id, settings.language).await;
    ctx.send(private(answers::language_reset(lang))).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use poise::ChoiceParameter;

    use super::*;

    /// `flagwatch demo --language` picks a choice by the language's endonym.
    #[test]
    fn each_choice_is_its_language_named_in_itself() {
        for language in Language::ALL {
            let choice = LanguageChoice::from_name(language.endonym()).map(Language::from);
            assert_eq!(choice, Some(language));
        }
    }
}
