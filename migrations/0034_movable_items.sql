-- What a state change needs of an item (issue 16), named once for the two
-- statements that read it: the item's own read, and the session's
-- statement of a tick, which reads it ahead so that a tick costs two
-- statements, not three. A view adds nothing the previous release sees:
-- safe to roll back.
create view movable_items as
select i.id, p.plan_id, i.phase_id, p.team_id, i.title, i.state, i.blocked_reason,
       i.assignee_id, i.version,
       exists (select from communication_actions tw
               where tw.item_id = i.id and tw.deleted_at is null) as has_twin
from checklist_items i
join phases p on p.id = i.phase_id
where i.deleted_at is null;
