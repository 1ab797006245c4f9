## La corbeille

event-item-restored = { $actor } a restauré « { $title } » depuis la corbeille
event-item-purged = « { $title } » a été supprimé définitivement de la corbeille
event-communication-deleted = { $actor } a mis l'action « { $title } » à la corbeille
event-communication-restored = { $actor } a restauré l'action « { $title } » depuis la corbeille
event-communication-purged = L'action « { $title } » a été supprimée définitivement de la corbeille

trash-title = Corbeille
trash-link = Corbeille : éléments et actions supprimés
trash-intro = Les éléments de checklist et les actions de communication supprimés restent ici { $days }, avec leurs liens, leur historique et leurs commentaires ; un responsable ou un administrateur peut les restaurer à leur place d'ici là. Ensuite, ils sont supprimés définitivement.
trash-items = Éléments de checklist
trash-items-empty = Aucun élément de checklist dans la corbeille.
trash-actions = Actions de communication
trash-actions-empty = Aucune action de communication dans la corbeille.
trash-col-action = Action
trash-col-place = Était dans
trash-col-deleted-by = Supprimé par
trash-col-deleted-on = Supprimé le
trash-col-days-left = Temps restant
# Un nombre de jours : le temps restant, et la durée de la corbeille ($days plus haut).
trash-days = { $n ->
    [one] 1 jour
   *[other] { $n } jours
}
trash-restore = Restaurer
trash-restore-label = Restaurer « { $title } »
trash-item-restored = « { $title } » est de retour dans { $phase }, avec ses liens, son historique et ses commentaires.
trash-action-restored = L'action « { $title } » est de retour dans le plan de communication, avec son historique et ses commentaires.
trash-delete-action = Supprimer l'action
trash-delete-item-question = Supprimer « { $title } » ?
trash-delete-item-consequence = Il part à la corbeille pour { $days }, avec ses liens vers les risques, son historique et ses commentaires, et quitte { $phase } et toutes les listes. D'ici là, un responsable ou un administrateur peut le restaurer à sa place ; ensuite, il est supprimé définitivement.
trash-delete-action-question = Supprimer l'action « { $title } » ?
trash-delete-action-consequence = Elle part à la corbeille pour { $days }, avec son historique et ses commentaires, et quitte le plan de communication. D'ici là, un responsable ou un administrateur peut la restaurer ; ensuite, elle est supprimée définitivement.
trash-confirm = Mettre à la corbeille
trash-cancel = Annuler
trash-conflict = Quelqu'un a modifié « { $title } » depuis que la question a été posée : rien n'a été supprimé. Vérifiez ce qui a changé, puis confirmez à nouveau pour supprimer.
trash-item-deleted = « { $title } » est dans la corbeille : un responsable ou un administrateur peut le restaurer pendant { $days }.
trash-action-deleted = L'action « { $title } » est dans la corbeille : un responsable ou un administrateur peut la restaurer pendant { $days }.
