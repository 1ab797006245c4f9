-- E-mail (issue 18): what each user wants of each kind of notification, and
-- the e-mails waiting to go out, sent by a worker on any instance with
-- retries.

-- Without a row, a kind is e-mailed at once (when the server has SMTP
-- settings): nobody misses a mention for not having opened a settings page.
create table notification_choices (
    user_id uuid not null references users (id) on delete cascade,
    kind text not null check (kind in ('mention', 'assigned', 'blocked', 'poll_opened', 'no_go',
                                       'feedback_assigned')),
    delivery text not null check (delivery in ('inbox', 'email', 'digest')),
    primary key (user_id, kind)
);

-- Queued in the fan-out's transaction; taken `for update skip locked` and
-- kept locked while it is sent, so two instances never send one twice.
create table deliveries (
    id bigint generated always as identity primary key,
    notification_id bigint not null references notifications (id) on delete cascade,
    attempts integer not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz not null default now(),
    sent_at timestamptz,
    last_error text,
    created_at timestamptz not null default now()
);
create index deliveries_due_idx on deliveries (next_attempt_at) where sent_at is null;

-- The secret of a user's one-click unsubscribe links: unguessable (122
-- random bits), so a link stops only its own user's e-mails of its own kind.
alter table users add column unsubscribe_token uuid not null default gen_random_uuid();
create unique index users_unsubscribe_token_key on users (unsubscribe_token);
