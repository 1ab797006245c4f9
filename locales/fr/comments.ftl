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

## Le fil de commentaires d'une page

comments-title = Commentaires
comments-empty = Aucun commentaire pour l'instant.
comment-add-label = Nouveau commentaire
comment-hint = Texte simple : les adresses http(s) deviennent des liens, et @nom prévient une personne du plan (nom : le début de son adresse e-mail, avant le @).
comment-add = Commenter
comment-added = Commentaire ajouté.
comment-edited = Commentaire modifié.
comment-deleted = Commentaire supprimé.
comment-note-edited = Note modifiée.
comment-note-deleted = Note supprimée.
comment-edited-mark = modifié { $when }
comment-edit = Modifier
comment-edit-label = Modifier le commentaire de { $author }, { $when }
comment-delete = Supprimer
comment-delete-label = Supprimer le commentaire de { $author }, { $when }
comment-edit-title = Modifier un commentaire
comment-edit-body = Texte du commentaire
comment-edit-until = Modifiable jusqu'à { $time }.
comment-back = Retour au fil
comment-cancel = Annuler
comment-mentions-label = Personnes à mentionner
comment-on-feedback = un retour utilisateur

## « Vous a mentionné » sur /my

my-mentions = Vous a mentionné
my-mention-on = sur
