-- consent4j ledger (H2): third-party provision records (APPI art. 29), receipts with their
-- provenance (art. 30) and personal requests with their steps. ${prefix} is replaced by the table
-- prefix (default consent_). Rows are only inserted; provision and receipt rows are deleted by the
-- explicit purge once their retention has run out.

CREATE TABLE IF NOT EXISTS ${prefix}provision (
    id                  CHAR(36)       NOT NULL PRIMARY KEY,
    recipient           VARCHAR(64)    NOT NULL,
    kind                VARCHAR(16)    NOT NULL,
    ground              VARCHAR(16)    NOT NULL,
    data_items          VARCHAR(2000)  NOT NULL,
    first_seconds       BIGINT         NOT NULL,
    first_nanos         INTEGER        NOT NULL,
    last_seconds        BIGINT         NOT NULL,
    last_nanos          INTEGER        NOT NULL,
    keep_until_seconds  BIGINT         NOT NULL,
    keep_until_nanos    INTEGER        NOT NULL
);

CREATE INDEX IF NOT EXISTS ${prefix}provision_recipient ON ${prefix}provision (recipient);

CREATE TABLE IF NOT EXISTS ${prefix}provision_subject (
    provision_id  CHAR(36)      NOT NULL,
    n             INTEGER       NOT NULL,
    subject       VARCHAR(140)  NOT NULL,
    basis_event   CHAR(36),
    PRIMARY KEY (provision_id, n)
);

CREATE INDEX IF NOT EXISTS ${prefix}provision_subject_subject ON ${prefix}provision_subject (subject);

CREATE TABLE IF NOT EXISTS ${prefix}receipt (
    id                  CHAR(36)       NOT NULL PRIMARY KEY,
    provider_name       VARCHAR(256)   NOT NULL,
    provider_address    VARCHAR(512)   NOT NULL,
    representative      VARCHAR(256),
    corporation         BOOLEAN        NOT NULL,
    acquisition         VARCHAR(2000)  NOT NULL,
    data_items          VARCHAR(2000)  NOT NULL,
    received_seconds    BIGINT         NOT NULL,
    received_nanos      INTEGER        NOT NULL,
    keep_until_seconds  BIGINT         NOT NULL,
    keep_until_nanos    INTEGER        NOT NULL
);

CREATE TABLE IF NOT EXISTS ${prefix}receipt_subject (
    receipt_id  CHAR(36)      NOT NULL,
    n           INTEGER       NOT NULL,
    subject     VARCHAR(140)  NOT NULL,
    PRIMARY KEY (receipt_id, n)
);

CREATE INDEX IF NOT EXISTS ${prefix}receipt_subject_subject ON ${prefix}receipt_subject (subject);

CREATE TABLE IF NOT EXISTS ${prefix}request (
    id                CHAR(36)       NOT NULL PRIMARY KEY,
    subject           VARCHAR(140)   NOT NULL,
    kind              VARCHAR(32)    NOT NULL,
    targets           VARCHAR(2000)  NOT NULL,
    details           VARCHAR(4000),
    jurisdiction      VARCHAR(8)     NOT NULL,
    received_seconds  BIGINT         NOT NULL,
    received_nanos    INTEGER        NOT NULL,
    due_seconds       BIGINT         NOT NULL,
    due_nanos         INTEGER        NOT NULL
);

CREATE INDEX IF NOT EXISTS ${prefix}request_subject ON ${prefix}request (subject);

CREATE TABLE IF NOT EXISTS ${prefix}request_step (
    request_id   CHAR(36)       NOT NULL,
    n            INTEGER        NOT NULL,
    status       VARCHAR(24)    NOT NULL,
    at_seconds   BIGINT         NOT NULL,
    at_nanos     INTEGER        NOT NULL,
    operator_id  VARCHAR(128),
    note         VARCHAR(4000),
    PRIMARY KEY (request_id, n)
);

-- Recipients told of a person's opt-out, withdrawal or stop-provision request (CCPA regulations
-- §7026(f), APPI art. 29), once per recipient and outbox message. New in 0.3: running this file
-- again on a 0.2 database adds the table and changes nothing else.
CREATE TABLE IF NOT EXISTS ${prefix}notification (
    recipient         VARCHAR(64)    NOT NULL,
    message_key       CHAR(36)       NOT NULL,
    subject           VARCHAR(140)   NOT NULL,
    topics            VARCHAR(2000)  NOT NULL,
    notified_seconds  BIGINT         NOT NULL,
    notified_nanos    INTEGER        NOT NULL,
    PRIMARY KEY (recipient, message_key)
);

CREATE INDEX IF NOT EXISTS ${prefix}notification_subject ON ${prefix}notification (subject);
