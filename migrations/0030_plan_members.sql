-- Who may read a plan beside the admins, who may read every plan (issue 21):
-- each page shows one plan, and the switcher lists a user's own. Everyone
-- belongs to the installation's first plan, the only one the pages showed.
create table plan_members (
    plan_id uuid not null references plans (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (plan_id, user_id)
);
create index plan_members_user_id_idx on plan_members (user_id);

insert into plan_members (plan_id, user_id)
select first.id, users.id
from users, (select id from plans order by created_at, id limit 1) as first;

-- Every instance keeps the members with the plan (migration 0017).
create trigger plan_members_changed after insert or update or delete or truncate on plan_members
    for each statement execute function notify_plan_changed();
