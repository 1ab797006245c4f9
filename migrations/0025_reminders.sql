-- Reminders (issue 18): the morning a risk's review falls due, and the
-- morning after an open item's due day, the product records it as a change
-- of its own, which tells the team concerned. One row per subject and day
-- makes it once, whatever the number of instances and looks.
create table reminders (
    kind text not null check (kind in ('risk.review_due', 'item.late')),
    subject_id uuid not null,
    -- The plan day that fell due.
    day integer not null,
    created_at timestamptz not null default now(),
    primary key (kind, subject_id, day)
);

alter table notifications drop constraint notifications_kind_check,
    add constraint notifications_kind_check
    check (kind in ('mention', 'assigned', 'blocked', 'late', 'poll_opened', 'no_go',
                    'review_due', 'feedback_assigned', 'webhook_disabled'));
alter table notification_choices drop constraint notification_choices_kind_check,
    add constraint notification_choices_kind_check
    check (kind in ('mention', 'assigned', 'blocked', 'late', 'poll_opened', 'no_go',
                    'review_due', 'feedback_assigned', 'webhook_disabled'));
