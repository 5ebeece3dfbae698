-- The alert clock: one row holding the time of the last alert change. Every transaction that changes alerts
-- first takes the clock's next value (AlertClock.tick), which locks this row until it commits. Alert changes
-- therefore commit in updated_at order, and a reader that has seen updated_at = t has seen every change at or
-- before t. That is what makes `updatedSince` polling and the count+max ETag lossless; with plain now()
-- timestamps a transaction that started earlier but committed later would slip behind a poll.
create table alert_clock (
    id   smallint    primary key check (id = 1),
    last timestamptz not null
);
insert into alert_clock (id, last) values (1, coalesce((select max(updated_at) from alert), now()));

-- Comparison keys for the list filters (codes compare case-insensitively after trimming), kept by PostgreSQL
-- so that every writer, including tests and hand-made fixes, gets them right.
alter table alert add column component_key varchar(64) generated always as (lower(btrim(component))) stored;
alter table alert add column batch_key varchar(64) generated always as (lower(btrim(production_batch))) stored;

-- A filtered list reads one of these in its order (newest change first), checking status inside the index,
-- and the list's ETag, count(*) + max(updated_at) over the same filter, is an index-only scan of the same index,
-- as it is of alert_status_idx for the status filter alone.
create index alert_component_key_idx on alert (component_key, updated_at desc, id desc) include (status);
create index alert_batch_key_idx on alert (batch_key, updated_at desc, id desc) include (status);
-- The open-alerts gauge counts these on every scrape.
create index alert_open_severity_idx on alert (severity) where status = 'OPEN';

-- Guard: a change that does not move updated_at forward would be invisible to ETags, `updatedSince` polls and
-- cursors. Refuse it, whoever writes (take AlertClock.tick() and store it as updated_at).
create function alert_updated_at_must_advance() returns trigger language plpgsql as $$
begin
    if new.updated_at <= old.updated_at then
        raise exception 'alert % changed without advancing updated_at; take the next value of alert_clock first',
            old.id using errcode = '55000';
    end if;
    return new;
end
$$;
create trigger alert_updated_at_advances before update on alert
    for each row execute function alert_updated_at_must_advance();
