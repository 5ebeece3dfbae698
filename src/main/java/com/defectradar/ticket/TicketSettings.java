package com.defectradar.ticket;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Single-ticket ingest configuration ({@code radar.tickets.*}); docs/benchmarks.md shows what they buy. */
@ConfigMapping(prefix = "radar.tickets")
public interface TicketSettings {

    /**
     * Threads that store single tickets, each one group at a time. Tickets that arrive while all of them are
     * busy wait and go in together, so a group grows with the load and its wait stays about one commit. More
     * writers mean smaller groups, more commits and more thread hand-offs; on the benchmark (16 clients, 2 cores)
     * one writer was the fastest (docs/benchmarks.md, "Single tickets").
     */
    @WithDefault("1")
    int writers();

    /** Most tickets stored in one group (one INSERT); more stay queued for the next. */
    @WithDefault("256")
    int maxGroup();
}
