## The trash

event-item-restored = { $actor } restored “{ $title }” from the trash
event-item-purged = “{ $title }” was removed from the trash for good
event-communication-deleted = { $actor } put the action “{ $title }” in the trash
event-communication-restored = { $actor } restored the action “{ $title }” from the trash
event-communication-purged = The action “{ $title }” was removed from the trash for good

trash-title = Trash
trash-link = Trash: deleted items and actions
trash-intro = Deleted checklist items and communication actions stay here { $days }, with their links, history and comments; a lead or an admin may restore them in place until then. Afterwards they are deleted for good.
trash-items = Checklist items
trash-items-empty = No checklist item in the trash.
trash-actions = Communication actions
trash-actions-empty = No communication action in the trash.
trash-col-action = Action
trash-col-place = Was in
trash-col-deleted-by = Deleted by
trash-col-deleted-on = Deleted on
trash-col-days-left = Time left
# A count of days: the time left, and how long the trash keeps things ($days above).
trash-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
trash-restore = Restore
trash-restore-label = Restore “{ $title }”
trash-item-restored = “{ $title }” is back in { $phase }, with its links, history and comments.
trash-action-restored = The action “{ $title }” is back in the communication plan, with its history and comments.
trash-delete-action = Delete the action
trash-delete-item-question = Delete “{ $title }”?
trash-delete-item-consequence = It goes to the trash for { $days }, with its risk links, history and comments, and leaves { $phase } and every list. Until then a lead or an admin can restore it in place; afterwards it is deleted for good.
trash-delete-action-question = Delete the action “{ $title }”?
trash-delete-action-consequence = It goes to the trash for { $days }, with its history and comments, and leaves the communication plan. Until then a lead or an admin can restore it; afterwards it is deleted for good.
trash-confirm = Move to the trash
trash-cancel = Cancel
trash-conflict = Someone changed “{ $title }” since this question was asked: nothing was deleted. Check what changed, then confirm again to delete it.
trash-item-deleted = “{ $title }” is in the trash: a lead or an admin can restore it for { $days }.
trash-action-deleted = The action “{ $title }” is in the trash: a lead or an admin can restore it for { $days }.
