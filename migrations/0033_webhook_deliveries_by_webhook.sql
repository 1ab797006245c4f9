-- The webhooks' list says when each was last delivered (issue 16): through
-- the unique (webhook_id, event_id) index, PostgreSQL read every delivery
-- the webhook ever had. An index the previous release's query uses as
-- well: safe to roll back.
create index webhook_deliveries_delivered_idx on webhook_deliveries (webhook_id, delivered_at);
