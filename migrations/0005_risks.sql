create table risks (
    id uuid primary key default gen_random_uuid(),
    plan_id uuid not null references plans (id) on delete cascade,
    title text not null check (title <> ''),
    impact_description text not null default '',
    likelihood smallint not null check (likelihood between 1 and 5),
    impact smallint not null check (impact between 1 and 5),
    residual_likelihood smallint check (residual_likelihood between 1 and 5),
    residual_impact smallint check (residual_impact between 1 and 5),
    owner_team_id uuid not null references teams (id),
    treatment text not null default 'mitigate' check (treatment in ('mitigate', 'accept', 'avoid', 'transfer')),
    mitigation text not null default '',
    status text not null default 'open' check (status in ('open', 'mitigating', 'accepted', 'closed')),
    next_review_day integer check (next_review_day >= 0),
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index risks_plan_score_idx on risks (plan_id, (likelihood * impact) desc);
create trigger risks_updated_at before update on risks
    for each row execute function set_updated_at();

-- One checklist item may serve several risks.
create table risk_mitigation_items (
    risk_id uuid not null references risks (id) on delete cascade,
    item_id uuid not null references checklist_items (id) on delete cascade,
    primary key (risk_id, item_id)
);
create index risk_mitigation_items_item_idx on risk_mitigation_items (item_id);

create table risk_reviews (
    id uuid primary key default gen_random_uuid(),
    risk_id uuid not null references risks (id) on delete cascade,
    reviewer_id uuid references users (id) on delete set null,
    reason text not null check (reason <> ''),
    likelihood smallint not null check (likelihood between 1 and 5),
    impact smallint not null check (impact between 1 and 5),
    reviewed_at timestamptz not null default now()
);
create index risk_reviews_risk_idx on risk_reviews (risk_id, reviewed_at desc);
