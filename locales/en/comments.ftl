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

## A page's comment thread

comments-title = Comments
comments-empty = No comments yet.
comment-add-label = New comment
comment-hint = Plain text: http(s) addresses become links, and @name notifies someone on the plan (name: the start of their e-mail address, before the @).
comment-add = Comment
comment-added = Comment added.
comment-edited = Comment edited.
comment-deleted = Comment deleted.
comment-note-edited = Note edited.
comment-note-deleted = Note deleted.
comment-edited-mark = edited { $when }
comment-edit = Edit
comment-edit-label = Edit the comment by { $author }, { $when }
comment-delete = Delete
comment-delete-label = Delete the comment by { $author }, { $when }
comment-edit-title = Edit a comment
comment-edit-body = Comment text
comment-edit-until = You may edit it until { $time }.
comment-back = Back to the thread
comment-cancel = Cancel
comment-mentions-label = People to mention
comment-on-feedback = a piece of feedback

## "Mentioned you" on /my

my-mentions = Mentioned you
my-mention-on = on
