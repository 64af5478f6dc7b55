package dev.consent4j.store.jdbc;

/**
 * What an append needs of a chain to place the next event: the last position and hash.
 *
 * @param stored whether the database has a row for it (an empty chain may not)
 */
record ChainHead(long sequence, String hash, boolean stored) {

    static final ChainHead EMPTY = new ChainHead(0, "", false);
}
