package com.defectradar.alert;

import com.defectradar.common.JsonFields;
import com.defectradar.web.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;

/** Who moves an alert, and why: {@code actor} required (≤ 128), {@code note} optional (≤ 2000). */
public record TransitionRequest(String actor, String note) {

    static final int ACTOR_LENGTH = 128;
    static final int NOTE_LENGTH = 2000;
    /** Largest body read: a 2000-character note of 4-byte characters, JSON-escaped, with room to spare. */
    static final int MAX_BODY_BYTES = 32 * 1024;

    /** Parses a request body, listing every bad field in one 400 problem. */
    static TransitionRequest parse(JsonNode node) {
        if (!node.isObject()) {
            throw ProblemException.invalid("$", "must be a JSON object with actor and optional note");
        }
        JsonFields fields = new JsonFields(node, "");
        String actor = fields.requiredText("actor", ACTOR_LENGTH);
        String note = fields.optionalText("note", NOTE_LENGTH);
        if (!fields.errors().isEmpty()) {
            throw ProblemException.invalid("The request has " + fields.errors().size() + " invalid field(s).",
                    fields.errors());
        }
        return new TransitionRequest(actor.strip(), note);
    }
}
