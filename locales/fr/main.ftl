# Messages de flagwatch en français.

report-reviewed-recorded = {$reviewed} Votre signalement a été enregistré.
report-new-case = Merci — nouveau dossier n° {$case} ouvert pour {$key}. Les modérateurs vont l'examiner.
report-added = Merci — ajouté au dossier n° {$case} ({$reporters ->
    [one] {$reporters} signalement
   *[other] {$reporters} signalements
}).
report-already-filed = Ce signalement figure déjà dans le dossier n° {$case}.
reviewed-do-not-report = Les modérateurs ont examiné ce compte : merci de ne pas le signaler sur la plateforme.

cta-heading = **À signaler maintenant : dossier n° {$case}** ({$platform})
cta-reason = Motif : {$reasons}
cta-suspended = **Suspendu** — merci, aucun autre signalement n'est nécessaire. Appuyez sur *Toujours en ligne* si vous le voyez revenir.
cta-reported-so-far = {$count ->
    [one] {$count} bénévole l'a signalé jusqu'ici.
   *[other] {$count} bénévoles l'ont signalé jusqu'ici.
}
cta-button-reported = Je l'ai signalé
cta-button-suspended = Semble suspendu
cta-button-still-up = Toujours en ligne

steps-x = Sur le profil, touchez ⋯ → Signaler → choisissez la catégorie la plus proche (pour l'extrémisme : « Entités violentes et haineuses ») et suivez les instructions.
steps-telegram = Ouvrez la chaîne ou le compte → ⋮ → Signaler → choisissez le motif le plus proche (par ex. Violence). Vous pouvez aussi envoyer le lien par e-mail à abuse@telegram.org.
steps-facebook = Sur le profil, cliquez sur ⋯ → Obtenir de l'aide ou signaler → choisissez « Terrorisme » (ou le motif le plus proche) et suivez les instructions.
steps-instagram = Sur le profil, touchez ⋯ → Signaler → Signaler le compte → choisissez le motif le plus proche (par ex. violence ou organisations dangereuses).
steps-youtube = Sur la page de la chaîne, ouvrez À propos (ou ⋯) → Signaler l'utilisateur → choisissez le motif le plus proche (par ex. « Incitation au terrorisme »).
steps-tiktok = Sur le profil, touchez ⋯ (ou Partager) → Signaler → Signaler le compte → choisissez le motif le plus proche (par ex. extrémisme violent).
steps-reddit = Sur le profil de l'utilisateur, ouvrez ⋯ → Signaler → choisissez la règle la plus proche (par ex. menace de violence).
steps-web = Trouvez l'hébergeur ou le bureau d'enregistrement du site (une recherche WHOIS l'indique) et envoyez le lien à son contact abuse, en précisant la loi ou la règle enfreinte.

language-chosen = Désormais, flagwatch vous répond en français sur ce serveur.
language-reset = Votre choix de langue est supprimé : flagwatch vous répond dans la langue de votre Discord, ou celle du serveur.

reason-propaganda = Propagande
reason-recruitment = Recrutement
reason-incitement = Incitation à la violence
reason-financing = Financement
reason-threat = Menace
reason-other = Autre

vote-report-now = Signaler maintenant
vote-hand-off = Confier aux autorités
vote-dismiss = Classer

card-title = Dossier n° {$case} — {$key}
card-reporters-recent = {$reporters} ({$recent ->
    [one] {$recent} arrivé cette semaine
   *[other] {$recent} arrivés cette semaine
})
card-platform = Plateforme
card-reasons = Motifs
card-reporters = Signalements
card-track-record = Historique des signaleurs
card-evidence = Preuves
card-opened = Ouvert
card-latest-details = Derniers détails
card-votes = Votes (tour {$round})

# /case merge (issue 11)
case-merged-into = **Fusionné avec le dossier n° {$case}** — ses signalements, notes et clés s'y trouvent désormais.
merge-done = Le dossier n° {$from} est fusionné avec le dossier n° {$into} : ses signalements, preuves, notes et clés sont désormais sur le dossier n° {$into}, et les signalements ultérieurs de ce compte y arriveront.
merge-refused-same = Un dossier ne peut pas être fusionné avec lui-même : indiquez deux numéros différents (`from` est le dossier qui disparaît, `into` celui qui reste).
merge-refused-platform = Le dossier n° {$from} est sur {$from_platform} et le dossier n° {$into} sur {$into_platform} : seuls les dossiers d'un même compte, sur une même plateforme, peuvent être fusionnés.
merge-refused-merged = Le dossier n° {$case} a déjà été fusionné avec un autre dossier. Utilisez celui avec lequel il a été fusionné (`/case show {$case}` l'indique).

## Re-checks in /next, import ids and /queue dismiss-all (issue 11)
next-recheck-title = Dossier n° {$case} — {$platform} : toujours suspendu ?
next-recheck-body = Suspension confirmée {$since}. Les plateformes lèvent parfois les suspensions : ouvrez le lien et dites ce que vous voyez.
next-recheck-still = n° {$case} toujours suspendu
next-recheck-back = n° {$case} est de retour
recheck-still = Merci : le dossier n° {$case} reste marqué suspendu. Les bénévoles seront de nouveau interrogés dans {$days} jours.
recheck-back = Merci : le dossier n° {$case} est de nouveau actif et son appel à signaler est revenu.
recheck-back-noted = Merci, votre réponse sur le dossier n° {$case} est notée. Son appel à signaler reviendra dès qu'un autre bénévole ou un modérateur verra le compte de retour.
recheck-not-suspended = Le dossier n° {$case} n'est plus marqué suspendu : son appel à signaler est en ligne.
setup-recheck-days = Revérifications : une suspension revient dans /next après {$days} jours
recheck-days-refused = recheck_days doit être compris entre {$min} et {$max} jours (reçu {$value})
import-named = Import n° {$import} — pour classer ce qu'il laisse en attente : `/queue dismiss-all source:{$import}`.
queue-from-import = n° {$case} issu de l'import n° {$import}
dismiss-all-done = Import n° {$import} : dossiers classés : {$count}. Leurs votes ouverts sont clos et leurs fiches mises à jour.
dismiss-all-skipped = Laissés à l'examen parce que des membres les ont aussi signalés avec /report : {$skipped}.
dismiss-all-nothing = L'import n° {$import} n'a aucun dossier en attente de décision : rien n'a été classé.
dismiss-all-unknown = Ce serveur n'a pas d'import n° {$import}. Le résumé de chaque import indique son numéro.
