-- The plan's own words (team names, audiences) in the interface's other
-- languages, where the plan gives them: shown in place of the term written
-- in the plan, which is shown as written when no translation exists.
create table plan_terms (
    plan_id uuid not null references plans (id) on delete cascade,
    lang text not null check (lang in ('fr', 'en')),
    term text not null check (length(term) between 1 and 200),
    translation text not null check (length(translation) between 1 and 200),
    primary key (plan_id, lang, term)
);

-- Kept in memory with the plan: a change tells every instance (0017).
create trigger plan_terms_changed after insert or update or delete or truncate on plan_terms
    for each statement execute function notify_plan_changed();
