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

# render.rs : la carte d'examen (langue du serveur)
card-opened-by-muted = {$reporters} — ouvert par un signaleur mis en sourdine
card-opened-by-muted-until = {$reporters} — ouvert par un signaleur mis en sourdine (fin de la sourdine {$until})
card-track-record-value = {$cases ->
    [one] {$cases} autre dossier
   *[other] {$cases} autres dossiers
} : {$report_now} à signaler ({$suspended} suspension(s) confirmée(s)), {$held} confié(s) aux autorités, {$dismissed} classé(s)
card-overdue = **En retard** — le délai de vote s'est écoulé sans vote ; un vote décide encore.
card-voting-closes = Vote ouvert — clôture {$closes}
card-voting-open = Vote ouvert
card-closed-withdrawn = **Clos** — tous les signalements ont été retirés avant une décision.
card-decided = **Décision : {$decision}**
card-held-referral = Confié aux autorités jusqu'au {$until} (transmission enregistrée)
card-held-no-referral = Confié aux autorités jusqu'au {$until} (aucune transmission enregistrée pour l'instant)
round-hold-review = Réexamen : la mise en attente a pris fin le {$ended}. Votez à nouveau sur la suite à donner à ce compte.
round-new-reporter = Rouvert : un membre qui ne l'avait pas encore signalé a signalé ce compte classé.
round-reopened = Rouvert : {$reason}

# notices.rs : avis de mise en attente, tableau de bord, résumé, file d'examen (langue du serveur)
hold-notice-heading = **Confié aux autorités — merci de ne pas signaler : dossier n° {$case}**
hold-notice-body = Ce compte est traité avec les autorités compétentes. Le signaler pourrait alerter les personnes qui se cachent derrière.
counts-none = aucun pour l'instant
decision-reviewed-no-public-action = Examiné, sans action publique
board-title = Tableau de bord flagwatch
board-report-now = **À signaler maintenant** (les plus anciens d'abord)
board-nothing = Rien à signaler pour le moment.
board-more = …et {$count} de plus
board-cases = Dossiers
board-accounts = Comptes (dossiers tranchés)
board-last-day = Dernières 24 heures
board-new-cases = {$count ->
    [one] {$count} nouveau dossier
   *[other] {$count} nouveaux dossiers
}
board-decisions = {$count ->
    [one] {$count} décision
   *[other] {$count} décisions
}
board-suspensions = {$count ->
    [one] {$count} suspension confirmée
   *[other] {$count} suspensions confirmées
}
board-updated = Mis à jour
digest-heading = **Résumé quotidien** — les dernières 24 heures
digest-new-reports = • {$count ->
    [one] {$count} nouveau signalement
   *[other] {$count} nouveaux signalements
}
digest-decisions = • Décisions : {$decisions}
digest-suspensions = • {$count ->
    [one] {$count} suspension confirmée
   *[other] {$count} suspensions confirmées
}
queue-summary-empty = **File d'examen** : vide. Les nouveaux dossiers reçoivent leur carte immédiatement.
queue-summary-waiting = **File d'examen** : {$count ->
    [one] {$count} dossier attend
   *[other] {$count} dossiers attendent
} un examen. Utilisez `/queue post` pour afficher les plus anciens (jusqu'à 5 à la fois).

# answers.rs, publié par la file d'envoi dans le salon d'examen (langue du serveur)
delivery-refused = **flagwatch n'a pas pu livrer {$count} message(s) dans le {$place}** au cours de la dernière heure : {$why} (HTTP {$status}, erreur Discord {$code}). Ils ne seront pas renvoyés ; corrigez la cause et les prochains changements seront publiés.
delivery-missing-permissions = il manque des permissions au bot dans ce salon (voir, envoyer, intégrer des liens, épingler, gérer les messages)
delivery-unknown-channel = le salon n'existe plus : définissez-le à nouveau avec `/setup set`
delivery-rejected-content = Discord a refusé le contenu du message
delivery-refused-other = Discord l'a refusé
moderator-digest-heading = **Résumé des modérateurs**
moderator-digest-holds = • {$count ->
    [one] {$count} mise en attente arrive
   *[other] {$count} mises en attente arrivent
} à réexamen dans les 7 prochains jours
moderator-digest-chain-head = • Tête de la chaîne d'audit : {$head} — gardez-en une copie ; `flagwatch audit verify --guild <id> --expect <head>` indique si le journal la contient toujours
moderator-digest-no-events = aucun événement pour l'instant
overdue-ping = Le délai de vote du dossier n° {$case} s'est écoulé sans aucun vote. Merci de l'examiner.

# labels.rs : noms des valeurs du domaine, refus liés aux dossiers et aux règles
decision-pending = En attente
decision-report-now = Signaler maintenant
decision-hand-off = Confié aux autorités
decision-dismissed = Classé
decision-withdrawn = Clos : tous les signalements retirés
account-unknown = inconnu
account-active = actif
account-suspended = suspendu
account-gone = supprimé
refusal-not-pending = ce dossier n'est plus ouvert au vote (état : {$decision}) : demandez à un administrateur de le rouvrir
refusal-not-held = ce dossier n'est pas confié aux autorités (état : {$decision}) : seuls les dossiers confiés aux autorités peuvent être libérés ou prolongés
refusal-hold-not-expired = la mise en attente de ce dossier court jusqu'au {$until} ; elle n'a pas expiré
refusal-not-dismissed = ce dossier n'a pas été classé, les nouveaux signalements ne le rouvrent donc pas
refusal-not-withdrawn = ce dossier n'a pas été clos par retrait des signalements
refusal-already-pending = ce dossier attend déjà un vote
refusal-already-overdue = ce dossier est déjà marqué en retard
refusal-already-decided = ce dossier est déjà tranché : {$decision}
refusal-quorum = le quorum doit être compris entre 1 et 25 votes (valeur reçue : {$got})
refusal-window = la durée du vote doit être comprise entre 10 minutes et 30 jours (valeur reçue : {$got} minutes)
refusal-hold-days = une mise en attente doit durer entre 1 et 365 jours (valeur reçue : {$got})
refusal-batch-size = un lot contient de 1 à {$max} comptes (valeur reçue : {$got})
refusal-pace = next_per_hour doit être compris entre 1 et {$max} (valeur reçue : {$got})
permission-view = Voir le salon
permission-send = Envoyer des messages
permission-embed = Intégrer des liens
permission-pin = Épingler des messages (Gérer les messages)
permission-manage-messages = Gérer les messages
channel-review = salon d'examen
channel-coordination = salon de coordination
platform-web = Site web

# answers.rs : refus et erreurs (langue du membre)
denied-not-a-slash-command = flagwatch ne répond qu'aux commandes slash.
denied-outside-server = Les commandes de flagwatch fonctionnent dans un serveur.
denied-button-outside-server = Ce bouton fonctionne dans un serveur.
denied-vote-outside-server = Les votes ont lieu dans un serveur.
denied-reporter-role-only = Seuls les membres ayant le rôle de signaleur peuvent faire cela sur ce serveur.
denied-moderators-only = Réservé aux modérateurs.
denied-liaisons-only = Réservé aux agents de liaison avec les autorités (le rôle de liaison défini dans /setup).
denied-admins-only = Réservé aux administrateurs du serveur (permission Gérer le serveur).
denied-not-a-moderator-vote = Seuls les modérateurs peuvent voter sur les dossiers. Votre clic n'a pas été enregistré.
denied-setup-admins-only = Seuls les administrateurs du serveur (permission Gérer le serveur) peuvent modifier la configuration de flagwatch.
denied-setup-viewers-only = Seuls les administrateurs et les modérateurs du serveur peuvent voir la configuration de flagwatch.
denied-no-permission = Vous n'avez pas la permission d'utiliser cette commande.
denied-stale-button = Ce bouton n'est plus utilisé.
not-set-up = flagwatch n'est pas encore configuré sur ce serveur. Un administrateur doit lancer `/setup set` avec : {$missing}.
internal-error = Un problème est survenu de notre côté et rien n'a été modifié. Veuillez réessayer dans une minute.
unreadable-option = Je n'ai pas pu lire l'option {$option} : {$error}. Vérifiez-la et réessayez.
options-out-of-date = Je n'ai pas pu lire les options de cette commande ; la liste des commandes n'est peut-être pas à jour. Veuillez réessayer dans une minute.
direct-message = Les commandes de flagwatch fonctionnent dans un serveur, pas en message privé.
no-such-case = Il n'y a pas de dossier n° {$case} sur ce serveur.
case-changed-meanwhile = Le dossier a changé pendant l'opération. Consultez-le à nouveau et réessayez.
nothing-changed = Rien n'a été modifié.
setting-out-of-range = {$name} doit être compris entre {$min} et {$max} (valeur reçue : {$value}). Rien n'a été modifié.
missing-text = Veuillez remplir l'option « {$option} ».
missing-field = Veuillez renseigner l'option « {$option} ».
nothing-filed = Aucun signalement n'a été enregistré.
intake-too-new = Les nouveaux membres peuvent signaler {$hours} heures après avoir rejoint ce serveur. Vous pourrez signaler à partir du {$at} ({$when}).
intake-report-limit = Vous avez fait {$limit} signalements au cours des {$minutes} dernières minutes, la limite sur ce serveur. Vous pourrez signaler à nouveau {$when}.
intake-press-limit = Vous avez utilisé ces boutons {$limit} fois au cours des {$minutes} dernières minutes, la limite sur ce serveur. Votre clic n'a pas été enregistré ; vous pourrez cliquer à nouveau {$when}.

# answers.rs : /status
no-case-for = Il n'y a pas encore de dossier pour {$key}. S'il diffuse des contenus extrémistes, utilisez /report.
account-or-case = Indiquez soit `account` (un lien ou un @identifiant), soit `case` (un numéro de dossier), pas les deux.
no-public-action = Aucune action publique n'est en cours pour le dossier n° {$case}.
status-head = Dossier n° {$case} — {$key}
status-pending = Les modérateurs l'examinent. Merci d'attendre leur décision avant de le signaler sur la plateforme.
status-report-now = La communauté a décidé de **le signaler maintenant** : suivez l'appel à l'action dans le salon de coordination.
status-withdrawn = Clos : tous ses signalements ont été retirés avant une décision.
status-account-seen = Dernier état connu du compte : {$status}.
status-held-until = Confié aux autorités jusqu'au {$until}
status-see-case-show = Utilisez `/case show` pour les signalements, les votes et l'historique.
decision-line = Décision : **{$decision}** (tour {$round}) · Compte : {$status}

# answers.rs : boutons
press-call-withdrawn = L'appel à l'action du dossier n° {$case} a été retiré : merci de ne rien faire à son sujet.
press-reported-it = Merci — compté une fois pour vous. {$count ->
    [one] {$count} bénévole a signalé
   *[other] {$count} bénévoles ont signalé
} le dossier n° {$case} jusqu'ici.
press-still-up = Merci — le dossier n° {$case} est marqué comme toujours en ligne.
press-confirmed-suspended = Merci — la suspension du dossier n° {$case} est confirmée.
press-suspension-needs-confirmation = Merci, c'est noté. Le dossier n° {$case} apparaîtra comme suspendu dès qu'un autre membre (ou un modérateur) l'aura confirmé.
vote-refused = Dossier n° {$case} : {$why}. Votre vote n'a pas été enregistré.
vote-decided = Votre vote ({$vote}) a tranché le dossier n° {$case} : {$decision}.
vote-recorded = Votre vote sur le dossier n° {$case} est enregistré : {$vote}. Vous pouvez le modifier jusqu'à la clôture du tour.

# answers.rs : modérateurs et agents de liaison
note-added = Note ajoutée au dossier n° {$case}.
case-reopened = Le dossier n° {$case} est ouvert à un nouveau vote (tour {$round}).
case-overridden = Le dossier n° {$case} est désormais tranché : {$decision}.
referral-recorded = Transmission enregistrée pour le dossier n° {$case}.
hold-extended = Le dossier n° {$case} est désormais confié aux autorités jusqu'au {$until}.
hold-released = Le dossier n° {$case} est libéré : son appel à l'action est en cours de publication.
queue-empty = La file d'examen est vide.
queue-posted = {$count ->
    [one] Publication de {$count} carte
   *[other] Publication de {$count} cartes
} : {$numbers}. {$left ->
    [one] {$left} dossier attend
   *[other] {$left} dossiers attendent
} encore dans la file.
exported = {$count ->
    [one] {$count} dossier exporté.
   *[other] {$count} dossiers exportés.
}
exported-pulls = Dernières récupérations du flux TAXII :
exported-pull-objects = {$count ->
    [one] {$count} objet
   *[other] {$count} objets
}
forgotten = C'est fait : votre identité a été retirée de {$count ->
    [one] {$count} signalement
   *[other] {$count} signalements
} sur ce serveur. Ils comptent toujours, mais personne ne peut voir qu'ils venaient de vous.

# answers.rs : /import
import-too-large = Ce fichier dépasse 25 Mio : divisez la liste et importez les parties séparément.
import-unreadable = Je n'ai pas pu lire le fichier ({$why}). Veuillez le joindre à nouveau.
download-not-a-link = ce n'est pas un lien valide
download-not-discord = ce n'est pas sur l'hôte des pièces jointes de Discord
download-failed = échec du téléchargement : {$detail}
download-too-large = dépasse la limite de {$mib} Mio
importing = Import de {$file}…
importing-lines = Import de {$file}… {$lines} lignes jusqu'ici.
imported = {$lines} lignes importées : {$new} nouveaux dossiers, {$merged} fusionnées, {$rejected} refusées. Les nouveaux dossiers attendent dans la file d'examen (`/queue post`).
imported-rejected-line = ligne {$line} : {$why}
imported-more-rejected = …et {$count} autres lignes refusées.

# answers.rs : /setup
setup-saved = Configuration enregistrée.
setting-not-set = non défini
setting-everyone-reports = tout le monde peut signaler
setting-on = activé
setting-off = désactivé
settings-review-channel = Salon d'examen : {$value}
settings-coordination-channel = Salon de coordination : {$value}
settings-moderator-role = Rôle des modérateurs : {$value}
settings-liaison-role = Rôle de liaison : {$value}
settings-reporter-role = Rôle des signaleurs : {$value}
settings-policy = Quorum : {$quorum} votes · Durée du vote : {$window} minutes · Mises en attente : {$holds} jours · Plateforme par défaut : {$platform}
settings-intake = Avis publics de mise en attente : {$notices} · Résumé : {$digest} · Limite de signalements : {$limit} par {$minutes} minutes · Ancienneté minimale : {$hours} heures
settings-next = /next : au plus {$pace} comptes par membre et par heure · Langue : {$language}
settings-public-page = Page publique : {$value}
settings-public-page-on = activée, à /{$slug}/ sur l'adresse web du bot
settings-still-needed = Encore nécessaire avant que les membres puissent signaler : {$missing}.
channels-all-well = Le bot peut voir, envoyer, intégrer des liens, épingler et gérer les messages dans les salons configurés.
channel-unreadable = Le bot ne voit pas le {$what} {$channel} : donnez à son rôle la permission Voir le salon, ou choisissez un autre salon.
channel-review-public = Le salon d'examen {$channel} est visible par @everyone : les comptes en attente et les décomptes de votes seraient publics. Retirez Voir le salon à @everyone dans ce salon et accordez-la au rôle des modérateurs.
channel-missing-permissions = Dans le {$what} {$channel}, il manque au bot : {$permissions}. Accordez-les à son rôle dans les permissions du salon.
channels-check-failed = Impossible de vérifier les permissions du bot dans les salons configurés pour le moment ; relancez /setup show plus tard.

# answers.rs : /case show
details-reports = **Signalements ({$count})**
details-anonymous = signaleur anonyme
details-imported = import
details-evidence = {$count ->
    [one] {$count} preuve
   *[other] {$count} preuves
}
details-votes = **Votes de ce tour**
details-notes = **Notes**
details-history = **Historique (du plus récent au plus ancien)**
details-not-recorded = non enregistrée
details-held = Confié aux autorités jusqu'au {$until} · Autorité : {$agency} · Référence : {$reference}
also-known-as = Aussi connu sous : {$keys}

# campaign.rs : /next, /myreports, /withdraw, /case alias add, /reporter
next-nothing = Rien à signaler pour vous pour le moment : vous avez signalé tous les appels à l'action ouverts, ou d'autres s'occupent des restants. Réessayez plus tard.
next-title = Vos prochains comptes à signaler
next-description = Signalez chacun sur sa plateforme, puis appuyez sur son bouton ici. Prenez votre temps : les plateformes suspendent les comptes qui signalent en rafale.
next-field = Dossier n° {$case} — {$platform}
next-button = J'ai signalé le n° {$case}
next-paced = Vous avez reçu {$pace} comptes au cours de la dernière heure, le rythme de ce serveur : les plateformes suspendent les comptes qui signalent en rafale. Vous pourrez en demander d'autres {$when}.
mine-none = Vous n'avez fait aucun signalement sur ce serveur.
mine-heading = **Vos signalements** (du plus récent au plus ancien)
mine-line = • n° {$case} {$key} — {$state} · envoyé {$filed}
mine-withdraw-button = Retirer le n° {$case}
mine-state-withdrawn = vous avez retiré votre signalement
mine-state-reviewed = examiné : merci de ne pas le signaler
mine-state-withdrawable = en attente d'examen (vous pouvez le retirer)
mine-state-suspended = signalé ; suspension du compte confirmée
mine-state-report-now = à signaler maintenant : voir l'appel à l'action
mine-state-closed = clos : tous les signalements ont été retirés
mine-state-awaiting = en attente d'examen
withdrawn-closed = Votre signalement sur le dossier n° {$case} est retiré. C'était le dernier signalement du dossier, qui est donc clos.
withdrawn = Votre signalement sur le dossier n° {$case} est retiré ; il n'est plus compté dans le dossier.
withdraw-reviewed = Le dossier n° {$case} a déjà été examiné, votre signalement est donc conservé. Un signalement ne peut être retiré que tant que le dossier attend son examen.
withdraw-already = Vous avez déjà retiré votre signalement sur le dossier n° {$case}.
withdraw-no-report = Vous n'avez aucun signalement à retirer sur le dossier n° {$case}. `/myreports` liste les vôtres.
alias-added = Le dossier n° {$case} est désormais aussi connu sous {$alias} : les signalements et `/status` sous cette forme y aboutissent.
alias-other-platform = Le dossier n° {$case} concerne {$case_platform} et ce lien {$alias_platform} ; un alias doit désigner le même compte sur la même plateforme.
alias-already = Le dossier n° {$case} a déjà cette clé ; rien à ajouter.
alias-taken = Ce compte appartient déjà au dossier n° {$owner}, il ne peut donc pas être aussi un alias du dossier n° {$case}. Si les deux dossiers concernent le même compte, fusionnez-les avec `/case merge`.
reporter-none = {$member} n'a aucun signalement sur ce serveur (les signalements retirés ne sont pas comptés).
reporter-heading = **Signaleur {$member}**
reporter-reports = {$reports} signalement(s) sur {$cases} dossier(s)
reporter-outcomes = Issues : {$report_now} à signaler ({$suspended} suspension(s) confirmée(s)) · {$held} confié(s) aux autorités · {$dismissed} classé(s)
reporter-dates = Premier signalement : {$first} · Dernier signalement : {$last}
reporter-muted = {$member} est mis en sourdine jusqu'à nouvel ordre : ses signalements sont toujours acceptés et conservés, mais n'ouvrent aucun dossier et ne comptent pour rien. Il n'en est pas informé.
reporter-muted-until = {$member} est mis en sourdine jusqu'au {$until} : ses signalements sont toujours acceptés et conservés, mais n'ouvrent aucun dossier et ne comptent pour rien. Il n'en est pas informé.
reporter-unmuted = {$member} n'est plus en sourdine : ses signalements comptent à partir de maintenant. Ceux faits pendant la sourdine restent non comptés.
reporter-not-muted = {$member} n'est pas en sourdine ; rien n'a changé.

# rejections.rs : pourquoi une clé de compte ou une ligne d'import a été refusée
key-any-forms = collez un lien de profil (comme https://x.com/<handle>) ou un @identifiant
key-empty = aucun compte indiqué : {$forms}
key-too-long = ce texte dépasse 2 048 caractères, c'est trop long pour un compte : {$forms}
key-control = ce texte contient des caractères de contrôle (comme un saut de ligne ou une tabulation) : {$forms}, un seul à la fois
key-scheme = les liens « {$scheme}: » ne sont pas acceptés, seulement les liens http:// et https:// : {$forms}
key-invalid-link = ce n'est pas un lien valide : {$forms}
key-userinfo = les liens avec un nom avant l'hôte (nom@hôte) ne sont pas acceptés, car ils peuvent cacher leur destination : {$forms}
key-unknown-platform = « {$given} » n'est pas une plateforme connue du bot : utilisez l'une de celles-ci : {$platforms}
key-web-needs-link = un simple nom ne peut pas être un compte de site web : collez {$forms}, ou choisissez la plateforme du nom
key-missing-account = ce lien {$platform} ne désigne aucun compte : collez le lien du profil ({$forms})
key-not-an-account = {$page} {$why} : collez plutôt le lien du profil ({$forms})
key-invalid-name = « {$given} » n'est pas valide comme {$rule} : collez {$forms}
key-invalid-stored = « {$key} » n'est pas une clé de compte enregistrée valide (forme attendue <plateforme>:<id>, comme x:jack)
forms-x = x.com/<handle> ou @handle
forms-telegram = t.me/<username>, t.me/+<code d'invitation> ou @username
forms-facebook = facebook.com/<username> ou facebook.com/profile.php?id=<numéro>
forms-instagram = instagram.com/<username> ou @username
forms-youtube = youtube.com/@<handle>, youtube.com/channel/UC…, youtube.com/c/<nom> ou youtube.com/user/<nom>
forms-tiktok = tiktok.com/@<username> ou @username
forms-reddit = reddit.com/user/<username> ou u/<username>
forms-web = un lien complet comme https://example.com/page
not-account-page = n'est pas une page de compte
not-account-post = est le lien d'une publication et ne désigne pas le compte
not-account-video = est le lien d'une vidéo et ne désigne pas la chaîne
not-account-short-link = est un lien raccourci que le bot ne peut pas ouvrir (ouvrez-le dans un navigateur pour voir le compte)
not-account-community = est une communauté (subreddit), pas un compte
name-x-handle = identifiant X (1 à 15 lettres, chiffres ou _)
name-telegram-username = nom d'utilisateur Telegram (5 à 32 lettres, chiffres ou _, commençant par une lettre)
name-telegram-invite = code d'invitation Telegram (jusqu'à 64 lettres, chiffres, _ ou -)
name-facebook-username = nom d'utilisateur Facebook (au moins 5 lettres ou chiffres ; les points ne comptent pas)
name-facebook-number = numéro de profil Facebook (1 à 20 chiffres)
name-instagram-username = nom d'utilisateur Instagram (1 à 30 lettres, chiffres, . ou _)
name-youtube-handle = identifiant YouTube (3 à 30 lettres, chiffres, _, - ou .)
name-youtube-channel = ID de chaîne YouTube (UC suivi de 22 lettres, chiffres, _ ou -)
name-youtube-custom-name = nom de chaîne YouTube (1 à 100 lettres, chiffres, _, - ou .)
name-youtube-user-name = nom d'utilisateur YouTube (1 à 100 lettres, chiffres, _, - ou .)
name-tiktok-username = nom d'utilisateur TikTok (2 à 24 lettres, chiffres, . ou _)
name-reddit-username = nom d'utilisateur Reddit (3 à 20 lettres, chiffres, _ ou -)
import-no-account = la colonne du compte est vide
import-unknown-reason = « {$value} » n'est pas un motif : utilisez l'un de ceux-ci : {$accepted}

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

## Dossiers fusionnés, jour du résumé hebdomadaire
decision-merged = Fusionné avec un autre dossier
refusal-merged = ce dossier a été fusionné avec un autre : agissez sur celui-ci
settings-weekly-chart = Le {$day}, le résumé contient le graphique des 30 derniers jours.
weekday-monday = lundi
weekday-tuesday = mardi
weekday-wednesday = mercredi
weekday-thursday = jeudi
weekday-friday = vendredi
weekday-saturday = samedi
weekday-sunday = dimanche
