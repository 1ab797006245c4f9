## Overview
overview-phase-required = { $done }/{ $total } requis
overview-today-marker = Aujourd'hui · { $day }
overview-risk-score = score { $score } ({ $likelihood } × { $impact })
overview-kickoff-in = { $days ->
    [one] Démarrage dans { $days } jour
   *[other] Démarrage dans { $days } jours
}
overview-missed = Lancement suspendu · { $day }
overview-plan-over = Plan terminé · { $day }
overview-see-countdown = Ouvrir le compte à rebours
overview-see-golive = Voir le vote Go / No-Go
overview-top-risks = Principaux risques
overview-no-risk = Aucun risque ouvert.
overview-latest-activity = Dernières activités
overview-see-activity = Toute l'activité
overview-objectives = Objectifs
attention-title = À surveiller
attention-blocked = Éléments bloqués
attention-none-blocked = Aucun élément bloqué.
attention-late = { $count ->
    [0] Aucun élément en retard
    [one] 1 élément en retard
   *[other] { $count } éléments en retard
}
attention-due = { $count ->
    [0] Aucun élément à échéance dans les { $days } jours
    [one] 1 élément à échéance dans les { $days } jours
   *[other] { $count } éléments à échéance dans les { $days } jours
}
attention-to-triage = { $count ->
    [0] Aucun retour à trier
    [one] 1 retour à trier
   *[other] { $count } retours à trier
}
phase-blocked = { $count ->
    [one] 1 bloqué
   *[other] { $count } bloqués
}
col-blocked = Bloqués

## Countdown
countdown-days-caption = { $days ->
    [one] jour calendaire jusqu'au jour du lancement
   *[other] jours calendaires jusqu'au jour du lancement
}
countdown-left-caption = jusqu'au moment du lancement, { $time } { $zone }
countdown-explain = { $days } : { $days_caption } · { $left } { $left_caption }
countdown-missed-caption = Jour du plan · lancement suspendu
countdown-d-day = Jour J
countdown-support-caption = Support après lancement
countdown-time-left = { $days } j { $hours } h { $minutes } min
countdown-today = Aujourd'hui : { $day }
countdown-launch-at = Lancement :
countdown-unit-days = { $n ->
    [one] jour
   *[other] jours
}
countdown-unit-hours = { $n ->
    [one] heure
   *[other] heures
}
countdown-unit-minutes = { $n ->
    [one] minute
   *[other] minutes
}
countdown-unit-seconds = { $n ->
    [one] seconde
   *[other] secondes
}
countdown-actions-today = Communication du jour
countdown-no-action = Aucune action de communication aujourd'hui.
countdown-manage-kiosk = Écrans muraux : créer, copier ou révoquer leurs liens

## Go / No-Go
golive-title = Vote Go / No-Go
golive-rule = Le lancement est GO quand chaque équipe a voté Go ou Go sous condition et qu'aucun élément requis dû avant le jour du lancement n'est ouvert ; sinon il est suspendu. Les éléments requis du jour du lancement sont les actions de lancement : comptés dans la préparation, ils ne retiennent jamais le GO.
golive-go = GO
golive-hold = SUSPENDU
golive-status-none = Le vote n'est pas encore ouvert.
golive-status-open = Vote ouvert depuis { $since }.
golive-status-closed = Vote clos le { $at } : décision { $decision }.
golive-hold-waiting = Pas encore de vote : { $teams }
golive-hold-no-go = { $team } : No-Go — { $reason } (nouvelle décision { $again })
golive-hold-items = { $phase } : { $count ->
    [one] { $count } élément requis ouvert
   *[other] { $count } éléments requis ouverts
}
golive-hold-closed = Le vote a été clos le { $at } sur la décision SUSPENDU : ouvrez un nouveau vote pour décider à nouveau.
golive-holds = Ce qui retient le lancement
launch-launched = Lancé le { $at } après un GO, sur les votes de { $votes }.
launch-missed = Le moment du lancement ({ $at }) est passé sans GO : le lancement reste suspendu.
launch-vote = { $team } ({ $vote }, { $voter })
launch-actions = Actions de lancement
launch-actions-count = Actions de lancement : { $done } sur { $total } terminées
launch-actions-help = Les éléments requis dus le jour du lancement ({ $day }) : l'exécution du lancement que le GO autorise. Comptés dans la préparation, ils ne retiennent jamais le GO.
golive-vote-go = Go
golive-vote-conditional-go = Go sous condition
golive-vote-no-go = No-Go
golive-no-vote = Pas encore voté
golive-open = Ouvrir le vote
golive-close = Clore le vote : décision { $decision }
golive-your-vote = Votre vote
golive-field-vote = Vote de l'équipe
golive-field-comment = Commentaire
golive-comment-hint = Obligatoire pour un No-Go : la raison.
golive-field-risk = Risque accepté
golive-risk-hint = Obligatoire pour un Go sous condition.
golive-choose-risk = — Choisir un risque —
golive-risk-choice = { $title } (score { $score })
golive-field-again = Date de la nouvelle décision
golive-again-hint = Obligatoire pour un No-Go : quand l'équipe décidera à nouveau.
golive-submit = Enregistrer le vote
golive-teams-caption = Le vote actuel de chaque équipe
golive-col-vote = Vote
golive-col-comment = Commentaire
golive-col-again = Nouvelle décision
golive-col-voter = Par
golive-accepted-risk = Risque accepté :
golive-history = Tous les votes
golive-history-empty = Aucun vote pour l'instant.
golive-invalid-vote = Choisissez Go, Go sous condition ou No-Go.
golive-invalid-reason = Indiquez la raison du No-Go.
golive-invalid-date = Indiquez la date à laquelle l'équipe décidera à nouveau.
golive-invalid-date-past = Choisissez une date à partir d'aujourd'hui.
golive-invalid-risk = Choisissez le risque que l'équipe accepte.
golive-vote-saved = Vote enregistré.
golive-conflict = Un autre vote a été enregistré pour votre équipe entre-temps ; il apparaît ci-dessus. Le vôtre n'a pas été enregistré : vérifiez, puis votez à nouveau.
golive-closed-meanwhile = Le vote a été clos entre-temps : votre vote n'a pas été enregistré.
golive-opened = Le vote Go / No-Go est ouvert.
golive-already-open = Un vote est déjà ouvert.
golive-not-open = Aucun vote n'est ouvert.
golive-closed = Vote clos : décision { $decision }.

## Plan settings
plan-settings = Le plan
plan-settings-help = Toutes les dates du plan sont des jours J+n : changer le jour J0 les déplace toutes.
plan-summary = J0 : { $kickoff } — lancement { $launch } à { $time } ({ $zone })
plan-kickoff-unconfirmed = La date de démarrage (J0) est celle du premier lancement du tableau de bord : enregistrez la vraie date.
plan-field-name = Nom du plan
plan-field-description = Description (les objectifs du plan)
plan-field-description-hint = Affichée sur la vue d'ensemble. Texte simple : séparez les paragraphes par une ligne vide, commencez les puces par « - ».
plan-field-kickoff = Date de démarrage (J0)
plan-field-launch-day = Jour du lancement (J+n)
plan-field-launch-time = Heure du lancement
plan-field-time-zone = Fuseau horaire
plan-invalid-date = Indiquez une date (AAAA-MM-JJ).
plan-invalid-launch-day = Indiquez un jour du plan, de 1 à sa fin.
plan-invalid-time = Indiquez une heure (HH:MM).
plan-invalid-time-zone = Choisissez un fuseau horaire de la liste.
plan-saved = Réglages du plan enregistrés.
plan-conflict = nom « { $name } », J0 { $kickoff }.
plan-links = Liens secrets

## Calendar feed
ics-phase-description = { $team } · { $days } · { $done }/{ $total } terminés
ics-launch = Lancement · { $plan }
ics-launch-description = { $day } à { $time } ({ $zone })

## Activity
event-plan-updated = { $actor } a modifié les réglages du plan « { $title } »
event-plan-kiosk-link-issued = { $actor } a créé un lien d'écran mural
event-plan-kiosk-link-revoked = { $actor } a révoqué le lien d'écran mural
event-plan-calendar-link-issued = { $actor } a créé un lien de flux de calendrier
event-plan-calendar-link-revoked = { $actor } a révoqué le lien de flux de calendrier
event-golive-opened = { $actor } a ouvert le vote Go / No-Go
event-golive-voted-go = { $actor } a voté Go pour { $title }
event-golive-voted-conditional-go = { $actor } a voté Go sous condition pour { $title }
event-golive-voted-no-go = { $actor } a voté No-Go pour { $title }
event-golive-decided-go = { $actor } a clos le vote Go / No-Go : décision GO
event-golive-decided-hold = { $actor } a clos le vote Go / No-Go : décision SUSPENDU
