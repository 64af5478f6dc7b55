package dev.consent4j.policy;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A tag, pixel or SDK that makes the browser send information to a recipient: the unit of
 * Japan's external-transmission notice (外部送信規律) and of blocking.
 *
 * @param hosts            hosts it loads from or sends to, exact or {@code *.example.com}
 * @param resourceKinds    which kinds of requests it makes (for the CSP directives to open)
 * @param cookies          names of the cookies it sets (declared under its category)
 * @param sentData         what it sends, one entry per item
 * @param sitePurpose      why the shop uses it
 * @param recipientPurpose what the recipient uses the information for
 */
public record Tracker(
        String id,
        String recipient,
        String category,
        String serviceName,
        List<String> hosts,
        Set<ResourceKind> resourceKinds,
        List<String> cookies,
        List<LocalizedText> sentData,
        LocalizedText sitePurpose,
        LocalizedText recipientPurpose) {

    /** The kinds of browser requests a tracker makes, each governed by its own CSP directive. */
    public enum ResourceKind {
        SCRIPT("script-src"), CONNECT("connect-src"), IMG("img-src"), FRAME("frame-src");

        private final String directive;

        ResourceKind(String directive) {
            this.directive = directive;
        }

        /** The Content-Security-Policy directive that governs this kind of request. */
        public String directive() {
            return directive;
        }
    }

    public Tracker {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(category, "category");
        serviceName = serviceName == null ? id : serviceName;
        hosts = List.copyOf(hosts);
        resourceKinds = resourceKinds.isEmpty() ? Set.of(ResourceKind.values()) : Set.copyOf(resourceKinds);
        cookies = List.copyOf(cookies);
        sentData = List.copyOf(sentData);
        sitePurpose = sitePurpose == null ? LocalizedText.EMPTY : sitePurpose;
        recipientPurpose = recipientPurpose == null ? LocalizedText.EMPTY : recipientPurpose;
    }
}
