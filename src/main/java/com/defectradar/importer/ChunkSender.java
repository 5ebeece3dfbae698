package com.defectradar.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;

/** Sends one chunk of tickets to {@code POST /api/v1/tickets/batch} and answers the service's verdict. */
interface ChunkSender {

    Answer send(List<ObjectNode> tickets) throws IOException, InterruptedException;

    /** The service's answer: counts, and the tickets it refused by their index in the chunk. */
    record Answer(int created, int duplicates, List<Rejection> rejected) {
    }

    record Rejection(int index, String ticketId, List<String> reasons) {
    }

    /** An answer that retrying will not change (no access, a request the service refuses): the import stops. */
    final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /** The chunk is larger than the service takes in one request: send it in halves. */
    final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }
}
