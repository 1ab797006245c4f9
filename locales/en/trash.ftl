## The trash

event-item-restored = { $actor } restored “{ $title }” from the trash
event-item-purged = “{ $title }” was removed from the trash for good
event-communication-deleted = { $actor } put the action “{ $title }” in the trash
event-communication-restored = { $actor } restored the action “{ $title }” from the trash
event-communication-purged = The action “{ $title }” was removed from the trash for good
