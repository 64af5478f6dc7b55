-- consent4j event store, PostgreSQL. ${prefix} is replaced by the table prefix (default consent_).
CREATE TABLE IF NOT EXISTS ${prefix}event (
    id              CHAR(36)      NOT NULL PRIMARY KEY,
    subject         VARCHAR(140)  NOT NULL,
    seq             BIGINT        NOT NULL,
    topic           VARCHAR(140),
    action          VARCHAR(16)   NOT NULL,
    policy_version  VARCHAR(64)   NOT NULL,
    time_seconds    BIGINT        NOT NULL,
    time_nanos      INTEGER       NOT NULL,
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

-- Evidence is append-only in the database too: an UPDATE or DELETE of an event fails.
CREATE OR REPLACE FUNCTION ${prefix}event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'consent events are append-only: % on %', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS ${prefix}event_append_only ON ${prefix}event;

CREATE TRIGGER ${prefix}event_append_only BEFORE UPDATE OR DELETE ON ${prefix}event
    FOR EACH ROW EXECUTE FUNCTION ${prefix}event_append_only();
