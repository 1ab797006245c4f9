-- API tokens (issue 19). A service token is made by an admin for one team
-- (a pipeline ticking DevOps items); a personal token acts for its owner,
-- with at most their rights. Only a hash of the secret is kept: a token is
-- 256 random bits, so SHA-256 is enough and finding one is an index probe.
create table api_tokens (
    id uuid primary key default gen_random_uuid(),
    name text not null check (name <> '' and length(name) <= 80),
    team_id uuid references teams (id) on delete cascade,
    owner_id uuid references users (id) on delete cascade,
    scopes text[] not null
        check (cardinality(scopes) > 0
               and scopes <@ array['read', 'items:write', 'feedback:write']::text[]),
    secret_hash bytea not null unique check (length(secret_hash) = 32),
    created_by uuid references users (id) on delete set null,
    created_at timestamptz not null default now(),
    expires_at timestamptz,
    revoked_at timestamptz,
    last_used_at timestamptz,
    check (num_nonnulls(team_id, owner_id) = 1)
);
