package com.defectradar.coordination;

import com.defectradar.support.EmbeddedPostgresResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ClusterLockTest {

    @Inject
    ClusterLock lock;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoConcurrentCallersExactlyOneRuns() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstIsRunning = new CountDownLatch(1);
        CountDownLatch secondHasTried = new CountDownLatch(1);
        // two threads of our own: the common pool may have a single thread on a small machine
        ExecutorService callers = Executors.newFixedThreadPool(2);
        // the first caller holds the lock until the second one has tried, so they certainly overlap
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> lock.runExclusively("detection", () -> {
            runs.incrementAndGet();
            firstIsRunning.countDown();
            await(secondHasTried);
        }), callers);
        assertTrue(firstIsRunning.await(10, TimeUnit.SECONDS));
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            try {
                return lock.runExclusively("detection", runs::incrementAndGet);
            } finally {
                secondHasTried.countDown();
            }
        }, callers);
        assertFalse(second.get(10, TimeUnit.SECONDS));
        assertTrue(first.get(10, TimeUnit.SECONDS));
        assertEquals(1, runs.get());
        callers.shutdown();
        // released: the next caller runs
        assertEquals(Optional.of("again"), lock.callExclusively("detection", () -> "again"));
    }

    @Test
    void otherNamesDoNotBlockAndFailuresRelease() {
        assertEquals(Optional.of(true), lock.callExclusively("digest", () ->
                lock.runExclusively("detection-other", () -> { })));
        assertThrows(IllegalStateException.class, () -> lock.runExclusively("digest", () -> {
            throw new IllegalStateException("work failed");
        }));
        assertTrue(lock.runExclusively("digest", () -> { }));
    }

    @Test
    void aLockHeldByAnotherSessionIsRespected() throws Exception {
        // another instance is just another PostgreSQL session holding the same key
        try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
            try (ResultSet locked = statement.executeQuery("select pg_try_advisory_lock(" + ClusterLock.key("digest-week") + ")")) {
                locked.next();
                assertTrue(locked.getBoolean(1));
            }
            assertFalse(lock.runExclusively("digest-week", () -> { throw new AssertionError("must not run"); }));
            statement.execute("select pg_advisory_unlock(" + ClusterLock.key("digest-week") + ")");
        }
        assertTrue(lock.runExclusively("digest-week", () -> { }));
    }

    @Test
    void keysAreStableAndDistinct() {
        assertEquals(ClusterLock.key("detection"), ClusterLock.key("detection"));
        assertNotEquals(ClusterLock.key("detection"), ClusterLock.key("digest"));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the second caller never tried");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
