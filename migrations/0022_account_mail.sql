-- Welcome and password links e-mailed to their owner (issue 18). The link's
-- secret is not stored here: the mail worker issues it as it sends, so no
-- secret waits in a queue.
alter table deliveries alter column notification_id drop not null;
alter table deliveries add column user_id uuid references users (id) on delete cascade;
alter table deliveries add column link text check (link in ('welcome', 'reset'));
alter table deliveries add column requested_by uuid references users (id) on delete set null;
alter table deliveries add constraint deliveries_carry_one_thing
    check ((notification_id is null) = (link is not null) and (link is null) = (user_id is null));
