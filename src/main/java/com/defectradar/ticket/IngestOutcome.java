package com.defectradar.ticket;

/** What storing one valid ticket came to. */
public sealed interface IngestOutcome {

    record Created(long id) implements IngestOutcome {
    }

    /** The same ticket was stored before: a shop's retry. */
    record Duplicate(long id) implements IngestOutcome {
    }

    /** The same (source, ticketId) was stored before with other content. */
    record Conflict(long id) implements IngestOutcome {
    }
}
