-- consent4j event store, 0.1 to 0.2, MariaDB and MySQL. ${prefix} is replaced by the table prefix (default consent_).
-- Adds the chain-head table and fills it from the events already stored: for each subject, the
-- position and hash of its last event. Run it while no consent4j 0.1 writes to these tables (a
-- 0.1 append would not move the head; 0.2 notices and repairs a head that is behind, but only
-- at the cost of a retry). Running it again adds only heads that are missing.
CREATE TABLE IF NOT EXISTS ${prefix}chain_head (
    subject   VARCHAR(140) NOT NULL PRIMARY KEY,
    seq       BIGINT       NOT NULL,
    hash      VARCHAR(64)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO ${prefix}chain_head (subject, seq, hash)
SELECT e.subject, e.seq, e.hash
FROM ${prefix}event e
JOIN (SELECT subject, MAX(seq) AS seq FROM ${prefix}event GROUP BY subject) last_event
    ON last_event.subject = e.subject AND last_event.seq = e.seq
WHERE NOT EXISTS (SELECT 1 FROM ${prefix}chain_head h WHERE h.subject = e.subject);
