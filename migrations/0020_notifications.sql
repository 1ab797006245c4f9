-- Telling people (issue 18). Every recorded change is queued for fan-out by
-- the statement that records it, so nothing is lost between the change and
-- its notifications: a worker on any instance takes queued events
-- (`for update skip locked`, so two instances never take the same one),
-- writes the notifications they call for and removes them from the queue,
-- in one transaction.
create table outbox (
    event_id bigint primary key references activity_events (id) on delete cascade,
    queued_at timestamptz not null default now()
);

create function queue_for_fan_out() returns trigger language plpgsql as $$
begin
    insert into outbox (event_id) values (new.id);
    return null;
end;
$$;

create trigger activity_events_queued after insert on activity_events
    for each row execute function queue_for_fan_out();

-- A user's inbox: what a change told them, and whether they read it.
create table notifications (
    id bigint generated always as identity primary key,
    user_id uuid not null references users (id) on delete cascade,
    kind text not null check (kind in ('mention', 'assigned', 'blocked', 'poll_opened', 'no_go',
                                       'feedback_assigned')),
    event_id bigint not null references activity_events (id) on delete cascade,
    created_at timestamptz not null default now(),
    read_at timestamptz,
    unique (event_id, user_id, kind)
);
create index notifications_unread_idx on notifications (user_id, id desc) where read_at is null;
create index notifications_user_idx on notifications (user_id, id desc);
