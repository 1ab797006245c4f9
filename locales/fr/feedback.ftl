## Feedback: the public form
error-too-many-title = Un instant, s'il vous plaît
error-too-many-message = Vous avez envoyé beaucoup de messages en peu de temps. Patientez une minute, puis réessayez : merci pour votre patience.
feedback-new-intro = Un problème, une idée, une question ou un compliment ? Écrivez-nous : l'équipe support lit chaque message.
feedback-field-message = Votre message
feedback-message-hint = 5 000 caractères au plus.
feedback-message-too-long = Votre message dépasse 5 000 caractères : raccourcissez-le.
feedback-field-category = Catégorie
feedback-choose = Choisissez…
feedback-field-rating = Note
feedback-rating-invalid = Choisissez une note de 1 à 5.
feedback-rating-1 = 1 – très déçu
feedback-rating-2 = 2 – déçu
feedback-rating-3 = 3 – mitigé
feedback-rating-4 = 4 – satisfait
feedback-rating-5 = 5 – ravi
feedback-rating-out-of = { $rating }/5
feedback-field-email = Adresse e-mail (facultative)
feedback-email-hint = Seulement si vous souhaitez une réponse ; elle ne sert à rien d'autre.
feedback-honeypot = Laissez ce champ vide
feedback-send = Envoyer
feedback-thanks-title = Merci pour votre retour
feedback-thanks-message = Votre message est bien arrivé. L'équipe support le lira avec attention.
feedback-send-another = Envoyer un autre message
feedback-entered = Retour enregistré.
feedback-category-bug = Bug
feedback-category-idea = Idée
feedback-category-question = Question
feedback-category-praise = Compliment
feedback-status-new = Nouveau
feedback-status-acknowledged = Pris en compte
feedback-status-planned = Planifié
feedback-status-resolved = Résolu
feedback-status-closed = Clos

## Feedback: the triage list
feedback-list-title = Retours des utilisateurs
feedback-see-trends = Tendances
feedback-export = Exporter en CSV
feedback-enter = Saisir un retour
feedback-counts-label = Nombre de retours par statut
feedback-filters-label = Filtrer les retours
feedback-search = Rechercher
feedback-field-status = Statut
feedback-filter-any = Tous
feedback-filter-any-day = N'importe quel jour
feedback-filter-from = Envoyé à partir du
feedback-filter-to = Envoyé jusqu'au
feedback-filter-merged = Afficher les doublons fusionnés
feedback-filter-apply = Filtrer
feedback-filter-reset = Tout afficher
feedback-list-summary = { $count ->
    [0] Aucun retour ne correspond.
    [one] { $count } retour
   *[other] { $count } retours
}
feedback-list-empty = Aucun retour à afficher avec ces filtres.
feedback-list-caption = Les retours, les plus récents d'abord
feedback-col-message = Message
feedback-col-sent = Envoyé le
feedback-merged-tag = fusionné
feedback-duplicates = { $count ->
    [one] +{ $count } doublon
   *[other] +{ $count } doublons
}
feedback-pages-label = Pages de la liste
feedback-page-of = Page { $page } sur { $pages }
feedback-previous = Page précédente
feedback-next = Page suivante

## Feedback: one entry
feedback-merged-into = Ce retour est un doublon, fusionné dans un autre.
feedback-see-original = Voir le retour d'origine
feedback-source = Origine
feedback-source-public = Formulaire public
feedback-source-support = Saisi par le support
feedback-contact = Contact
feedback-no-contact = Aucune adresse laissée
feedback-unassigned = Personne
feedback-field-risk = Risque survenu
feedback-field-risk-happened = Ce risque s'est produit
feedback-no-risk = Aucun risque
feedback-field-item = Élément de la liste de contrôle
feedback-no-item = Aucun élément
feedback-duplicates-title = Doublons
feedback-tags = Étiquettes
feedback-no-tags = Aucune étiquette.
feedback-tag-add-label = Nouvelle étiquette
feedback-tag-add = Ajouter l'étiquette
feedback-tag-remove = Retirer l'étiquette « { $tag } »
feedback-triage = Traitement
feedback-saved = Retour mis à jour.
feedback-conflict = statut « { $status } ».
feedback-conflict-merge = la fusion de ce retour.
feedback-notes = Notes internes
feedback-notes-help = Visibles de l'équipe seulement, jamais du public.
feedback-no-notes = Aucune note pour l'instant.
feedback-note-add-label = Nouvelle note
feedback-note-hint = Ce que l'équipe doit savoir : diagnostic, réponse envoyée, suite prévue.
feedback-note-add = Ajouter la note
feedback-note-added = Note ajoutée.
feedback-merge = Fusionner un doublon
feedback-merge-help = Ce retour dit la même chose qu'un autre ? Fusionnez-le : il gardera un lien vers l'autre, qui comptera un doublon de plus.
feedback-merge-into = Retour d'origine
feedback-merge-submit = Fusionner dans ce retour
feedback-merged = Doublon fusionné : voici le retour d'origine.

## Feedback: trends
feedback-trends-title = Tendances des retours
feedback-trends-intro = Les retours reçus chaque jour de la période de support, par catégorie, et la note moyenne du jour.
feedback-trends-overview = Retours depuis le lancement
feedback-trends-no-period = Ce plan n'a pas de période de support après le jour du lancement.
feedback-trends-not-started = La période de support commence le { $start }.
feedback-trends-earlier = { $count ->
    [0] Aucun retour n'est arrivé avant.
    [one] Un retour est arrivé avant.
   *[other] { $count } retours sont arrivés avant.
}
feedback-trends-chart-title = Retours par jour et par catégorie, et note moyenne
feedback-trends-chart-desc = En haut, une barre par jour empile les retours de chaque catégorie, chacune avec son motif ; en bas, un point par jour donne la note moyenne, de 1 à 5. Le tableau qui suit donne les mêmes chiffres.
feedback-trends-entries = Retours
feedback-trends-average = Note moyenne
feedback-trends-total = Total
feedback-trends-day = Jour
feedback-trends-show-table = Les chiffres, jour par jour
feedback-trends-table-caption = Retours par jour et par catégorie
feedback-trends-segment-title = { $day } · { $category } : { $count }
feedback-trends-average-title = { $day } · note moyenne { $average }

## Feedback: the CSV export's header
feedback-csv-id = Identifiant
feedback-csv-sent-at = Envoyé le (UTC)
feedback-csv-day = Jour du plan
feedback-csv-category = Catégorie
feedback-csv-rating = Note
feedback-csv-status = Statut
feedback-csv-message = Message
feedback-csv-email = Adresse e-mail
feedback-csv-tags = Étiquettes
feedback-csv-assignee = Responsable
feedback-csv-duplicates = Doublons
feedback-csv-merged-into = Fusionné dans

## Feedback: the activity feed (the public's words stay on the entry)
event-feedback-created = Nouveau retour reçu
event-feedback-created-via = Nouveau retour reçu par le jeton d'API « { $via } »
event-feedback-status-changed = { $actor } a changé le statut d'un retour
event-feedback-assigned = { $actor } a attribué un retour
event-feedback-risk-linked = { $actor } a relié un retour à un risque
event-feedback-item-linked = { $actor } a relié un retour à un élément de la liste de contrôle
event-feedback-tag-added = { $actor } a étiqueté un retour
event-feedback-tag-removed = { $actor } a retiré une étiquette d'un retour
event-feedback-note-added = { $actor } a ajouté une note interne à un retour
event-feedback-merged = { $actor } a fusionné un retour en doublon d'un autre
