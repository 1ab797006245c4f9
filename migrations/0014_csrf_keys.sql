-- The key that signs the CSRF tokens of anonymous visitors' forms. One row,
-- created by the first instance that needs it and read by every other, so a
-- form drawn by one instance is accepted by another on the same database.
create table csrf_keys (
    id boolean primary key default true check (id),
    secret bytea not null check (octet_length(secret) = 32),
    created_at timestamptz not null default now()
);
