package dev.consent4j.event;

import java.time.Instant;
import java.util.List;

/**
 * Three events of one customer as consent4j stored them before events and seals were separate
 * types (the event record carried sequence, previous hash and hash itself): the hashes below were
 * computed by that code and must verify for as long as hash format 1 is read.
 */
public final class ChainSealedBeforeTheSplit {

    public static final SubjectId SUBJECT = SubjectId.parse("c:alice");

    public static final NewEvent GRANT = new NewEvent(EventId.parse("3f1c2a9e-5b7d-4e21-9a0c-6d8e1f2b3c4d"),
            SUBJECT, Topic.parse("purpose:newsletter"), Action.GRANT, "2026-11",
            Instant.parse("2026-11-02T09:15:30.123456789Z"), Source.BANNER, Actor.SELF, "JP",
            new Evidence("notice-3", "ja", "Mozilla/5.0 テスト", "192.0.2.0/24"), null, null);
    public static final NewEvent LINK = new NewEvent(EventId.parse("7a2b4c6d-8e9f-4a1b-8c2d-3e4f5a6b7c8d"),
            SUBJECT, null, Action.LINK, "2026-11", Instant.parse("2026-11-03T10:00:00Z"),
            Source.LOGIN_LINK, Actor.operator("op-7"), "US-CA", null,
            SubjectId.parse("v:0d9c8b7a6f5e4d3c8b2a1f0e9d8c7b6a"), null);
    public static final NewEvent CORRECTION = new NewEvent(EventId.parse("9b8a7c6d-5e4f-4321-8fed-cba987654321"),
            SUBJECT, Topic.parse("purpose:newsletter:email"), Action.WITHDRAW, "2026-12",
            Instant.parse("2026-12-24T23:59:59.5Z"), Source.CALL_CENTRE, Actor.GUARDIAN, "JP", null, null,
            GRANT.id());

    static final String GRANT_HASH = "161569b677bb61f4779ff0c3755ac28b946086c3ae743fe393e7c719f144ac08";
    static final String LINK_HASH = "88f4e426f4d8f5fecdf81fa2ff74b1aba05334481bf7e20b124cb87a1166636d";
    static final String CORRECTION_HASH = "cb50974c3974d6882e2c2149df22b0b4be95affe4b6ea94d864d98bdad57feb0";

    private ChainSealedBeforeTheSplit() {
    }

    /** The chain, in order, each event with the seal it was stored under. */
    public static List<ConsentEvent> chain() {
        return List.of(new ConsentEvent(GRANT, new Seal(1, "", GRANT_HASH)),
                new ConsentEvent(LINK, new Seal(2, GRANT_HASH, LINK_HASH)),
                new ConsentEvent(CORRECTION, new Seal(3, LINK_HASH, CORRECTION_HASH)));
    }
}
