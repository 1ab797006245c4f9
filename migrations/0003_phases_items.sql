create table phases (
    id uuid primary key default gen_random_uuid(),
    plan_id uuid not null references plans (id) on delete cascade,
    section text not null,
    stage text not null check (stage in ('deployment', 'launch')),
    name text not null check (name <> ''),
    start_day integer not null check (start_day >= 0),
    end_day integer not null,
    team_id uuid not null references teams (id),
    position integer not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (end_day >= start_day),
    unique (plan_id, section)
);
create index phases_plan_id_idx on phases (plan_id, position);
create trigger phases_updated_at before update on phases
    for each row execute function set_updated_at();

create table checklist_items (
    id uuid primary key default gen_random_uuid(),
    phase_id uuid not null references phases (id) on delete cascade,
    -- The plan's parent bullet ("Configuration des Serveurs"), when the item is a sub-bullet.
    group_label text,
    title text not null check (title <> ''),
    -- Stable name for the seed to refer to (risk mitigation), unique within its phase.
    key text,
    position integer not null default 0,
    state text not null default 'todo' check (state in ('todo', 'in_progress', 'done', 'blocked')),
    blocked_reason text,
    assignee_id uuid references users (id) on delete set null,
    due_day integer not null check (due_day >= 0),
    required boolean not null default true,
    evidence_url text check (evidence_url ~ '^https?://'),
    done_at timestamptz,
    changed_by uuid references users (id) on delete set null,
    changed_at timestamptz,
    -- Optimistic locking: every update checks and bumps it in the same statement.
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((state = 'blocked') = (blocked_reason is not null and blocked_reason <> '')),
    check ((state = 'done') = (done_at is not null)),
    unique (phase_id, key)
);
create index checklist_items_phase_idx on checklist_items (phase_id, position);
create index checklist_items_assignee_idx on checklist_items (assignee_id) where assignee_id is not null;
create index checklist_items_open_required_idx on checklist_items (phase_id) where required and state <> 'done';
create trigger checklist_items_updated_at before update on checklist_items
    for each row execute function set_updated_at();
