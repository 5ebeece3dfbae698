package com.defectradar.security;

import com.defectradar.common.JsonFields;
import com.defectradar.web.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/** A request for a new key: its role, a name to recognise it by, and for reporter keys an optional source. */
public record KeyRequest(String role, String name, String source) {

    static final int NAME_LENGTH = 128;
    static final int SOURCE_LENGTH = 64;

    static KeyRequest parse(JsonNode node) {
        if (!node.isObject()) {
            throw ProblemException.invalid("$", "must be a JSON object");
        }
        JsonFields f = new JsonFields(node, "");
        String role = f.requiredText("role", 16);
        if (role != null && !Roles.ALL.contains(role.strip().toLowerCase(Locale.ROOT))) {
            f.reject("role", "must be reporter, engineer or admin");
        }
        String name = f.optionalText("name", NAME_LENGTH);
        String source = f.optionalText("source", SOURCE_LENGTH);
        if (source != null && role != null && !Roles.REPORTER.equalsIgnoreCase(role.strip())) {
            // engineers and admins read everything; a source binding would promise a limit that is not there
            f.reject("source", "can only be set for reporter keys");
        }
        if (!f.errors().isEmpty()) {
            throw ProblemException.invalid("The key request has " + f.errors().size() + " invalid field(s).", f.errors());
        }
        String normalisedRole = role.strip().toLowerCase(Locale.ROOT);
        return new KeyRequest(normalisedRole, name == null ? normalisedRole + " key" : name.strip(),
                source == null ? null : source.strip());
    }
}
