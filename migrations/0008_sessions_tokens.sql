-- The table tower-sessions-sqlx-store expects, created here rather than by the
-- store at start so that several instances never race to create it.
create schema tower_sessions;
create table tower_sessions.session (
    id text primary key not null,
    data bytea not null,
    expiry_date timestamptz not null
);
create index session_expiry_idx on tower_sessions.session (expiry_date);

-- One-time and revocable secrets: first-admin setup, password resets, the
-- kiosk link and the calendar feed. Only a hash of the token is kept.
create table access_tokens (
    id uuid primary key default gen_random_uuid(),
    plan_id uuid references plans (id) on delete cascade,
    purpose text not null check (purpose in ('setup', 'password_reset', 'kiosk', 'calendar')),
    token_hash bytea not null unique,
    user_id uuid references users (id) on delete cascade,
    created_by uuid references users (id) on delete set null,
    created_at timestamptz not null default now(),
    expires_at timestamptz,
    used_at timestamptz,
    revoked_at timestamptz
);

-- Failed logins, kept in the database so that throttling holds across instances.
create table login_attempts (
    id bigint generated always as identity primary key,
    email text not null,
    address inet,
    succeeded boolean not null,
    attempted_at timestamptz not null default now()
);
create index login_attempts_email_idx on login_attempts (lower(email), attempted_at desc);
create index login_attempts_address_idx on login_attempts (address, attempted_at desc);
