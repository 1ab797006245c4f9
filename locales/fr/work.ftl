# La file de travail (/work) : tous les éléments et actions de communication du plan, filtrés, les plus urgents d'abord.
nav-work = À faire
work-title = File de travail
work-counts-label = Éléments et actions par état
work-filters-label = Filtrer les éléments et actions du plan
work-search = Rechercher dans les intitulés
work-team = Équipe
work-phase = Phase
work-kind = Afficher
work-all-kinds = Éléments et actions
work-kind-items = Éléments de la liste de contrôle
work-kind-actions = Actions de communication
work-assignee = Attribué à
work-due = Échéance
work-due-within = Échéance dans les N jours
work-all-states = Tous
work-all-teams = Toutes les équipes
work-all-phases = Toutes les phases
work-anyone = Tout le monde
work-assignee-me = Moi
work-unassigned = Personne encore
work-open-only = Ouverts seulement
work-late-only = En retard seulement
work-blocked-only = Bloqués seulement
work-required-only = Obligatoires seulement
work-filter-apply = Filtrer
work-filter-reset = Réinitialiser
work-summary = { $items ->
    [0] aucun élément
    [one] 1 élément
   *[other] { $items } éléments
} et { $actions ->
    [0] aucune action de communication
    [one] 1 action de communication
   *[other] { $actions } actions de communication
}
work-counts-note = Chaque compte réunit éléments de la liste de contrôle et actions de communication : seuls les éléments sont bloqués ou à faire, seules les actions prévues ou annulées.
work-action-marker = Action · { $channel }
work-export = Exporter en CSV
work-empty = Aucun élément ni aucune action ne correspond à ces filtres.
work-caption = Éléments et actions de communication du plan, les plus urgents d'abord : bloqués, en retard, puis par échéance
work-late = En retard
work-csv-kind = Type
work-csv-title = Intitulé
work-csv-channel = Canal
work-csv-team = Équipe
work-csv-kind-item = Élément de la liste de contrôle
work-csv-kind-action = Action de communication
teams-see-open = Voir les éléments ouverts de l'équipe
teams-see-late = Voir les éléments en retard de l'équipe
teams-see-blocked = Voir les éléments bloqués de l'équipe
