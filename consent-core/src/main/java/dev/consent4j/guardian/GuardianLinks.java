package dev.consent4j.guardian;

import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/**
 * What a shop calls when a minor asks for their guardian's consent: a link to e-mail (or text) to
 * the guardian the minor named. Following it shows the guardian the shop, the account and each
 * purpose, and records the guardian's answers once.
 *
 * <pre>{@code
 * GuardianLinks links = new GuardianLinks(tokens, URI.create("https://shop.example/consent"));
 * GuardianLinks.Link link = links.forMinor(customer, List.of(Topic.purpose("newsletter")), "parent@example.jp", "kenta");
 * mailer.send("parent@example.jp", link.url());
 * }</pre>
 */
public final class GuardianLinks {

    private final GuardianConsentTokens tokens;
    private final String endpoint;

    /**
     * @param base the consent endpoints' public address, e.g. {@code https://shop.example/consent};
     *             HTTPS, except {@code http://localhost} for demos
     */
    public GuardianLinks(GuardianConsentTokens tokens, URI base) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(base, "base");
        String host = base.getHost() == null ? null : base.getHost().toLowerCase(Locale.ROOT);
        boolean local = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
        if (host == null || !("https".equalsIgnoreCase(base.getScheme()) || local && "http".equalsIgnoreCase(base.getScheme()))) {
            throw new IllegalArgumentException("a guardian-consent link needs an HTTPS address (http only for localhost), but was "
                    + base);
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("the base address takes no query or fragment, but was " + base);
        }
        String path = base.toString();
        this.endpoint = (path.endsWith("/") ? path : path + "/") + "guardian-consent?token=";
    }

    /**
     * A link for the guardian of {@code minor} about {@code topics}.
     *
     * @param guardianContact the guardian's address as the minor gave it; only its hash is kept
     * @param accountDisplay  how the page names the account (e.g. a nickname); shown as given
     */
    public Link forMinor(SubjectId minor, Collection<Topic> topics, String guardianContact, String accountDisplay) {
        GuardianConsentToken token = tokens.issueToken(minor, topics, guardianContact, accountDisplay);
        // The token is Base64url and dots only, so it needs no escaping in a query.
        return new Link(endpoint + tokens.seal(token), token.id(), token.expiresAt());
    }

    /**
     * @param url       the address to send the guardian
     * @param tokenId   the id the recorded events will name, for the shop's own log of requests sent
     * @param expiresAt when the link stops working
     */
    public record Link(String url, String tokenId, Instant expiresAt) {
    }
}
