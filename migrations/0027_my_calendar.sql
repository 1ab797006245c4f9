-- Calendars per person (issue 19): each user's own revocable feed link,
-- kept readable like the plan's calendar link so that /account shows it.
alter table access_tokens
    drop constraint access_tokens_purpose_check,
    add constraint access_tokens_purpose_check
        check (purpose in ('setup', 'password_reset', 'kiosk', 'calendar', 'my_calendar')),
    drop constraint access_tokens_readable_secret,
    add constraint access_tokens_readable_secret
        check (secret is null or purpose in ('kiosk', 'calendar', 'my_calendar')),
    add constraint access_tokens_my_calendar_has_its_user
        check (purpose <> 'my_calendar' or user_id is not null);
