package dev.consent4j.outbox;

import dev.consent4j.event.EventId;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of an outbox message: what a webhook receives as its body and what the JDBC store
 * keeps in its payload column. Versioned by {@code format}; a reader refuses a format it does not
 * know. See docs/outbox.md for the fields.
 */
public final class OutboxJson {

    /** The format written; {@link #readEntry} refuses any other. */
    public static final int FORMAT = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private OutboxJson() {
    }

    /** The message as a webhook body: the entry, its position and its idempotency key. */
    public static String message(OutboxMessage message) {
        ObjectNode root = entryNode(message.entry());
        root.put("position", message.position());
        return MAPPER.writeValueAsString(root);
    }

    /** The entry alone, as the JDBC store keeps it. */
    public static String entry(OutboxEntry entry) {
        return MAPPER.writeValueAsString(entryNode(entry));
    }

    /**
     * Reads what {@link #entry} or {@link #message} wrote.
     *
     * @throws IllegalArgumentException when it is not such JSON, or of another format
     */
    public static OutboxEntry readEntry(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not an outbox entry: " + e.getOriginalMessage(), null);
        }
        int format = root.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new IllegalArgumentException("outbox entry in format " + format + ", which this version of consent4j does not read");
        }
        List<EventId> events = new ArrayList<>();
        for (JsonNode event : root.path("events")) {
            events.add(EventId.parse(event.asString()));
        }
        List<DecisionChange> changes = new ArrayList<>();
        for (JsonNode change : root.path("changes")) {
            Topic topic = Topic.parse(change.path("topic").asString());
            changes.add(new DecisionChange(topic, decision(topic, change.path("before")), decision(topic, change.path("after"))));
        }
        return new OutboxEntry(SubjectId.parse(root.path("subject").asString()), events, changes,
                root.path("policyVersion").asString(), root.path("jurisdiction").asString(),
                Instant.parse(root.path("recordedAt").asString()));
    }

    private static ObjectNode entryNode(OutboxEntry entry) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("key", entry.key());
        root.put("subject", entry.subject().toString());
        root.put("recordedAt", entry.recordedAt().toString());
        root.put("policyVersion", entry.policyVersion());
        root.put("jurisdiction", entry.jurisdiction());
        ArrayNode events = root.putArray("events");
        for (EventId id : entry.events()) {
            events.add(id.toString());
        }
        ArrayNode changes = root.putArray("changes");
        for (DecisionChange change : entry.changes()) {
            ObjectNode node = changes.addObject();
            node.put("topic", change.topic().toString());
            decision(node.putObject("before"), change.before());
            decision(node.putObject("after"), change.after());
        }
        return root;
    }

    private static void decision(ObjectNode node, Decision decision) {
        node.put("allowed", decision.allowed());
        node.put("reason", decision.reason().name());
        if (decision.since() != null) {
            node.put("since", decision.since().toString());
        }
        if (decision.policyVersion() != null) {
            node.put("policyVersion", decision.policyVersion());
        }
        if (decision.event() != null) {
            node.put("event", decision.event().toString());
        }
    }

    private static Decision decision(Topic topic, JsonNode node) {
        String since = node.path("since").asString(null);
        String event = node.path("event").asString(null);
        return new Decision(topic, node.path("allowed").asBoolean(), Reason.valueOf(node.path("reason").asString()),
                since == null ? null : Instant.parse(since), node.path("policyVersion").asString(null),
                event == null ? null : EventId.parse(event));
    }
}
