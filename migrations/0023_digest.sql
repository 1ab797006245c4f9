-- The morning digest (issue 18): a notification kind may be kept for it, and
-- each user's digest of a day is queued once, by whichever instance comes
-- first (the primary key), as one more thing a delivery carries.
alter table deliveries add column digest_day date;
alter table deliveries drop constraint deliveries_carry_one_thing;
alter table deliveries add constraint deliveries_carry_one_thing
    check (num_nonnulls(notification_id, link, digest_day) = 1
           and (notification_id is null) = (user_id is not null));
create unique index deliveries_digest_key on deliveries (user_id, digest_day)
    where digest_day is not null;
