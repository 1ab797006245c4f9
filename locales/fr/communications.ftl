# La page du plan de communication (/communications), ses changements d'état et son export.
nav-communications = Communication
communications-title = Plan de communication
communications-filters-label = Filtrer les actions de communication
communications-filter-all-channels = Tous les canaux
communications-filter-all-states = Tous les états
communications-filter-all-owners = Tout le monde
communications-filter-unassigned = Personne encore
communications-filter-apply = Filtrer
communications-filter-reset = Réinitialiser
communications-summary = { $count ->
    [one] { $count } action
   *[other] { $count } actions
} · { $late ->
    [0] aucune en retard
    [one] 1 en retard
   *[other] { $late } en retard
}
communications-empty = Aucune action ne correspond à ces filtres.
communications-late = En retard
communications-export = Exporter en CSV
communication-twin = Jumelle dans la checklist :
communication-move-planned = Replanifier
communication-move-in_progress = Commencer
communication-move-done = Marquer faite
communication-move-cancelled = Annuler l'action
communication-invalid-state = Cet état n'existe pas.
communication-invalid-move = Cette action ne peut pas passer directement à cet état depuis le sien ; utilisez l'un des boutons proposés.
communication-conflict = passer à « { $state } ».
event-communication-state-changed = { $actor } : action « { $title } » { $from } → { $to }
communications-csv-day = Jour
communications-csv-date = Date
communications-csv-title = Action
communications-csv-channel = Canal
communications-csv-audience = Public visé
communications-csv-team = Équipe
communications-csv-owner = Responsable
communications-csv-state = État
communications-csv-late = En retard
communications-csv-item = Élément de checklist
communications-upcoming-next = À venir
