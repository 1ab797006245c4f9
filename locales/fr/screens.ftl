## Wall screens and the calendar link (/screens)
screens-title = Écrans muraux et liens
screens-lead = Les adresses qui montrent le plan hors du tableau de bord : chaque écran mural a la sienne, et le flux de calendrier la sienne. Qui a une adresse voit la page : révoquez celle qui circule trop.
screens-kiosk = Écrans muraux
screens-kiosk-help = Chaque écran affiche le compte à rebours en plein écran, sans connexion ni commande, et se met à jour tout seul. Révoquer un écran éteint celui-là seul.
screens-none = Aucun écran mural pour l'instant.
screens-caption = Chaque écran, son lien et sa dernière visite
screens-col-name = Écran
screens-col-link = Adresse
screens-col-seen = Dernière visite
screens-col-actions = Actions
screens-created = Créé { $when }
screens-seen = Vu { $ago }
screens-never-seen = Jamais ouvert
screens-copy = Copier
screens-copied = Copié
screens-link-unreadable = Adresse créée avant les écrans nommés, jamais conservée : créez un écran et révoquez celui-ci.
screens-revoke = Révoquer
screens-field-name = Nom du nouvel écran (« Open space », « Accueil »)
screens-create = Créer l'écran
screens-name-taken = Un écran porte déjà ce nom.
screens-created-flash = Écran « { $name } » créé : ouvrez son adresse sur l'écran.
screens-revoked-flash = L'écran « { $name } » n'affiche plus le compte à rebours.
screens-calendar = Flux de calendrier (iCalendar)
screens-calendar-help = Les étapes, le lancement et les actions de communication, pour un abonnement dans une application de calendrier. Une seule adresse à la fois : la remplacer arrête l'ancienne.
screens-calendar-none = Aucun lien actif.
screens-calendar-issue = Créer le lien
screens-calendar-reissue = Remplacer le lien
screens-calendar-revoke = Révoquer le lien
screens-calendar-issued = Nouveau lien du flux de calendrier ; l'ancien ne fonctionne plus.
screens-calendar-revoked = Le lien du flux de calendrier ne fonctionne plus.
plan-links-on-screens = Les écrans muraux et le flux de calendrier, avec leurs adresses à copier ou révoquer
event-plan-screen-created = { $actor } a créé l'écran mural « { $title } »
event-plan-screen-revoked = { $actor } a révoqué l'écran mural « { $title } »

## The wall screen (/kiosk/…)
kiosk-reconnecting = Reconnexion…
kiosk-reconnecting-help = Le serveur ne répond pas. L'écran réessaie tout seul et reprend dès son retour.
kiosk-more = { $n ->
    [one] + { $n } autre
   *[other] + { $n } autres
}
