package dev.consent4j.spring.actuate;

import dev.consent4j.event.Topic;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.MinorRule;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.state.ConsentSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Tag values from the bounded sets the policy and settings declare, never from what a request
 * sent: anything else is {@link #OTHER}. Keeps the number of time series a shop's monitoring
 * stores proportional to its policy, whatever visitors send.
 */
final class MeterTags {

    static final String OTHER = "other";
    /** The topic of a login link, which has none. */
    static final String NONE = "none";

    private final Policy policy;
    private final Set<String> jurisdictions;

    MeterTags(Policy policy, ConsentSettings settings) {
        this.policy = policy;
        Set<String> named = new HashSet<>(settings.gpcHonouredIn());
        named.add(settings.defaultJurisdiction().code());
        for (Purpose purpose : policy.purposes()) {
            named.addAll(purpose.basis().overrides().keySet());
        }
        for (CookieCategory category : policy.cookieCategories()) {
            named.addAll(category.basis().overrides().keySet());
        }
        for (MinorRule rule : policy.minorRules()) {
            named.add(rule.jurisdiction());
        }
        this.jurisdictions = Set.copyOf(named);
    }

    /** {@code category:analytics}, {@code purpose:newsletter}, {@code purpose:newsletter:email} when the policy declares it. */
    String topic(@Nullable Topic topic) {
        if (topic == null) {
            return NONE;
        }
        boolean declared = switch (topic.kind()) {
            case CATEGORY -> policy.cookieCategory(topic.id()).isPresent();
            case PURPOSE -> policy.purpose(topic.id()).isPresent();
            case CONTACT -> policy.purpose(topic.id()).filter(p -> p.channels().contains(topic.channel())).isPresent();
        };
        return declared ? topic.toString() : OTHER;
    }

    String purpose(String purposeId) {
        return purposeId != null && policy.purpose(purposeId).isPresent() ? purposeId : OTHER;
    }

    /** A channel the purpose declares. */
    String channel(@Nullable String purposeId, String channel) {
        return purposeId != null && policy.purpose(purposeId).filter(p -> p.channels().contains(channel)).isPresent()
                ? channel : OTHER;
    }

    String category(String categoryId) {
        return categoryId != null && policy.cookieCategory(categoryId).isPresent() ? categoryId : OTHER;
    }

    /**
     * The most specific code the policy or settings name for where the shopper is: {@code EU}
     * for {@code FR} when only the EU has rules of its own, {@code US} for {@code US-CA}.
     */
    String jurisdiction(String code) {
        if (code == null || !Jurisdiction.isValidCode(code)) {
            return OTHER;
        }
        List<String> chain = Jurisdiction.of(code).lookupChain();
        for (String candidate : chain) {
            if (jurisdictions.contains(candidate)) {
                return candidate;
            }
        }
        return OTHER;
    }

    /** An enum constant as tags spell it: {@code PREFERENCE_CENTRE} → {@code preference-centre}. */
    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
