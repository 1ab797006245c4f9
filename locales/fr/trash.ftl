## La corbeille

event-item-restored = { $actor } a restauré « { $title } » depuis la corbeille
event-item-purged = « { $title } » a été supprimé définitivement de la corbeille
event-communication-deleted = { $actor } a mis l'action « { $title } » à la corbeille
event-communication-restored = { $actor } a restauré l'action « { $title } » depuis la corbeille
event-communication-purged = L'action « { $title } » a été supprimée définitivement de la corbeille
