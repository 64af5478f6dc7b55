package dev.consent4j.store.jdbc;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Seal;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.chain.EventChain;
import dev.consent4j.store.ConsentStoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collections;
import org.jspecify.annotations.Nullable;

/** How an event is written to and read from a row of the event table (format {@link EventChain#FORMAT}). */
final class EventRows {

    static final String COLUMNS = "id, subject, seq, topic, action, policy_version, time_seconds, time_nanos,"
            + " source, actor, operator_id, jurisdiction, notice_version, language, user_agent, network,"
            + " linked_visitor, supersedes, previous_hash, hash, format";

    private EventRows() {
    }

    static void bind(PreparedStatement insert, ConsentEvent event) throws SQLException {
        insert.setString(1, event.id().toString());
        insert.setString(2, event.subject().toString());
        insert.setLong(3, event.sequence());
        text(insert, 4, event.topic() == null ? null : event.topic().toString());
        insert.setString(5, event.action().name());
        insert.setString(6, event.policyVersion());
        insert.setLong(7, event.time().getEpochSecond());
        insert.setInt(8, event.time().getNano());
        insert.setString(9, event.source().name());
        insert.setString(10, event.actor().kind().name());
        text(insert, 11, event.actor().operatorId());
        insert.setString(12, event.jurisdiction());
        text(insert, 13, event.evidence().noticeVersion());
        text(insert, 14, event.evidence().language());
        text(insert, 15, event.evidence().userAgent());
        text(insert, 16, event.evidence().network());
        text(insert, 17, event.linkedVisitor() == null ? null : event.linkedVisitor().toString());
        text(insert, 18, event.supersedes() == null ? null : event.supersedes().toString());
        insert.setString(19, event.previousHash());
        insert.setString(20, event.hash());
        insert.setInt(21, EventChain.FORMAT);
    }

    private static void text(PreparedStatement statement, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    static ConsentEvent read(ResultSet rows) throws SQLException {
        int format = rows.getInt("format");
        if (format != EventChain.FORMAT) {
            throw new ConsentStoreException("event " + rows.getString("id") + " is stored in format " + format
                    + ", which this version of consent4j does not read");
        }
        String topic = rows.getString("topic");
        String operator = rows.getString("operator_id");
        Actor.Kind kind = Actor.Kind.valueOf(rows.getString("actor"));
        String linked = rows.getString("linked_visitor");
        String supersedes = rows.getString("supersedes");
        return new ConsentEvent(new NewEvent(
                EventId.parse(rows.getString("id")),
                SubjectId.parse(rows.getString("subject")),
                topic == null ? null : Topic.parse(topic),
                Action.valueOf(rows.getString("action")),
                rows.getString("policy_version"),
                Instant.ofEpochSecond(rows.getLong("time_seconds"), rows.getInt("time_nanos")),
                Source.valueOf(rows.getString("source")),
                kind == Actor.Kind.OPERATOR ? Actor.operator(operator) : new Actor(kind, null),
                rows.getString("jurisdiction"),
                new Evidence(rows.getString("notice_version"), rows.getString("language"), rows.getString("user_agent"),
                        rows.getString("network")),
                linked == null ? null : SubjectId.parse(linked),
                supersedes == null ? null : EventId.parse(supersedes)),
                new Seal(rows.getLong("seq"), rows.getString("previous_hash"), rows.getString("hash")));
    }

    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
