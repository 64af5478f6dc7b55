package dev.consent4j.policy;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Someone who receives personal data (or personally referable information) from the shop.
 *
 * @param countries       ISO 3166-1 alpha-2 codes of where the recipient handles the data, at least one;
 *                        {@link #country()} is the first
 * @param hosts           hosts the recipient's tags talk to, exact or {@code *.example.com}
 * @param linksToPerson   whether the recipient is expected to link personally referable
 *                        information to a person (APPI art. 31: consent must be confirmed first)
 * @param jointUse        required when the relation is {@link Relation#JOINT_USER}
 * @param foreignTransfer required for a third party outside Japan
 * @param optOutRoute     a filed opt-out route, when the shop provides data without consent
 * @param grounds         grounds for provision without consent (APPI art. 27(1) and (5)), per purpose
 * @param examples        for a recipient described by category ("ad networks"), the names given as examples
 * @param andOthers       whether the category has members beyond {@code examples} ("… and others")
 * @param successionStartDate for a successor whose succession is planned, the day it takes the business
 *                        over; before it, the provision gate gives it nothing. {@code null} when the
 *                        succession has taken place or no date is declared
 */
public record Recipient(
        String id,
        LocalizedText name,
        Relation relation,
        List<String> countries,
        List<String> hosts,
        List<String> dataItems,
        List<String> purposes,
        @Nullable URI privacyNotice,
        boolean linksToPerson,
        @Nullable JointUse jointUse,
        @Nullable ForeignTransfer foreignTransfer,
        @Nullable OptOutRoute optOutRoute,
        List<ProvisionGround> grounds,
        List<String> examples,
        boolean andOthers,
        @Nullable LocalDate successionStartDate) {

    public Recipient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(relation, "relation");
        countries = List.copyOf(countries);
        if (countries.isEmpty()) {
            throw new IllegalArgumentException("a recipient handles data in at least one country, but " + id + " has none");
        }
        if (Set.copyOf(countries).size() != countries.size()) {
            throw new IllegalArgumentException("a recipient's countries are listed once each, but " + id + " has " + countries);
        }
        hosts = List.copyOf(hosts);
        dataItems = List.copyOf(dataItems);
        purposes = List.copyOf(purposes);
        grounds = List.copyOf(grounds);
        examples = List.copyOf(examples);
        if (successionStartDate != null && relation != Relation.SUCCESSOR) {
            throw new IllegalArgumentException("only a successor has a succession start date, but " + id + " is a "
                    + relation.id());
        }
    }

    /** A recipient with no planned succession. */
    public Recipient(String id, LocalizedText name, Relation relation, String country, List<String> hosts,
            List<String> dataItems, List<String> purposes, @Nullable URI privacyNotice, boolean linksToPerson,
            @Nullable JointUse jointUse, @Nullable ForeignTransfer foreignTransfer, @Nullable OptOutRoute optOutRoute,
            List<ProvisionGround> grounds, List<String> examples, boolean andOthers) {
        this(id, name, relation, List.of(Objects.requireNonNull(country, "country")), hosts, dataItems, purposes,
                privacyNotice, linksToPerson, jointUse, foreignTransfer, optOutRoute, grounds, examples, andOthers, null);
    }

    /** A recipient named one by one, with no grounds declared. */
    public Recipient(String id, LocalizedText name, Relation relation, String country, List<String> hosts,
            List<String> dataItems, List<String> purposes, URI privacyNotice, boolean linksToPerson, JointUse jointUse,
            ForeignTransfer foreignTransfer, OptOutRoute optOutRoute) {
        this(id, name, relation, country, hosts, dataItems, purposes, privacyNotice, linksToPerson, jointUse,
                foreignTransfer, optOutRoute, List.of(), List.of(), false);
    }

    /** Whether the succession has begun on {@code today}: always, unless a later start date is declared. */
    public boolean successionStarted(LocalDate today) {
        return successionStartDate == null || !today.isBefore(successionStartDate);
    }

    /** The declared ground that covers provision for {@code purposeId}, or {@code null}. */
    public @Nullable ProvisionGround groundFor(String purposeId) {
        for (ProvisionGround ground : grounds) {
            if (ground.covers(purposeId)) {
                return ground;
            }
        }
        return null;
    }

    /** Whether the recipient is a category described by examples rather than one named party. */
    public boolean describedByCategory() {
        return !examples.isEmpty() || andOthers;
    }

    /** The first of {@link #countries()}: the one country of a recipient that names one. */
    public String country() {
        return countries.get(0);
    }

    /** The countries other than Japan where the recipient handles data, in policy order. */
    public List<String> foreignCountries() {
        return countries.stream().filter(c -> !"JP".equals(c)).toList();
    }

    /** Whether data sent to this recipient leaves Japan: one of its countries is not Japan. */
    public boolean foreign() {
        return countries.stream().anyMatch(c -> !"JP".equals(c));
    }
}
