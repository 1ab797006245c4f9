-- The user a session was signed in for, beside tower-sessions' encoded data:
-- loading a session then reads its user in the same statement. A hint only,
-- checked against the data: a session without it reads its user on its own.
alter table tower_sessions.session add column user_id uuid;
