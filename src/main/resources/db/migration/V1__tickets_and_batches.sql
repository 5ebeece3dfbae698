-- Repair tickets as shops send them. The *_key columns hold trimmed lower-case codes (codes compare
-- case-insensitively); they are computed by the service so every comparison uses the same rule.
create table ticket (
    id                    bigint generated always as identity primary key,
    source                varchar(64)   not null,
    ticket_id             varchar(128)  not null,
    unit_id               varchar(64)   not null,
    component             varchar(64)   not null,
    component_key         varchar(64)   not null,
    symptom_code          varchar(64)   not null,
    symptom_key           varchar(64)   not null,
    occurred_at           timestamptz   not null,
    production_batch      varchar(64),
    batch_key             varchar(64),
    production_date       date,
    firmware_version      varchar(64),
    firmware_key          varchar(64),
    ambient_temperature_c double precision check (ambient_temperature_c between -80 and 80),
    model                 varchar(64),
    service_center        varchar(64),
    region                varchar(64),
    mileage_km            double precision check (mileage_km >= 0),
    description           varchar(4000),
    labor_hours           double precision check (labor_hours >= 0),
    parts_cost            numeric check (parts_cost >= 0),
    currency              varchar(3),
    content_hash          char(64)      not null,
    received_at           timestamptz   not null default now(),
    -- a shop's retry must never become a second row, whatever races between instances
    constraint ticket_source_ticket_id_key unique (source, ticket_id)
);

-- detection windows: one component's (and symptom's) tickets in a time range
create index ticket_component_symptom_occurred_idx on ticket (component_key, symptom_key, occurred_at);
-- batch drill-down and batch ticket counts
create index ticket_batch_idx on ticket (batch_key, occurred_at);

create table production_batch (
    batch_key        varchar(64)  primary key,
    batch_id         varchar(64)  not null,
    component        varchar(64),
    component_key    varchar(64),
    units_produced   integer      not null check (units_produced > 0),
    produced_from    date,
    produced_to      date,
    unit_recall_cost numeric check (unit_recall_cost >= 0),
    currency         varchar(3),
    updated_at       timestamptz  not null default now()
);
