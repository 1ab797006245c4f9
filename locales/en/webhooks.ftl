## Webhooks (admins)
nav-admin-webhooks = Webhooks
admin-webhooks-help = Each change of the kinds you choose is sent to the webhook's URL as it happens: as signed JSON (Standard Webhooks) for your own services, or as a chat message for Slack or Mattermost.
admin-webhooks-public-only = Webhooks reach public addresses only; set WEBHOOK_ALLOW_PRIVATE=true to reach a receiver inside your network.
admin-webhooks-private-allowed = Webhooks may reach private addresses too (WEBHOOK_ALLOW_PRIVATE=true).
admin-webhooks-none = No webhook yet.
admin-webhooks-caption = Webhooks
admin-new-webhook = New webhook
admin-create-webhook = Add the webhook
admin-webhook-created = Webhook added. Copy its secret now: it is shown only this once.
admin-webhook-enabled = Webhook enabled: changes are sent to it again.
admin-webhook-deleted = Webhook deleted.
admin-webhook-redelivered = The change will be sent again within seconds.
webhook-host = Host
webhook-url = URL
webhook-format = Format
webhook-format-help = Chat: the activity feed's sentence and a link, for Slack or Mattermost incoming webhooks. Signed JSON: the change as stored, with webhook-id, webhook-timestamp and webhook-signature headers.
webhook-format-standard = Signed JSON (Standard Webhooks)
webhook-format-chat = Chat message (Slack, Mattermost)
webhook-kinds = Changes to send
webhook-kinds-help = Each change is named as the JSON's "type" field names it.
webhook-kinds-count = Kinds of change
webhook-kinds-none = Choose at least one kind of change to send.
webhook-url-malformed = Enter an address starting with http:// or https://, with a host.
webhook-url-credentials = Leave the user name and password out of the address: the secret signs each delivery.
webhook-url-unknown = This host cannot be found.
webhook-url-private = This address is inside a private network (or this machine); webhooks reach public addresses only.
webhook-enabled = Enabled
webhook-disabled = Disabled
webhook-last-delivered = Last delivered
webhook-never = Never
webhook-title = Webhook to { $host }
webhook-secret = Signing secret
webhook-secret-once = Copy it into the receiver's settings now: it will not be shown again.
webhook-disabled-since = { $failures } deliveries failed in a row: no change is sent until you enable it again. Disabled
webhook-failures = Enabled · { $failures } failed in a row (disabled at { $limit })
webhook-enable = Enable again
webhook-delete = Delete the webhook
webhook-log = Deliveries
webhook-log-empty = Nothing sent yet.
webhook-change = Change
webhook-queued = Queued
webhook-attempts = Attempts
webhook-status = Status
webhook-duration = Time
webhook-ms = { $ms } ms
webhook-answer = Answer
webhook-actions = Actions
webhook-delivered = Delivered
webhook-next-attempt = Next attempt
webhook-redeliver = Send again

## API tokens (admins)
nav-admin-tokens = API tokens
admin-tokens-help = A service token lets a machine use the API for one team: a pipeline marks the team's items done with the run's link as evidence. It can do what its scopes allow, on that team's items only; its changes are recorded under your name and the token's. The API is described at /api/docs.
admin-tokens-none = No token yet.
admin-tokens-caption = Service tokens
admin-new-token = New service token
admin-create-token = Make the token
admin-token-created = Token made. Copy its secret now: it is shown only this once.
admin-token-revoked = Token revoked: it opens nothing any more.
token-secret = The token's secret
token-secret-once = Store it in the pipeline's secrets now: it will not be shown again, and only a hash of it is kept.
token-scopes = Scopes
token-scopes-help = read: read items. items:write: change an item's state and evidence link. feedback:write: send feedback.
token-scopes-none = Choose at least one scope.
token-created = Made
token-expires = Expires
token-last-used = Last used
token-lifetime = Lifetime
token-lifetime-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
token-lifetime-never = Until revoked
token-live = Live
token-revoked = Revoked
token-expired = Expired
token-revoke = Revoke
my-tokens = My API tokens
my-tokens-help = A personal token lets a script of yours use the API as you: it may do what you may, or less if you give it fewer scopes. Its changes are recorded under your name and the token's.
my-tokens-new = New personal token
account-tokens-link = My API tokens

## API documentation
api-docs-title = API
api-docs-help = The API serves the plan as JSON to machines holding a token (Authorization: Bearer lct_…): service tokens are made by admins, personal ones on your account. Errors are application/problem+json. Below, every operation as the OpenAPI document describes it.
api-docs-document = The OpenAPI 3.1 document
api-docs-operations = Operations
api-docs-parameters = Parameters
api-docs-in = In
api-docs-required = Required
api-docs-description = Description
api-docs-yes = Yes
api-docs-no = No
api-docs-body = Body
api-docs-responses = Answers
api-docs-link = How the API works: its operations and answers
