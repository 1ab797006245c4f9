-- Wall screens: each a named kiosk link of its own, so that revoking one
-- leaves the others on. A screen's secret is its access token.
--
-- The secrets of the links that last until revoked (wall screens, the
-- calendar feed) are kept readable, so that whoever put one on a screen or in
-- a calendar can read it again: each opens a read-only view (the countdown,
-- the plan's dates), is revoked in one click, and is listed only to admins and
-- marketing leads. One-time secrets (setup, password resets) stay hashed only.
-- `last_seen_at` is when the link was last opened, to the minute.
alter table access_tokens
    add column secret text,
    add column last_seen_at timestamptz,
    add constraint access_tokens_readable_secret
        check (secret is null or purpose in ('kiosk', 'calendar'));

create table kiosk_screens (
    id uuid primary key default gen_random_uuid(),
    plan_id uuid not null references plans (id) on delete cascade,
    name text not null check (name = btrim(name) and char_length(name) between 1 and 80),
    token_id uuid not null unique references access_tokens (id) on delete cascade,
    created_by uuid references users (id) on delete set null,
    created_at timestamptz not null default now()
);
create index kiosk_screens_plan_idx on kiosk_screens (plan_id, created_at);

-- The kiosk link issued before screens existed stays on as a screen; its
-- secret was never kept, so the list offers to replace it.
insert into kiosk_screens (plan_id, name, token_id, created_by, created_at)
select plan.id, 'Écran mural', token.id, token.created_by, token.created_at
from access_tokens token
cross join (select id from plans order by created_at, id limit 1) plan
where token.purpose = 'kiosk' and token.used_at is null and token.revoked_at is null
  and (token.expires_at is null or token.expires_at > now());
