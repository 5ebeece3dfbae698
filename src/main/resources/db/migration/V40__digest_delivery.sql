-- One row per week and recipient list: the weekly digest's delivery record, and the guarantee behind
-- "exactly one digest per week and recipient list". The unique key is claimed before anything is sent, so
-- every instance, restart and manual call that comes later finds the row and sends nothing.
--
-- state:  PENDING    recorded, not yet sent (first attempt due, or a failed attempt waiting for next_attempt_at)
--         SENDING    an instance is talking to the SMTP server right now (it holds the row's advisory lock)
--         SENT       the SMTP server accepted the message
--         EMPTY      nothing was routed to the list that week and radar.digest.send-empty is false
--         UNCERTAIN  the instance died while SENDING: the message may or may not have gone out. Never resent
--                    on its own (that could be a double send); an admin resends it deliberately.
create table digest_delivery (
    id               bigint generated always as identity primary key,
    week_start       date          not null,
    recipient_list   varchar(140)  not null,
    recipients       varchar(4000) not null,
    state            varchar(16)   not null,
    alert_count      integer       not null,
    -- the message as first rendered: every retry sends exactly this
    subject          varchar(300)  not null,
    html_body        text,
    text_body        text,
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz,
    last_attempt_at  timestamptz,
    last_error       varchar(2000),
    created_at       timestamptz   not null,
    sent_at          timestamptz,
    trigger          varchar(16)   not null,
    constraint digest_delivery_week_list unique (week_start, recipient_list)
);

-- the retry sweep: deliveries waiting for their next attempt
create index digest_delivery_pending_idx on digest_delivery (next_attempt_at) where state = 'PENDING';
