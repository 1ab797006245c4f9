-- Which team triages the public's feedback (the seed marks Support); no team name is special in code.
alter table teams add column triages_feedback boolean not null default false;

-- Sessions signed in before this instant are over: "log out everywhere",
-- password resets and role changes move it forward.
alter table users add column sessions_valid_after timestamptz not null default now();

-- Optimistic locking for the user administration form.
alter table users add column version integer not null default 1;
