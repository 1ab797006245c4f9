## Checklist items
col-actions = Actions
export-csv = Exporter en CSV
item-action-done = Marquer terminé
item-action-start = Commencer
item-action-stop = Remettre à faire
item-action-reopen = Rouvrir
item-action-unblock = Débloquer
item-action-block = Bloquer
item-block-reason = Raison du blocage
item-move-up = Monter
item-move-down = Descendre
item-edit = Modifier
item-add = Ajouter un élément
item-delete = Supprimer l'élément
item-field-title = Intitulé
item-field-group = Groupe (facultatif)
item-field-due-day = Échéance (jour J+n)
item-field-evidence = Lien de preuve (facultatif)
item-field-required = Requis pour le lancement
item-history = Historique
item-history-empty = Aucune modification pour l'instant.
item-conflict = passer à « { $state } ».
item-conflict-edit = « { $title } ».
item-invalid-state = Cet état n'existe pas.
item-invalid-move = Cet élément ne peut pas passer directement à cet état depuis son état actuel ; utilisez l'un des boutons proposés.
item-invalid-reason = Indiquez pourquoi l'élément est bloqué.
item-invalid-due-day = Indiquez un jour du plan, de 0 à la fin du plan.
item-invalid-evidence = Indiquez un lien commençant par https:// ou http://.

## Relative times
ago-now = à l'instant
ago-minutes = il y a { $n } min
ago-hours = il y a { $n } h
ago-days = { $n ->
    [one] il y a { $n } jour
   *[other] il y a { $n } jours
}

## CSV export
csv-section = Section
csv-phase = Étape
csv-group = Groupe
csv-item = Élément
csv-state = État
csv-reason = Raison du blocage
csv-assignee = Responsable
csv-due-day = Échéance (J+n)
csv-required = Requis
csv-evidence = Preuve
csv-changed-by = Modifié par
csv-changed-at = Modifié le
csv-yes = oui
csv-no = non

## Activity
activity-empty = Rien ne s'est encore passé.
activity-older = Événements plus anciens
event-item-state-changed = { $actor } : « { $title } » { $from } → { $to }
event-item-state-changed-via = { $actor }, par le jeton d'API « { $via } » : « { $title } » { $from } → { $to }
event-item-created = { $actor } a ajouté « { $title } »
event-item-updated = { $actor } a modifié « { $title } »
event-item-deleted = { $actor } a mis « { $title } » à la corbeille
event-item-moved = { $actor } a déplacé « { $title } »
event-user-logged-in = Connexion { $of_actor }
event-user-login-failed = Échec de connexion
event-user-logged-out = Déconnexion { $of_actor }
event-user-logged-out-everywhere = Déconnexion { $of_actor } sur tous ses appareils
event-user-created = { $via ->
    [setup] { $subject } a créé le premier compte administrateur
    [cli] Compte { $of_subject } créé en ligne de commande
   *[admin] { $actor } a créé le compte { $of_subject }
}
event-user-updated = { $actor } a modifié le compte { $of_subject }
event-user-role-changed = { $actor } a changé le rôle { $of_subject } : { $from } → { $to }
event-user-disabled = { $actor } a désactivé le compte { $of_subject }
event-user-enabled = { $actor } a réactivé le compte { $of_subject }
event-user-joined-plan = { $actor } a fait { $subject } membre de ce plan
event-user-left-plan = { $actor } a retiré { $subject } de ce plan
event-user-password-reset-issued = { $actor } a créé un lien de réinitialisation du mot de passe pour { $subject }
event-user-password-reset = { $actor } a choisi un nouveau mot de passe
event-user-password-changed = { $actor } a changé son mot de passe
event-user-language-changed = { $actor } a changé de langue
event-user-notifications-chosen = { $actor } a changé la façon dont on le prévient
event-user-notifications-read = { $actor } a marqué { $count ->
    [one] une notification lue
   *[other] { $count } notifications lues
}
event-webhook-created = { $actor } a ajouté un webhook vers { $title }
event-webhook-deleted = { $actor } a supprimé le webhook vers { $title }
event-webhook-disabled = Le webhook vers { $title } a été désactivé après { $failures } envois échoués de suite
event-webhook-enabled = { $actor } a réactivé le webhook vers { $title }
event-webhook-redelivered = { $actor } a renvoyé un changement à { $title }
event-item-late = « { $title } » est en retard : échéance { $day }
event-risk-review-due = La revue du risque « { $title } » est prévue aujourd'hui
event-token-issued = { $actor } a créé le jeton d'API « { $title } »
event-token-revoked = { $actor } a révoqué le jeton d'API « { $title } »
event-user-calendar-link-issued = { $actor } a créé un nouveau lien vers son agenda
event-user-calendar-link-revoked = { $actor } a arrêté le lien vers son agenda
event-plan-phase-created = { $actor } a ajouté la phase { $section } « { $title } », { $to }
event-plan-phase-updated = { $actor } a modifié la phase { $section } « { $title } » : { $from } → { $to }
event-plan-phase-linked = { $actor } a fait commencer la phase { $section } après { $before } « { $title } »
event-plan-phase-unlinked = { $actor } a délié la phase { $section } de { $before } « { $title } »
event-item-rehomed = { $actor } a déplacé « { $title } » de la phase { $from } à { $to }
event-plan-phase-removed = { $actor } a supprimé la phase { $section } « { $title } »{ $count ->
    [0] {""}
   *[other] { $via ->
        [trash] , ses éléments à la corbeille
       *[moved] , ses éléments vers { $to }
    }
}
event-plan-imported = Plan chargé
event-plan-archived = Plan archivé
event-plan-restored = Plan sorti des archives
event-unreadable = { $actor } a fait une modification
# Who did it, when no one is known, at the start of a sentence.
event-someone = Quelqu'un

## My items, teams
my-empty = Aucun élément ne vous est attribué.
my-open = À faire, les éléments en retard d'abord
my-done = Terminés
my-export-all = Exporter toute la liste de contrôle en CSV
teams-lead = Responsable
teams-members = Membres
teams-nobody = personne
teams-phases = Étapes
teams-open = Éléments ouverts
teams-late = En retard
teams-blocked = Bloqués

## Communication actions
communication-title = Action de communication
communication-new = Ajouter une action de communication
communication-channel = Canal
communication-audience = Public visé
communication-day = Jour (J+n)
communication-owner = Responsable
timeline-communications = Communication
timeline-communications-caption = Les actions de communication du plan
timeline-legend = Équipes
channel-newsletter = Newsletter
channel-facebook = Facebook
channel-x = X (Twitter)
channel-instagram = Instagram
channel-press_release = Communiqué de presse
channel-webinar = Webinaire / live
channel-website = Site web
channel-partners = Partenaires
communication-state-planned = Prévue
communication-state-in_progress = En cours
communication-state-done = Faite
communication-state-cancelled = Annulée
event-communication-created = { $actor } a ajouté l'action « { $title } »
event-communication-updated = { $actor } a modifié l'action « { $title } »

## Activity filters
activity-all = Tout
activity-kind = Sujet
activity-person = Personne
activity-filter = Filtrer
activity-kind-item = Listes de contrôle
activity-kind-communication = Communication
activity-kind-risk = Risques
activity-kind-feedback = Retours
activity-kind-golive_poll = Go / No-Go
activity-kind-plan = Plan
activity-kind-user = Comptes
activity-kind-webhook = Webhooks
activity-kind-token = Jetons d'API
