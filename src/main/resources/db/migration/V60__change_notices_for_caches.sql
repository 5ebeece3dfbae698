-- Every instance keeps in memory what these tables answer most often (the caller behind an API key, the ETag of
-- an alert list) and drops it when told that rows changed (com.defectradar.coordination.NotifiedCache). The
-- notice comes from the table itself, whoever writes it (the service, a test, an operator's SQL), once the
-- transaction commits; PostgreSQL folds equal notices of one transaction into one.
create function radar_notify_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify(tg_argv[0], '');
    return null;
end $$;

create trigger api_key_changed after update or delete or truncate on api_key
    for each statement execute function radar_notify_changed('radar_api_keys');
create trigger alert_changed after insert or update or delete or truncate on alert
    for each statement execute function radar_notify_changed('radar_alert_rows');
