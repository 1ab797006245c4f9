## Comments and mentions

event-item-commented = { $actor } commented on “{ $title }”
event-item-comment-edited = { $actor } edited a comment on “{ $title }”
event-item-comment-deleted = { $actor } deleted a comment on “{ $title }”
event-risk-commented = { $actor } commented on the risk “{ $title }”
event-risk-comment-edited = { $actor } edited a comment on the risk “{ $title }”
event-risk-comment-deleted = { $actor } deleted a comment on the risk “{ $title }”
event-communication-commented = { $actor } commented on the action “{ $title }”
event-communication-comment-edited = { $actor } edited a comment on the action “{ $title }”
event-communication-comment-deleted = { $actor } deleted a comment on the action “{ $title }”
event-feedback-note-edited = { $actor } edited an internal note on a piece of feedback
event-feedback-note-deleted = { $actor } deleted an internal note on a piece of feedback
