## Wall screens and the calendar link (/screens)
screens-title = Wall screens and links
screens-lead = The addresses that show the plan outside the dashboard: each wall screen has its own, and so does the calendar feed. Whoever has an address sees the page: revoke one that travels too far.
screens-kiosk = Wall screens
screens-kiosk-help = Each screen shows the countdown full-screen, with no sign-in and no control, and keeps itself up to date. Revoking a screen turns off that one alone.
screens-none = No wall screen yet.
screens-caption = Each screen, its link and when it was last seen
screens-col-name = Screen
screens-col-link = Address
screens-col-seen = Last seen
screens-col-actions = Actions
screens-created = Created { $when }
screens-seen = Seen { $ago }
screens-never-seen = Never opened
screens-copy = Copy
screens-copied = Copied
screens-link-unreadable = Address made before named screens, never kept: create a screen and revoke this one.
screens-revoke = Revoke
screens-field-name = New screen's name ("Open space", "Reception")
screens-create = Create the screen
screens-name-taken = A screen already has this name.
screens-created-flash = Screen "{ $name }" created: open its address on the screen.
screens-revoked-flash = Screen "{ $name }" no longer shows the countdown.
screens-calendar = Calendar feed (iCalendar)
screens-calendar-help = The phases, the launch and the communication actions, for a subscription in a calendar app. One address at a time: replacing it stops the old one.
screens-calendar-none = No live link.
screens-calendar-issue = Create the link
screens-calendar-reissue = Replace the link
screens-calendar-revoke = Revoke the link
screens-calendar-issued = New calendar feed link; the old one no longer works.
screens-calendar-revoked = The calendar feed link no longer works.
plan-links-on-screens = The wall screens and the calendar feed, with their addresses to copy or revoke
event-plan-screen-created = { $actor } created the wall screen "{ $title }"
event-plan-screen-revoked = { $actor } revoked the wall screen "{ $title }"

## The wall screen (/kiosk/…)
kiosk-reconnecting = Reconnecting…
kiosk-reconnecting-help = The server does not answer. The screen keeps trying and comes back as soon as it does.
kiosk-more = { $n ->
    [one] + { $n } more
   *[other] + { $n } more
}
