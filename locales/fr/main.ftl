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
nav-screens = Écrans muraux
feedback-new-title = Donner votre avis
setup-title = Premier administrateur

## Errors
error-summary-title = Il y a un problème
error-back-home = Retour à la vue d'ensemble
error-not-found-title = Page introuvable
error-not-found-message = Cette page n'existe pas ou a été déplacée.
error-forbidden-title = Accès refusé
error-forbidden-message = Votre rôle ne permet pas cette action.
error-archived-title = Plan archivé
error-archived-message = Ce plan est archivé : il se consulte mais ne se modifie plus. Un administrateur peut le sortir des archives.
plan-archived-banner = Ce plan est archivé : lecture seule.
error-csrf-title = Formulaire expiré
error-csrf-message = Ce formulaire a expiré. Rechargez la page et recommencez : rien n'a été modifié.
error-too-large-title = Envoi trop volumineux
error-too-large-message = Ce que vous avez envoyé dépasse la taille permise. Raccourcissez-le et recommencez.
error-control-characters-title = Caractères refusés
error-control-characters-message = Ce que vous avez envoyé contient des caractères de contrôle invisibles, qui ne sont pas acceptés. Retirez-les et réessayez : rien n'a été modifié.
error-unavailable-title = Service momentanément indisponible
error-unavailable-message = La base de données ne répond pas. Réessayez dans quelques instants : rien n'a été perdu.
error-busy-title = Serveur occupé
error-busy-message = Beaucoup de mots de passe sont en cours de vérification. Réessayez dans quelques secondes : rien n'a été perdu.
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
overview-forecast = Prévision
overview-drift = { $phase } a { $late ->
    [one] 1 jour
   *[other] { $late } jours
} de retard : ses éléments ouverts la terminent le { $forecast }, pas le { $end }.
overview-drift-launch = Avec ses phases suivantes, le lancement serait décalé de { $days ->
    [one] 1 jour
   *[other] { $days } jours
}.
overview-drift-absorbed = Sa marge l'absorbe : le lancement garde son jour.
overview-drift-headline = À ce rythme, le lancement passerait de { $from } à { $to }.
overview-forecast-help = Prévision d'après les éléments ouverts de chaque phase : leurs échéances et le rythme auquel elle en a terminé jusqu'ici. Rien ne bouge tant qu'un admin ne modifie pas les phases.
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

## Forms
field-email = Adresse e-mail
field-name = Nom affiché
field-role = Rôle
field-new-password = Nouveau mot de passe
field-password-confirmation = Confirmer le mot de passe
field-current-password = Mot de passe actuel
password-rules = Au moins 12 caractères, difficile à deviner : une phrase de plusieurs mots convient très bien.
save = Enregistrer
invalid-required = Ce champ est obligatoire.
invalid-email = Cette adresse e-mail n'est pas valide.
invalid-email-taken = Un compte utilise déjà cette adresse e-mail.
invalid-too-long = C'est trop long.
invalid-control-characters = Gardez ce texte sur une ligne, sans tabulation ni caractère invisible.
invalid-password-short = Le mot de passe doit compter au moins 12 caractères.
invalid-password-common = Ce mot de passe est trop facile à deviner : allongez-le ou choisissez des mots moins courants.
invalid-passwords-differ = Les deux mots de passe ne sont pas identiques.
invalid-choice = Choisissez une valeur de la liste.
conflict-message = Quelqu'un d'autre a modifié ces informations entre-temps ; le formulaire montre maintenant la version enregistrée. Votre modification, non appliquée :
conflict-account = nom « { $name } », rôle { $role }.

## Roles
role-admin = Administrateur
role-lead = Responsable d'équipe
role-member = Membre
role-viewer = Lecteur
team-none = Aucune équipe

## First admin, password reset
setup-intro = Créez le premier compte administrateur. Ce lien ne sert qu'une fois.
setup-submit = Créer le compte administrateur
reset-title = Choisir un nouveau mot de passe
reset-submit = Enregistrer le mot de passe
reset-done = Votre mot de passe est enregistré. Connectez-vous avec lui.
login-throttled = Trop de tentatives de connexion. Attendez un quart d'heure avant de réessayer, ou demandez un lien de réinitialisation à un administrateur.

## User administration
admin-users-caption = Les comptes, actifs d'abord
admin-new-user = Ajouter un compte
admin-new-user-help = Le compte est créé sans mot de passe : transmettez à son titulaire le lien à usage unique affiché ensuite, il y choisira le sien.
admin-create-user = Créer le compte
admin-user-created = Compte créé. Transmettez ce lien à usage unique (valable 72 heures) pour que son titulaire choisisse son mot de passe : { $link }
admin-edit-user = Nom, rôle et équipe
admin-user-saved = Modifications enregistrées.
admin-own-role = Vous ne pouvez pas retirer votre propre rôle d'administrateur.
admin-own-disable = Vous ne pouvez pas désactiver votre propre compte.
admin-access = Accès
admin-user-plans = Plans
admin-user-plans-help = Les plans que ce compte peut consulter et entre lesquels il peut passer. Les administrateurs consultent tous les plans.
admin-user-member = Membre
admin-user-join-plan = Ajouter à
admin-user-leave-plan = Retirer de
admin-user-joined-plan = Désormais membre de { $plan }.
admin-user-left-plan = N'est plus membre de { $plan }.
admin-issue-reset = Créer un lien de réinitialisation du mot de passe
admin-reset-link = Lien de réinitialisation à usage unique (valable 24 heures) : { $link }
admin-disable = Désactiver le compte
admin-enable = Réactiver le compte
admin-user-disabled = Compte désactivé : ses sessions sont terminées.
admin-user-enabled = Compte réactivé.
account-disabled = Désactivé
account-active = Actif
account-disabled-help = Ce compte est désactivé : il ne peut plus se connecter.

## Own account
account-title = Mon compte
account-language = Langue de l'interface
account-password = Mot de passe
account-change-password = Changer le mot de passe
account-wrong-password = Ce n'est pas votre mot de passe actuel.
account-password-throttled = Trop de mots de passe erronés. Attendez un quart d'heure avant de réessayer.
account-password-changed = Mot de passe changé. Vos autres sessions sont terminées.
account-sessions = Sessions
account-sessions-help = Déconnecte ce compte sur tous les appareils, celui-ci compris.
account-logout-everywhere = Se déconnecter partout
account-saved = Préférence enregistrée.

# The inbox (issue 18)
nav-notifications = Notifications
notifications-empty = Rien pour vous pour l'instant : vous verrez ici qui vous mentionne, ce qu'on vous confie et ce qui bloque votre équipe.
notifications-mark-all-read = Tout marquer comme lu
notifications-mark-read = Marquer comme lu
notifications-unread-short = non lues
notification-mention = Mention
notification-assigned = Vous est confié
notification-blocked = Bloqué dans votre équipe
notification-poll-opened = Vote ouvert
notification-no-go = No-Go
notification-feedback-assigned = Retour confié
notification-late = En retard dans votre équipe
notification-review-due = Revue de risque à faire
notification-webhook-disabled = Webhook désactivé
notifications-unread = { $count ->
    [0] Tout est lu.
    [one] Une notification non lue.
   *[other] { $count } notifications non lues.
}

# E-mail (issue 18)
mail-subject = [Launch Control] { $reason } — { $text }
mail-open = Voir sur Launch Control
mail-why = Vous recevez cet e-mail parce que vous avez choisi d'être prévenu de ce genre de changement.
mail-settings = Choisir ce que vous recevez
mail-unsubscribe = Ne plus recevoir ce genre d'e-mail
account-notifications = Notifications
account-notifications-help = Pour chaque raison d'être prévenu : dans votre boîte de notifications seulement, ou aussi par e-mail, tout de suite.
account-notifications-no-mail = Ce serveur n'envoie pas d'e-mail (pas de réglages SMTP) : tout arrive dans votre boîte de notifications.
delivery-inbox = Boîte de notifications seulement
delivery-email = E-mail tout de suite
unsubscribe-title = E-mails de Launch Control
unsubscribe-help = Ce lien arrête les e-mails de ce genre. Vous les verrez encore dans votre boîte de notifications.
unsubscribe-button = Ne plus recevoir ces e-mails
unsubscribe-done = C'est fait : vous ne recevrez plus d'e-mail de ce genre. Ils restent dans votre boîte de notifications.
unsubscribe-account = Choisir ce que vous recevez (après connexion)
admin-mail-on = E-mail activé : chacun reçoit ses notifications par e-mail s'il le veut.
admin-mail-off = E-mail désactivé (pas de SMTP_HOST) : les notifications restent dans la boîte de chacun, et les liens de bienvenue et de mot de passe sont à transmettre vous-même.
mail-welcome-title = Bienvenue sur Launch Control
mail-welcome-lead = Bonjour { $name }, un compte vous attend sur le tableau de bord du lancement. Choisissez votre mot de passe pour l'ouvrir.
mail-welcome-button = Choisir mon mot de passe
mail-reset-title = Votre lien pour changer de mot de passe
mail-reset-lead = Bonjour { $name }, un administrateur vous envoie ce lien pour choisir un nouveau mot de passe.
mail-reset-button = Choisir un nouveau mot de passe
mail-link-note = Ce lien ne sert qu'une fois et marche { $hours ->
    [one] une heure
   *[other] { $hours } heures
}. Si vous n'attendiez pas cet e-mail, ignorez-le.
admin-link-mailed = Le lien a été envoyé par e-mail à { $email }.
admin-user-created-mailed = Compte créé. Le lien pour choisir son mot de passe a été envoyé par e-mail à { $email }.
delivery-digest = Dans le résumé de 8 h
mail-digest-title = Votre résumé du { $day }
mail-digest-mine = Mes tâches
mail-digest-team = Mon équipe
mail-digest-late = En retard
mail-digest-today = À faire aujourd'hui
mail-digest-blocked = Bloquées
mail-digest-changed = Ce qui a changé
mail-digest-nothing = Rien en retard, rien pour aujourd'hui, rien de bloqué.
mail-digest-due = échéance { $day }

## Own calendar (issue 19)
account-calendar = Mon agenda
account-calendar-help = Abonnez votre application d'agenda à cette adresse : les phases, le lancement, les actions de communication, et les échéances de vos éléments et de ceux de votre équipe. Qui a l'adresse peut le lire : créez-en une nouvelle si elle a fuité.
account-calendar-issue = Créer le lien de mon agenda
account-calendar-reissue = Nouveau lien (arrête celui-ci)
account-calendar-revoke = Arrêter le lien
account-calendar-issued = Le lien de votre agenda est prêt ; le précédent ne fonctionne plus.
account-calendar-revoked = Le lien de votre agenda ne fonctionne plus.
ics-item-mine = Assigné à vous
ics-item-team = De votre équipe

## Modifier une phase (issue 20)
phase-edit-title = Modifier la phase
phase-edit-link = Modifier la phase
phase-edit-fields = La phase
phase-start-day = Premier jour (J+n)
phase-end-day = Dernier jour (J+n)
phase-days-help = Les jours se comptent depuis le lancement du projet (J+0). Ses éléments se déplacent avec son premier jour ; les phases qui commencent après elle se déplacent comme l'aperçu le montre, avant que rien ne soit enregistré.
phase-invalid-end = Le dernier jour ne peut pas précéder le premier.
phase-conflict = Quelqu'un a modifié cette phase entre-temps : la voici telle qu'elle est. Refaites votre modification.
phase-preview = Ces phases se déplacent aussi
phase-preview-move = { $phase } : { $from } → { $to } ({ $signed } { $days ->
    [one] jour
   *[other] jours
})
phase-preview-after-launch = elle finirait le jour du lancement ou après
phase-preview-apply = Appliquer tous les changements
phase-preview-cancel = Ne rien changer
phase-saved = Phase enregistrée.
phase-section = Section (numérotée comme dans le plan : 2.3)
phase-stage = Étape
phase-place = Place dans le plan
phase-place-first = En premier
phase-place-after = Après { $phase }
phase-section-taken = Une autre phase porte déjà cette section.
phase-new-title = Ajouter une phase
phase-new-link = Ajouter une phase
phase-add = Ajouter la phase
phase-added = Phase ajoutée.
phase-links = Commence après
phase-links-help = Une phase qui commence après une autre se déplace avec elle : quand l'autre finit plus tard, celle-ci commence d'autant plus tard.
phase-links-none = Elle ne commence après aucune autre phase.
phase-link-before = Phase après laquelle elle commence
phase-link-lag-field = Jours entre les deux
phase-link-lag = { $phase }, { $lag ->
    [one] 1 jour après
   *[other] { $lag } jours après
}
phase-link-add = Lier
phase-link-remove = Retirer
phase-link-cycle = { $phase } vient déjà avant { $before } ({ $cycle }) : la faire commencer après { $before } ferait un cercle.
phase-invalid-lag = Saisissez un nombre de jours de 0 à 365.
phase-linked = Lien enregistré.
phase-unlinked = Lien retiré.

## Critical path (issue 20)
col-slack = Marge
timeline-critical = Chemin critique
timeline-slack = { $days ->
    [one] 1 jour de marge
   *[other] { $days } jours de marge
}
timeline-after-launch = Après le lancement
phase-remove-title = Supprimer la phase
phase-remove-link = Supprimer la phase
phase-remove-items = Elle contient { $open ->
    [one] un élément
   *[other] { $open } éléments
}{ $trashed ->
    [0] {""}
   *[other] {" "}(et { $trashed } à la corbeille)
} : choisissez où ils vont, pour qu'aucun ne soit perdu.
phase-remove-target-label = Phase où ils vont
phase-remove-fate = Ce qu'ils deviennent
phase-remove-move = Les déplacer dans cette phase
phase-remove-trash = Les mettre à la corbeille (restaurés, ils iront dans cette phase)
phase-remove-empty = Elle ne contient aucun élément.
phase-remove-confirm = Supprimer la phase
phase-remove-target = Choisissez la phase où vont ses éléments.
phase-removed = Phase supprimée.
plans-title = Plans
plans-caption = Les plans de cette installation
plans-created = Créé
plans-content = Contenu
plans-in-use = En service
plans-archive = Archives
plans-archived = Archivé
plans-do-archive = Archiver
plans-restore = Sortir des archives
plan-archived = { $name } est archivé : lecture seule.
plan-restored = { $name } est sorti des archives.
plan-switch-label = Plan
plan-switch-submit = Afficher
plans-counts = { $phases ->
    [one] 1 phase
   *[other] { $phases } phases
}, { $items ->
    [one] 1 élément
   *[other] { $items } éléments
}
import-title = Importer un document de plan
import-help = Un document Markdown écrit comme le plan de Lootopia : un titre, des sections et des phases numérotées en titres, les éléments en puces (un libellé en gras en tête d'une puce qui en porte d'autres est leur groupe), le tableau du calendrier qui donne à chaque phase ses jours (J+1 - J+5) et son équipe, les risques avec leur impact et leur mitigation. Titres en français ou en anglais. Texte UTF-8, 256 Ko au plus. Rien n'est enregistré avant que vous confirmiez l'aperçu.
import-file = Document de plan (Markdown)
import-read = Lire le document
import-preview = Aperçu :
import-summary = { $phases ->
    [one] 1 phase
   *[other] { $phases } phases
}, { $items ->
    [one] 1 élément
   *[other] { $items } éléments
}, { $teams ->
    [one] 1 équipe
   *[other] { $teams } équipes
}, { $risks ->
    [one] 1 risque
   *[other] { $risks } risques
}, { $actions ->
    [one] 1 action de communication
   *[other] { $actions } actions de communication
} ; lancement le { $launch }.
import-unread = Lignes non comprises
import-line = Ligne
import-skipped-section = La section « { $title } » (ligne { $line }) n'est pas importée.
import-confirm = Créer ce plan
import-phases = Phases et leurs éléments
import-risks = Risques
import-actions = Actions de communication
import-unreadable = L'envoi n'a pas pu être lu. Choisissez de nouveau le fichier.
import-empty = Le fichier est vide.
import-not-text = Ce fichier n'est pas du texte UTF-8 : enregistrez le document en Markdown (.md) et choisissez-le de nouveau.
import-nothing = Aucune phase n'a pu être lue dans ce document : il faut des titres de phase numérotés (### 2.1 …) et un tableau de calendrier qui donne leurs jours.
import-failed = Ce plan n'a pas pu être enregistré. Rien n'a été créé ; vérifiez les lignes ci-dessous.
import-untitled = Plan importé
import-done = Plan « { $name } » créé : { $phases ->
    [one] 1 phase
   *[other] { $phases } phases
}, { $items ->
    [one] 1 élément
   *[other] { $items } éléments
}.
import-why-not-understood = ni un titre, ni une puce, ni une ligne de tableau attendus dans cette section
import-why-outside-phase = une puce avant tout titre de phase
import-why-no-section = un titre de phase sans son numéro (2.1)
import-why-bad-days = des jours qui ne sont pas écrits J+n ou J+n - J+m
import-why-unknown-phase = ne nomme aucune phase du document
import-why-no-days = le calendrier ne donne pas de jours à cette phase : elle est laissée de côté avec ses éléments
import-why-same-section = une deuxième phase avec ce numéro
plan-file-unreadable = pas un fichier de plan lisible ({ $detail })
plan-file-not-a-plan = pas un fichier de plan Launch Control
plan-file-newer = écrit par une version plus récente de Launch Control (format { $version })
plan-file-checksum = la somme de contrôle ne correspond pas : le fichier a été modifié après son export
plan-file-unknown-team = pas d'équipe « { $team } » dans le fichier
plan-file-unknown-item = pas d'élément { $number } dans la phase { $section }
plan-file-unknown-phase = pas de phase { $section } dans le fichier
plan-file-same-section = une deuxième phase { $section }
plan-file-same-team = une deuxième équipe « { $team } »
plan-file-cycle = la phase { $section } commencerait après elle-même par ses liens
plan-file-day = le jour { $day } est hors du plan
plan-file-level = { $level } n'est pas un niveau de 1 à 5
plan-file-empty = vide là où un texte est requis
plan-file-time-zone = fuseau horaire inconnu « { $zone } »
export-title = Exporter ce plan
import-file-problems = Ce fichier de plan ne peut pas être importé :
import-help-file = Un fichier de plan exporté de Launch Control (JSON, scellé par sa somme de contrôle) est importé en entier, avec ses états, revues et liens, comme un nouveau plan.
import-strangers = Pas de compte ici pour { $people } : leurs éléments et revues ont été gardés sans eux.
plan-copy-title = Nouveau plan à partir de celui-ci
plan-copy-help = Un nouveau plan fait à partir de « { $plan } » : ses équipes, phases, éléments, ancrages, liens, risques et actions de communication, avec chaque élément de nouveau à faire, chaque action prévue et chaque risque ouvert sans ses revues ; son coup d'envoi (J0) est la date que vous donnez.
plan-copy-submit = Créer le nouveau plan
plan-copied = Plan « { $name } » créé à partir de celui-ci.
