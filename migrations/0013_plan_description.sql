-- What the plan sets out to achieve (the seed's objectives), shown on the overview:
-- plain text, paragraphs and "- " bullets as written; empty for a plan without one.
alter table plans add column description text not null default ''
    check (char_length(description) <= 4000);
