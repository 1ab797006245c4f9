create table feedback (
    id uuid primary key default gen_random_uuid(),
    plan_id uuid not null references plans (id) on delete cascade,
    message text not null check (char_length(message) between 1 and 5000),
    category text not null check (category in ('bug', 'idea', 'question', 'praise')),
    rating smallint not null check (rating between 1 and 5),
    email text check (email ~ '^[^@\s]+@[^@\s]+$'),
    locale text not null default 'fr' check (locale in ('fr', 'en')),
    source text not null default 'public' check (source in ('public', 'support')),
    created_by uuid references users (id) on delete set null,
    status text not null default 'new' check (status in ('new', 'acknowledged', 'planned', 'resolved', 'closed')),
    assignee_id uuid references users (id) on delete set null,
    merged_into_id uuid references feedback (id) on delete set null,
    duplicate_count integer not null default 0 check (duplicate_count >= 0),
    risk_id uuid references risks (id) on delete set null,
    item_id uuid references checklist_items (id) on delete set null,
    search tsvector generated always as (to_tsvector('public.french_unaccent'::regconfig, message)) stored,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (merged_into_id is null or merged_into_id <> id)
);
create index feedback_plan_created_idx on feedback (plan_id, created_at desc);
create index feedback_status_idx on feedback (plan_id, status);
create index feedback_search_idx on feedback using gin (search);
create trigger feedback_updated_at before update on feedback
    for each row execute function set_updated_at();

create table feedback_tags (
    feedback_id uuid not null references feedback (id) on delete cascade,
    tag text not null check (tag <> ''),
    primary key (feedback_id, tag)
);

-- Internal notes: support's eyes only, never shown to the public.
create table feedback_notes (
    id uuid primary key default gen_random_uuid(),
    feedback_id uuid not null references feedback (id) on delete cascade,
    author_id uuid references users (id) on delete set null,
    body text not null check (body <> ''),
    created_at timestamptz not null default now()
);
create index feedback_notes_feedback_idx on feedback_notes (feedback_id, created_at);
