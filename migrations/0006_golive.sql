create table golive_polls (
    id uuid primary key default gen_random_uuid(),
    plan_id uuid not null references plans (id) on delete cascade,
    opened_by uuid references users (id) on delete set null,
    opened_at timestamptz not null default now(),
    closed_by uuid references users (id) on delete set null,
    closed_at timestamptz,
    decision text check (decision in ('go', 'hold'))
);
-- At most one open poll per plan.
create unique index golive_polls_one_open_idx on golive_polls (plan_id) where closed_at is null;

-- Votes are never updated: a changed vote is a new row, so the record keeps every vote.
create table golive_votes (
    id uuid primary key default gen_random_uuid(),
    poll_id uuid not null references golive_polls (id) on delete cascade,
    team_id uuid not null references teams (id),
    voter_id uuid references users (id) on delete set null,
    vote text not null check (vote in ('go', 'conditional_go', 'no_go')),
    comment text not null default '',
    accepted_risk_id uuid references risks (id) on delete set null,
    decide_again_on date,
    cast_at timestamptz not null default now(),
    check (vote <> 'no_go' or (comment <> '' and decide_again_on is not null))
);
create index golive_votes_poll_team_idx on golive_votes (poll_id, team_id, cast_at desc);
