-- Webhooks (issue 18): an admin names a URL, the kinds of change to send and
-- gets a secret; each change of those kinds is queued for it by the fan-out,
-- in the fan-out's transaction, and sent by a worker on any instance.
create table webhooks (
    id uuid primary key default gen_random_uuid(),
    url text not null check (url ~ '^https?://'),
    -- The change kinds it receives (`activity_events.kind`); empty: none.
    kinds text[] not null default '{}',
    -- `standard`: JSON signed as the Standard Webhooks specification says;
    -- `chat`: a Slack/Mattermost-compatible `{"text": ...}`.
    format text not null default 'standard' check (format in ('standard', 'chat')),
    secret text not null,
    -- The language of chat messages: the admin's who made it.
    lang text not null default 'fr' check (lang in ('fr', 'en')),
    failures integer not null default 0 check (failures >= 0),
    disabled_at timestamptz,
    created_by uuid references users (id) on delete set null,
    created_at timestamptz not null default now()
);

create table webhook_deliveries (
    id bigint generated always as identity primary key,
    webhook_id uuid not null references webhooks (id) on delete cascade,
    event_id bigint not null references activity_events (id) on delete cascade,
    attempts integer not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz not null default now(),
    delivered_at timestamptz,
    -- The last attempt: its HTTP status (none when no answer came), how long
    -- it took, and a short excerpt of the answer or of the error.
    last_status integer,
    last_duration_ms integer,
    last_response text check (length(last_response) <= 200),
    created_at timestamptz not null default now(),
    unique (webhook_id, event_id)
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at)
    where delivered_at is null;

-- Admins are told when a webhook failing again and again is disabled.
alter table notifications drop constraint notifications_kind_check,
    add constraint notifications_kind_check
    check (kind in ('mention', 'assigned', 'blocked', 'poll_opened', 'no_go', 'feedback_assigned',
                    'webhook_disabled'));
alter table notification_choices drop constraint notification_choices_kind_check,
    add constraint notification_choices_kind_check
    check (kind in ('mention', 'assigned', 'blocked', 'poll_opened', 'no_go', 'feedback_assigned',
                    'webhook_disabled'));
