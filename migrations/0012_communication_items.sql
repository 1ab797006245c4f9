-- An action may be the twin of a checklist item (the launch day's newsletter,
-- press release and event): done together, reopened together. One action per
-- item at most; a deleted item leaves its action untied.
alter table communication_actions
    add column item_id uuid references checklist_items (id) on delete set null;
create unique index communication_actions_item_idx on communication_actions (item_id);
