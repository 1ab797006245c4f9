# The work queue (/work): every item of the plan, filtered, most urgent first.
nav-work = Work queue
work-title = Work queue
work-counts-label = Items by state
work-filters-label = Filter the plan's items
work-search = Search the titles
work-team = Team
work-phase = Phase
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
work-summary = { $count ->
    [0] no items
    [one] 1 item
   *[other] { $count } items
}
work-export = Export as CSV
work-empty = No item matches these filters.
work-caption = The plan's items, most urgent first: blocked, late, then by due day
work-late = Late
teams-see-open = See the team's open items
teams-see-late = See the team's late items
teams-see-blocked = See the team's blocked items
