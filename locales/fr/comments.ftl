## Commentaires et mentions

event-item-commented = { $actor } a commenté « { $title } »
event-item-comment-edited = { $actor } a modifié un commentaire sur « { $title } »
event-item-comment-deleted = { $actor } a supprimé un commentaire sur « { $title } »
event-risk-commented = { $actor } a commenté le risque « { $title } »
event-risk-comment-edited = { $actor } a modifié un commentaire sur le risque « { $title } »
event-risk-comment-deleted = { $actor } a supprimé un commentaire sur le risque « { $title } »
event-communication-commented = { $actor } a commenté l'action « { $title } »
event-communication-comment-edited = { $actor } a modifié un commentaire sur l'action « { $title } »
event-communication-comment-deleted = { $actor } a supprimé un commentaire sur l'action « { $title } »
event-feedback-note-edited = { $actor } a modifié une note interne sur un retour
event-feedback-note-deleted = { $actor } a supprimé une note interne sur un retour
