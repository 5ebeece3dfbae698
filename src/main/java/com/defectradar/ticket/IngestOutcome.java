package com.defectradar.ticket;

/** What storing one valid ticket came to. */
public enum IngestOutcome {

    CREATED,

    /** The same ticket was stored before: a shop's retry. */
    DUPLICATE,

    /** The same (source, ticketId) was stored before with other content. */
    CONFLICT
}
