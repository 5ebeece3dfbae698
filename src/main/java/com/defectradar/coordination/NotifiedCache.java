package com.defectradar.coordination;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers read from the database, kept until a notification says the rows behind them changed. Kept only while
 * the notification connection listens (a missed notification would leave a stale answer for good), and a load
 * that raced with a change is not kept: whatever it read may predate the change it was told about.
 * Bounded: past {@code maxEntries} loads are answered but not kept.
 */
public final class NotifiedCache<K, V> {

    /**
     * A bean that keeps one cache for one channel's notices: every notice clears it, and it keeps nothing while
     * the notification connection is down.
     */
    public interface Owner extends ClusterNotifications.Listener {

        NotifiedCache<?, ?> cache();

        @Override
        default void notified(String payload) {
            cache().invalidate();
        }

        @Override
        default void listening(boolean listening) {
            cache().listening(listening);
        }
    }

    private final ConcurrentHashMap<K, V> values = new ConcurrentHashMap<>();
    private final int maxEntries;
    private long generation;
    private boolean listening;

    public NotifiedCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The kept answer, or a fresh one from {@code load} (kept when nothing changed meanwhile; null never). */
    public V get(K key, Supplier<V> load) {
        V kept = values.get(key);
        if (kept != null) {
            return kept;
        }
        long before = generation();
        V loaded = load.get();
        synchronized (this) {
            if (loaded != null && listening && generation == before && values.size() < maxEntries) {
                values.put(key, loaded);
            }
        }
        return loaded;
    }

    /** The kept answer, or null. */
    public V kept(K key) {
        return values.get(key);
    }

    /** Something changed: forget every answer, including loads under way. */
    public synchronized void invalidate() {
        generation++;
        values.clear();
    }

    /** Whether notifications arrive; answers are kept only while they do. */
    public synchronized void listening(boolean listening) {
        this.listening = listening;
        invalidate();
    }

    private synchronized long generation() {
        return generation;
    }
}
