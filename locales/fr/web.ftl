# La page publique, son flux et ses graphiques, en français.

page-title = Comptes à signaler
page-totals = {$up} encore en ligne · {$suspended ->
    [one] {$suspended} suspension confirmée
   *[other] {$suspended} suspensions confirmées
}
page-empty = Aucun compte n'est à signaler pour le moment. Merci.
page-col-case = Dossier
page-col-link = Lien
page-col-platform = Plateforme
page-col-reason = Motif
page-col-reported-by = Signalé par
page-col-waiting = En attente depuis
page-of = Page {$page} sur {$pages}
page-previous = Précédente
page-next = Suivante
page-how-to-report = Comment signaler
page-last-days = Les 30 derniers jours
page-median = Délai médian entre le signalement et la décision : {$time}
page-col-day = Jour
page-col-new = Nouveaux
page-col-decided = Décidés
page-col-still-up = Toujours en ligne
page-col-suspended = Suspendus
page-confirmed-suspended = Suspensions confirmées
page-all-accounts = Tous les comptes
page-aliases = Aussi connu sous :
page-feed = Suivre avec un lecteur de flux (Atom)
page-case-title = Dossier n° {$case}
page-case-suspended = Suspension confirmée : aucun autre signalement n'est nécessaire.
page-case-reported = Signalé par {$volunteers ->
    [one] {$volunteers} bénévole
   *[other] {$volunteers} bénévoles
} · en attente depuis {$time}
page-hours = {$hours} h
page-days = {$days ->
    [one] {$days} jour
   *[other] {$days} jours
}
page-not-found = Page introuvable
chart-activity = Nouveaux dossiers et décisions par jour
chart-status = Comptes toujours en ligne et suspensions confirmées
chart-decision-time = Délai médian (en heures) entre le signalement et la décision, par jour de décision
series-opened = nouveaux dossiers à signaler
series-decided = décisions de signaler
series-still-up = toujours en ligne
series-suspended = suspensions confirmées
series-hours-to-decision = délai médian avant décision (heures)
feed-title = Comptes à signaler
feed-entry-title = Dossier n° {$case} : {$key}
digest-chart = En pièce jointe : les nouveaux dossiers à signaler (en bleu) et les décisions de signaler (en orange), par jour, sur les 30 derniers jours.
