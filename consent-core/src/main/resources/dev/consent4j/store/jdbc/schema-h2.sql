-- consent4j event store, H2. ${prefix} is replaced by the table prefix (default consent_).
-- Events are append-only: the store never updates or deletes a row. (H2 has no SQL triggers; the
-- PostgreSQL and MariaDB schemas enforce this in the database as well.)
CREATE TABLE IF NOT EXISTS ${prefix}event (
    id              CHAR(36)      NOT NULL PRIMARY KEY,
    subject         VARCHAR(140)  NOT NULL,
    seq             BIGINT        NOT NULL,
    topic           VARCHAR(140),
    action          VARCHAR(16)   NOT NULL,
    policy_version  VARCHAR(64)   NOT NULL,
    time_seconds    BIGINT        NOT NULL,
    time_nanos      INT           NOT NULL,
    source          VARCHAR(32)   NOT NULL,
    actor           VARCHAR(16)   NOT NULL,
    operator_id     VARCHAR(128),
    jurisdiction    VARCHAR(8)    NOT NULL,
    notice_version  VARCHAR(128),
    language        VARCHAR(35),
    user_agent      VARCHAR(256),
    network         VARCHAR(64),
    linked_visitor  VARCHAR(140),
    supersedes      CHAR(36),
    previous_hash   VARCHAR(64)   NOT NULL,
    hash            VARCHAR(64)   NOT NULL,
    format          SMALLINT      NOT NULL,
    CONSTRAINT ${prefix}event_chain UNIQUE (subject, seq)
);

-- The latest event per subject and topic, kept in the same transaction as the events; the bulk
-- audience filter reads it instead of scanning chains.
CREATE TABLE IF NOT EXISTS ${prefix}latest (
    subject   VARCHAR(140) NOT NULL,
    topic     VARCHAR(140) NOT NULL,
    event_id  CHAR(36)     NOT NULL,
    seq       BIGINT       NOT NULL,
    PRIMARY KEY (subject, topic)
);

CREATE INDEX IF NOT EXISTS ${prefix}latest_topic ON ${prefix}latest (topic, subject);

-- The head of each chain: its last position and hash, what the next append builds on. An append
-- reads and locks this one row by its key and updates it in the same transaction as the events,
-- so its cost does not grow with the event table or the subject's history.
CREATE TABLE IF NOT EXISTS ${prefix}chain_head (
    subject   VARCHAR(140) NOT NULL PRIMARY KEY,
    seq       BIGINT       NOT NULL,
    hash      VARCHAR(64)  NOT NULL
);
