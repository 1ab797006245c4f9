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
feedback-new-title = Send feedback
setup-title = First administrator
coming-soon-message = This page is coming soon: it is part of the dashboard's next steps.
coming-soon-timeline = See the launch timeline

## Errors
error-back-home = Back to the overview
error-not-found-title = Page not found
error-not-found-message = This page does not exist or has moved.
error-forbidden-title = Access denied
error-forbidden-message = Your role does not allow this.
error-csrf-title = Form expired
error-csrf-message = This form has expired. Reload the page and try again: nothing was changed.
error-too-large-title = Too much sent
error-too-large-message = What you sent is over the size allowed. Shorten it and try again.
error-unavailable-title = Temporarily unavailable
error-unavailable-message = The database is not answering. Try again in a moment: nothing was lost.
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
