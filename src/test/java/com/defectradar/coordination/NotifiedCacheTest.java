package com.defectradar.coordination;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class NotifiedCacheTest {

    @Test
    void keepsAnswersOnlyWhileNotificationsArrive() {
        NotifiedCache<String, String> cache = new NotifiedCache<>(10);
        assertEquals("v", cache.get("k", () -> "v"));
        assertNull(cache.kept("k"), "not listening yet: a missed notice would leave it stale for good");

        cache.listening(true);
        cache.get("k", () -> "v");
        assertEquals("v", cache.kept("k"));
        assertEquals("v", cache.get("k", () -> "other"), "kept: not loaded again");

        cache.listening(false);
        assertNull(cache.kept("k"), "connection lost: everything dropped");
    }

    @Test
    void aNoticeClearsEverythingIncludingALoadThatRacedWithIt() {
        NotifiedCache<String, String> cache = new NotifiedCache<>(10);
        cache.listening(true);
        cache.get("a", () -> "1");
        cache.invalidate();
        assertNull(cache.kept("a"));

        // the change is notified while the load reads: what it read may predate the change
        assertEquals("old", cache.get("b", () -> {
            cache.invalidate();
            return "old";
        }));
        assertNull(cache.kept("b"));
    }

    @Test
    void keepsNoMoreThanItsBoundAndNeverNull() {
        NotifiedCache<Integer, String> cache = new NotifiedCache<>(2);
        cache.listening(true);
        for (int i = 0; i < 3; i++) {
            int key = i;
            assertEquals("v" + i, cache.get(key, () -> "v" + key));
        }
        assertEquals("v1", cache.kept(1));
        assertNull(cache.kept(2), "past the bound: answered, not kept");
        assertNull(cache.get(9, () -> null));
        assertNull(cache.kept(9));
    }
}
