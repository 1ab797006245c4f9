## Overview
overview-phase-required = { $done }/{ $total } required
overview-today-marker = Today · { $day }
overview-risk-score = score { $score } ({ $likelihood } × { $impact })
overview-kickoff-in = { $days ->
    [one] Kickoff in { $days } day
   *[other] Kickoff in { $days } days
}
overview-missed = Launch on HOLD · { $day }
overview-plan-over = Plan over · { $day }
overview-see-countdown = Open the countdown
overview-see-golive = See the Go / No-Go poll
overview-top-risks = Top risks
overview-no-risk = No open risk.
overview-latest-activity = Latest activity
overview-see-activity = All activity
overview-objectives = Objectives
attention-title = Needs attention
attention-blocked = Blocked items
attention-none-blocked = No blocked item.
attention-late = { $count ->
    [0] No late item
    [one] 1 late item
   *[other] { $count } late items
}
attention-due = { $count ->
    [0] No item due in the next { $days } days
    [one] 1 item due in the next { $days } days
   *[other] { $count } items due in the next { $days } days
}
attention-to-triage = { $count ->
    [0] No feedback to triage
    [one] 1 piece of feedback to triage
   *[other] { $count } pieces of feedback to triage
}
phase-blocked = { $count ->
    [one] 1 blocked
   *[other] { $count } blocked
}
col-blocked = Blocked

## Countdown
countdown-days-caption = { $days ->
    [one] calendar day to launch day
   *[other] calendar days to launch day
}
countdown-left-caption = to the launch moment, { $time } { $zone }
countdown-explain = { $days }: { $days_caption } · { $left } { $left_caption }
countdown-missed-caption = Plan day · launch on HOLD
countdown-d-day = D-Day
countdown-support-caption = Post-launch support
countdown-time-left = { $days } d { $hours } h { $minutes } min
countdown-today = Today: { $day }
countdown-launch-at = Launch:
countdown-unit-days = { $n ->
    [one] day
   *[other] days
}
countdown-unit-hours = { $n ->
    [one] hour
   *[other] hours
}
countdown-unit-minutes = { $n ->
    [one] minute
   *[other] minutes
}
countdown-unit-seconds = { $n ->
    [one] second
   *[other] seconds
}
countdown-actions-today = Today's communication
countdown-no-action = No communication action today.
countdown-manage-kiosk = Wall screens: create, copy or revoke their links

## Go / No-Go
golive-title = Go / No-Go poll
golive-rule = The launch is GO when every team has voted Go or Conditional Go and no required item due before launch day is open; otherwise it is on HOLD. The launch day's own required items are the launch actions: counted in readiness, they never hold GO.
golive-go = GO
golive-hold = HOLD
golive-status-none = The poll is not open yet.
golive-status-open = Poll open since { $since }.
golive-status-closed = Poll closed on { $at }: decision { $decision }.
golive-hold-waiting = No vote yet: { $teams }
golive-hold-no-go = { $team }: No-Go — { $reason } (deciding again { $again })
golive-hold-items = { $phase }: { $count ->
    [one] { $count } required item open
   *[other] { $count } required items open
}
golive-hold-closed = The poll closed on HOLD on { $at }: open a new poll to decide again.
golive-holds = What holds the launch
launch-launched = Launched on { $at } after a GO, on the votes of { $votes }.
launch-missed = The launch moment ({ $at }) passed without GO: the launch stays on HOLD.
launch-vote = { $team } ({ $vote }, { $voter })
launch-actions = Launch actions
launch-actions-count = Launch actions: { $done } of { $total } done
launch-actions-help = The required items due on launch day ({ $day }): the launch itself, which GO authorises. Counted in readiness, they never hold GO.
golive-vote-go = Go
golive-vote-conditional-go = Conditional Go
golive-vote-no-go = No-Go
golive-no-vote = No vote yet
golive-open = Open the poll
golive-close = Close the poll: decision { $decision }
golive-your-vote = Your vote
golive-field-vote = The team's vote
golive-field-comment = Comment
golive-comment-hint = Required for a No-Go: the reason.
golive-field-risk = Accepted risk
golive-risk-hint = Required for a Conditional Go.
golive-choose-risk = — Choose a risk —
golive-risk-choice = { $title } (score { $score })
golive-field-again = Date to decide again
golive-again-hint = Required for a No-Go: when the team will decide again.
golive-submit = Save the vote
golive-teams-caption = Each team's current vote
golive-col-vote = Vote
golive-col-comment = Comment
golive-col-again = Deciding again
golive-col-voter = By
golive-accepted-risk = Accepted risk:
golive-history = Every vote
golive-history-empty = No vote yet.
golive-invalid-vote = Choose Go, Conditional Go or No-Go.
golive-invalid-reason = Give the reason for the No-Go.
golive-invalid-date = Give the date when the team will decide again.
golive-invalid-date-past = Choose a date from today on.
golive-invalid-risk = Choose the risk the team accepts.
golive-vote-saved = Vote saved.
golive-conflict = Another vote was saved for your team meanwhile; it is shown above. Yours was not saved: check, then vote again.
golive-closed-meanwhile = The poll was closed meanwhile: your vote was not saved.
golive-opened = The Go / No-Go poll is open.
golive-already-open = A poll is open already.
golive-not-open = No poll is open.
golive-closed = Poll closed: decision { $decision }.

## Plan settings
plan-settings = The plan
plan-settings-help = Every date of the plan is a day D+n: moving D0 moves them all.
plan-summary = D0: { $kickoff } — launch { $launch } at { $time } ({ $zone })
plan-kickoff-unconfirmed = The kickoff date (D0) is the day the dashboard first started: save the real date.
plan-field-name = Plan name
plan-field-description = Description (the plan's objectives)
plan-field-description-hint = Shown on the overview. Plain text: separate paragraphs with a blank line, start bullets with "- ".
plan-field-kickoff = Kickoff date (D0)
plan-field-launch-day = Launch day (D+n)
plan-field-launch-time = Launch time
plan-field-time-zone = Time zone
plan-invalid-date = Give a date (YYYY-MM-DD).
plan-invalid-launch-day = Give a day of the plan, from 1 to its end.
plan-invalid-time = Give a time (HH:MM).
plan-invalid-time-zone = Choose a time zone from the list.
plan-saved = Plan settings saved.
plan-conflict = name “{ $name }”, D0 { $kickoff }.
plan-links = Secret links

## Calendar feed
ics-phase-description = { $team } · { $days } · { $done }/{ $total } done
ics-launch = Launch · { $plan }
ics-launch-description = { $day } at { $time } ({ $zone })

## Activity
event-plan-updated = { $actor } changed the settings of the plan “{ $title }”
event-plan-kiosk-link-issued = { $actor } created a wall-screen link
event-plan-kiosk-link-revoked = { $actor } revoked the wall-screen link
event-plan-calendar-link-issued = { $actor } created a calendar feed link
event-plan-calendar-link-revoked = { $actor } revoked the calendar feed link
event-golive-opened = { $actor } opened the Go / No-Go poll
event-golive-voted-go = { $actor } voted Go for { $title }
event-golive-voted-conditional-go = { $actor } voted Conditional Go for { $title }
event-golive-voted-no-go = { $actor } voted No-Go for { $title }
event-golive-decided-go = { $actor } closed the Go / No-Go poll: decision GO
event-golive-decided-hold = { $actor } closed the Go / No-Go poll: decision HOLD
