package com.defectradar.common;

import java.util.Locale;

/** Codes are stored as sent and compared case-insensitively after trimming: this is that comparison key. */
public final class Codes {

    private Codes() {
    }

    public static String key(String code) {
        if (code == null) {
            return null;
        }
        String trimmed = code.strip();
        return trimmed.isEmpty() ? null : trimmed.toLowerCase(Locale.ROOT);
    }
}
