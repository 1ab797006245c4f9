# The communication plan's page (/communications), its moves and its export.
nav-communications = Communication
communications-title = Communication plan
communications-filters-label = Filter the communication actions
communications-filter-all-channels = All channels
communications-filter-all-states = All states
communications-filter-all-owners = Everyone
communications-filter-unassigned = Nobody yet
communications-filter-apply = Filter
communications-filter-reset = Reset
communications-summary = { $count ->
    [one] { $count } action
   *[other] { $count } actions
} · { $late ->
    [0] none late
    [one] 1 late
   *[other] { $late } late
}
communications-empty = No action matches these filters.
communications-late = Late
communications-export = Export as CSV
communication-twin = Checklist twin:
communication-move-planned = Plan again
communication-move-in_progress = Start
communication-move-done = Mark done
communication-move-cancelled = Cancel the action
communication-invalid-state = This state does not exist.
communication-invalid-move = This action cannot go straight to that state from where it stands; use one of the buttons offered.
communication-conflict = move to “{ $state }”.
event-communication-state-changed = { $actor }: action “{ $title }” { $from } → { $to }
communications-csv-day = Day
communications-csv-date = Date
communications-csv-title = Action
communications-csv-channel = Channel
communications-csv-audience = Audience
communications-csv-team = Team
communications-csv-owner = Owner
communications-csv-state = State
communications-csv-late = Late
communications-csv-item = Checklist item
communications-upcoming-next = Coming next
