package com.defectradar.common;

import com.defectradar.web.FieldError;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class JsonFieldsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonFields fields(String value) {
        ObjectNode node = MAPPER.createObjectNode().put("text", value);
        return new JsonFields(node, "item.");
    }

    @Test
    void textIsMeasuredInCharactersNotUtf16Units() {
        JsonFields twoEmoji = fields("\uD83D\uDE00\uD83D\uDE00");
        assertEquals("\uD83D\uDE00\uD83D\uDE00", twoEmoji.optionalText("text", 2));
        assertEquals(List.of(), twoEmoji.errors());

        JsonFields threeEmoji = fields("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00");
        assertNull(threeEmoji.optionalText("text", 2));
        assertEquals(List.of(new FieldError("item.text", "must be at most 2 characters")), threeEmoji.errors());
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefused() {
        JsonFields nul = fields("a\u0000b");
        assertNull(nul.optionalText("text", 64));
        assertEquals(List.of(new FieldError("item.text", "must not contain NUL characters")), nul.errors());

        for (String unpaired : List.of("\uD800", "x\uDC00", "\uDE00\uD83D", "ok\uD83D")) {
            JsonFields surrogate = fields(unpaired);
            assertNull(surrogate.optionalText("text", 64));
            assertEquals(List.of(new FieldError("item.text", "must not contain unpaired surrogate escapes")),
                    surrogate.errors(), unpaired);
        }
    }

    @Test
    void blankTextCountsAsAbsent() {
        JsonFields blank = fields("   ");
        assertNull(blank.optionalText("text", 64));
        assertEquals(List.of(), blank.errors());
        assertNull(blank.requiredText("text", 64));
        assertEquals(List.of(new FieldError("item.text", "is required")), blank.errors());
    }
}
