package com.defectradar.coordination;

import com.defectradar.common.Sha256;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * "At most one at a time across all instances" on the database every instance already shares, with a
 * PostgreSQL advisory lock.
 *
 * <p>Session-level ({@code pg_try_advisory_lock}) on a connection held for the duration of the work, rather
 * than transaction-level: the work may then commit in as many transactions of its own as it likes (a long
 * detection run should not be one transaction), and PostgreSQL still releases the lock by itself if the
 * instance dies, because the session dies with it. The cost is one pooled connection per running piece of
 * work. The lock is tried, never waited for: a caller that loses learns so at once (a digest delivery another
 * instance is sending is left to it). Should the database restart mid-work, the session and
 * its lock are gone while the work goes on; its own writes fail then too, so this is no weaker than the work.
 *
 * <p>Runs outside any caller transaction ({@code NOT_SUPPORTED}): the lock connection must not be enlisted in
 * a transaction whose end would not release a session lock anyway, and the work opens its own transactions.
 */
@ApplicationScoped
public class ClusterLock {

    private final AgroalDataSource dataSource;

    public ClusterLock(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} if no one else, in this or another instance, holds {@code lockName}; true if it ran. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public boolean runExclusively(String lockName, Runnable work) {
        return callExclusively(lockName, () -> {
            work.run();
            return Boolean.TRUE;
        }).isPresent();
    }

    /** Calls {@code work} if the lock is free; its result, or empty when another holder was running. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public <T> Optional<T> callExclusively(String lockName, Supplier<T> work) {
        long key = key(lockName);
        try (Connection connection = dataSource.getConnection()) {
            if (!tryLock(connection, key)) {
                return Optional.empty();
            }
            try {
                return Optional.of(work.get());
            } finally {
                unlock(connection, key, lockName);
            }
        } catch (SQLException e) {
            throw new ClusterLockException("Cluster lock '" + lockName + "' could not be taken or released", e);
        }
    }

    /** The lock's 64-bit key: the same name gives the same key in every instance and JVM version. */
    public static long key(String lockName) {
        return ByteBuffer.wrap(Sha256.of("defect-radar:" + lockName)).getLong();
    }

    private static boolean tryLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet result = lock.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection, long key, String lockName) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
            try (ResultSet result = unlock.executeQuery()) {
                result.next();
                if (!result.getBoolean(1)) {
                    Log.warnf("Cluster lock '%s' was not held at release", lockName);
                }
            }
        } catch (SQLException e) {
            // the pooled connection may go back to the pool still holding the lock: close it for real, which
            // ends the session and so releases the lock
            Log.warnf("Releasing cluster lock '%s' failed; discarding the connection: %s", lockName, e.getMessage());
            connection.abort(Runnable::run);
            throw e;
        }
    }

    public static final class ClusterLockException extends RuntimeException {
        ClusterLockException(String message, SQLException cause) {
            super(message, cause);
        }
    }
}
