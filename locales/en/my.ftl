## What needs me (/my)
my-assigned = Assigned to you
my-team-all = Your team's open items, most urgent first
my-team-untaken = Your team's open items nobody has taken
my-actions = Communication actions to carry out
my-feedback = Feedback assigned to you
my-vote-awaited = Your team's Go / No-Go vote is awaited.
my-vote-link = Vote

## The item page
item-actions-title = Change the state
item-evidence-open = Open the evidence
