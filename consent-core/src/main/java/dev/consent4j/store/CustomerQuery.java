package dev.consent4j.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The shop's customers as the database already holds them, for an audience the database joins
 * itself ({@link dev.consent4j.ConsentManager#audience(CustomerQuery, String, String,
 * dev.consent4j.policy.Jurisdiction, java.util.function.Consumer)}): a table and its id column, or
 * a {@code SELECT} and the name of the column that holds the customer id (as the shop passes it to
 * {@link dev.consent4j.event.SubjectId#customer}).
 *
 * <p>The text is put into SQL as it is: write it in the shop's code, never from request input.
 *
 * @param select a query whose rows are the customers, one row each
 * @param idColumn the column of {@code select} that holds the customer id
 */
public record CustomerQuery(String select, String idColumn) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    public CustomerQuery {
        Objects.requireNonNull(select, "select");
        Objects.requireNonNull(idColumn, "idColumn");
        if (select.isBlank()) {
            throw new IllegalArgumentException("the customer query is empty");
        }
        if (select.contains(";")) {
            throw new IllegalArgumentException("the customer query must be one SELECT, without ';'");
        }
        if (!IDENTIFIER.matcher(idColumn).matches() || idColumn.contains(".")) {
            throw new IllegalArgumentException("the id column must be a plain column name, not '" + idColumn + "'");
        }
    }

    /** Every row of {@code table}, with the customer id in {@code idColumn}. */
    public static CustomerQuery table(String table, String idColumn) {
        if (table == null || !IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("the table must be a name, optionally schema-qualified, not '" + table + "'");
        }
        return new CustomerQuery("SELECT " + idColumn + " FROM " + table, idColumn);
    }

    /** The rows of {@code select}, with the customer id in {@code idColumn}. */
    public static CustomerQuery select(String select, String idColumn) {
        return new CustomerQuery(select, idColumn);
    }
}
