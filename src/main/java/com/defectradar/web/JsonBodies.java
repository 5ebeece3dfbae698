package com.defectradar.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Parses request bodies that the service validates field by field itself, within a size limit. */
@ApplicationScoped
public class JsonBodies {

    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public JsonNode parse(byte[] body, int maxBytes) {
        requireWithin(body, maxBytes);
        if (body == null || body.length == 0) {
            throw new ProblemException(Problem.of(400, "malformed-json", "Malformed JSON", "The body is empty."));
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.of(400, "malformed-json", "Malformed JSON",
                    "The body is not valid JSON: " + e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw new ProblemException(Problem.of(400, "malformed-json", "Malformed JSON", "The body could not be read."));
        }
    }

    public static void requireWithin(byte[] body, int maxBytes) {
        if (body != null && body.length > maxBytes) {
            throw ProblemException.tooLarge("The body has " + body.length + " bytes; this endpoint accepts at most "
                    + maxBytes + ".");
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
