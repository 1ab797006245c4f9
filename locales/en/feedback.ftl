## Feedback: the public form
error-too-many-title = One moment, please
error-too-many-message = You have sent a lot of messages in a short time. Please wait a minute, then try again: thank you for your patience.
feedback-new-intro = A problem, an idea, a question or a compliment? Write to us: the support team reads every message.
feedback-field-message = Your message
feedback-message-hint = 5,000 characters at most.
feedback-message-too-long = Your message is longer than 5,000 characters: please shorten it.
feedback-field-category = Category
feedback-choose = Choose…
feedback-field-rating = Rating
feedback-rating-invalid = Choose a rating from 1 to 5.
feedback-rating-1 = 1 – very disappointed
feedback-rating-2 = 2 – disappointed
feedback-rating-3 = 3 – mixed
feedback-rating-4 = 4 – satisfied
feedback-rating-5 = 5 – delighted
feedback-rating-out-of = { $rating }/5
feedback-field-email = Email address (optional)
feedback-email-hint = Only if you would like an answer; it is used for nothing else.
feedback-honeypot = Leave this field empty
feedback-send = Send
feedback-thanks-title = Thank you for your feedback
feedback-thanks-message = Your message has arrived. The support team will read it carefully.
feedback-send-another = Send another message
feedback-entered = Feedback saved.
feedback-category-bug = Bug
feedback-category-idea = Idea
feedback-category-question = Question
feedback-category-praise = Praise
feedback-status-new = New
feedback-status-acknowledged = Acknowledged
feedback-status-planned = Planned
feedback-status-resolved = Resolved
feedback-status-closed = Closed

## Feedback: the triage list
feedback-list-title = Users' feedback
feedback-see-trends = Trends
feedback-export = Export as CSV
feedback-enter = Enter feedback
feedback-counts-label = Feedback per status
feedback-filters-label = Filter the feedback
feedback-search = Search
feedback-field-status = Status
feedback-filter-any = All
feedback-filter-any-day = Any day
feedback-filter-from = Sent from
feedback-filter-to = Sent until
feedback-filter-merged = Show merged duplicates
feedback-filter-apply = Filter
feedback-filter-reset = Show all
feedback-list-summary = { $count ->
    [0] No feedback matches.
    [one] { $count } piece of feedback
   *[other] { $count } pieces of feedback
}
feedback-list-empty = No feedback to show with these filters.
feedback-list-caption = Feedback, newest first
feedback-col-message = Message
feedback-col-sent = Sent on
feedback-merged-tag = merged
feedback-duplicates = { $count ->
    [one] +{ $count } duplicate
   *[other] +{ $count } duplicates
}
feedback-pages-label = Pages of the list
feedback-page-of = Page { $page } of { $pages }
feedback-previous = Previous page
feedback-next = Next page

## Feedback: one entry
feedback-merged-into = This feedback is a duplicate, merged into another.
feedback-see-original = See the original feedback
feedback-source = Source
feedback-source-public = Public form
feedback-source-support = Entered by support
feedback-contact = Contact
feedback-no-contact = No address left
feedback-unassigned = Nobody
feedback-field-risk = Risk that happened
feedback-field-risk-happened = This risk happened
feedback-no-risk = No risk
feedback-field-item = Checklist item
feedback-no-item = No item
feedback-duplicates-title = Duplicates
feedback-tags = Tags
feedback-no-tags = No tags.
feedback-tag-add-label = New tag
feedback-tag-add = Add the tag
feedback-tag-remove = Remove the tag “{ $tag }”
feedback-triage = Triage
feedback-saved = Feedback updated.
feedback-conflict = status “{ $status }”.
feedback-conflict-merge = merging this feedback.
feedback-notes = Internal notes
feedback-notes-help = Seen by the team only, never by the public.
feedback-no-notes = No notes yet.
feedback-note-add-label = New note
feedback-note-hint = What the team should know: diagnosis, answer sent, next step.
feedback-note-add = Add the note
feedback-note-added = Note added.
feedback-merge = Merge a duplicate
feedback-merge-help = Does this feedback say the same as another? Merge it: it keeps a link to the other, which counts one more duplicate.
feedback-merge-into = Original feedback
feedback-merge-submit = Merge into this feedback
feedback-merged = Duplicate merged: here is the original feedback.

## Feedback: trends
feedback-trends-title = Feedback trends
feedback-trends-intro = The feedback received on each day of the support period, by category, and the day's average rating.
feedback-trends-overview = Feedback since launch
feedback-trends-no-period = This plan has no support period after launch day.
feedback-trends-not-started = The support period starts on { $start }.
feedback-trends-earlier = { $count ->
    [0] No feedback came in before it.
    [one] One piece of feedback came in before it.
   *[other] { $count } pieces of feedback came in before it.
}
feedback-trends-chart-title = Feedback per day and category, and average rating
feedback-trends-chart-desc = At the top, one bar per day stacks the feedback of each category, each with its own pattern; at the bottom, one dot per day gives the average rating, from 1 to 5. The table that follows gives the same figures.
feedback-trends-entries = Feedback
feedback-trends-average = Average rating
feedback-trends-total = Total
feedback-trends-day = Day
feedback-trends-show-table = The figures, day by day
feedback-trends-table-caption = Feedback per day and category
feedback-trends-segment-title = { $day } · { $category }: { $count }
feedback-trends-average-title = { $day } · average rating { $average }

## Feedback: the CSV export's header
feedback-csv-id = Id
feedback-csv-sent-at = Sent at (UTC)
feedback-csv-day = Plan day
feedback-csv-category = Category
feedback-csv-rating = Rating
feedback-csv-status = Status
feedback-csv-message = Message
feedback-csv-email = Email address
feedback-csv-tags = Tags
feedback-csv-assignee = Assignee
feedback-csv-duplicates = Duplicates
feedback-csv-merged-into = Merged into

## Feedback: the activity feed (the public's words stay on the entry)
event-feedback-created = New feedback received
event-feedback-created-via = New feedback received through the API token “{ $via }”
event-feedback-status-changed = { $actor } changed the status of a piece of feedback
event-feedback-assigned = { $actor } assigned a piece of feedback
event-feedback-risk-linked = { $actor } linked a piece of feedback to a risk
event-feedback-item-linked = { $actor } linked a piece of feedback to a checklist item
event-feedback-tag-added = { $actor } tagged a piece of feedback
event-feedback-tag-removed = { $actor } removed a tag from a piece of feedback
event-feedback-note-added = { $actor } added an internal note to a piece of feedback
event-feedback-merged = { $actor } merged a piece of feedback as a duplicate of another
