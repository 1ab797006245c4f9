-- Shared pieces every table relies on.
create extension if not exists unaccent;

-- French full-text search that ignores accents ("planté" finds "plante"):
-- a configuration, not a function call, so generated columns may use it.
create text search configuration french_unaccent (copy = french);
alter text search configuration french_unaccent
    alter mapping for hword, hword_part, word with unaccent, french_stem;

create function set_updated_at() returns trigger language plpgsql as $$
begin
    new.updated_at = now();
    return new;
end;
$$;
