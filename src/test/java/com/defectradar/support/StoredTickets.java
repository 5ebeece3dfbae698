package com.defectradar.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** What the database holds, read directly: the ground truth durability tests compare answers with. */
public final class StoredTickets {

    private StoredTickets() {
    }

    /** Rows per ticketId of one source: every acknowledged ticket must be there exactly once. */
    public static Map<String, Integer> countsByTicketId(String jdbcUrl, String source) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             PreparedStatement select = connection.prepareStatement(
                     "select ticket_id, count(*) from ticket where source = ? group by ticket_id")) {
            select.setString(1, source);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }
}
