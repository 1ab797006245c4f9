-- Comments on items, risks, communication actions and feedback (the internal
-- notes of feedback become comments), the users they mention, and a trash for
-- items and communication actions.

create table comments (
    id uuid primary key default gen_random_uuid(),
    plan_id uuid not null references plans (id) on delete cascade,
    -- Exactly one subject; each a foreign key, so a purged subject takes its comments.
    item_id uuid references checklist_items (id) on delete cascade,
    risk_id uuid references risks (id) on delete cascade,
    action_id uuid references communication_actions (id) on delete cascade,
    feedback_id uuid references feedback (id) on delete cascade,
    author_id uuid references users (id) on delete set null,
    body text not null check (body <> '' and length(body) <= 10000),
    version integer not null default 1,
    created_at timestamptz not null default now(),
    edited_at timestamptz,
    check (num_nonnulls(item_id, risk_id, action_id, feedback_id) = 1)
);
create index comments_item_idx on comments (item_id, created_at) where item_id is not null;
create index comments_risk_idx on comments (risk_id, created_at) where risk_id is not null;
create index comments_action_idx on comments (action_id, created_at) where action_id is not null;
create index comments_feedback_idx on comments (feedback_id, created_at) where feedback_id is not null;

-- The same ids: the events that named a note name its comment.
insert into comments (id, plan_id, feedback_id, author_id, body, created_at)
select n.id, f.plan_id, n.feedback_id, n.author_id, n.body, n.created_at
from feedback_notes n
join feedback f on f.id = n.feedback_id;
drop table feedback_notes;

create table comment_mentions (
    comment_id uuid not null references comments (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    primary key (comment_id, user_id)
);
create index comment_mentions_user_idx on comment_mentions (user_id);

-- The trash: a deleted item or action keeps its row, links, history and
-- comments for 30 days, then is purged.
alter table checklist_items
    add column deleted_at timestamptz,
    add column deleted_by uuid references users (id) on delete set null;
create index checklist_items_deleted_idx on checklist_items (deleted_at) where deleted_at is not null;

alter table communication_actions
    add column deleted_at timestamptz,
    add column deleted_by uuid references users (id) on delete set null;
create index communication_actions_deleted_idx on communication_actions (deleted_at) where deleted_at is not null;
