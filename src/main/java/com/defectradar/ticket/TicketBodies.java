package com.defectradar.ticket;

import com.defectradar.web.FieldError;
import com.defectradar.web.JsonBodies;
import com.defectradar.web.Problem;
import com.defectradar.web.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Reads ticket request bodies (one object, a JSON array, or NDJSON) into parse results, within the limits. */
@ApplicationScoped
public class TicketBodies {

    static final int SINGLE_MAX_BYTES = 64 * 1024;
    static final int BATCH_MAX_BYTES = 16 * 1024 * 1024;
    static final int BATCH_MAX_ITEMS = 10_000;

    private final JsonBodies bodies;
    private final TicketParser parser = new TicketParser(Clock.systemUTC());

    public TicketBodies(JsonBodies bodies) {
        this.bodies = bodies;
    }

    public TicketInput single(byte[] body) {
        return switch (parser.parse(bodies.parse(body, SINGLE_MAX_BYTES), "")) {
            case TicketParser.Valid(TicketInput ticket) -> ticket;
            case TicketParser.Invalid(String ticketId, List<FieldError> errors) ->
                    throw ProblemException.invalid("The ticket has " + errors.size() + " invalid field(s).", errors);
        };
    }

    public List<TicketParser.Result> jsonArray(byte[] body) {
        JsonNode root = bodies.parse(body, BATCH_MAX_BYTES);
        if (!root.isArray()) {
            throw ProblemException.invalid("$", "must be a JSON array of tickets");
        }
        requireItemLimit(root.size());
        List<TicketParser.Result> results = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            results.add(parser.parse(root.get(i), "[" + i + "]."));
        }
        return results;
    }

    /** NDJSON: one ticket per line; blank lines are skipped. A line that is not JSON refuses the whole body. */
    public List<TicketParser.Result> ndjson(byte[] body) {
        JsonBodies.requireWithin(body, BATCH_MAX_BYTES);
        String[] lines = utf8(body).split("\r?\n");
        List<JsonNode> nodes = new ArrayList<>();
        List<FieldError> malformed = new ArrayList<>();
        for (int line = 0; line < lines.length; line++) {
            if (lines[line].isBlank()) {
                continue;
            }
            try {
                nodes.add(bodies.mapper().readTree(lines[line]));
            } catch (JsonProcessingException e) {
                malformed.add(new FieldError("line " + (line + 1), "is not valid JSON: " + e.getOriginalMessage()));
            }
        }
        if (!malformed.isEmpty()) {
            throw new ProblemException(new Problem(Problem.of(400, "malformed-json", "Malformed JSON", "").type(),
                    "Malformed JSON", 400, malformed.size() + " line(s) are not JSON; nothing was stored.", malformed));
        }
        if (nodes.isEmpty()) {
            throw ProblemException.invalid("$", "must hold at least one ticket");
        }
        requireItemLimit(nodes.size());
        List<TicketParser.Result> results = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            results.add(parser.parse(nodes.get(i), "[" + i + "]."));
        }
        return results;
    }

    /**
     * Strict: the lenient String constructor would turn bytes that are not UTF-8 into U+FFFD and store text
     * the shop never sent (a JSON array with such bytes is refused by the parser the same way).
     */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body == null ? new byte[0] : body)).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(Problem.of(400, "malformed-json", "Malformed JSON",
                    "The body is not valid UTF-8; nothing was stored."));
        }
    }

    private static void requireItemLimit(int items) {
        if (items > BATCH_MAX_ITEMS) {
            throw ProblemException.tooLarge("The request holds " + items + " tickets; at most " + BATCH_MAX_ITEMS
                    + " are accepted per request.");
        }
    }
}
