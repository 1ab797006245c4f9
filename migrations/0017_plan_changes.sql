-- Every instance keeps the plan, its teams and its phases in memory. Any
-- change to them, whatever makes it (a form, an import, a hand edit), tells
-- every instance to read them again. Once per statement; PostgreSQL delivers
-- it at commit, and folds the same notification sent twice in a transaction.
create function notify_plan_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('plan_changed', '');
    return null;
end;
$$;

create trigger plans_changed after insert or update or delete or truncate on plans
    for each statement execute function notify_plan_changed();
create trigger teams_changed after insert or update or delete or truncate on teams
    for each statement execute function notify_plan_changed();
create trigger phases_changed after insert or update or delete or truncate on phases
    for each statement execute function notify_plan_changed();
