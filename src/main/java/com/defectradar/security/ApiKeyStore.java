package com.defectradar.security;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code api_key} table. Plain JDBC because lookups run on a worker thread outside any request
 * transaction and are one indexed read; {@link ApiKeyCache} spares repeated lookups of the same key.
 */
@ApplicationScoped
public class ApiKeyStore {

    private static final String COLUMNS = "id, name, role, source, created_at, revoked_at";

    private final AgroalDataSource dataSource;

    public ApiKeyStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A stored key without its secret. */
    public record StoredKey(String id, String name, String role, String source, Instant createdAt, Instant revokedAt) {
    }

    public StoredKey insert(ApiKeySecrets.Issued issued, String name, String role, String source) {
        String sql = "insert into api_key (id, name, role, source, salt, secret_hash) values (?, ?, ?, ?, ?, ?) returning "
                + COLUMNS;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, issued.id());
            insert.setString(2, name);
            insert.setString(3, role);
            insert.setString(4, source);
            insert.setBytes(5, issued.salt());
            insert.setBytes(6, issued.hash());
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return read(row);
            }
        } catch (SQLException e) {
            throw new KeyStoreException(e);
        }
    }

    /** The caller a presented key belongs to, if its secret matches and it is not revoked. */
    public Optional<Caller> authenticate(ApiKeySecrets.Presented presented) {
        String sql = "select role, source, salt, secret_hash from api_key where id = ? and revoked_at is null";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, presented.id());
            try (ResultSet row = select.executeQuery()) {
                if (row.next() && ApiKeySecrets.sameHash(row.getBytes("secret_hash"),
                        ApiKeySecrets.hash(row.getBytes("salt"), presented.secret()))) {
                    return Optional.of(new Caller(presented.id(), row.getString("role"), row.getString("source")));
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new KeyStoreException(e);
        }
    }

    public List<StoredKey> list() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from api_key order by created_at, id");
             ResultSet rows = select.executeQuery()) {
            List<StoredKey> keys = new ArrayList<>();
            while (rows.next()) {
                keys.add(read(rows));
            }
            return keys;
        } catch (SQLException e) {
            throw new KeyStoreException(e);
        }
    }

    public Optional<StoredKey> find(String id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from api_key where id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new KeyStoreException(e);
        }
    }

    /** Marks the key revoked (keeping the first revocation time); false when there is no such key. */
    public boolean revoke(String id) {
        String sql = "update api_key set revoked_at = coalesce(revoked_at, now()) where id = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, id);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new KeyStoreException(e);
        }
    }

    private static StoredKey read(ResultSet row) throws SQLException {
        Timestamp revoked = row.getTimestamp("revoked_at");
        return new StoredKey(row.getString("id"), row.getString("name"), row.getString("role"), row.getString("source"),
                row.getTimestamp("created_at").toInstant(), revoked == null ? null : revoked.toInstant());
    }

    /** A database failure while reading or writing keys; the cause tells whether the database is down. */
    public static final class KeyStoreException extends RuntimeException {
        KeyStoreException(SQLException cause) {
            super("API key storage failed", cause);
        }
    }
}
