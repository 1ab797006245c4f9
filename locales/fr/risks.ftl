## Risk register
risk-register-title = Registre des risques
risk-register-caption = Risques, du score le plus élevé au plus faible
risk-title = Risque
risk-new = Nouveau risque
risk-create = Créer le risque
risk-new-items-hint = Une fois le risque créé, liez-lui les éléments de checklist qui le réduisent.
risk-edit = Modifier le risque
risk-none = —
risk-choose = Choisir…
risk-not-estimated = Non estimé
risk-no-items = Aucun élément lié
risk-list-empty = Aucun risque ne correspond à ces filtres.
risk-summary = { $count ->
    [one] { $count } risque
   *[other] { $count } risques
  }{ $overdue ->
    [0] {""}
   *[other] , dont { $overdue } à revoir en retard
  }

## Fields
risk-field-title = Intitulé
risk-field-impact-description = Impact
risk-field-score = Score actuel
risk-field-likelihood = Probabilité
risk-field-impact = Impact
risk-field-residual = Score résiduel (une fois la mitigation faite)
risk-field-residual-hint = Facultatif : laissez les deux vides s'il n'est pas estimé.
risk-field-owner = Équipe responsable
risk-field-treatment = Traitement
risk-field-mitigation = Mitigation
risk-field-status = Statut
risk-field-next-review = Prochaine revue
risk-field-day-hint = Un jour du plan, par exemple 12 pour J+12 ; vide si aucune revue n'est prévue.
risk-invalid-score = Choisissez un niveau de 1 à 5.
risk-invalid-day = Indiquez un jour du plan, de 0 à la fin du plan.

## Levels, bands, statuses, treatments
risk-likelihood-1 = 1 · Rare
risk-likelihood-2 = 2 · Peu probable
risk-likelihood-3 = 3 · Possible
risk-likelihood-4 = 4 · Probable
risk-likelihood-5 = 5 · Quasi certain
risk-impact-1 = 1 · Négligeable
risk-impact-2 = 2 · Mineur
risk-impact-3 = 3 · Modéré
risk-impact-4 = 4 · Majeur
risk-impact-5 = 5 · Critique
risk-band-low = Faible
risk-band-medium = Moyen
risk-band-high = Élevé
risk-band-range = { $band } (score { $low } à { $high })
risk-score-label = { $likelihood } × { $impact } = { $score } · { $band }
risk-status-open = Ouvert
risk-status-mitigating = En cours de mitigation
risk-status-accepted = Accepté
risk-status-closed = Clos
risk-treatment-mitigate = Réduire
risk-treatment-accept = Accepter
risk-treatment-avoid = Éviter
risk-treatment-transfer = Transférer

## Register columns and filters
risk-col-score = Score
risk-col-risk = Risque
risk-col-residual = Score résiduel
risk-col-mitigation = Mitigation
risk-review-overdue = Revue en retard
risk-filters-label = Filtrer les risques
risk-filter-active = Tous sauf clos
risk-filter-all = Tous les statuts
risk-filter-all-teams = Toutes les équipes
risk-filter-apply = Filtrer
risk-filter-reset = Réinitialiser
risk-filter-cell = probabilité { $likelihood } × impact { $impact }
risk-filter-every-cell = toutes les cases

## Heat map
risk-heatmap-title = Carte de chaleur des risques
risk-heatmap-x = Probabilité
risk-heatmap-y = Impact
risk-heatmap-desc = { $count ->
    [one] { $count } risque
   *[other] { $count } risques
  } placés selon leur probabilité (1 à 5, de gauche à droite) et leur impact (1 à 5, de bas en haut) : { $high } dans la zone élevée, { $medium } dans la zone moyenne, { $low } dans la zone faible.
risk-heatmap-cell = Probabilité { $likelihood } × impact { $impact } = { $score } ({ $band }) : { $count ->
    [one] { $count } risque
   *[other] { $count } risques
  }
risk-heatmap-legend = Légende des zones
risk-heatmap-as-table = Voir la carte sous forme de tableau
risk-heatmap-table-caption = Nombre de risques par probabilité et impact

## A risk's page
risk-review-overdue-message = La date de revue de ce risque est passée : revoyez-le.
risk-items-title = Éléments de mitigation
risk-items-caption = Éléments de checklist qui réduisent ce risque
risk-items-empty = Aucun élément de checklist n'est encore lié à ce risque.
risk-item-choose = Lier un élément de checklist
risk-item-link = Lier
risk-item-unlink = Délier
risk-item-linked = « { $item } » est lié au risque.
risk-item-unlinked = « { $item } » n'est plus lié au risque.
risk-review-title = Revoir le risque
risk-review-reason = Motif de la revue
risk-review-scores = Nouveaux scores
risk-review-next = Revue suivante (facultatif)
risk-review-next-hint = Un jour du plan, par exemple 20 pour J+20 ; vide pour garder la date actuelle.
risk-review-submit = Enregistrer la revue
risk-reviews-title = Revues
risk-reviews-empty = Aucune revue pour l'instant.
risk-created = Risque « { $title } » créé.
risk-saved = Risque enregistré.
risk-reviewed = Revue enregistrée.
risk-conflict-edit = « { $title } », score { $score }, statut { $status }.
risk-conflict-review = revue « { $reason } », score { $score }.

## Activity
event-risk-created = { $actor } a ajouté le risque « { $title } »
event-risk-updated = { $actor } a modifié le risque « { $title } »
event-risk-reviewed = { $actor } a revu le risque « { $title } »
event-risk-item-linked = { $actor } a lié un élément au risque « { $title } »
event-risk-item-unlinked = { $actor } a délié un élément du risque « { $title } »

## Export
risk-csv-title = Risque
risk-csv-impact-description = Impact
risk-csv-likelihood = Probabilité
risk-csv-impact = Gravité
risk-csv-score = Score
risk-csv-band = Zone
risk-csv-residual-likelihood = Probabilité résiduelle
risk-csv-residual-impact = Gravité résiduelle
risk-csv-residual-score = Score résiduel
risk-csv-owner = Équipe responsable
risk-csv-treatment = Traitement
risk-csv-status = Statut
risk-csv-mitigation = Mitigation
risk-csv-items-done = Éléments terminés
risk-csv-items-total = Éléments liés
risk-csv-next-review = Prochaine revue
risk-csv-overdue = Revue en retard
