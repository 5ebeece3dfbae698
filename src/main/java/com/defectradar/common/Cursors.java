package com.defectradar.common;

import com.defectradar.web.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset cursors: the position after the last item of a page, as a list of values, base64url-encoded
 * so clients do not build them by hand.
 */
public final class Cursors {

    private static final String SEPARATOR = "|";

    private Cursors() {
    }

    public static String encode(String kind, Object... values) {
        StringBuilder text = new StringBuilder(kind);
        for (Object value : values) {
            text.append(SEPARATOR).append(value);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The values of a cursor made by {@link #encode} for the same kind, or a 400 problem naming the parameter. */
    public static List<String> decode(String kind, String cursor, int values) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(text.split("\\" + SEPARATOR, -1));
            if (parts.size() == values + 1 && parts.getFirst().equals(kind)) {
                return parts.subList(1, parts.size());
            }
        } catch (IllegalArgumentException e) {
            // falls through to the problem below
        }
        throw ProblemException.invalid("cursor", "is not a cursor this listing returned");
    }
}
