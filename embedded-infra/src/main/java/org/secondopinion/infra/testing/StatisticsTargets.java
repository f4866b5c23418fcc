package org.secondopinion.infra.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The PostgreSQL statistics targets of a table's columns: ANALYZE samples 300 rows per point of the largest one, 30,000
 * at the default of 100 (for tables that grow with every event, a few thousand do).
 */
public final class StatisticsTargets {

    private static final int DEFAULT_TARGET = 100;

    private StatisticsTargets() {
    }

    /** The largest statistics target among the table's columns, a column without one counting as the default. */
    public static int largest(DataSource db, String table) {
        try (Connection connection = db.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT max(CASE WHEN attstattarget < 0 THEN "
                     + DEFAULT_TARGET + " ELSE attstattarget END) FROM pg_attribute "
                     + "WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the statistics targets of " + table, e);
        }
    }
}
