## Webhooks (administrateurs)
nav-admin-webhooks = Webhooks
admin-webhooks-help = Chaque changement des types choisis est envoyé à l'URL du webhook au moment où il a lieu : en JSON signé (Standard Webhooks) pour vos propres services, ou en message de discussion pour Slack ou Mattermost.
admin-webhooks-public-only = Les webhooks n'atteignent que des adresses publiques ; définissez WEBHOOK_ALLOW_PRIVATE=true pour atteindre un récepteur dans votre réseau.
admin-webhooks-private-allowed = Les webhooks peuvent aussi atteindre des adresses privées (WEBHOOK_ALLOW_PRIVATE=true).
admin-webhooks-none = Aucun webhook pour l'instant.
admin-webhooks-caption = Webhooks
admin-new-webhook = Nouveau webhook
admin-create-webhook = Ajouter le webhook
admin-webhook-created = Webhook ajouté. Copiez son secret maintenant : il n'est affiché que cette fois.
admin-webhook-enabled = Webhook réactivé : les changements lui sont de nouveau envoyés.
admin-webhook-deleted = Webhook supprimé.
admin-webhook-redelivered = Le changement sera renvoyé dans quelques secondes.
webhook-host = Hôte
webhook-url = URL
webhook-format = Format
webhook-format-help = Discussion : la phrase du fil d'activité et un lien, pour les webhooks entrants de Slack ou Mattermost. JSON signé : le changement tel qu'il est enregistré, avec les en-têtes webhook-id, webhook-timestamp et webhook-signature.
webhook-format-standard = JSON signé (Standard Webhooks)
webhook-format-chat = Message de discussion (Slack, Mattermost)
webhook-kinds = Changements à envoyer
webhook-kinds-help = Chaque changement est nommé comme le champ « type » du JSON le nomme.
webhook-kinds-count = Types de changement
webhook-kinds-none = Choisissez au moins un type de changement à envoyer.
webhook-url-malformed = Saisissez une adresse commençant par http:// ou https://, avec un hôte.
webhook-url-credentials = Retirez le nom d'utilisateur et le mot de passe de l'adresse : le secret signe chaque envoi.
webhook-url-unknown = Cet hôte est introuvable.
webhook-url-private = Cette adresse est dans un réseau privé (ou sur cette machine) ; les webhooks n'atteignent que des adresses publiques.
webhook-enabled = Actif
webhook-disabled = Désactivé
webhook-last-delivered = Dernier envoi reçu
webhook-never = Jamais
webhook-title = Webhook vers { $host }
webhook-secret = Secret de signature
webhook-secret-once = Copiez-le maintenant dans les réglages du récepteur : il ne sera plus affiché.
webhook-disabled-since = { $failures } envois ont échoué de suite : aucun changement n'est envoyé tant que vous ne le réactivez pas. Désactivé
webhook-failures = Actif · { $failures } échecs de suite (désactivé à { $limit })
webhook-enable = Réactiver
webhook-delete = Supprimer le webhook
webhook-log = Envois
webhook-log-empty = Rien d'envoyé pour l'instant.
webhook-change = Changement
webhook-queued = En file
webhook-attempts = Tentatives
webhook-status = Statut
webhook-duration = Durée
webhook-ms = { $ms } ms
webhook-answer = Réponse
webhook-actions = Actions
webhook-delivered = Reçu
webhook-next-attempt = Prochaine tentative
webhook-redeliver = Renvoyer

## Jetons d'API (administrateurs)
nav-admin-tokens = Jetons d'API
admin-tokens-help = Un jeton de service permet à une machine d'utiliser l'API pour une équipe : un pipeline marque les éléments de l'équipe terminés avec le lien de son exécution comme preuve. Il fait ce que ses portées permettent, sur les éléments de cette équipe seulement ; ses changements sont enregistrés à votre nom et à celui du jeton. L'API est décrite à /api/docs.
admin-tokens-none = Aucun jeton pour l'instant.
admin-tokens-caption = Jetons de service
admin-new-token = Nouveau jeton de service
admin-create-token = Créer le jeton
admin-token-created = Jeton créé. Copiez son secret maintenant : il n'est affiché que cette fois.
admin-token-revoked = Jeton révoqué : il n'ouvre plus rien.
token-secret = Le secret du jeton
token-secret-once = Rangez-le maintenant dans les secrets du pipeline : il ne sera plus affiché, et seule une empreinte en est gardée.
token-scopes = Portées
token-scopes-help = read : lire les éléments. items:write : changer l'état et le lien de preuve d'un élément. feedback:write : envoyer des retours.
token-scopes-none = Choisissez au moins une portée.
token-created = Créé
token-expires = Expire
token-last-used = Dernier usage
token-lifetime = Durée
token-lifetime-days = { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}
token-lifetime-never = Jusqu'à révocation
token-live = Actif
token-revoked = Révoqué
token-expired = Expiré
token-revoke = Révoquer
my-tokens = Mes jetons d'API
my-tokens-help = Un jeton personnel permet à l'un de vos scripts d'utiliser l'API en votre nom : il peut ce que vous pouvez, ou moins si vous lui donnez moins de portées. Ses changements sont enregistrés à votre nom et à celui du jeton.
my-tokens-new = Nouveau jeton personnel
account-tokens-link = Mes jetons d'API

## Documentation de l'API
api-docs-title = API
api-docs-help = L'API sert le plan en JSON aux machines munies d'un jeton (Authorization: Bearer lct_…) : les jetons de service sont créés par les administrateurs, les jetons personnels sur votre compte. Les erreurs sont en application/problem+json. Ci-dessous, chaque opération telle que le document OpenAPI la décrit (en anglais).
api-docs-document = Le document OpenAPI 3.1
api-docs-operations = Opérations
api-docs-parameters = Paramètres
api-docs-in = Dans
api-docs-required = Obligatoire
api-docs-description = Description
api-docs-yes = Oui
api-docs-no = Non
api-docs-body = Corps
api-docs-responses = Réponses
api-docs-link = Comment fonctionne l'API : ses opérations et ses réponses
