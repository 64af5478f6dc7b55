/**
 * The JDBC stores for H2, PostgreSQL and MariaDB/MySQL: one schema file per database (run by
 * {@link dev.consent4j.store.jdbc.JdbcSchema} or by the shop's migration tool), the consent
 * chain store ({@link dev.consent4j.store.jdbc.JdbcConsentStore}) and the ledger store
 * ({@link dev.consent4j.store.jdbc.JdbcLedgerStore}). An append is acknowledged only after its
 * transaction has committed.
 *
 * <p>The two public stores are facades; the work is done by package-private classes, one per
 * concern: appends and chain heads ({@code EventAppends}, {@code ChainHeads}), reads
 * ({@code EventReads}), the row format ({@code EventRows}), audience queries
 * ({@code JdbcAudiences}), the outbox ({@code JdbcOutbox}) and personal requests
 * ({@code JdbcRequests}).
 */
@NullMarked
package dev.consent4j.store.jdbc;

import org.jspecify.annotations.NullMarked;
