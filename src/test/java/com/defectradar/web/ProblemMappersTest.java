package com.defectradar.web;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemMappersTest {

    @Test
    void databaseUnavailableIsRecognisedWhereverItHides() {
        assertTrue(ProblemMappers.isDatabaseUnavailable(new RuntimeException(new SQLException("refused", "08001"))));
        assertTrue(ProblemMappers.isDatabaseUnavailable(new SQLException("the database system is starting up", "57P03")));
        assertTrue(ProblemMappers.isDatabaseUnavailable(new SQLException("terminating connection", "57P01")));
        assertTrue(ProblemMappers.isDatabaseUnavailable(new SQLTransientConnectionException("gone")));
        assertTrue(ProblemMappers.isDatabaseUnavailable(new SQLException(ProblemMappers.AGROAL_ACQUISITION_TIMEOUT)));
        // a failed commit: the connection failure is only a suppressed exception of a suppressed exception
        RuntimeException rollback = new RuntimeException("Could not commit transaction");
        Exception xa = new Exception("Error trying to commit");
        xa.addSuppressed(new SQLException("terminating connection due to administrator command", "57P01"));
        rollback.addSuppressed(xa);
        assertTrue(ProblemMappers.isDatabaseUnavailable(new IllegalStateException(rollback)));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(ProblemMappers.isDatabaseUnavailable(new SQLException("duplicate key", "23505")));
        assertFalse(ProblemMappers.isDatabaseUnavailable(new SQLException("no state")));
        assertFalse(ProblemMappers.isDatabaseUnavailable(new NullPointerException()));
        RuntimeException loop = new RuntimeException("suppresses itself");
        RuntimeException other = new RuntimeException(loop);
        loop.addSuppressed(other);
        assertFalse(ProblemMappers.isDatabaseUnavailable(loop));
    }
}
