-- An archived plan is read, never changed (issue 21): set by an admin, undone
-- by one. A column the previous release does not read: safe to roll back.
alter table plans add column archived_at timestamptz;
