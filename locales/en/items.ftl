## Checklist items
col-actions = Actions
export-csv = Export as CSV
item-action-done = Mark done
item-action-start = Start
item-action-stop = Back to to-do
item-action-reopen = Reopen
item-action-unblock = Unblock
item-action-block = Block
item-block-reason = Why it is blocked
item-move-up = Move up
item-move-down = Move down
item-edit = Edit
item-add = Add an item
item-delete = Delete the item
item-field-title = Title
item-field-group = Group (optional)
item-field-due-day = Due (day D+n)
item-field-evidence = Evidence link (optional)
item-field-required = Required for launch
item-history = History
item-history-empty = No change yet.
item-conflict = move to “{ $state }”.
item-conflict-edit = “{ $title }”.
item-invalid-state = This state does not exist.
item-invalid-move = This item cannot go straight to that state from where it stands; use one of the buttons offered.
item-invalid-reason = Say why the item is blocked.
item-invalid-due-day = Give a day of the plan, from 0 to the plan's end.
item-invalid-evidence = Give a link starting with https:// or http://.

## Relative times
ago-now = just now
ago-minutes = { $n } min ago
ago-hours = { $n } h ago
ago-days = { $n ->
    [one] { $n } day ago
   *[other] { $n } days ago
}

## CSV export
csv-section = Section
csv-phase = Phase
csv-group = Group
csv-item = Item
csv-state = State
csv-reason = Blocked because
csv-assignee = Assignee
csv-due-day = Due (D+n)
csv-required = Required
csv-evidence = Evidence
csv-changed-by = Changed by
csv-changed-at = Changed at
csv-yes = yes
csv-no = no

## Activity
activity-empty = Nothing has happened yet.
activity-older = Older events
event-item-state-changed = { $actor }: “{ $title }” { $from } → { $to }
event-item-state-changed-via = { $actor }, through the API token “{ $via }”: “{ $title }” { $from } → { $to }
event-item-created = { $actor } added “{ $title }”
event-item-updated = { $actor } edited “{ $title }”
event-item-deleted = { $actor } put “{ $title }” in the trash
event-item-moved = { $actor } moved “{ $title }”
event-user-logged-in = { $actor } signed in
event-user-login-failed = Failed sign-in
event-user-logged-out = { $actor } signed out
event-user-logged-out-everywhere = { $actor } signed out everywhere
event-user-created = { $via ->
    [setup] { $subject } created the first admin account
    [cli] Account for { $subject } created from the command line
   *[admin] { $actor } created an account for { $subject }
}
event-user-updated = { $actor } edited { $subject }'s account
event-user-role-changed = { $actor } changed { $subject }'s role: { $from } → { $to }
event-user-disabled = { $actor } disabled { $subject }'s account
event-user-enabled = { $actor } enabled { $subject }'s account again
event-user-joined-plan = { $actor } made { $subject } a member of this plan
event-user-left-plan = { $actor } took { $subject } out of this plan
event-user-password-reset-issued = { $actor } created a password reset link for { $subject }
event-user-password-reset = { $actor } chose a new password
event-user-password-changed = { $actor } changed their password
event-user-language-changed = { $actor } changed language
event-user-notifications-chosen = { $actor } changed how they are told
event-user-notifications-read = { $actor } marked { $count ->
    [one] a notification
   *[other] { $count } notifications
} read
event-webhook-created = { $actor } added a webhook to { $title }
event-webhook-deleted = { $actor } deleted the webhook to { $title }
event-webhook-disabled = The webhook to { $title } was disabled after { $failures } failed deliveries in a row
event-webhook-enabled = { $actor } enabled the webhook to { $title } again
event-webhook-redelivered = { $actor } sent a change again to { $title }
event-item-late = “{ $title }” is late: it was due { $day }
event-risk-review-due = The review of the risk “{ $title }” is due today
event-token-issued = { $actor } made the API token “{ $title }”
event-token-revoked = { $actor } revoked the API token “{ $title }”
event-user-calendar-link-issued = { $actor } made a new link to their calendar
event-user-calendar-link-revoked = { $actor } stopped the link to their calendar
event-plan-phase-created = { $actor } added phase { $section } “{ $title }”, { $to }
event-plan-phase-updated = { $actor } changed phase { $section } “{ $title }”: { $from } → { $to }
event-plan-phase-linked = { $actor } made phase { $section } start after { $before } “{ $title }”
event-plan-phase-unlinked = { $actor } unlinked phase { $section } from { $before } “{ $title }”
event-item-rehomed = { $actor } moved “{ $title }” from phase { $from } to { $to }
event-plan-phase-removed = { $actor } removed phase { $section } “{ $title }”{ $count ->
    [0] {""}
   *[other] { $via ->
        [trash] , its items to the trash
       *[moved] , its items to { $to }
    }
}
event-plan-imported = Plan loaded
event-plan-archived = Plan archived
event-plan-restored = Plan taken out of the archive
event-unreadable = { $actor } made a change
# Who did it, when no one is known, at the start of a sentence.
event-someone = Someone

## My items, teams
my-empty = No item is assigned to you.
my-open = To do, late items first
my-done = Done
my-export-all = Export the whole checklist as CSV
teams-lead = Lead
teams-members = Members
teams-nobody = nobody
teams-phases = Phases
teams-open = Open items
teams-late = Late
teams-blocked = Blocked

## Communication actions
communication-title = Communication action
communication-new = Add a communication action
communication-channel = Channel
communication-audience = Audience
communication-day = Day (D+n)
communication-owner = Owner
timeline-communications = Communication
timeline-communications-caption = The plan's communication actions
timeline-legend = Teams
channel-newsletter = Newsletter
channel-facebook = Facebook
channel-x = X (Twitter)
channel-instagram = Instagram
channel-press_release = Press release
channel-webinar = Webinar / live
channel-website = Website
channel-partners = Partners
communication-state-planned = Planned
communication-state-in_progress = Under way
communication-state-done = Done
communication-state-cancelled = Cancelled
event-communication-created = { $actor } added the action “{ $title }”
event-communication-updated = { $actor } edited the action “{ $title }”

## Activity filters
activity-all = All
activity-kind = Subject
activity-person = Person
activity-filter = Filter
activity-kind-item = Checklists
activity-kind-communication = Communication
activity-kind-risk = Risks
activity-kind-feedback = Feedback
activity-kind-golive_poll = Go / No-Go
activity-kind-plan = Plan
activity-kind-user = Accounts
activity-kind-webhook = Webhooks
activity-kind-token = API tokens
