-- The webhooks' take walks the deliveries not yet delivered in id order
-- (issue 16): through the primary key, PostgreSQL may walk every delivery
-- ever made, delivered ones included. An index the previous release's
-- queries may use as well: safe to roll back.
create index webhook_deliveries_undelivered_idx on webhook_deliveries (id) where delivered_at is null;
