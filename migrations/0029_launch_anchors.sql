-- Anchors (issue 20): a phase's first or last day, an item's due day or an
-- action's day may be placed relative to launch day (L-3, L+0, L+14)
-- rather than on a J+n day; moving the launch day moves them.
alter table phases
    add column start_from_launch integer,
    add column end_from_launch integer;
alter table checklist_items add column due_from_launch integer;
alter table communication_actions add column day_from_launch integer;
