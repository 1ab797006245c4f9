-- A password check is recorded before it runs, so that parallel attempts are
-- counted as they start: `succeeded` is null while the check is under way.
alter table login_attempts alter column succeeded drop not null;
