package dev.consent4j.policy.disclosure;

import dev.consent4j.policy.disclosure.DisclosureDocument.ChangeEntry;
import dev.consent4j.policy.disclosure.DisclosureDocument.DataAbroadEntry;
import dev.consent4j.policy.disclosure.DisclosureDocument.GroundEntry;
import dev.consent4j.policy.disclosure.DisclosureDocument.PartyEntry;
import dev.consent4j.policy.disclosure.DisclosureDocument.RecipientEntry;
import dev.consent4j.policy.disclosure.DisclosureDocument.RevisionEntry;
import dev.consent4j.policy.disclosure.DisclosureDocument.SourceEntry;
import dev.consent4j.policy.disclosure.DisclosureDocument.TrackerEntry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a disclosure shows and in which order, whatever the output format: the HTML and Markdown
 * writers only lay this out, so the two never disagree on what is disclosed.
 */
record Outline(
        String language,
        String title,
        String operatorHeading,
        List<Field> operator,
        String versionLine,
        String transmissionHeading,
        List<String> trackerColumns,
        List<List<String>> trackerRows,
        String noTransmission,
        String recipientsHeading,
        List<Section> recipients,
        String noRecipients,
        String sourcesHeading,
        List<Section> sources,
        String abroadHeading,
        List<Field> abroad,
        String historyHeading,
        List<Section> history) {

    /** A labelled value; {@code link} is set when the value is an address worth linking. */
    record Field(String label, String value, @Nullable URI link) {
    }

    /** One recipient: a heading, an anchor and its fields. */
    record Section(String anchor, String heading, List<Field> fields) {
    }

    static Outline of(DisclosureDocument document) {
        Labels labels = Labels.of(document.language());
        List<List<String>> rows = new ArrayList<>();
        for (TrackerEntry tracker : document.trackers()) {
            rows.add(List.of(tracker.service(), tracker.recipient(), tracker.category(),
                    String.join(labels.listSeparator(), tracker.hosts()),
                    String.join(labels.listSeparator(), tracker.sentData()), tracker.sitePurpose(),
                    tracker.recipientPurpose()));
        }
        return new Outline(document.language(), labels.title(), labels.operator(), party(document.operator(), labels),
                String.join(labels.listSeparator(), labels.policy() + " " + document.policyId(),
                        labels.version() + " " + document.version(),
                        labels.effectiveDate() + " " + document.effectiveDate()),
                labels.transmission(),
                List.of(labels.service(), labels.recipient(), labels.category(), labels.hosts(), labels.sentData(),
                        labels.sitePurpose(), labels.recipientPurpose()),
                rows, labels.noTransmission(), labels.recipients(),
                document.recipients().stream().map(r -> recipient(r, labels, document.language())).toList(), labels.noRecipients(),
                labels.sources(), document.sources().stream().map(source -> source(source, labels)).toList(),
                labels.abroad(), abroad(document.dataAbroad(), labels),
                labels.history(), document.history().stream().map(revision -> revision(revision, labels)).toList());
    }

    private static Section source(SourceEntry source, Labels labels) {
        List<Field> fields = new ArrayList<>(party(source.provider(), labels));
        add(fields, labels.acquisition(), source.acquisition());
        add(fields, labels.receivedItems(), String.join(labels.listSeparator(), source.dataItems()));
        add(fields, labels.purposes(), String.join(labels.listSeparator(), source.purposes()));
        return new Section("source-" + source.id(), source.provider().name(), fields);
    }

    private static List<Field> abroad(@Nullable DataAbroadEntry abroad, Labels labels) {
        List<Field> fields = new ArrayList<>();
        if (abroad != null) {
            add(fields, labels.countries(), abroad.countries().isEmpty() ? labels.notAbroad()
                    : String.join(labels.listSeparator(), abroad.countries()));
            add(fields, labels.abroadNote(), abroad.note());
        }
        return fields;
    }

    private static Section revision(RevisionEntry revision, Labels labels) {
        List<Field> fields = new ArrayList<>();
        for (ChangeEntry change : revision.changes()) {
            add(fields, labels.change(change.kind()), change.description().isEmpty() ? change.topic()
                    : change.topic() + labels.dash() + change.description());
        }
        String heading = labels.version() + " " + revision.version()
                + (revision.effectiveDate() == null ? "" : labels.listSeparator() + labels.effectiveDate() + " "
                        + revision.effectiveDate());
        return new Section("version-" + revision.version(), heading, fields);
    }

    private static Section recipient(RecipientEntry recipient, Labels labels, String language) {
        String separator = labels.listSeparator();
        List<Field> fields = new ArrayList<>();
        add(fields, labels.relation(), labels.relation(recipient.relation()));
        add(fields, labels.legalBasis(), labels.legalBasis(recipient.relation(), recipient.optOutRoute() != null));
        if (recipient.successionStartDate() != null) {
            add(fields, labels.successionStartDate(), String.valueOf(recipient.successionStartDate()));
        }
        for (GroundEntry ground : recipient.legalGrounds()) {
            String value = labels.ground(ground.ground())
                    + (ground.purposes().isEmpty() ? "" : labels.dash() + String.join(labels.listSeparator(), ground.purposes()))
                    + (ground.description().isEmpty() ? "" : labels.dash() + ground.description());
            add(fields, labels.legalGround(), value);
        }
        add(fields, labels.country(), String.join(separator, recipient.countries().stream()
                .map(code -> countryName(code, language)).toList()));
        if (!recipient.examples().isEmpty() || recipient.andOthers()) {
            add(fields, labels.examples(), String.join(labels.listSeparator(), recipient.examples())
                    + (recipient.andOthers() ? labels.andOthers() : ""));
        }
        add(fields, labels.dataItems(), String.join(separator, recipient.dataItems()));
        add(fields, labels.purposes(), String.join(separator, recipient.purposes()));
        if (recipient.privacyNotice() != null) {
            URI notice = recipient.privacyNotice();
            String scheme = notice.getScheme() == null ? "" : notice.getScheme().toLowerCase(Locale.ROOT);
            boolean linkable = scheme.equals("https") || scheme.equals("http");
            fields.add(new Field(labels.privacyNotice(), notice.toString(), linkable ? notice : null));
        }
        if (recipient.linksToPerson()) {
            add(fields, labels.linksToPerson(), labels.yes());
        }
        if (recipient.jointUse() != null) {
            add(fields, labels.jointUseDataItems(), String.join(separator, recipient.jointUse().dataItems()));
            add(fields, labels.jointUsers(), recipient.jointUse().jointUsers());
            add(fields, labels.jointUsePurposes(), recipient.jointUse().purposes());
            PartyEntry responsible = recipient.jointUse().responsible();
            for (Field field : party(responsible, labels)) {
                fields.add(new Field(labels.part(labels.responsible(), field.label()), field.value(), null));
            }
        }
        if (recipient.foreignTransfer() != null) {
            add(fields, labels.foreignSystem(), recipient.foreignTransfer().systemInfo());
            add(fields, labels.recipientMeasures(), recipient.foreignTransfer().recipientMeasures());
        }
        if (recipient.optOutRoute() != null) {
            add(fields, labels.acquisitionMethod(), recipient.optOutRoute().acquisitionMethod());
            add(fields, labels.provisionMethod(), recipient.optOutRoute().provisionMethod());
            add(fields, labels.requestMethod(), recipient.optOutRoute().requestMethod());
            add(fields, labels.updateMethod(), recipient.optOutRoute().updateMethod());
            add(fields, labels.startDate(), String.valueOf(recipient.optOutRoute().startDate()));
        }
        return new Section("recipient-" + recipient.id(), recipient.name(), fields);
    }

    /** The country's name in the document's language, with its code: {@code 日本（JP）}, {@code Japan (JP)}. */
    static String countryName(String code, String language) {
        String name = DisclosureDocument.country(language, code);
        if (name.equals(code)) {
            return code;
        }
        return "ja".equals(language) ? name + "（" + code + "）" : name + " (" + code + ")";
    }

    private static List<Field> party(PartyEntry party, Labels labels) {
        List<Field> fields = new ArrayList<>();
        add(fields, labels.name(), party.name());
        add(fields, labels.address(), party.address());
        add(fields, labels.representative(), party.representative());
        add(fields, labels.contact(), party.contact());
        return fields;
    }

    /** Adds the field unless the policy left it empty. */
    private static void add(List<Field> fields, String label, String value) {
        if (value != null && !value.isBlank()) {
            fields.add(new Field(label, value, null));
        }
    }
}
