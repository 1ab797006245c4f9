# La file de travail (/work) : tous les éléments du plan, filtrés, les plus urgents d'abord.
nav-work = À faire
work-title = File de travail
work-counts-label = Éléments par état
work-filters-label = Filtrer les éléments du plan
work-search = Rechercher dans les intitulés
work-team = Équipe
work-phase = Phase
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
work-summary = { $count ->
    [0] aucun élément
    [one] 1 élément
   *[other] { $count } éléments
}
work-export = Exporter en CSV
work-empty = Aucun élément ne correspond à ces filtres.
work-caption = Éléments du plan, les plus urgents d'abord : bloqués, en retard, puis par échéance
work-late = En retard
teams-see-open = Voir les éléments ouverts de l'équipe
teams-see-late = Voir les éléments en retard de l'équipe
teams-see-blocked = Voir les éléments bloqués de l'équipe
