package dev.consent4j.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Values that the stores' tables keep in more or fewer columns than one: an instant as two (epoch
 * seconds and nanoseconds), a list of ids as one, comma-separated.
 */
final class Columns {

    private Columns() {
    }

    static void instant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setLong(index, instant.getEpochSecond());
        statement.setInt(index + 1, instant.getNano());
    }

    static Instant instant(ResultSet rows, int index) throws SQLException {
        return Instant.ofEpochSecond(rows.getLong(index), rows.getInt(index + 1));
    }

    static List<String> items(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
