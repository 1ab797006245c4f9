## Risk register
risk-register-title = Risk register
risk-register-caption = Risks, highest score first
risk-title = Risk
risk-new = New risk
risk-create = Create the risk
risk-new-items-hint = Once the risk is created, link the checklist items that reduce it.
risk-edit = Edit the risk
risk-none = —
risk-choose = Choose…
risk-not-estimated = Not estimated
risk-no-items = No item linked
risk-list-empty = No risk matches these filters.
risk-summary = { $count ->
    [one] { $count } risk
   *[other] { $count } risks
  }{ $overdue ->
    [0] {""}
   *[other] , { $overdue } with an overdue review
  }

## Fields
risk-field-title = Title
risk-field-impact-description = Impact
risk-field-score = Current score
risk-field-likelihood = Likelihood
risk-field-impact = Impact
risk-field-residual = Residual score (once mitigation is done)
risk-field-residual-hint = Optional: leave both empty if it is not estimated.
risk-field-owner = Owner team
risk-field-treatment = Treatment
risk-field-mitigation = Mitigation
risk-field-status = Status
risk-field-next-review = Next review
risk-field-day-hint = A day of the plan, e.g. 12 for D+12; empty if no review is planned.
risk-invalid-score = Choose a level from 1 to 5.
risk-invalid-day = Give a day of the plan, from 0 to the plan's end.

## Levels, bands, statuses, treatments
risk-likelihood-1 = 1 · Rare
risk-likelihood-2 = 2 · Unlikely
risk-likelihood-3 = 3 · Possible
risk-likelihood-4 = 4 · Likely
risk-likelihood-5 = 5 · Almost certain
risk-impact-1 = 1 · Negligible
risk-impact-2 = 2 · Minor
risk-impact-3 = 3 · Moderate
risk-impact-4 = 4 · Major
risk-impact-5 = 5 · Severe
risk-band-low = Low
risk-band-medium = Medium
risk-band-high = High
risk-band-range = { $band } (score { $low } to { $high })
risk-score-label = { $likelihood } × { $impact } = { $score } · { $band }
risk-status-open = Open
risk-status-mitigating = Mitigating
risk-status-accepted = Accepted
risk-status-closed = Closed
risk-treatment-mitigate = Mitigate
risk-treatment-accept = Accept
risk-treatment-avoid = Avoid
risk-treatment-transfer = Transfer

## Register columns and filters
risk-col-score = Score
risk-col-risk = Risk
risk-col-residual = Residual score
risk-col-mitigation = Mitigation
risk-review-overdue = Review overdue
risk-filters-label = Filter the risks
risk-filter-active = All but closed
risk-filter-all = All statuses
risk-filter-all-teams = All teams
risk-filter-apply = Filter
risk-filter-reset = Reset
risk-filter-cell = likelihood { $likelihood } × impact { $impact }
risk-filter-every-cell = every cell

## Heat map
risk-heatmap-title = Risk heat map
risk-heatmap-x = Likelihood
risk-heatmap-y = Impact
risk-heatmap-desc = { $count ->
    [one] { $count } risk
   *[other] { $count } risks
  } placed by likelihood (1 to 5, left to right) and impact (1 to 5, bottom to top): { $high } in the high band, { $medium } in the medium band, { $low } in the low band.
risk-heatmap-cell = Likelihood { $likelihood } × impact { $impact } = { $score } ({ $band }): { $count ->
    [one] { $count } risk
   *[other] { $count } risks
  }
risk-heatmap-legend = Bands
risk-heatmap-as-table = Show the map as a table
risk-heatmap-table-caption = Number of risks by likelihood and impact

## A risk's page
risk-review-overdue-message = This risk's review date has passed: review it.
risk-items-title = Mitigation items
risk-items-caption = Checklist items that reduce this risk
risk-items-empty = No checklist item is linked to this risk yet.
risk-item-choose = Link a checklist item
risk-item-link = Link
risk-item-unlink = Unlink
risk-item-linked = “{ $item }” is linked to the risk.
risk-item-unlinked = “{ $item }” is no longer linked to the risk.
risk-review-title = Review the risk
risk-review-reason = Reason for the review
risk-review-scores = New scores
risk-review-next = Next review (optional)
risk-review-next-hint = A day of the plan, e.g. 20 for D+20; empty to keep the current date.
risk-review-submit = Record the review
risk-reviews-title = Reviews
risk-reviews-empty = No review yet.
risk-created = Risk “{ $title }” created.
risk-saved = Risk saved.
risk-reviewed = Review recorded.
risk-conflict-edit = “{ $title }”, score { $score }, status { $status }.
risk-conflict-review = review “{ $reason }”, score { $score }.

## Activity
event-risk-created = { $actor } added the risk “{ $title }”
event-risk-updated = { $actor } changed the risk “{ $title }”
event-risk-reviewed = { $actor } reviewed the risk “{ $title }”
event-risk-item-linked = { $actor } linked an item to the risk “{ $title }”
event-risk-item-unlinked = { $actor } unlinked an item from the risk “{ $title }”

## Export
risk-csv-title = Risk
risk-csv-impact-description = Impact
risk-csv-likelihood = Likelihood
risk-csv-impact = Severity
risk-csv-score = Score
risk-csv-band = Band
risk-csv-residual-likelihood = Residual likelihood
risk-csv-residual-impact = Residual severity
risk-csv-residual-score = Residual score
risk-csv-owner = Owner team
risk-csv-treatment = Treatment
risk-csv-status = Status
risk-csv-mitigation = Mitigation
risk-csv-items-done = Items done
risk-csv-items-total = Items linked
risk-csv-next-review = Next review
risk-csv-overdue = Review overdue
