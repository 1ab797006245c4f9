## Dates
day-label = D{ $n }
date-short = { $weekday } { $day } { $month }
weekday-1 = Mon
weekday-2 = Tue
weekday-3 = Wed
weekday-4 = Thu
weekday-5 = Fri
weekday-6 = Sat
weekday-7 = Sun
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

## Layout
skip-to-content = Skip to content
nav-label = Main navigation
language-label = Language
logout = Sign out
nav-overview = Overview
nav-timeline = Timeline
nav-my = My items
nav-teams = Teams
nav-risks = Risks
nav-countdown = Countdown
nav-golive = Go / No-Go
nav-feedback = Feedback
nav-activity = Activity
nav-admin-users = Users
nav-admin-plan = Plan settings
nav-screens = Wall screens
feedback-new-title = Send feedback
setup-title = First administrator

## Errors
error-summary-title = There is a problem
error-back-home = Back to the overview
error-not-found-title = Page not found
error-not-found-message = This page does not exist or has moved.
error-forbidden-title = Access denied
error-forbidden-message = Your role does not allow this.
error-archived-title = Archived plan
error-archived-message = This plan is archived: it can be read, not changed. An admin can take it out of the archive.
plan-archived-banner = This plan is archived: read only.
error-csrf-title = Form expired
error-csrf-message = This form has expired. Reload the page and try again: nothing was changed.
error-too-large-title = Too much sent
error-too-large-message = What you sent is over the size allowed. Shorten it and try again.
error-control-characters-title = Characters not allowed
error-control-characters-message = What you sent contains invisible control characters, which are not allowed. Remove them and try again: nothing was changed.
error-unavailable-title = Temporarily unavailable
error-unavailable-message = The database is not answering. Try again in a moment: nothing was lost.
error-busy-title = Busy for a moment
error-busy-message = Many passwords are being checked right now. Try again in a few seconds: nothing was lost.
error-internal-title = Unexpected error
error-internal-message = Something unexpected went wrong. It has been logged; try again in a moment.

## Login
login-title = Sign in
login-email = Email address
login-password = Password
login-submit = Sign in
login-failed = Wrong email address or password.

## Overview
overview-today = Today
overview-countdown = Launch
overview-readiness = Readiness (required items)
overview-phases = Phases
overview-see-timeline = See the whole timeline
overview-forecast = Forecast
overview-drift = { $phase } is { $late ->
    [one] 1 day
   *[other] { $late } days
} late: its open items end it on { $forecast }, not { $end }.
overview-drift-launch = With its successors the launch would move by { $days ->
    [one] 1 day
   *[other] { $days } days
}.
overview-drift-absorbed = Its slack absorbs it: the launch keeps its day.
overview-drift-headline = At this pace the launch would move from { $from } to { $to }.
overview-forecast-help = Forecast from each phase's open items: their due days, and the pace at which it has closed items so far. Nothing moves until an admin changes the phases.
countdown-days-left = { $days ->
    [one] Launch in { $days } day
   *[other] Launch in { $days } days
}
countdown-launch-day = It is launch day
countdown-after-launch = Post-launch support · { $day }
progress-count = { $done } of { $total } done
progress-required = { $done } of { $total } required done

## Timeline
timeline-title = Launch timeline
timeline-today-is = today:
timeline-chart-title = Gantt chart of the plan's phases
timeline-chart-desc = Each bar is a phase, from its first to its last day, in its team's colour; the dark part shows the items done. The table below the chart gives the same facts.
timeline-table-caption = The plan's phases, their days, teams and progress
timeline-today = Today · { $day }
timeline-launch = Launch · { $day }
timeline-bar-title = { $name } · { $start } – { $end } · { $team } · { $done }/{ $total } done · { $state }
stage-deployment = Deployment
stage-launch = Launch
phase-state-upcoming = Upcoming
phase-state-active = Under way
phase-state-done = Done
phase-state-late = Late

## Tables
col-section = Section
col-phase = Phase
col-days = Days
col-dates = Dates
col-team = Team
col-progress = Progress
col-state = State
col-item = Item
col-assignee = Assignee
col-due = Due
col-last-change = Last change

## Phase checklist
phase-gate = Phase gate
phase-gate-open = open
phase-gate-closed = closed
phase-items-caption = The phase's checklist items
item-required = required
item-evidence = evidence
item-unassigned = unassigned
item-late = late
item-drift = +{ $days } d
someone = someone
item-state-todo = To do
item-state-in_progress = In progress
item-state-done = Done
item-state-blocked = Blocked

## Forms
field-email = Email address
field-name = Display name
field-role = Role
field-new-password = New password
field-password-confirmation = Confirm the password
field-current-password = Current password
password-rules = At least 12 characters, hard to guess: a phrase of several words works well.
save = Save
invalid-required = This field is required.
invalid-email = This email address is not valid.
invalid-email-taken = An account already uses this email address.
invalid-too-long = This is too long.
invalid-control-characters = Keep this to one line, without tabs or invisible characters.
invalid-password-short = The password needs at least 12 characters.
invalid-password-common = This password is too easy to guess: make it longer or use less common words.
invalid-passwords-differ = The two passwords are not the same.
invalid-choice = Choose a value from the list.
conflict-message = Someone else changed this meanwhile; the form now shows what is stored. Your change, not applied:
conflict-account = name “{ $name }”, role { $role }.

## Roles
role-admin = Administrator
role-lead = Team lead
role-member = Member
role-viewer = Viewer
team-none = No team

## First admin, password reset
setup-intro = Create the first administrator account. This link works once.
setup-submit = Create the administrator account
reset-title = Choose a new password
reset-submit = Save the password
reset-done = Your password is saved. Sign in with it.
login-throttled = Too many sign-in attempts. Wait a quarter of an hour before trying again, or ask an administrator for a reset link.

## User administration
admin-users-caption = The accounts, active ones first
admin-new-user = Add an account
admin-new-user-help = The account is created without a password: pass on the one-time link shown next to its owner, who chooses theirs there.
admin-create-user = Create the account
admin-user-created = Account created. Pass on this one-time link (valid 72 hours) so its owner chooses a password: { $link }
admin-edit-user = Name, role and team
admin-user-saved = Changes saved.
admin-own-role = You cannot remove your own administrator role.
admin-own-disable = You cannot disable your own account.
admin-access = Access
admin-user-plans = Plans
admin-user-plans-help = The plans this account may read and switch between. Admins read every plan.
admin-user-member = Member
admin-user-join-plan = Add to
admin-user-leave-plan = Take out of
admin-user-joined-plan = Now a member of { $plan }.
admin-user-left-plan = No longer a member of { $plan }.
admin-issue-reset = Create a password reset link
admin-reset-link = One-time reset link (valid 24 hours): { $link }
admin-disable = Disable the account
admin-enable = Enable the account
admin-user-disabled = Account disabled: its sessions have ended.
admin-user-enabled = Account enabled.
account-disabled = Disabled
account-active = Active
account-disabled-help = This account is disabled: it can no longer sign in.

## Own account
account-title = My account
account-language = Interface language
account-password = Password
account-change-password = Change the password
account-wrong-password = This is not your current password.
account-password-throttled = Too many wrong passwords. Wait a quarter of an hour before trying again.
account-password-changed = Password changed. Your other sessions have ended.
account-sessions = Sessions
account-sessions-help = Signs this account out on every device, this one included.
account-logout-everywhere = Sign out everywhere
account-saved = Preference saved.

# The inbox (issue 18)
nav-notifications = Notifications
notifications-empty = Nothing for you yet: here you will see who mentions you, what is given to you and what blocks your team.
notifications-mark-all-read = Mark all as read
notifications-mark-read = Mark as read
notifications-unread-short = unread
notification-mention = Mention
notification-assigned = Assigned to you
notification-blocked = Blocked in your team
notification-poll-opened = Poll open
notification-no-go = No-Go
notification-feedback-assigned = Feedback assigned
notification-late = Late in your team
notification-review-due = Risk review due
notification-webhook-disabled = Webhook disabled
notifications-unread = { $count ->
    [0] All read.
    [one] One unread notification.
   *[other] { $count } unread notifications.
}

# E-mail (issue 18)
mail-subject = [Launch Control] { $reason } — { $text }
mail-open = See it on Launch Control
mail-why = You get this e-mail because you chose to be told of this kind of change.
mail-settings = Choose what you receive
mail-unsubscribe = Stop e-mails of this kind
account-notifications = Notifications
account-notifications-help = For each reason to be told: in your inbox only, or by e-mail too, at once.
account-notifications-no-mail = This server sends no e-mail (no SMTP settings): everything arrives in your inbox.
delivery-inbox = Inbox only
delivery-email = E-mail at once
unsubscribe-title = Launch Control e-mails
unsubscribe-help = This link stops e-mails of this kind. You will still see them in your inbox.
unsubscribe-button = Stop these e-mails
unsubscribe-done = Done: you will get no more e-mails of this kind. They stay in your inbox.
unsubscribe-account = Choose what you receive (after signing in)
admin-mail-on = E-mail on: everyone gets their notifications by e-mail if they want.
admin-mail-off = E-mail off (no SMTP_HOST): notifications stay in each inbox, and welcome and password links are yours to pass on.
mail-welcome-title = Welcome to Launch Control
mail-welcome-lead = Hello { $name }, an account awaits you on the launch dashboard. Choose your password to open it.
mail-welcome-button = Choose my password
mail-reset-title = Your link to change your password
mail-reset-lead = Hello { $name }, an admin sends you this link to choose a new password.
mail-reset-button = Choose a new password
mail-link-note = This link works once, for { $hours ->
    [one] one hour
   *[other] { $hours } hours
}. If you did not expect this e-mail, ignore it.
admin-link-mailed = The link was e-mailed to { $email }.
admin-user-created-mailed = Account created. The link to choose its password was e-mailed to { $email }.
delivery-digest = In the 8 a.m. digest
mail-digest-title = Your digest of { $day }
mail-digest-mine = My items
mail-digest-team = My team
mail-digest-late = Late
mail-digest-today = Due today
mail-digest-blocked = Blocked
mail-digest-changed = What changed
mail-digest-nothing = Nothing late, nothing due today, nothing blocked.
mail-digest-due = due { $day }

## Own calendar (issue 19)
account-calendar = My calendar
account-calendar-help = Subscribe to this address in your calendar app: the phases, the launch, the communication actions, and the due days of your items and your team's. Anyone with the address can read it: make a new one if it leaks.
account-calendar-issue = Make my calendar link
account-calendar-reissue = New link (stops this one)
account-calendar-revoke = Stop the link
account-calendar-issued = Your calendar link is ready; the previous one no longer works.
account-calendar-revoked = Your calendar link no longer works.
ics-item-mine = Assigned to you
ics-item-team = Your team's

## Phase editing (issue 20)
phase-edit-title = Edit phase
phase-edit-link = Edit the phase
phase-edit-fields = The phase
phase-start-day = First day (J+n)
phase-end-day = Last day (J+n)
phase-days-help = Days are counted from the kickoff (J+0). Its items move with its first day; the phases that start after it move as the preview shows before anything is stored.
phase-invalid-end = The last day cannot come before the first.
phase-conflict = Someone changed this phase meanwhile: here it is as it is now. Make your change again.
phase-preview = These phases move too
phase-preview-move = { $phase }: { $from } → { $to } ({ $signed } { $days ->
    [one] day
   *[other] days
})
phase-preview-after-launch = it would end on or after launch day
phase-preview-apply = Apply all the changes
phase-preview-cancel = Change nothing
phase-saved = Phase saved.
phase-section = Section (as numbered in the plan: 2.3)
phase-stage = Stage
phase-place = Place in the plan
phase-place-first = First
phase-place-after = After { $phase }
phase-section-taken = Another phase already has this section.
phase-new-title = Add a phase
phase-new-link = Add a phase
phase-add = Add the phase
phase-added = Phase added.
phase-links = Starts after
phase-links-help = A phase that starts after another moves with it: when the other ends later, this one starts later by as many days.
phase-links-none = It starts after no other phase.
phase-link-before = Phase it starts after
phase-link-lag-field = Days between them
phase-link-lag = { $phase }, { $lag ->
    [one] 1 day after
   *[other] { $lag } days after
}
phase-link-add = Link
phase-link-remove = Remove
phase-link-cycle = { $phase } already comes before { $before } ({ $cycle }): starting it after { $before } would make a circle.
phase-invalid-lag = Enter a number of days from 0 to 365.
phase-linked = Link saved.
phase-unlinked = Link removed.

## Critical path (issue 20)
col-slack = Slack
timeline-critical = Critical path
timeline-slack = { $days ->
    [one] 1 day to spare
   *[other] { $days } days to spare
}
timeline-after-launch = After launch
phase-remove-title = Remove phase
phase-remove-link = Remove the phase
phase-remove-items = It holds { $open ->
    [one] one item
   *[other] { $open } items
}{ $trashed ->
    [0] {""}
   *[other] {" "}(and { $trashed } in the trash)
}: choose where they go, so that none is lost.
phase-remove-target-label = Phase they go to
phase-remove-fate = What becomes of them
phase-remove-move = Move them to that phase
phase-remove-trash = Put them in the trash (restored, they go to that phase)
phase-remove-empty = It holds no item.
phase-remove-confirm = Remove the phase
phase-remove-target = Choose the phase its items go to.
phase-removed = Phase removed.
plans-title = Plans
plans-caption = The plans of this installation
plans-created = Created
plans-content = Content
plans-in-use = In use
plans-archive = Archive
plans-archived = Archived
plans-do-archive = Archive
plans-restore = Take out of the archive
plan-archived = { $name } is archived: read only.
plan-restored = { $name } is out of the archive.
plan-switch-label = Plan
plan-switch-submit = Show
plans-counts = { $phases ->
    [one] 1 phase
   *[other] { $phases } phases
}, { $items ->
    [one] 1 item
   *[other] { $items } items
}
import-title = Import a plan document
import-help = A Markdown document written like the Lootopia plan: a title, sections and numbered phases as headings, items as bullets (a bold label opening a bullet with bullets under it is their group), the calendar table giving each phase its days (J+1 - J+5) and team, the risks with their impact and mitigation. French and English headings both read. UTF-8 text, 256 KB at most. Nothing is stored until you confirm the preview.
import-file = Plan document (Markdown)
import-read = Read the document
import-preview = Preview:
import-summary = { $phases ->
    [one] 1 phase
   *[other] { $phases } phases
}, { $items ->
    [one] 1 item
   *[other] { $items } items
}, { $teams ->
    [one] 1 team
   *[other] { $teams } teams
}, { $risks ->
    [one] 1 risk
   *[other] { $risks } risks
}, { $actions ->
    [one] 1 communication action
   *[other] { $actions } communication actions
}; launch on { $launch }.
import-unread = Lines not understood
import-line = Line
import-skipped-section = Section “{ $title }” (line { $line }) is not imported.
import-confirm = Create this plan
import-phases = Phases and their items
import-risks = Risks
import-actions = Communication actions
import-unreadable = The upload could not be read. Choose the file again.
import-empty = The file is empty.
import-not-text = This file is not UTF-8 text: save the document as Markdown (.md) and choose it again.
import-nothing = No phase could be read from this document: it needs numbered phase headings (### 2.1 …) and a calendar table giving their days.
import-failed = This plan could not be stored. Nothing was created; check the lines below.
import-untitled = Imported plan
import-done = Plan “{ $name }” created: { $phases ->
    [one] 1 phase
   *[other] { $phases } phases
}, { $items ->
    [one] 1 item
   *[other] { $items } items
}.
import-why-not-understood = not a heading, bullet or table row this section expects
import-why-outside-phase = a bullet before any phase heading
import-why-no-section = a phase heading without its number (2.1)
import-why-bad-days = days not written J+n or J+n - J+m
import-why-unknown-phase = names no phase of the document
import-why-no-days = the calendar gives this phase no days: left out with its items
import-why-same-section = a second phase with this number
plan-file-unreadable = not a plan file this can read ({ $detail })
plan-file-not-a-plan = not a Launch Control plan file
plan-file-newer = written by a later version of Launch Control (format { $version })
plan-file-checksum = the checksum does not match: the file was changed after it was exported
plan-file-unknown-team = no team “{ $team }” in the file
plan-file-unknown-item = no item { $number } in phase { $section }
plan-file-unknown-phase = no phase { $section } in the file
plan-file-same-section = a second phase { $section }
plan-file-same-team = a second team “{ $team }”
plan-file-cycle = phase { $section } would start after itself through its links
plan-file-day = day { $day } is outside the plan
plan-file-level = { $level } is not a level from 1 to 5
plan-file-empty = empty where text is required
plan-file-time-zone = unknown time zone “{ $zone }”
export-title = Export this plan
import-file-problems = This plan file cannot be imported:
import-help-file = A plan file exported from Launch Control (JSON, sealed with its checksum) is imported whole, with its states, reviews and links, as a new plan.
import-strangers = No account here for { $people }: their items and reviews were kept without them.
plan-copy-title = New plan from this one
plan-copy-help = A new plan made from “{ $plan }”: its teams, phases, items, anchors, links, risks and communication actions, with every item to do again, every action planned and every risk open without its reviews; its kickoff (D0) is the date you give.
plan-copy-submit = Make the new plan
plan-copied = Plan “{ $name }” created from this one.
