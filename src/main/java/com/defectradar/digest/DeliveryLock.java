package com.defectradar.digest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * "I am sending delivery n": a PostgreSQL advisory lock held on a connection of its own for as long as one
 * instance talks to the SMTP server about one delivery. Other instances skip a locked delivery. A delivery found
 * in state SENDING while its lock is free was abandoned: the process that held the lock is gone, because
 * PostgreSQL releases the lock the moment that process' connection drops. That is how a crash is told apart
 * from a slow send without guessing a timeout.
 *
 * <p>Transaction-scoped lock on a non-JTA connection with autocommit off: ending the transaction (or losing the
 * connection) releases it, so a lock can never outlive its holder on a pooled connection.
 */
final class DeliveryLock implements AutoCloseable {

    /** Two-key advisory locks: this class id ("dige") keeps our keys apart from other features' locks. */
    private static final int LOCK_CLASS = 0x64696765;

    private final Connection connection;
    private final boolean acquired;

    private DeliveryLock(Connection connection, boolean acquired) {
        this.connection = connection;
        this.acquired = acquired;
    }

    static DeliveryLock tryAcquire(AgroalDataSource dataSource, long deliveryId) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_xact_lock(?, ?)")) {
                statement.setInt(1, LOCK_CLASS);
                statement.setInt(2, Math.toIntExact(deliveryId));
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    return new DeliveryLock(connection, result.getBoolean(1));
                }
            }
        } catch (SQLException e) {
            close(connection);
            throw new IllegalStateException("Could not take the lock of digest delivery " + deliveryId, e);
        }
    }

    boolean acquired() {
        return acquired;
    }

    @Override
    public void close() {
        close(connection);
    }

    private static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try (connection) {
            connection.rollback();
        } catch (SQLException e) {
            // the lock goes with the connection; nothing else to undo
            Log.debugf("Releasing a digest delivery lock: %s", e.getMessage());
        }
    }
}
