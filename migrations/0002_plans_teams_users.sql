create table plans (
    id uuid primary key default gen_random_uuid(),
    name text not null check (name <> ''),
    kickoff_date date not null,
    -- false until an admin sets the kickoff date: until then J0 is the first start.
    kickoff_confirmed boolean not null default false,
    time_zone text not null default 'Europe/Paris',
    launch_day integer not null default 31,
    launch_time time not null default '10:00',
    horizon_days integer not null default 60 check (horizon_days between 1 and 366),
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (launch_day between 1 and horizon_days)
);
create trigger plans_updated_at before update on plans
    for each row execute function set_updated_at();

create table teams (
    id uuid primary key default gen_random_uuid(),
    plan_id uuid not null references plans (id) on delete cascade,
    key text not null check (key ~ '^[a-z0-9-]+$'),
    name text not null check (name <> ''),
    colour text not null check (colour ~ '^#[0-9a-f]{6}$'),
    position integer not null default 0,
    lead_id uuid,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (plan_id, key)
);
create trigger teams_updated_at before update on teams
    for each row execute function set_updated_at();

create table users (
    id uuid primary key default gen_random_uuid(),
    email text not null check (email ~ '^[^@\s]+@[^@\s]+$'),
    display_name text not null check (display_name <> ''),
    password_hash text not null,
    role text not null check (role in ('admin', 'lead', 'member', 'viewer')),
    team_id uuid references teams (id) on delete set null,
    locale text check (locale in ('fr', 'en')),
    disabled_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));
create index users_team_id_idx on users (team_id);
create trigger users_updated_at before update on users
    for each row execute function set_updated_at();

alter table teams add foreign key (lead_id) references users (id) on delete set null;
