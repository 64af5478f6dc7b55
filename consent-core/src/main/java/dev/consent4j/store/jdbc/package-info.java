/**
 * The JDBC stores for H2, PostgreSQL and MariaDB/MySQL: one schema file per database (run by
 * {@link dev.consent4j.store.jdbc.JdbcSchema} or by the shop's migration tool), the consent
 * chain store and the ledger store. An append is acknowledged only after its transaction has
 * committed.
 */
package dev.consent4j.store.jdbc;
