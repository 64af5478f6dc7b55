-- consent4j outbox (MariaDB and MySQL): what each append that changed a decision must tell the systems
-- downstream, written in the append's transaction and delivered by the OutboxDispatcher.
-- ${prefix} is replaced by the table prefix (default consent_). Only for a store built with an
-- outbox; a shop without one needs no such table. status: PENDING, DELIVERED or DEAD.
CREATE TABLE IF NOT EXISTS ${prefix}outbox (
    seq             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    message_key     CHAR(36)      NOT NULL,
    subject         VARCHAR(140)  NOT NULL,
    recorded_millis BIGINT        NOT NULL,
    payload         MEDIUMTEXT    NOT NULL,
    status          VARCHAR(10)   NOT NULL,
    attempts        INT           NOT NULL,
    next_millis     BIGINT        NOT NULL,
    last_error      VARCHAR(500),
    done_millis     BIGINT,
    CONSTRAINT ${prefix}outbox_key UNIQUE (message_key),
    INDEX ${prefix}outbox_due (status, seq),
    INDEX ${prefix}outbox_subject (subject, status, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
