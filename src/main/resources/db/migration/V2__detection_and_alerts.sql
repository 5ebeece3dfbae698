-- A detection run is a value: when it looked (as_of), what it saw and what it changed.
create table detection_run (
    id                  bigint generated always as identity primary key,
    as_of               timestamptz not null,
    started_at          timestamptz not null,
    finished_at         timestamptz,
    tickets_considered  integer     not null default 0,
    candidate_clusters  integer     not null default 0,
    alerts_opened       integer     not null default 0,
    alerts_updated      integer     not null default 0,
    alerts_reopened     integer     not null default 0,
    trigger             varchar(16) not null,
    -- the newest ticket the run could see: a scheduled run with nothing new to look at is skipped
    max_ticket_id       bigint      not null default 0
);

create table alert (
    id                      bigint generated always as identity primary key,
    -- identity of the pattern: component|symptom|batch, or component|symptom||firmware for batch-wide ones.
    -- Unique, so concurrent runs on several instances can never open two alerts for one pattern.
    signature_key           varchar(300) not null constraint alert_signature_key unique,
    status                  varchar(16)  not null,
    severity                varchar(16)  not null,
    title                   varchar(300) not null,
    summary                 varchar(1000) not null,
    component               varchar(64)  not null,
    symptom_code            varchar(64)  not null,
    production_batch        varchar(64),
    firmware_version        varchar(64),
    temperature_min         double precision,
    temperature_max         double precision,
    production_from         date,
    production_to           date,
    ticket_count            integer      not null,
    unit_count              integer      not null,
    first_occurred_at       timestamptz  not null,
    last_occurred_at        timestamptz  not null,
    detected_at             timestamptz  not null,
    updated_at              timestamptz  not null,
    observed                integer      not null,
    expected                double precision not null,
    rate_ratio              double precision not null,
    p_value                 double precision not null,
    method                  varchar(200) not null,
    units_produced          integer,
    estimated_recall_cost   numeric,
    currency                varchar(3),
    resolved_at             timestamptz,
    dismissed_ticket_count  integer,
    last_run_id             bigint       references detection_run (id),
    version                 bigint       not null default 0
);
create index alert_updated_idx on alert (updated_at desc, id desc);
create index alert_status_idx on alert (status, updated_at desc, id desc);

create table alert_history (
    id        bigint generated always as identity primary key,
    alert_id  bigint       not null references alert (id),
    at        timestamptz  not null,
    status    varchar(16)  not null,
    actor     varchar(128) not null,
    note      varchar(2000)
);
create index alert_history_alert_idx on alert_history (alert_id, at);

-- The evidence: every ticket a run matched to the alert's signature.
create table alert_ticket (
    alert_id  bigint not null references alert (id),
    ticket_id bigint not null references ticket (id),
    primary key (alert_id, ticket_id)
);
