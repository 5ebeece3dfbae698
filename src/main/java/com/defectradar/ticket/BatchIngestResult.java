package com.defectradar.ticket;

import com.defectradar.web.FieldError;

import java.util.List;

/** The answer to a bulk upload: what was received, stored, recognised as a replay, and refused (with why). */
public record BatchIngestResult(int received, int created, int duplicates, List<Rejected> rejected) {

    public record Rejected(int index, String ticketId, List<FieldError> errors) {
    }
}
