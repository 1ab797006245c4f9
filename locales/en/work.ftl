# The work queue (/work): every item and communication action of the plan, filtered, most urgent first.
nav-work = Work queue
work-title = Work queue
work-counts-label = Items and actions by state
work-filters-label = Filter the plan's items and actions
work-search = Search the titles
work-team = Team
work-phase = Phase
work-kind = Show
work-all-kinds = Items and actions
work-kind-items = Checklist items
work-kind-actions = Communication actions
work-assignee = Assigned to
work-due = Due
work-due-within = Due within N days
work-all-states = All
work-all-teams = All teams
work-all-phases = All phases
work-anyone = Anyone
work-assignee-me = Me
work-unassigned = Nobody yet
work-open-only = Open only
work-late-only = Late only
work-blocked-only = Blocked only
work-required-only = Required only
work-filter-apply = Filter
work-filter-reset = Reset
work-summary = { $items ->
    [0] no items
    [one] 1 item
   *[other] { $items } items
} and { $actions ->
    [0] no communication actions
    [one] 1 communication action
   *[other] { $actions } communication actions
}
work-counts-note = Each count holds checklist items and communication actions: only items are blocked or to do, only actions planned or cancelled.
work-action-marker = Action · { $channel }
work-export = Export as CSV
work-empty = No item or action matches these filters.
work-caption = The plan's items and communication actions, most urgent first: blocked, late, then by due day
work-late = Late
work-csv-kind = Kind
work-csv-title = Title
work-csv-channel = Channel
work-csv-team = Team
work-csv-kind-item = Checklist item
work-csv-kind-action = Communication action
teams-see-open = See the team's open items
teams-see-late = See the team's late items
teams-see-blocked = See the team's blocked items
