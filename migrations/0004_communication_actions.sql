create table communication_actions (
    id uuid primary key default gen_random_uuid(),
    plan_id uuid not null references plans (id) on delete cascade,
    channel text not null check (channel in
        ('newsletter', 'facebook', 'x', 'instagram', 'press_release', 'webinar', 'website', 'partners')),
    title text not null check (title <> ''),
    audience text not null default '',
    day integer not null check (day >= 0),
    team_id uuid not null references teams (id),
    owner_id uuid references users (id) on delete set null,
    state text not null default 'planned' check (state in ('planned', 'in_progress', 'done', 'cancelled')),
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index communication_actions_plan_day_idx on communication_actions (plan_id, day);
create trigger communication_actions_updated_at before update on communication_actions
    for each row execute function set_updated_at();
