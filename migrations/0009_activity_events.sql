-- The audit trail, the activity feed and the source of live updates. The key is
-- a sequence rather than a UUID: live streams replay "everything after event N".
create table activity_events (
    id bigint generated always as identity primary key,
    plan_id uuid references plans (id) on delete cascade,
    actor_id uuid references users (id) on delete set null,
    kind text not null check (kind ~ '^[a-z_]+\.[a-z_]+$'),
    subject_type text not null,
    subject_id uuid,
    before jsonb,
    after jsonb,
    created_at timestamptz not null default now()
);
create index activity_events_plan_idx on activity_events (plan_id, id desc);
create index activity_events_subject_idx on activity_events (subject_type, subject_id, id desc);
create index activity_events_actor_idx on activity_events (actor_id, id desc) where actor_id is not null;
