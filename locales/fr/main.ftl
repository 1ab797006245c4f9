## Dates
day-label = J{ $n }
date-short = { $weekday } { $day } { $month }
weekday-1 = lun.
weekday-2 = mar.
weekday-3 = mer.
weekday-4 = jeu.
weekday-5 = ven.
weekday-6 = sam.
weekday-7 = dim.
month-1 = janv.
month-2 = févr.
month-3 = mars
month-4 = avr.
month-5 = mai
month-6 = juin
month-7 = juil.
month-8 = août
month-9 = sept.
month-10 = oct.
month-11 = nov.
month-12 = déc.

## Layout
skip-to-content = Aller au contenu
nav-label = Navigation principale
language-label = Langue
logout = Se déconnecter
nav-overview = Vue d'ensemble
nav-timeline = Calendrier
nav-my = Mes tâches
nav-teams = Équipes
nav-risks = Risques
nav-countdown = Compte à rebours
nav-golive = Go / No-Go
nav-feedback = Retours
nav-activity = Activité
nav-admin-users = Utilisateurs
nav-admin-plan = Réglages du plan
feedback-new-title = Donner votre avis
setup-title = Premier administrateur
coming-soon-message = Cette page arrive bientôt : elle fait partie des prochaines étapes du tableau de bord.
coming-soon-timeline = Voir le calendrier du lancement

## Errors
error-back-home = Retour à la vue d'ensemble
error-not-found-title = Page introuvable
error-not-found-message = Cette page n'existe pas ou a été déplacée.
error-forbidden-title = Accès refusé
error-forbidden-message = Votre rôle ne permet pas cette action.
error-csrf-title = Formulaire expiré
error-csrf-message = Ce formulaire a expiré. Rechargez la page et recommencez : rien n'a été modifié.
error-too-large-title = Envoi trop volumineux
error-too-large-message = Ce que vous avez envoyé dépasse la taille permise. Raccourcissez-le et recommencez.
error-unavailable-title = Service momentanément indisponible
error-unavailable-message = La base de données ne répond pas. Réessayez dans quelques instants : rien n'a été perdu.
error-internal-title = Erreur inattendue
error-internal-message = Une erreur inattendue s'est produite. Elle a été enregistrée ; réessayez dans un instant.

## Login
login-title = Connexion
login-email = Adresse e-mail
login-password = Mot de passe
login-submit = Se connecter
login-failed = Adresse e-mail ou mot de passe incorrect.

## Overview
overview-today = Aujourd'hui
overview-countdown = Lancement
overview-readiness = Préparation (éléments requis)
overview-phases = Étapes
overview-see-timeline = Voir le calendrier complet
countdown-days-left = { $days ->
    [one] Lancement dans { $days } jour
   *[other] Lancement dans { $days } jours
}
countdown-launch-day = C'est le jour du lancement
countdown-after-launch = Support après lancement · { $day }
progress-count = { $done } sur { $total } terminés
progress-required = { $done } sur { $total } requis terminés

## Timeline
timeline-title = Calendrier du lancement
timeline-today-is = aujourd'hui :
timeline-chart-title = Diagramme de Gantt des étapes du plan
timeline-chart-desc = Chaque barre est une étape, de son premier à son dernier jour, aux couleurs de son équipe ; la partie foncée montre les éléments terminés. Le tableau sous le diagramme donne les mêmes informations.
timeline-table-caption = Les étapes du plan, leurs jours, leurs équipes et leur avancement
timeline-today = Aujourd'hui · { $day }
timeline-launch = Lancement · { $day }
timeline-bar-title = { $name } · { $start } – { $end } · { $team } · { $done }/{ $total } terminés · { $state }
stage-deployment = Déploiement
stage-launch = Lancement
phase-state-upcoming = À venir
phase-state-active = En cours
phase-state-done = Terminée
phase-state-late = En retard

## Tables
col-section = Section
col-phase = Étape
col-days = Jours
col-dates = Dates
col-team = Équipe
col-progress = Avancement
col-state = État
col-item = Élément
col-assignee = Responsable
col-due = Échéance
col-last-change = Dernière modification

## Phase checklist
phase-gate = Porte de l'étape
phase-gate-open = ouverte
phase-gate-closed = fermée
phase-items-caption = Les éléments de la liste de contrôle de l'étape
item-required = requis
item-evidence = preuve
item-unassigned = non attribué
item-late = en retard
item-drift = +{ $days } j
someone = quelqu'un
item-state-todo = À faire
item-state-in_progress = En cours
item-state-done = Terminé
item-state-blocked = Bloqué
