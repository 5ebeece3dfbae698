-- API keys issued through the admin API. Only a per-key salt and SHA-256(salt || secret) are kept: the
-- secret is 256 random bits, so a fast hash cannot be reversed by guessing (see ApiKeySecrets). Bootstrap keys
-- from the configuration are never stored here.
create table api_key (
    id           varchar(32)  primary key,   -- public; also the part of the key that finds this row
    name         varchar(128) not null,
    role         varchar(16)  not null check (role in ('reporter', 'engineer', 'admin')),
    source       varchar(64),                -- a reporter key bound to one shop system
    salt         bytea        not null,
    secret_hash  bytea        not null,
    created_at   timestamptz  not null default now(),
    revoked_at   timestamptz,
    constraint api_key_source_only_for_reporters check (source is null or role = 'reporter')
);
