package dev.consent4j.servlet;

import dev.consent4j.ConsentHistory;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.provision.ProvisionRecord;
import dev.consent4j.provision.ReceiptRecord;
import dev.consent4j.request.Disclosure;
import dev.consent4j.request.PersonalRequest;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The JSON bodies of {@code GET {base}/export} and of personal requests, as documented in {@code docs/http-api.md}. */
final class ExportViews {

    /**
     * The body of {@code GET {base}/export} (format 3); the ledger lists and {@code requests} are
     * empty unless personal requests are set up.
     */
    record Export(int format, @Nullable String subject, List<EventJson> events, Views.@Nullable State state,
            boolean chainValid, List<ProvisionJson> provisionRecords, List<ReceiptJson> receipts,
            List<RequestJson> requests, List<NotificationJson> notifications) {
    }

    /** A consent event with its evidence and hash; {@code archived} when its choice is on a topic no longer offered. */
    record EventJson(String id, long sequence, String time, @Nullable String topic, String action, String policyVersion,
            String source, String actor, @Nullable String operator, String jurisdiction, EvidenceJson evidence,
            @Nullable String linkedVisitor, @Nullable String supersedes, String hash, boolean archived) {
    }

    record EvidenceJson(@Nullable String noticeVersion, @Nullable String language, @Nullable String userAgent,
            @Nullable String network) {
    }

    record NotificationJson(String recipient, List<String> topics, String notifiedAt, String messageKey) {
    }

    record ProvisionJson(String id, String recipient, String kind, String ground, List<String> dataItems,
            String firstProvidedAt, String lastProvidedAt, String keepUntil, List<ProvisionEntry> entries) {
    }

    record ProvisionEntry(String subject, @Nullable String consentEvent) {
    }

    record ReceiptJson(String id, String provider, String providerAddress, String representative, String acquisition,
            List<String> dataItems, String receivedAt) {
    }

    /** A personal request as {@code {base}/requests} and the export answer it. */
    record RequestJson(String id, String subject, String kind, List<String> targets, @Nullable String details,
            String jurisdiction, String status, String receivedAt, String dueAt, @Nullable String resolvedAt,
            List<Step> steps) {
    }

    record Step(String status, String at, @Nullable String operator, @Nullable String note) {
    }

    /** The body of {@code GET {base}/requests} and {@code GET {base}/operator/requests}. */
    record RequestList(List<RequestJson> requests) {
    }

    private ExportViews() {
    }

    /** The version of the export format ({@code GET {base}/export}). */
    public static final int EXPORT_FORMAT = dev.consent4j.request.Disclosure.FORMAT;

    /** Everything kept about the caller: the disclosure a person may request. */
    public static Export export(ConsentHistory history, ConsentSettings settings) {
        return export(history, settings, List.of(), List.of(), List.of(), List.of());
    }

    private static Export export(ConsentHistory history, ConsentSettings settings, List<ProvisionJson> provisions,
            List<ReceiptJson> receipts, List<RequestJson> requests, List<NotificationJson> notifications) {
        List<EventJson> events = new ArrayList<>();
        StateFolder folder = history.state() == null ? null : new StateFolder(history.state().policy(), settings);
        for (ConsentEvent event : history.events()) {
            events.add(event(event, archived(folder, event)));
        }
        return new Export(EXPORT_FORMAT, history.subject() == null ? null : history.subject().toString(), events,
                history.state() == null ? null : Views.state(history.state(), settings),
                history.chain() == null || history.chain().valid(), provisions, receipts, requests, notifications);
    }

    private static EventJson event(ConsentEvent event, boolean archived) {
        return new EventJson(event.id().toString(), event.sequence(), event.time().toString(),
                event.topic() == null ? null : event.topic().toString(), event.action().name().toLowerCase(Locale.ROOT),
                event.policyVersion(), event.source().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                event.actor().kind().name().toLowerCase(Locale.ROOT), event.actor().operatorId(), event.jurisdiction(),
                new EvidenceJson(event.evidence().noticeVersion(), event.evidence().language(),
                        event.evidence().userAgent(), event.evidence().network()),
                event.linkedVisitor() == null ? null : event.linkedVisitor().toString(),
                event.supersedes() == null ? null : event.supersedes().toString(), event.hash(), archived);
    }

    /**
     * Whether the event's choice is archived under the current policy ({@link StateFolder#archive}):
     * its topic is no longer offered, or was removed after the event and added back.
     */
    private static boolean archived(@Nullable StateFolder folder, ConsentEvent event) {
        if (folder == null || event.topic() == null || event.action() == dev.consent4j.event.Action.LINK) {
            return false;
        }
        return folder.archive(Choice.of(event)) != null;
    }

    /** The export with the ledger and requests: what a disclosure request answers. */
    public static Export export(Disclosure disclosure, ConsentSettings settings) {
        return export(disclosure.history(), settings,
                disclosure.provisions().stream().map(ExportViews::provision).toList(),
                disclosure.receipts().stream().map(ExportViews::receipt).toList(),
                disclosure.requests().stream().map(ExportViews::request).toList(),
                disclosure.notifications().stream().map(ExportViews::notification).toList());
    }

    /** A recipient told of an opt-out: who, when, about which topics, for which outbox message. */
    public static NotificationJson notification(dev.consent4j.provision.NotificationRecord record) {
        return new NotificationJson(record.recipient(), record.topics().stream().map(Object::toString).toList(),
                record.notifiedAt().toString(), record.messageKey());
    }

    public static ProvisionJson provision(ProvisionRecord record) {
        return new ProvisionJson(record.id().toString(), record.recipient(), slug(record.kind().name()),
                slug(record.ground().name()), record.dataItems(), record.firstProvidedAt().toString(),
                record.lastProvidedAt().toString(), record.keepUntil().toString(), record.entries().stream()
                        .map(entry -> new ProvisionEntry(entry.subject().toString(),
                                entry.basisEvent() == null ? null : entry.basisEvent().toString()))
                        .toList());
    }

    static ReceiptJson receipt(ReceiptRecord record) {
        return new ReceiptJson(record.id().toString(), record.provenance().providerName(),
                record.provenance().providerAddress(), record.provenance().representative(),
                record.provenance().acquisition(), record.dataItems(), record.receivedAt().toString());
    }

    public static RequestJson request(PersonalRequest request) {
        return new RequestJson(request.id().toString(), request.subject().toString(), slug(request.kind().name()),
                request.targets(), request.details(), request.jurisdiction(), slug(request.status().name()),
                request.receivedAt().toString(), request.dueAt().toString(),
                request.resolvedAt().map(Object::toString).orElse(null), request.steps().stream()
                        .map(step -> new Step(slug(step.status().name()), step.at().toString(), step.operatorId(),
                                step.note()))
                        .toList());
    }

    private static String slug(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
