package dev.consent4j.servlet;

import dev.consent4j.ConsentHistory;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.provision.ProvisionRecord;
import dev.consent4j.provision.ReceiptRecord;
import dev.consent4j.request.Disclosure;
import dev.consent4j.request.PersonalRequest;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.fold.StateFolder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON bodies of {@code GET {base}/export} and of personal requests, as documented in {@code docs/http-api.md}. */
final class ExportViews {

    private ExportViews() {
    }

    /** The version of the export format ({@code GET {base}/export}). */
    public static final int EXPORT_FORMAT = dev.consent4j.request.Disclosure.FORMAT;

    /** Everything kept about the caller: the disclosure a person may request. */
    public static Map<String, Object> export(ConsentHistory history, ConsentSettings settings) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("format", EXPORT_FORMAT);
        view.put("subject", history.subject() == null ? null : history.subject().toString());
        List<Map<String, Object>> events = new ArrayList<>();
        StateFolder folder = history.state() == null ? null : new StateFolder(history.state().policy(), settings);
        for (ConsentEvent event : history.events()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", event.id().toString());
            e.put("sequence", event.sequence());
            e.put("time", event.time().toString());
            e.put("topic", event.topic() == null ? null : event.topic().toString());
            e.put("action", event.action().name().toLowerCase(Locale.ROOT));
            e.put("policyVersion", event.policyVersion());
            e.put("source", event.source().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            e.put("actor", event.actor().kind().name().toLowerCase(Locale.ROOT));
            e.put("operator", event.actor().operatorId());
            e.put("jurisdiction", event.jurisdiction());
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("noticeVersion", event.evidence().noticeVersion());
            evidence.put("language", event.evidence().language());
            evidence.put("userAgent", event.evidence().userAgent());
            evidence.put("network", event.evidence().network());
            e.put("evidence", evidence);
            e.put("linkedVisitor", event.linkedVisitor() == null ? null : event.linkedVisitor().toString());
            e.put("supersedes", event.supersedes() == null ? null : event.supersedes().toString());
            e.put("hash", event.hash());
            e.put("archived", archived(folder, event));
            events.add(e);
        }
        view.put("events", events);
        view.put("state", history.state() == null ? null : Views.state(history.state(), settings));
        view.put("chainValid", history.chain() == null || history.chain().valid());
        view.put("provisionRecords", List.of());
        view.put("receipts", List.of());
        view.put("requests", List.of());
        view.put("notifications", List.of());
        return view;
    }

    /**
     * Whether the event's choice is archived under the current policy ({@link StateFolder#archive}):
     * its topic is no longer offered, or was removed after the event and added back.
     */
    private static boolean archived(StateFolder folder, ConsentEvent event) {
        if (folder == null || event.topic() == null || event.action() == dev.consent4j.event.Action.LINK) {
            return false;
        }
        return folder.archive(Choice.of(event)) != null;
    }

    /** The export with the ledger and requests: what a disclosure request answers. */
    public static Map<String, Object> export(Disclosure disclosure, ConsentSettings settings) {
        Map<String, Object> view = export(disclosure.history(), settings);
        view.put("provisionRecords", disclosure.provisions().stream().map(ExportViews::provision).toList());
        view.put("receipts", disclosure.receipts().stream().map(ExportViews::receipt).toList());
        view.put("requests", disclosure.requests().stream().map(ExportViews::request).toList());
        view.put("notifications", disclosure.notifications().stream().map(ExportViews::notification).toList());
        return view;
    }

    /** A recipient told of an opt-out: who, when, about which topics, for which outbox message. */
    public static Map<String, Object> notification(dev.consent4j.provision.NotificationRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("recipient", record.recipient());
        view.put("topics", record.topics().stream().map(Object::toString).toList());
        view.put("notifiedAt", record.notifiedAt().toString());
        view.put("messageKey", record.messageKey());
        return view;
    }

    public static Map<String, Object> provision(ProvisionRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", record.id().toString());
        view.put("recipient", record.recipient());
        view.put("kind", slug(record.kind().name()));
        view.put("ground", slug(record.ground().name()));
        view.put("dataItems", record.dataItems());
        view.put("firstProvidedAt", record.firstProvidedAt().toString());
        view.put("lastProvidedAt", record.lastProvidedAt().toString());
        view.put("keepUntil", record.keepUntil().toString());
        view.put("entries", record.entries().stream().map(entry -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("subject", entry.subject().toString());
            e.put("consentEvent", entry.basisEvent() == null ? null : entry.basisEvent().toString());
            return e;
        }).toList());
        return view;
    }

    static Map<String, Object> receipt(ReceiptRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", record.id().toString());
        view.put("provider", record.provenance().providerName());
        view.put("providerAddress", record.provenance().providerAddress());
        view.put("representative", record.provenance().representative());
        view.put("acquisition", record.provenance().acquisition());
        view.put("dataItems", record.dataItems());
        view.put("receivedAt", record.receivedAt().toString());
        return view;
    }

    public static Map<String, Object> request(PersonalRequest request) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", request.id().toString());
        view.put("subject", request.subject().toString());
        view.put("kind", slug(request.kind().name()));
        view.put("targets", request.targets());
        view.put("details", request.details());
        view.put("jurisdiction", request.jurisdiction());
        view.put("status", slug(request.status().name()));
        view.put("receivedAt", request.receivedAt().toString());
        view.put("dueAt", request.dueAt().toString());
        view.put("resolvedAt", request.resolvedAt().map(Object::toString).orElse(null));
        view.put("steps", request.steps().stream().map(step -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("status", slug(step.status().name()));
            s.put("at", step.at().toString());
            s.put("operator", step.operatorId());
            s.put("note", step.note());
            return s;
        }).toList());
        return view;
    }

    private static String slug(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
