-- Phases that change (issue 20): a version to detect concurrent edits, and
-- finish-to-start links — `after_id` starts no sooner than `lag_days` days
-- after `before_id` ends.
alter table phases add column version integer not null default 1;

create table phase_links (
    before_id uuid not null references phases (id) on delete cascade,
    after_id uuid not null references phases (id) on delete cascade,
    lag_days integer not null default 0 check (lag_days between 0 and 365),
    created_at timestamptz not null default now(),
    primary key (before_id, after_id),
    check (before_id <> after_id)
);
create index phase_links_after_idx on phase_links (after_id);
